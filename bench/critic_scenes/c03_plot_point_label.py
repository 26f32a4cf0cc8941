# Clean: a plot whose point label is part of the plot itself; a formula beside it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "The parabola"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Square every x"), run_time=1.0)
            graph = axes_plot((-3, 3, 1), (0, 9, 3), functions=[(lambda x: x ** 2, "blue", None, None)],
                              points=[(2, 4, "(2, 4)", "yellow")])
            graph = self.name("parabola", self.place_area(graph, "A1:E4"))
            self.play(Create(graph), run_time=1.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("Read off one point"), run_time=0.6)
            rule = self.name("rule", self.place_area(formula("y = x^2"), "B5:C6", max_scale=1.4))
            self.play(Write(rule), run_time=0.8)
        with self.beat(2.0):
            self.play(*self.caption_animation("Four is two squared"), run_time=0.6)
            check = self.name("check", self.place_area(formula("2^2 = 4", color="yellow"), "F2:F4", max_scale=1.2))
            self.play(Write(check), run_time=0.8)
