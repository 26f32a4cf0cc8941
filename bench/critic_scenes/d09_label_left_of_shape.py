# Defect: a label put to the left of a shape in column 1 lands in the lecture-line column.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Magnets"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Two poles"), run_time=1.0)
            bar = self.name("magnet", self.place(Rectangle(width=1.2, height=0.5, color=kit_color("red")), "E1"))
            self.play(Create(bar), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("North pole on the left"), run_time=0.6)
            north = self.name("north", label("north pole", "small", "red").next_to(bar, LEFT, buff=0.2))
            self.play(FadeIn(north), run_time=0.6)
        with self.beat(2.0):
            field = self.name("field", self.place_area(label("field lines loop round", "small"), "C3:C5", max_scale=1.0))
            self.play(FadeIn(field), run_time=0.6)
