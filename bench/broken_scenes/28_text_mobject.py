# Section 28: Even and odd numbers
from code2video.render.kit import *


class Section28(LessonScene):
    section_title = "Even and odd"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): pairs of dots
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Can you pair them all up?"), run_time=1.0)
            six = VGroup(*[Dot(radius=0.14, color=BLUE) for _ in range(6)]).arrange_in_grid(rows=2, buff=0.4)
            v["six"] = self.place(six, "B2")
            self.play(FadeIn(v["six"]), run_time=1.0)
        # Beat 2 (3.0 s): six is even
        with self.beat(3.0):
            self.play(*self.caption_animation("Six pairs up exactly"), run_time=0.8)
            word = TextMobject("even")
            v["even"] = self.place(word.set_color(GREEN), "D2")
            self.play(Write(v["even"]), run_time=1.0)
        # Beat 3 (3.5 s): seven is odd
        with self.beat(3.5):
            self.play(*self.caption_animation("Seven leaves one over"), run_time=0.8)
            seven = VGroup(*[Dot(radius=0.14, color=ORANGE) for _ in range(7)]).arrange_in_grid(rows=2, buff=0.4)
            v["seven"] = self.place(seven, "B5")
            self.play(FadeIn(v["seven"]), run_time=1.0)
