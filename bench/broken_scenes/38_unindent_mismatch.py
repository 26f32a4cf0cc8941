# Section 38: Multiplying by ten
from code2video.render.kit import *


class Section38(LessonScene):
    section_title = "Times ten"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a number
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Take 45"), run_time=1.0)
            number = Text("45", font_size=72)
            v["n"] = self.place(number, "C3")
            self.play(Write(v["n"]), run_time=1.0)
        # Beat 2 (3.5 s): digits move left
        with self.beat(3.5):
            self.play(*self.caption_animation("Every digit moves one place left"), run_time=0.8)
            bigger = Text("450", font_size=72)
            self.place(bigger, "C3")
            for digit in v["n"]:
                    self.play(digit.animate.shift(LEFT * 0.4), run_time=0.4)
                self.play(FadeIn(bigger[-1]), run_time=0.6)
        # Beat 3 (3.0 s): 450
        with self.beat(3.0):
            self.play(*self.caption_animation("45 × 10 = 450"), run_time=0.8)
