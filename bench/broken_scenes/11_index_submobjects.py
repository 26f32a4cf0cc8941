# Section 11: Highlighting a word
from code2video.render.kit import *


class Section11(LessonScene):
    section_title = "Reading a definition"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the sentence
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Read it word by word"), run_time=1.0)
            words = VGroup(Text("A", font_size=40), Text("prime", font_size=40), Text("has", font_size=40),
                           Text("two", font_size=40), Text("divisors", font_size=40)).arrange(RIGHT, buff=0.25)
            v["sentence"] = self.place_area(words, "B1:C6")
            self.play(Write(v["sentence"]), run_time=1.4)
        # Beat 2 (3.0 s): stress the key word
        with self.beat(3.0):
            self.play(*self.caption_animation("The key word is 'prime'"), run_time=0.8)
            self.play(words[1].animate.set_color(YELLOW), run_time=0.8)
        # Beat 3 (3.5 s): and the count
        with self.beat(3.5):
            self.play(*self.caption_animation("Exactly two divisors"), run_time=0.8)
            box = SurroundingRectangle(VGroup(words[3], words[5]), color=ORANGE, buff=0.1)
            self.play(Create(box), run_time=1.0)
        # Beat 4 (2.5 s): examples
        with self.beat(2.5):
            self.play(*self.caption_animation("2, 3, 5, 7 ..."), run_time=0.8)
