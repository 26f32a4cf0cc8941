# Clean: a brace under a row of squares with a label under the brace.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Counting squares"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Five equal squares"), run_time=1.0)
            row = VGroup(*[Square(side_length=0.8, color=kit_color("teal")) for _ in range(5)]).arrange(RIGHT, buff=0.15)
            row = self.name("squares", self.place_area(row, "B1:C6", max_scale=1.0))
            self.play(Create(row), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Measure the whole row"), run_time=0.6)
            brace = self.name("brace", Brace(row, DOWN, color=kit_color("yellow")))
            count = self.name("count", label("5 units", "small", "yellow").next_to(brace, DOWN, buff=0.15))
            self.play(GrowFromCenter(brace), FadeIn(count), run_time=0.8)
