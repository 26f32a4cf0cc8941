# Section 8: Tracing a point along a curve
from code2video.render.kit import *


class Section08(LessonScene):
    section_title = "A point moving along sin(x)"

    def construct(self):
        v = {}
        axes = Axes(x_range=[0, 7, 1], y_range=[-1.5, 1.5, 1], x_length=6.5, y_length=3.5, tips=False)
        # Beat 1 (3.0 s): the curve
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Follow the point as x grows"), run_time=1.0)
            curve = axes.plot(np.sin, x_range=[0, 2 * PI], color=BLUE)
            v["plot"] = self.place_area(VGroup(axes, curve), "A1:F6")
            self.play(Create(v["plot"]), run_time=1.4)
        # Beat 2 (4.0 s): a tracked dot
        with self.beat(4.0):
            self.play(*self.caption_animation("x is a tracker we animate"), run_time=0.8)
            t = ValueTracker(0)
            dot = always_redraw(lambda: Dot(curve.point_from_x(t.get_value()), color=YELLOW))
            self.add(dot)
            self.play(t.animate.set_value(2 * PI), run_time=2.5)
        # Beat 3 (2.5 s): one full period
        with self.beat(2.5):
            self.play(*self.caption_animation("One full period: 2π"), run_time=0.8)
            self.play(Indicate(curve), run_time=1.0)
