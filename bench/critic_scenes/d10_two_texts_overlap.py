# Defect: two statements placed on nearly the same spot.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Newton's laws"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("The first law"), run_time=1.0)
            first = self.name("first-law", self.place(label("objects keep moving", "normal"), "C3"))
            self.play(FadeIn(first), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("The second law"), run_time=0.6)
            second = self.name("second-law", self.place(label("force changes motion", "normal", "yellow"), "C3"))
            second.shift(DOWN * 0.2 + RIGHT * 0.4)
            self.play(FadeIn(second), run_time=0.6)
