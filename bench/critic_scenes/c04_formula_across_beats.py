# Clean: the key formula stays on screen for four beats while the example fills in around it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Pythagoras"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("The rule for right triangles"), run_time=1.0)
            rule = self.name("rule", self.place_area(formula("a^2 + b^2 = c^2"), "A2:A5", max_scale=1.5))
            self.play(Write(rule), run_time=0.8)
        with self.beat(2.0):
            self.play(*self.caption_animation("Take a = 3"), run_time=0.5)
            a = self.name("a-value", self.place(formula("a = 3"), "C2"))
            self.play(Write(a), run_time=0.6)
        with self.beat(2.0):
            self.play(*self.caption_animation("and b = 4"), run_time=0.5)
            b = self.name("b-value", self.place(formula("b = 4"), "C5"))
            self.play(Write(b), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("so c is 5"), run_time=0.5)
            c = self.name("c-value", self.place_area(formula("c = sqrt(9 + 16) = 5", color="yellow"), "E2:E5",
                                                     max_scale=1.3))
            self.play(Write(c), run_time=0.8)
