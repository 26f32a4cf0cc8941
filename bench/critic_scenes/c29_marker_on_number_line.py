# Clean (written after the critic changes): a marker dot slides along a number line it sits on.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Rounding"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Which whole number is near?"), run_time=1.0)
            line = self.name("line", self.place_area(number_line((0, 5, 1)), "C1:D6"))
            self.play(Create(line), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Take 2.7"), run_time=0.6)
            marker = self.name("marker", Dot(line[0].n2p(2.7), radius=0.12, color=kit_color("yellow")))
            self.play(FadeIn(marker), run_time=0.5)
        with self.beat(2.5):
            self.play(*self.caption_animation("It rounds up to 3"), run_time=0.6)
            self.play(marker.animate.move_to(line[0].n2p(3)), run_time=0.8)
            answer = self.name("answer", self.place_area(formula("2.7 approx 3"), "A2:A5", max_scale=1.3))
            self.play(Write(answer), run_time=0.6)
