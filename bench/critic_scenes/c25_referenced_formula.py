# Clean: the key formula stays on screen for five beats and is pointed at again in the last one.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Newton's second law"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Force makes mass speed up"), run_time=1.0)
            law = self.name("law", self.place_area(formula("F = m a"), "A2:A5", max_scale=1.5))
            self.play(Write(law), run_time=0.8)
        with self.beat(2.0):
            mass = self.name("mass", self.place(label("m = 2 kg", "small"), "C2"))
            self.play(FadeIn(mass), run_time=0.6)
        with self.beat(2.0):
            acc = self.name("accel", self.place(label("a = 3 m/s²", "small"), "C5"))
            self.play(FadeIn(acc), run_time=0.6)
        with self.beat(2.0):
            cart = self.name("cart", self.place(shape("rectangle", color="teal"), "E3"))
            self.play(Create(cart), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("Back to the law: F is 6 N"), run_time=0.6)
            ring = self.name("law-box", highlight(law))
            self.play(Create(ring), run_time=0.8)
