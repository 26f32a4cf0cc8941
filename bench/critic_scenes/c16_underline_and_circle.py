# Clean: an underline under a word and a circle around a formula; marks may cross other boxes.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Key words"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Speed is a rate"), run_time=1.0)
            word = self.name("word", self.place_area(label("speed", "large"), "B2:B3", max_scale=1.2))
            rule = self.name("rule", self.place_area(formula("v = d / t"), "B4:C5", max_scale=1.3))
            self.play(Write(word), Write(rule), run_time=1.0)
        with self.beat(2.0):
            line = self.name("word-line", highlight(word, "underline"))
            ring = self.name("rule-ring", highlight(rule, "circle", "teal"))
            self.play(Create(line), Create(ring), run_time=0.8)
        with self.beat(2.0):
            self.play(*self.caption_animation("metres per second"), run_time=0.6)
            unit = self.name("unit", self.place_area(label("m/s", "normal", "teal"), "E4:E5", max_scale=1.0))
            self.play(FadeIn(unit), run_time=0.6)
