# Defect (written after the critic changes): an old diagram lingers while a highlight marks something else.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Levers"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("A plank on a pivot"), run_time=1.0)
            pivot = self.name("pivot", self.place(Triangle(color=kit_color("gray")).scale(0.4), "F1"))
            self.play(Create(pivot), run_time=0.6)
        with self.beat(2.0):
            effort = self.name("effort", self.place(label("effort", "small"), "B3"))
            self.play(FadeIn(effort), run_time=0.5)
        with self.beat(2.0):
            load = self.name("load", self.place(label("load", "small"), "B5"))
            self.play(FadeIn(load), run_time=0.5)
        with self.beat(2.0):
            rule = self.name("rule", self.place_area(formula("F_1 d_1 = F_2 d_2"), "D3:D6", max_scale=1.3))
            self.play(Write(rule), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("Balance the turning"), run_time=0.6)
            mark = self.name("rule-box", highlight(rule))
            self.play(Create(mark), run_time=0.6)
