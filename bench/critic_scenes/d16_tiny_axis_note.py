# Defect: a note about the axes written at font size 7.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Speed and time"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Speed rises steadily"), run_time=1.0)
            plot = axes_plot((0, 5, 1), (0, 10, 2), functions=[(lambda t: 2 * t, "blue", None, None)])
            plot = self.name("speed", self.place_area(plot, "A1:D6"))
            self.play(Create(plot), run_time=1.5)
        with self.beat(2.5):
            note = Text("time in seconds, speed in metres per second", font=FONT, font_size=7)
            note = self.name("units", self.place(note, "F3"))
            self.play(FadeIn(note), run_time=0.5)
            rate = self.name("rate", self.place_area(formula("v = 2 t"), "E5:E6", max_scale=1.2))
            self.play(Write(rate), run_time=0.6)
