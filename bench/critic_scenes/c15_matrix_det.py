# Clean: a matrix and its determinant side by side, then a remark under both.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "A 2 by 2 determinant"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Start with a matrix"), run_time=1.0)
            m = self.name("matrix", self.place_area(matrix([["3", "1"], ["2", "4"]]), "B1:C3", max_scale=1.5))
            self.play(Write(m), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("Cross multiply"), run_time=0.6)
            det = self.name("det", self.place_area(formula("det = 3 dot 4 - 1 dot 2 = 10"), "B4:C6", max_scale=1.2))
            self.play(Write(det), run_time=1.0)
        with self.beat(2.0):
            remark = self.name("remark", self.place_area(label("areas grow ten times", "small", "yellow"), "E2:E5",
                                                         max_scale=1.0))
            self.play(FadeIn(remark), run_time=0.6)
