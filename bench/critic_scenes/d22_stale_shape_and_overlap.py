# Defects: an early shape lingers unchanged for four beats, and the last label lands on another.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Food chains"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Energy starts in the sun"), run_time=1.0)
            sun = self.name("sun", self.place(Circle(radius=0.5, color=kit_color("gold")).set_fill(opacity=0.6), "A1"))
            self.play(GrowFromCenter(sun), run_time=0.6)
        with self.beat(2.0):
            grass = self.name("grass", self.place(label("grass", "normal", "green"), "B4"))
            self.play(FadeIn(grass), run_time=0.5)
        with self.beat(2.0):
            rabbit = self.name("rabbit", self.place(label("rabbit", "normal"), "D4"))
            self.play(FadeIn(rabbit), run_time=0.5)
        with self.beat(2.0):
            fox = self.name("fox", self.place(label("fox", "normal", "orange"), "F4"))
            self.play(FadeIn(fox), run_time=0.5)
        with self.beat(2.0):
            self.play(*self.caption_animation("Most energy is lost"), run_time=0.5)
            loss = self.name("loss", self.place(label("90% lost each step", "normal", "red"), "D5"))
            self.play(FadeIn(loss), run_time=0.5)
