# Section 36: Perimeter
from code2video.render.kit import *


class Section36(LessonScene):
    section_title = "Perimeter"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a rectangle
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Walk around the edge"), run_time=1.0)
            rect = Rectangle(width=4, height=2, color=GREEN)
            v["rect"] = self.place_area(rect, "B2:E4")
            self.play(Create(v["rect"]), run_time=1.0)
        # Beat 2 (3.5 s): trace the edge
        with self.beat(3.5):
            self.play(*self.caption_animation("4 + 2 + 4 + 2"), run_time=0.8)
            walker = Dot(v["rect"].get_corner(DL), color=YELLOW)
            self.add(walker)
	    self.play(MoveAlongPath(walker, v["rect"]), run_time=2.0)
        # Beat 3 (3.0 s): the total
        with self.beat(3.0):
            self.play(*self.caption_animation("Perimeter = 12"), run_time=0.8)
            v["p"] = self.place(formula("P = 2(4 + 2) = 12"), "F3")
            self.play(Write(v["p"]), run_time=1.0)
