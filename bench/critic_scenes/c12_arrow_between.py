# Clean: two named shapes joined by a labelled arrow.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Cause and effect"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Heat melts ice"), run_time=1.0)
            heat = self.name("heat", self.place(shape("circle", "heat", "red"), "C2"))
            ice = self.name("ice", self.place(shape("square", "ice", "blue"), "C5"))
            self.play(FadeIn(heat), FadeIn(ice), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("Energy flows one way"), run_time=0.6)
            flow = self.name("flow", arrow_between(heat, ice, "energy", "yellow"))
            self.play(Create(flow), run_time=1.0)
        with self.beat(2.0):
            water = self.name("water", self.place_area(label("ice becomes water", "small", "teal"), "E3:E4",
                                                       max_scale=1.0))
            self.play(FadeIn(water), run_time=0.6)
