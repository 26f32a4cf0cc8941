# Clean: a title and many lecture lines (the column scrolls) beside a single shape.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "What is a prime?"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("A whole number above one"), run_time=1.0)
            self.play(*self.caption_animation("with exactly two divisors"), run_time=0.6)
        with self.beat(2.5):
            seven = self.name("seven", self.place_area(label("7", "large", "yellow"), "B3:D4", max_scale=3.0))
            self.play(FadeIn(seven), run_time=0.6)
            self.play(*self.caption_animation("Seven: one and itself"), run_time=0.6)
        with self.beat(3.0):
            self.play(*self.caption_animation("Eight is not prime"), run_time=0.6)
            self.play(*self.caption_animation("two and four divide it"), run_time=0.6)
            self.play(*self.caption_animation("One is not prime either"), run_time=0.6)
