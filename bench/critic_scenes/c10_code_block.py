# Clean: a code block with a line highlighted and an explanation beside it.
from code2video.render.kit import *

CODE = """def total(xs):
    s = 0
    for x in xs:
        s += x
    return s"""


class Section01(LessonScene):
    section_title = "Summing a list"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("A running total"), run_time=1.0)
            code = self.name("code", self.place_area(code_block(CODE), "A1:D4", max_scale=1.2))
            self.play(FadeIn(code), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Each item is added"), run_time=0.6)
            mark = self.name("loop-mark", highlight(code.code_lines[3], "underline"))
            self.play(Create(mark), run_time=0.6)
        with self.beat(2.5):
            why = self.name("why", self.place_area(label("s grows by x on every pass", "small"), "F1:F4",
                                                   max_scale=1.0))
            self.play(FadeIn(why), run_time=0.6)
