# Defect: twelve named dots crowd the visual area at once.
from code2video.render.kit import *

CELLS = ["B1", "B2", "B3", "B4", "B5", "B6", "D1", "D2", "D3", "D4", "D5", "D6"]


class Section01(LessonScene):
    section_title = "A random sample"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Draw twelve people"), run_time=1.0)
        with self.beat(3.0):
            self.play(*self.caption_animation("Each dot is one person"), run_time=0.6)
            dots = [self.name(f"person-{i}", self.place(Dot(radius=0.15, color=kit_color("teal")), cell))
                    for i, cell in enumerate(CELLS, 1)]
            self.play(LaggedStart(*[FadeIn(d) for d in dots], lag_ratio=0.1), run_time=1.5)
