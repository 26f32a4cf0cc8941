# Defect: stars added beat after beat, never removed, until eleven crowd the screen.
from code2video.render.kit import *

CELLS = ["A1", "A3", "A5", "B2", "B4", "B6", "C1", "C3", "C5", "D2", "D4"]


class Section01(LessonScene):
    section_title = "Counting stars"

    def construct(self):
        stars = [self.name(f"star-{i}", self.place(Star(outer_radius=0.35, color=kit_color("gold")), cell))
                 for i, cell in enumerate(CELLS, 1)]
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Seven stars"), run_time=1.0)
            self.play(*[FadeIn(s) for s in stars[:7]], run_time=0.8)
        with self.beat(2.0):
            self.play(*self.caption_animation("two more"), run_time=0.5)
            self.play(*[FadeIn(s) for s in stars[7:9]], run_time=0.6)
        with self.beat(2.0):
            self.play(*self.caption_animation("and two more"), run_time=0.5)
            self.play(*[FadeIn(s) for s in stars[9:]], run_time=0.6)
