# Section 10: Comparing quantities with bars
from code2video.render.kit import *


def make_bar(value, color):
    """One bar of a chart: height proportional to value."""
    bar = Rectangle(width=0.8, height=0.5 * value, color=color)
    bar.set_fill(color, opacity=0.8)
    return bar


class Section10(LessonScene):
    section_title = "Comparing with bars"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the first bar
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Taller bar, bigger value"), run_time=1.0)
            first = make_bar(3, BLUE)
            v["first"] = self.place(first, "D2")
            self.play(GrowFromEdge(v["first"], DOWN), run_time=1.0)
        # Beat 2 (3.0 s): a second bar
        with self.beat(3.0):
            self.play(*self.caption_animation("Now a value of 5"), run_time=0.8)
            second = make_bar(5, GREEN, "B")
            v["second"] = self.place(second, "C4")
            self.play(GrowFromEdge(v["second"], DOWN), run_time=1.0)
        # Beat 3 (3.0 s): compare
        with self.beat(3.0):
            self.play(*self.caption_animation("5 is bigger than 3"), run_time=0.8)
            self.play(Indicate(v["second"]), run_time=1.0)
