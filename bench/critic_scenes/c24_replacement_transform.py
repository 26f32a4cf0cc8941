# Clean: a shape replaced in place by another; a caption names each.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Squaring the circle"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("A circle of radius one"), run_time=1.0)
            disc = self.name("disc", self.place_area(Circle(radius=1, color=kit_color("blue")), "B2:D4", max_scale=1.0))
            self.play(Create(disc), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("A square of equal area"), run_time=0.6)
            square = self.name("square", Square(side_length=np.sqrt(PI), color=kit_color("orange")).move_to(disc))
            self.play(ReplacementTransform(disc, square), run_time=1.0)
        with self.beat(2.0):
            side = self.name("side", self.place_area(formula("s = sqrt(pi)"), "E2:E4", max_scale=1.2))
            self.play(Write(side), run_time=0.8)
