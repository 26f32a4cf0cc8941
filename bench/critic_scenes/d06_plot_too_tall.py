# Defect: a plot placed at its natural size on row B grows into the title band and over the title.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Growth curves"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Exponential growth"), run_time=1.0)
            curve = axes_plot((0, 4, 1), (0, 16, 4), functions=[(lambda x: 2 ** x, "green", None, None)])
            curve = self.name("growth-plot", self.place(curve, "B3"))
            self.play(Create(curve), run_time=1.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("Doubling every step"), run_time=0.6)
            self.play(indicate(curve), run_time=1.0)
