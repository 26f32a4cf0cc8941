# Clean: one formula blown up to fill the whole visual area.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Euler's identity"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Five constants, one line"), run_time=1.0)
            identity = self.name("identity", self.place_area(formula("e^(i pi) + 1 = 0"), "A1:F6"))
            self.play(Write(identity), run_time=1.2)
        with self.beat(2.5):
            self.play(*self.caption_animation("e, i, pi, one and zero"), run_time=0.6)
            self.play(indicate(identity), run_time=1.0)
