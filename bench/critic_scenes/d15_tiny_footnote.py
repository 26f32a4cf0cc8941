# Defect: a footnote set at font size 9.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Population growth"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("People over time"), run_time=1.0)
            chart = self.name("population", self.place_area(bar_chart([2.5, 3.7, 5.3, 6.1, 7.8],
                                                                      ["1950", "1970", "1990", "2000", "2020"]),
                                                            "A1:D6"))
            self.play(FadeIn(chart), run_time=0.8)
        with self.beat(2.0):
            source = Text("source: UN population estimates, billions", font=FONT, font_size=9, color=kit_color("gray"))
            source = self.name("source", self.place(source, "F5"))
            self.play(FadeIn(source), run_time=0.5)
