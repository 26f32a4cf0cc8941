# Section 19: Vectors add tip to tail
from manim import *


class Section19(Scene):
    section_title = "Adding vectors"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): two vectors
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Two arrows from the origin"), run_time=1.0)
            a = Arrow(ORIGIN, [2, 1, 0], buff=0, color=BLUE)
            b = Arrow(ORIGIN, [0.5, 1.5, 0], buff=0, color=GREEN)
            v["pair"] = self.place_area(VGroup(a, b), "B2:E5")
            self.play(GrowArrow(a), GrowArrow(b), run_time=1.2)
        # Beat 2 (3.5 s): move b to the tip of a
        with self.beat(3.5):
            self.play(*self.caption_animation("Slide b to the tip of a"), run_time=0.8)
            self.play(b.animate.shift(a.get_end() - b.get_start()), run_time=1.2)
        # Beat 3 (3.0 s): the sum
        with self.beat(3.0):
            self.play(*self.caption_animation("The sum goes from start to finish"), run_time=0.8)
            total = Arrow(a.get_start(), b.get_end(), buff=0, color=YELLOW)
            self.play(GrowArrow(total), run_time=1.0)
