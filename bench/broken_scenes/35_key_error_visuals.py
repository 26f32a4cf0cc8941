# Section 35: Graph of a function and its value
from code2video.render.kit import *


class Section35(LessonScene):
    section_title = "Evaluating a function"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the graph
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("f(x) = x + 1"), run_time=1.0)
            v["graph"] = self.place_area(axes_plot((0, 4, 1), (0, 5, 1), functions=[(lambda x: x + 1, "blue", None, None)]), "A1:F6")
            self.play(Create(v["graph"]), run_time=1.4)
        # Beat 2 (3.5 s): pick x = 2
        with self.beat(3.5):
            self.play(*self.caption_animation("Pick x = 2"), run_time=0.8)
            axes = v["grpah"][0]
            dot = Dot(axes.c2p(2, 3), color=YELLOW)
            self.play(FadeIn(dot), run_time=0.8)
        # Beat 3 (3.0 s): read off f(2)
        with self.beat(3.0):
            self.play(*self.caption_animation("f(2) = 3"), run_time=0.8)
            guide = DashedLine(axes.c2p(0, 3), axes.c2p(2, 3), color=GRAY)
            self.play(Create(guide), run_time=1.0)
