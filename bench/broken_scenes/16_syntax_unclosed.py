# Section 16: The Pythagorean theorem
from code2video.render.kit import *


class Section16(LessonScene):
    section_title = "The Pythagorean theorem"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a right triangle
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Legs 3 and 4"), run_time=1.0)
            tri = Polygon([0, 0, 0], [4, 0, 0], [0, 3, 0], color=BLUE)
            v["tri"] = self.place_area(tri, "B2:E4")
            self.play(Create(v["tri"]), run_time=1.2)
        # Beat 2 (3.5 s): squares on the legs
        with self.beat(3.5):
            self.play(*self.caption_animation("Squares on each side"), run_time=0.8)
            sq_a = Square(side_length=1.2, color=GREEN).next_to(v["tri"], LEFT, buff=0)
            sq_b = Square(side_length=1.6, color=ORANGE).next_to(v["tri"], DOWN, buff=0)
            self.play(Create(sq_a), Create(sq_b), run_time=1.2)
        # Beat 3 (3.0 s): the relation
        with self.beat(3.0):
            self.play(*self.caption_animation("9 + 16 = 25"), run_time=0.8)
            v["rule"] = self.place(formula("a^2 + b^2 = c^2", color="yellow"), "F3")
            self.play(Write(v["rule"], run_time=1.0)
        # Beat 4 (2.5 s): so c = 5
        with self.beat(2.5):
            self.play(*self.caption_animation("So the hypotenuse is 5"), run_time=0.8)
