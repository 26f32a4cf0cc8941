# Section 23: Halving forever
from code2video.render.kit import *


class Section23(LessonScene):
    section_title = "Halving again and again"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a full bar
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Start with 1"), run_time=1.0)
            bar = Rectangle(width=6, height=0.6, color=BLUE).set_fill(BLUE, opacity=0.6)
            v["bar"] = self.place_area(bar, "C1:C6")
            self.play(Create(v["bar"]), run_time=1.0)
        # Beat 2 (4.0 s): keep halving
        with self.beat(4.0):
            self.play(*self.caption_animation("Halve what is left"), run_time=0.8)
            pieces = VGroup()
            width = 6.0
            while True:
                width = width / 2
                pieces.add(Rectangle(width=width, height=0.6, color=YELLOW))
        # Beat 3 (3.0 s): the sum
        with self.beat(3.0):
            self.play(*self.caption_animation("1/2 + 1/4 + ... = 1"), run_time=0.8)
