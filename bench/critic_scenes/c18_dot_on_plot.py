# Clean: a dot and a tangent drawn on a plot with graph[0].c2p, as the coder reference teaches.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Slope at a point"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("The curve y = x squared"), run_time=1.0)
            graph = self.name("curve", self.place_area(axes_plot((-1, 3, 1), (0, 9, 3),
                                                                 functions=[(lambda x: x ** 2, "blue", None, None)]),
                                                       "A1:E5"))
            self.play(Create(graph), run_time=1.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("Pick x = 1.5"), run_time=0.6)
            dot = self.name("point", Dot(graph[0].c2p(1.5, 2.25), color=kit_color("yellow")))
            self.play(FadeIn(dot), run_time=0.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("Its tangent has slope 3"), run_time=0.6)
            tangent = self.name("tangent", graph[0].plot(lambda x: 3 * x - 2.25, x_range=[0.9, 2.1],
                                                        color=kit_color("orange")))
            self.play(Create(tangent), run_time=0.8)
