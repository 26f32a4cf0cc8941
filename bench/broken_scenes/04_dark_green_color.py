# Section 4: Slope of a line
from code2video.render.kit import *


class Section04(LessonScene):
    section_title = "Slope: rise over run"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): axes and a line
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("A straight line has one slope"), run_time=1.0)
            v["graph"] = self.place_area(axes_plot((0, 6, 1), (0, 4, 1), functions=[(lambda x: 0.5 * x + 1, "blue", "y = x/2 + 1", None)]), "A1:F6")
            self.play(Create(v["graph"]), run_time=1.4)
        # Beat 2 (3.0 s): the run
        with self.beat(3.0):
            self.play(*self.caption_animation("Run: 2 to the right"), run_time=0.8)
            axes = v["graph"][0]
            run = Line(axes.c2p(1, 1.5), axes.c2p(3, 1.5), color=YELLOW)
            self.play(Create(run), run_time=1.0)
        # Beat 3 (3.5 s): the rise
        with self.beat(3.5):
            self.play(*self.caption_animation("Rise: 1 up"), run_time=0.8)
            rise = Line(axes.c2p(3, 1.5), axes.c2p(3, 2.5), color=DARK_GREEN)
            self.play(Create(rise), run_time=1.0)
            v["ratio"] = self.place(formula("m = 1 / 2"), "A5")
            self.play(Write(v["ratio"]), run_time=1.0)
        # Beat 4 (2.5 s): recap
        with self.beat(2.5):
            self.play(*self.caption_animation("Slope m = rise / run"), run_time=0.8)
            self.play(Indicate(v["ratio"]), run_time=1.0)
