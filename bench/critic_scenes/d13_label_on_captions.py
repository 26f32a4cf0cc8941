# Defect: a note placed high in the left column, over the lecture lines.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Fractions"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("A part of a whole"), run_time=1.0)
            pie = self.name("pie", self.place(Circle(radius=1, color=kit_color("orange")), "C3"))
            self.play(Create(pie), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("Three of four parts"), run_time=0.6)
            note = self.name("note", label("numerator on top", "normal", "yellow").move_to([-4.8, 2.45, 0]))
            self.play(FadeIn(note), run_time=0.6)
