# Defect: the opening formula never leaves while four newer examples pile up beside it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Speed"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Distance over time"), run_time=1.0)
            speed = self.name("speed", self.place_area(formula("v = d / t"), "A2:A3", max_scale=1.5))
            self.play(Write(speed), run_time=0.8)
        with self.beat(2.0):
            self.play(*self.caption_animation("Walking"), run_time=0.5)
            walk = self.name("walk", self.place(label("walk: 5 km/h", "small"), "C2"))
            self.play(FadeIn(walk), run_time=0.5)
        with self.beat(2.0):
            self.play(*self.caption_animation("Cycling"), run_time=0.5)
            bike = self.name("bike", self.place(label("bike: 20 km/h", "small"), "C5"))
            self.play(FadeIn(bike), run_time=0.5)
        with self.beat(2.0):
            self.play(*self.caption_animation("Driving"), run_time=0.5)
            car = self.name("car", self.place(label("car: 90 km/h", "small"), "E2"))
            self.play(FadeIn(car), run_time=0.5)
        with self.beat(2.0):
            self.play(*self.caption_animation("Flying"), run_time=0.5)
            plane = self.name("plane", self.place(label("plane: 900 km/h", "small"), "E5"))
            self.play(FadeIn(plane), run_time=0.5)
