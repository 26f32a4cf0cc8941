# Section 15: Area of a rectangle
from code2video.render.kit import *


class Section15(LessonScene):
    section_title = "Area of a rectangle"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the rectangle
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Width 4, height 3"), run_time=1.0)
            rect = Rectangle(width=4, height=3, color=BLUE)
            v["rect"] = self.place_area(rect, "B2:E5")
            self.play(Create(v["rect"]), run_time=1.2)
        # Beat 2 (3.5 s): fill with unit squares
        with self.beat(3.5):
            self.play(*self.caption_animation("Count the unit squares"), run_time=0.8)
            grid = VGroup(*[Square(side_length=1) for _ in range(12)]).arrange_in_grid(rows=3, cols=4, buff=0)
            grid.match_height(v["rect"]).move_to(v["rect"])
            self.play(Create(grid), run_time=1.6)
        # Beat 3 (3.0 s): the formula
        with self.beat(3.0):
            self.play(*self.caption_animation("Area = width × height"), run_time=0.8)
              v["area"] = self.place(formula("A = 4 dot 3 = 12"), "F3")
            self.play(Write(v["area"]), run_time=1.0)
