# Clean: a bar chart that morphs to new values, with a remark under it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Rainfall by season"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Millimetres per season"), run_time=1.0)
            chart = self.name("rain", self.place_area(bar_chart([120, 80, 40, 95], ["spring", "summer", "autumn",
                                                                                    "winter"]), "A1:D6"))
            self.play(FadeIn(chart), run_time=1.0)
        with self.beat(3.0):
            self.play(*self.caption_animation("A dry year"), run_time=0.6)
            dry = self.place_area(bar_chart([60, 30, 20, 50], ["spring", "summer", "autumn", "winter"], y_max=120),
                                  "A1:D6")
            dry.align_to(chart, DOWN)
            self.play(Transform(chart, dry), run_time=1.2)
        with self.beat(2.0):
            remark = self.name("remark", self.place_area(label("half the usual rain", "small", "yellow"), "E2:F5",
                                                         max_scale=1.0))
            self.play(FadeIn(remark), run_time=0.6)
