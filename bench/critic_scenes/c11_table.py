# Clean: a table with a highlighted cell, and the conclusion beneath it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Reading a table"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Test results"), run_time=1.0)
            grid = table(["group", "sick", "well"], [["test +", "9", "99"], ["test -", "1", "891"]])
            grid = self.name("results", self.place_area(grid, "A1:D6", max_scale=1.2))
            self.play(FadeIn(grid), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Most positives are well"), run_time=0.6)
            mark = self.name("well-mark", highlight(grid.get_entries((2, 3))))
            self.play(Create(mark), run_time=0.6)
        with self.beat(2.5):
            share = self.name("share", self.place_area(formula("9 / (9 + 99) approx 8%"), "F2:F5", max_scale=1.2))
            self.play(Write(share), run_time=0.8)
