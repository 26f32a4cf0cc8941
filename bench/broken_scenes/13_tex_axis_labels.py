# Section 13: Speed from a distance-time graph
from code2video.render.kit import *


class Section13(LessonScene):
    section_title = "Reading speed from a graph"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): axes with labels
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Distance against time"), run_time=1.0)
            axes = Axes(x_range=[0, 5, 1], y_range=[0, 10, 2], x_length=6, y_length=4, tips=False)
            labels = axes.get_axis_labels(x_label="t", y_label="d")
            v["axes"] = self.place_area(VGroup(axes, labels), "A1:F6")
            self.play(Create(v["axes"]), run_time=1.4)
        # Beat 2 (3.5 s): the motion
        with self.beat(3.5):
            self.play(*self.caption_animation("A steady 2 metres per second"), run_time=0.8)
            line = axes.plot(lambda t: 2 * t, x_range=[0, 5], color=YELLOW)
            self.play(Create(line), run_time=1.6)
        # Beat 3 (3.0 s): steeper is faster
        with self.beat(3.0):
            self.play(*self.caption_animation("Steeper line, faster motion"), run_time=0.8)
            self.play(Indicate(line), run_time=1.0)
