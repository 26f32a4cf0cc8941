# Section 17: Powers of two
from code2video.render.kit import *


class Section17(LessonScene):
    section_title = "Powers of two"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): start from one
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Keep doubling"), run_time=1.0)
            one = Square(side_length=0.5, color=BLUE).set_fill(BLUE, opacity=0.6)
            v["row"] = VGroup(one)
            self.place(v["row"], "C2")
            self.play(FadeIn(one), run_time=0.8)
        # Beat 2 (4.0 s): double four times
        with self.beat(4.0):
            self.play(*self.caption_animation("1, 2, 4, 8, 16"), run_time=0.8)
            for step in range(4)
                copy = v["row"].copy().next_to(v["row"], RIGHT, buff=0.1)
                self.play(FadeIn(copy), run_time=0.5)
                v["row"] = VGroup(v["row"], copy)
        # Beat 3 (2.5 s): fit the result
        with self.beat(2.5):
            self.play(*self.caption_animation("Sixteen squares"), run_time=0.8)
            self.play(v["row"].animate.scale_to_fit_width(6).move_to(cell_center("C4")), run_time=1.0)
