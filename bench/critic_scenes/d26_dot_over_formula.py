# Defect (written after the critic changes): a filled marker dropped on top of a formula.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "The quadratic formula"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Roots of a x² + b x + c"), run_time=1.0)
            roots = self.name("roots", self.place_area(formula("x = (-b plus.minus sqrt(b^2 - 4 a c)) / (2 a)"),
                                                       "B1:C6", max_scale=1.3))
            self.play(Write(roots), run_time=1.2)
        with self.beat(2.5):
            self.play(*self.caption_animation("The discriminant"), run_time=0.6)
            marker = self.name("marker", Circle(radius=0.35, color=kit_color("red")).set_fill(kit_color("red"), 0.9))
            marker.move_to(roots.get_center() + RIGHT * 0.4)
            self.play(FadeIn(marker), run_time=0.6)
