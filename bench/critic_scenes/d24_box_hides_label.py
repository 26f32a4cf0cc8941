# Defect: a filled box drawn after a label, on top of it, hides the label.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Hidden assumptions"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("State your assumptions"), run_time=1.0)
            claim = self.name("claim", self.place(label("friction is zero", "normal"), "C3"))
            self.play(FadeIn(claim), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("Now add a block"), run_time=0.6)
            block = Rectangle(width=4.0, height=1.4, color=kit_color("orange")).set_fill(kit_color("orange"), opacity=0.9)
            block = self.name("block", self.place(block, "C3").shift(RIGHT * 0.3))
            self.play(FadeIn(block), run_time=0.6)
