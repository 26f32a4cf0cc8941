# Defect: a label in row A shifted up until it reaches into the title band.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "States of matter"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Solid, liquid, gas"), run_time=1.0)
            solid = self.name("solid", self.place(shape("square", "solid", "blue"), "C2"))
            liquid = self.name("liquid", self.place(shape("circle", "liquid", "teal"), "C4"))
            self.play(FadeIn(solid), FadeIn(liquid), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("Heat moves them apart"), run_time=0.6)
            heading = self.name("heading", self.place(label("more energy", "normal", "orange"), "A5").shift(UP * 0.7))
            self.play(FadeIn(heading), run_time=0.6)
