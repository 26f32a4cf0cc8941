# Clean (written after the critic changes): a plain rectangle drawn round one row of a table.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Times tables"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Multiples of three"), run_time=1.0)
            grid = table(["n", "3n"], [["1", "3"], ["2", "6"], ["3", "9"], ["4", "12"]])
            grid = self.name("multiples", self.place_area(grid, "A1:E6", max_scale=1.0))
            self.play(FadeIn(grid), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Three times three"), run_time=0.6)
            row = grid.get_rows()[3]
            frame = self.name("row-frame", Rectangle(width=row.width + 0.2, height=row.height + 0.15,
                                                     color=kit_color("orange")).move_to(row))
            self.play(Create(frame), run_time=0.8)
        with self.beat(2.0):
            note = self.name("note", self.place_area(label("digits add up to a multiple of 3", "small"), "F2:F5",
                                                     max_scale=1.0))
            self.play(FadeIn(note), run_time=0.6)
