# Clean: one formula rewritten step by step over five beats (it changes, so it is not stale).
from code2video.render.kit import *

STEPS = ["2 x + 3 = 11", "2 x = 11 - 3", "2 x = 8", "x = 8 / 2", "x = 4"]
NOTES = ["subtract 3", "simplify", "divide by 2", "done"]


class Section01(LessonScene):
    section_title = "Solving for x"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Undo each operation"), run_time=1.0)
            eq = self.name("equation", self.place(formula(STEPS[0]).scale(1.3), "B3"))
            self.play(Write(eq), run_time=0.8)
        for step, note in zip(STEPS[1:], NOTES):
            with self.beat(2.0):
                self.play(*self.caption_animation(note), run_time=0.5)
                self.play(Transform(eq, self.place(formula(step).scale(1.3), "B3")), run_time=0.8)
