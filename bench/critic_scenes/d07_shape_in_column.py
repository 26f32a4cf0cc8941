# Defect: a square drawn in the lecture-line column, below the captions.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Squares and area"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Side times side"), run_time=1.0)
            big = self.name("big-square", self.place(Square(side_length=2, color=kit_color("blue")), "C3"))
            self.play(Create(big), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("A unit square"), run_time=0.6)
            unit = self.name("unit-square", Square(side_length=0.8, color=kit_color("yellow")).move_to([-4.6, -2.6, 0]))
            self.play(Create(unit), run_time=0.6)
