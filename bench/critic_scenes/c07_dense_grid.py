# Clean: a dense but orderly layout, eight named shapes (the most the critic allows), none touching.
from code2video.render.kit import *

PLANETS = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]
CELLS = ["B2", "B3", "B4", "B5", "D2", "D3", "D4", "D5"]


class Section01(LessonScene):
    section_title = "Eight planets"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Four rocky planets"), run_time=1.0)
            rocky = [self.name(n.lower(), self.place(shape("circle", n, "orange"), c))
                     for n, c in zip(PLANETS[:4], CELLS[:4])]
            self.play(*[FadeIn(p) for p in rocky], run_time=1.0)
        with self.beat(3.0):
            self.play(*self.caption_animation("Four giants further out"), run_time=0.6)
            giants = [self.name(n.lower(), self.place(shape("circle", n, "blue"), c))
                      for n, c in zip(PLANETS[4:], CELLS[4:])]
            self.play(*[FadeIn(p) for p in giants], run_time=1.0)
