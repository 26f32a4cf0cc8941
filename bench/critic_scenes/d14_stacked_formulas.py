# Defect: two long formulas anchored in neighbouring cells of one row collide.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Difference of squares"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("A useful identity"), run_time=1.0)
            lhs = self.name("expanded", self.place(formula("a^2 - b^2 = (a + b)(a - b)"), "B3"))
            self.play(Write(lhs), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("With numbers"), run_time=0.6)
            example = self.name("example", self.place(formula("49 - 9 = (7 + 3)(7 - 3) = 40"), "B5"))
            self.play(Write(example), run_time=0.8)
