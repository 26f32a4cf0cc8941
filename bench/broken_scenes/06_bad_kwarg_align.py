# Section 6: Fractions of a whole
from code2video.render.kit import *


class Section06(LessonScene):
    section_title = "Fractions of a whole"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): one whole bar
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Start with one whole"), run_time=1.0)
            bar = Rectangle(width=6, height=1, color=WHITE)
            v["bar"] = self.place_area(bar, "B1:B6")
            self.play(Create(v["bar"]), run_time=1.2)
        # Beat 2 (3.5 s): split it into quarters
        with self.beat(3.5):
            self.play(*self.caption_animation("Cut it into 4 equal parts"), run_time=0.8)
            parts = VGroup(*[Rectangle(width=1.5, height=1) for _ in range(4)]).arrange(RIGHT, buff=0)
            parts.move_to(v["bar"])
            self.play(Create(parts), run_time=1.2)
        # Beat 3 (3.5 s): shade three of them
        with self.beat(3.5):
            self.play(*self.caption_animation("Shade 3 of them"), run_time=0.8)
            self.play(*[p.animate.set_fill(ORANGE, opacity=0.7) for p in parts[:3]], run_time=1.2)
            v["frac"] = Text("3 out of 4 = 3/4", font_size=36, align="center")
            self.place(v["frac"], "D3")
            self.play(Write(v["frac"]), run_time=1.0)
