# Defect: a formula sized for the bottom rows, then nudged down past the bottom of the frame.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Compound interest"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Money grows on money"), run_time=1.0)
            start = self.name("principal", self.place_area(label("100 at 5% a year", "normal"), "B2:B5",
                                                          max_scale=1.0))
            self.play(FadeIn(start), run_time=0.6)
        with self.beat(3.0):
            self.play(*self.caption_animation("After n years"), run_time=0.6)
            growth = self.place_area(formula("A = P (1 + r)^n"), "E2:F5", max_scale=1.8)
            growth = self.name("growth", growth.shift(DOWN * 0.9))
            self.play(Write(growth), run_time=1.0)
