# Clean (written after the critic changes): a definition kept for five beats and underlined in the last.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Density"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Mass per volume"), run_time=1.0)
            rule = self.name("density", self.place_area(formula("rho = m / V"), "A3:A4", max_scale=1.5))
            self.play(Write(rule), run_time=0.8)
        with self.beat(2.0):
            cork = self.name("cork", self.place(label("cork 0.24", "small"), "C2"))
            self.play(FadeIn(cork), run_time=0.5)
        with self.beat(2.0):
            water = self.name("water", self.place(label("water 1.0", "small"), "C5"))
            self.play(FadeIn(water), run_time=0.5)
        with self.beat(2.0):
            iron = self.name("iron", self.place(label("iron 7.9", "small"), "E3"))
            self.play(FadeIn(iron), run_time=0.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("Less dense floats"), run_time=0.6)
            mark = self.name("density-mark", highlight(rule, "underline"))
            self.play(Create(mark), run_time=0.6)
