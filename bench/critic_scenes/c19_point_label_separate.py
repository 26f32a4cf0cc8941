# Clean: a plot, with a point and its label added afterwards on an empty part of the plot.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Half-life"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Decay halves each step"), run_time=1.0)
            decay = axes_plot((0, 4, 1), (0, 8, 2), functions=[(lambda t: 8 * 0.5 ** t, "teal", None, None)])
            decay = self.name("decay", self.place_area(decay, "A1:E5"))
            self.play(Create(decay), run_time=1.5)
        with self.beat(3.0):
            self.play(*self.caption_animation("After one step: half"), run_time=0.6)
            point = self.name("half-point", Dot(decay[0].c2p(1, 4), color=kit_color("yellow")))
            tag = self.name("half-label", label("half left", "small", "yellow").next_to(point, UR, buff=0.1))
            self.play(FadeIn(point), FadeIn(tag), run_time=0.8)
