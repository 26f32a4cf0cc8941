# Section 18: Mean of a data set
from manim import *


class Section18(LessonScene):
    section_title = "The mean"

    def construct(self):
        v = {}
        data = [2, 4, 4, 6]
        # Beat 1 (3.0 s): the data
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Four measurements"), run_time=1.0)
            dots = VGroup(*[Dot(radius=0.12, color=BLUE) for _ in data]).arrange(RIGHT, buff=0.6)
            v["dots"] = self.place(dots, "C3")
            self.play(FadeIn(v["dots"]), run_time=1.0)
        # Beat 2 (3.5 s): add them up
        with self.beat(3.5):
            self.play(*self.caption_animation("Add: 2 + 4 + 4 + 6 = 16"), run_time=0.8)
            total = Text("16", font_size=48).next_to(v["dots"], DOWN, buff=0.5)
            self.play(Write(total), run_time=1.0)
        # Beat 3 (3.0 s): divide by the count
        with self.beat(3.0):
            self.play(*self.caption_animation("Divide by 4: the mean is 4"), run_time=0.8)
            mean = Text("16 / 4 = 4", font_size=48, color=YELLOW).move_to(total)
            self.play(Transform(total, mean), run_time=1.0)
