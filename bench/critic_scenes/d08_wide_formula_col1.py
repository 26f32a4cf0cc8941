# Defect: a long formula anchored at D1 at its natural size spills left into the lecture column.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Polynomials"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Powers of x"), run_time=1.0)
            degree = self.name("degree", self.place_area(label("degree 4", "normal"), "A4:A6", max_scale=1.0))
            self.play(FadeIn(degree), run_time=0.6)
        with self.beat(3.0):
            self.play(*self.caption_animation("Add them with weights"), run_time=0.6)
            poly = formula("p(x) = a_0 + a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4").scale(1.2)
            poly = self.name("poly", self.place(poly, "D1"))
            self.play(Write(poly), run_time=1.2)
