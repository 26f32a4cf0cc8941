# Defect: a long unwrapped sentence anchored at C5 runs off the right edge of the frame.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Photosynthesis"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Plants make sugar"), run_time=1.0)
            leaf = self.name("leaf", self.place(shape("ellipse", "leaf", "green"), "B3"))
            self.play(FadeIn(leaf), run_time=0.6)
        with self.beat(3.0):
            self.play(*self.caption_animation("from light and air"), run_time=0.6)
            summary = Text("Light, water and carbon dioxide become sugar and oxygen", font=FONT, font_size=30)
            summary = self.name("summary", self.place(summary, "D5"))
            self.play(Write(summary), run_time=1.2)
