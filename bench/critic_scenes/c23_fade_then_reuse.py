# Clean: the first example leaves before the second takes the same cells.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Even and odd"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Six splits in two"), run_time=1.0)
            six = self.name("six", self.place_area(label("6 = 3 + 3", "large"), "B2:C5", max_scale=1.2))
            six_tag = self.name("six-tag", self.place_area(label("even", "normal", "green"), "E3:E4", max_scale=1.0))
            self.play(Write(six), FadeIn(six_tag), run_time=1.0)
        with self.beat(3.0):
            self.play(FadeOut(six), FadeOut(six_tag), run_time=0.5)
            self.play(*self.caption_animation("Seven leaves one over"), run_time=0.6)
            seven = self.name("seven", self.place_area(label("7 = 3 + 3 + 1", "large"), "B2:C5", max_scale=1.2))
            seven_tag = self.name("seven-tag", self.place_area(label("odd", "normal", "red"), "E3:E4", max_scale=1.0))
            self.play(Write(seven), FadeIn(seven_tag), run_time=1.0)
