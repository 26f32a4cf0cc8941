# Clean: a number line with labelled points, and an inequality above it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Between two numbers"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Mark two numbers"), run_time=1.0)
            line = self.name("line", self.place_area(number_line((-2, 4, 1), points=[(-1, 0, "a", "teal"),
                                                                                     (3, 0, "b", "orange")]),
                                                     "C1:D6"))
            self.play(Create(line), run_time=1.2)
        with self.beat(2.5):
            self.play(*self.caption_animation("x sits between them"), run_time=0.6)
            rule = self.name("between", self.place_area(formula("a < x < b"), "A2:A5", max_scale=1.4))
            self.play(Write(rule), run_time=0.8)
        with self.beat(2.0):
            hint = self.name("hint", self.place_area(label("any x in the gap works", "small"), "F2:F5", max_scale=1.0))
            self.play(FadeIn(hint), run_time=0.6)
