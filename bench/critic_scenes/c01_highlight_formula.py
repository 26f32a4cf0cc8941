# Clean: a highlight box drawn around a formula, then a label well below it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Area of a circle"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Area grows with r squared"), run_time=1.0)
            area = self.name("area", self.place_area(formula("A = pi r^2"), "B2:C5", max_scale=1.5))
            self.play(Write(area), run_time=0.8)
        with self.beat(2.0):
            self.play(*self.caption_animation("This is the key result"), run_time=0.6)
            box = self.name("area-box", highlight(area))
            self.play(Create(box), run_time=0.8)
        with self.beat(2.0):
            note = self.name("note", self.place_area(label("double r, four times the area", "small"), "E2:E5",
                                                     max_scale=1.0))
            self.play(FadeIn(note), run_time=0.6)
