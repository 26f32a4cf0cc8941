# Section 22: Probability of heads
from code2video.render.kit import *


class Section22(LessonScene):
    section_title = "A fair coin"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the coin
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Two equally likely sides"), run_time=1.0)
            coin = Circle(radius=0.9, color=GOLD).set_fill(GOLD, opacity=0.6)
            face = Text("H", font_size=48).move_to(coin)
            v["coin"] = self.place(VGroup(coin, face), "C3")
            self.play(FadeIn(v["coin"]), run_time=1.0)
        # Beat 2 (3.5 s): flip and wait for the result
        with self.beat(3.5):
            self.play(*self.caption_animation("Flip it"), run_time=0.8)
            self.play(Rotate(v["coin"], angle=PI, axis=RIGHT), run_time=1.0)
            self.wait(1e9)
        # Beat 3 (3.0 s): one half
        with self.beat(3.0):
            self.play(*self.caption_animation("P(heads) = 1/2"), run_time=0.8)
            v["p"] = self.place(formula("P(H) = 1/2"), "C5")
            self.play(Write(v["p"]), run_time=1.0)
