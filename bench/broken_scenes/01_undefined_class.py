# Section 1: What a right triangle is
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "What a right triangle is"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): introduce the triangle
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Three sides, one right angle"), run_time=1.0)
            tri = Polygon([0, 0, 0], [3, 0, 0], [0, 2, 0], color=BLUE)
            v["tri"] = self.place_area(tri, "B2:D4")
            self.play(Create(v["tri"]), run_time=1.2)
        # Beat 2 (3.5 s): mark the right angle
        with self.beat(3.5):
            self.play(*self.caption_animation("The corner is 90 degrees"), run_time=0.8)
            corner = RightAngleMark(v["tri"], size=0.3, color=YELLOW)
            self.play(Create(corner), run_time=1.0)
            self.wait(0.5)
        # Beat 3 (3.0 s): name the sides
        with self.beat(3.0):
            self.play(*self.caption_animation("Legs a, b and hypotenuse c"), run_time=0.8)
            names = VGroup(
                label("a", size="small").next_to(v["tri"], LEFT, buff=0.2),
                label("b", size="small").next_to(v["tri"], DOWN, buff=0.2),
                label("c", size="small").move_to(v["tri"].get_center() + 0.4 * UR),
            )
            self.play(FadeIn(names), run_time=1.0)
