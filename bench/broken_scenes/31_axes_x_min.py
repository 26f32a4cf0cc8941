# Section 31: Exponential growth
from code2video.render.kit import *


class Section31(LessonScene):
    section_title = "Exponential growth"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): axes
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Doubling every step"), run_time=1.0)
            axes = Axes(x_min=0, x_max=5, y_min=0, y_max=32, x_length=6, y_length=4, tips=False)
            v["axes"] = self.place_area(axes, "A1:F6")
            self.play(Create(v["axes"]), run_time=1.2)
        # Beat 2 (3.5 s): the curve
        with self.beat(3.5):
            self.play(*self.caption_animation("y = 2^x"), run_time=0.8)
            curve = v["axes"].plot(lambda x: 2 ** x, x_range=[0, 5], color=RED)
            self.play(Create(curve), run_time=1.6)
        # Beat 3 (3.0 s): fast growth
        with self.beat(3.0):
            self.play(*self.caption_animation("Slow at first, then very fast"), run_time=0.8)
            self.play(Indicate(curve), run_time=1.0)
        # Beat 4 (2.5 s): a doubling step
        with self.beat(2.5):
            self.play(*self.caption_animation("From 16 to 32 in one step"), run_time=0.8)
            self.play(Create(DashedLine(v["axes"].c2p(4, 16), v["axes"].c2p(5, 32), color=YELLOW)), run_time=1.0)
