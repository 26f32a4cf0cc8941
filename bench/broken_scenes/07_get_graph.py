# Section 7: The parabola y = x^2
from code2video.render.kit import *


class Section07(LessonScene):
    section_title = "The parabola"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): axes
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Square every x"), run_time=1.0)
            axes = Axes(x_range=[-3, 3, 1], y_range=[0, 9, 3], x_length=6, y_length=4, tips=False)
            v["axes"] = self.place_area(axes, "A1:F6")
            self.play(Create(v["axes"]), run_time=1.2)
        # Beat 2 (3.5 s): the curve
        with self.beat(3.5):
            self.play(*self.caption_animation("The curve y = x²"), run_time=0.8)
            curve = v["axes"].get_graph(lambda x: x ** 2, color=YELLOW)
            self.play(Create(curve), run_time=1.6)
        # Beat 3 (3.0 s): symmetry
        with self.beat(3.0):
            self.play(*self.caption_animation("Mirror image across x = 0"), run_time=0.8)
            mirror = DashedLine(v["axes"].c2p(0, 0), v["axes"].c2p(0, 9), color=GRAY)
            self.play(Create(mirror), run_time=1.0)
