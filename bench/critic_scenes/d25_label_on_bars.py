# Defect (written after the critic changes): a remark placed across the bars of a chart.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Favourite fruit"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("We asked a class"), run_time=1.0)
            chart = self.name("votes", self.place_area(bar_chart([8, 5, 3, 6], ["apple", "pear", "plum", "fig"]),
                                                       "A1:E6"))
            self.play(FadeIn(chart), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Apples win"), run_time=0.6)
            remark = self.name("remark", self.place(label("apples are twice as popular as plums", "normal"), "C4"))
            self.play(FadeIn(remark), run_time=0.6)
