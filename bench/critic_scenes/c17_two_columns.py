# Clean: a before/after comparison in two columns, each a heading over a formula.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Before and after"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Expand the bracket"), run_time=1.0)
            left_head = self.name("before-head", self.place_area(label("before", "normal", "gray"), "A1:A3",
                                                                 max_scale=1.0))
            left = self.name("before", self.place_area(formula("(a + b)^2"), "B1:C3", max_scale=1.5))
            self.play(FadeIn(left_head), Write(left), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Three terms appear"), run_time=0.6)
            right_head = self.name("after-head", self.place_area(label("after", "normal", "gray"), "A4:A6",
                                                                 max_scale=1.0))
            right = self.name("after", self.place_area(formula("a^2 + 2 a b + b^2"), "B4:C6", max_scale=1.5))
            self.play(FadeIn(right_head), Write(right), run_time=1.0)
        with self.beat(2.0):
            link = self.name("link", Arrow(left.get_right(), right.get_left(), buff=0.2, color=kit_color("yellow")))
            self.play(GrowArrow(link), run_time=0.6)
