# Defect: a six-row table squeezed into one cell, so its text is far too small.
from code2video.render.kit import *

ROWS_DATA = [["H", "1", "gas"], ["He", "2", "gas"], ["Li", "3", "metal"], ["Be", "4", "metal"],
             ["B", "5", "metalloid"], ["C", "6", "non-metal"]]


class Section01(LessonScene):
    section_title = "The first elements"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Six light elements"), run_time=1.0)
            atom = self.name("atom", self.place(shape("circle", "atom", "teal"), "C2"))
            self.play(FadeIn(atom), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("Their numbers and kinds"), run_time=0.6)
            elements = self.name("elements", self.place_area(table(["symbol", "Z", "kind"], ROWS_DATA), "C5"))
            self.play(FadeIn(elements), run_time=0.8)
