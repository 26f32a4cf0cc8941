# Clean: the area under a curve shaded on the plot, and the integral beside it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Area under a curve"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("A curve over an interval"), run_time=1.0)
            plot = self.name("plot", self.place_area(axes_plot((0, 3, 1), (0, 4, 1)), "A1:D4"))
            self.play(Create(plot), run_time=1.2)
            curve = self.name("curve", plot[0].plot(lambda x: 0.4 * x ** 2 + 0.5, color=kit_color("blue")))
            self.play(Create(curve), run_time=0.8)
        with self.beat(3.0):
            self.play(*self.caption_animation("Shade what lies below"), run_time=0.6)
            area = self.name("area", plot[0].get_area(curve, x_range=(1, 2.5), color=kit_color("teal"), opacity=0.4))
            self.play(FadeIn(area), run_time=0.8)
            integral = self.name("integral", self.place_area(formula("integral_1^2.5 f(x) dif x"), "B5:C6",
                                                             max_scale=1.3))
            self.play(Write(integral), run_time=0.8)
