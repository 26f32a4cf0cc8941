# Defect: a wide formula anchored next to a circle runs into it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Circumference"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Once round the circle"), run_time=1.0)
            wheel = self.name("wheel", self.place(Circle(radius=0.9, color=kit_color("teal")), "C2"))
            self.play(Create(wheel), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("Two pi times r"), run_time=0.6)
            rule = self.name("circumference", self.place(formula("C = 2 pi r approx 6.28 r").scale(1.3), "C3"))
            self.play(Write(rule), run_time=0.8)
