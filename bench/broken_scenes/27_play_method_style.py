# Section 27: Translations
from code2video.render.kit import *


class Section27(LessonScene):
    section_title = "Sliding a shape"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a square
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("A translation slides every point"), run_time=1.0)
            square = Square(side_length=1.2, color=BLUE).set_fill(BLUE, opacity=0.5)
            v["square"] = self.place(square, "C2")
            self.play(Create(v["square"]), run_time=1.0)
        # Beat 2 (3.0 s): slide right
        with self.beat(3.0):
            self.play(*self.caption_animation("Three units to the right"), run_time=0.8)
            self.play(v["square"].shift, 3 * RIGHT, run_time=1.2)
        # Beat 3 (3.0 s): shape unchanged
        with self.beat(3.0):
            self.play(*self.caption_animation("Same size, same shape"), run_time=0.8)
            self.play(Indicate(v["square"]), run_time=1.0)
        # Beat 4 (2.5 s): the arrow of the move
        with self.beat(2.5):
            self.play(*self.caption_animation("The move is a vector"), run_time=0.8)
            self.play(GrowArrow(Arrow(cell_center("C2"), cell_center("C5"), buff=0, color=YELLOW)), run_time=1.0)
