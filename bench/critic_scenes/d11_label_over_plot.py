# Defect: a remark placed in the middle of a plot, across the curve and the axes.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Cooling"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Hot tea cools down"), run_time=1.0)
            plot = axes_plot((0, 10, 2), (0, 100, 20), functions=[(lambda t: 20 + 70 * 0.8 ** t, "red", None, None)])
            plot = self.name("cooling", self.place_area(plot, "A1:F6"))
            self.play(Create(plot), run_time=1.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("Fast at first"), run_time=0.6)
            remark = self.name("remark", self.place(label("the gap to room temperature halves", "normal"), "C3"))
            self.play(FadeIn(remark), run_time=0.6)
