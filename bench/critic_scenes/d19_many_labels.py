# Defect: ten vocabulary cards on screen at once.
from code2video.render.kit import *

WORDS = ["atom", "ion", "bond", "mole", "acid", "base", "salt", "gas", "ore", "alloy"]
CELLS = ["A2", "A4", "B3", "B5", "C2", "C4", "D3", "D5", "E2", "E4"]


class Section01(LessonScene):
    section_title = "Chemistry words"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Words we will need"), run_time=1.0)
            first = [self.name(w, self.place(label(w, "small"), c)) for w, c in zip(WORDS[:5], CELLS[:5])]
            self.play(*[FadeIn(t) for t in first], run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("and five more"), run_time=0.6)
            more = [self.name(w, self.place(label(w, "small"), c)) for w, c in zip(WORDS[5:], CELLS[5:])]
            self.play(*[FadeIn(t) for t in more], run_time=0.8)
