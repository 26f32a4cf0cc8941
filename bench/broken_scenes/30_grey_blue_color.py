# Section 30: Angles in a triangle
from code2video.render.kit import *


class Section30(LessonScene):
    section_title = "Angles of a triangle"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a triangle
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Any triangle"), run_time=1.0)
            tri = Polygon([-2, -1, 0], [2, -1, 0], [0.5, 1.5, 0], color=WHITE)
            v["tri"] = self.place_area(tri, "B2:E5")
            self.play(Create(v["tri"]), run_time=1.0)
        # Beat 2 (3.5 s): colour the corners
        with self.beat(3.5):
            self.play(*self.caption_animation("Three corner angles"), run_time=0.8)
            corners = v["tri"].get_vertices()
            marks = VGroup(*[Dot(p, radius=0.1) for p in corners])
            marks.set_color_by_gradient(GREY_BLUE, TEAL, GOLD)
            self.play(FadeIn(marks), run_time=1.0)
        # Beat 3 (3.0 s): they sum to 180
        with self.beat(3.0):
            self.play(*self.caption_animation("They always add to 180°"), run_time=0.8)
            v["sum"] = self.place(formula("alpha + beta + gamma = 180 degree"), "F3")
            self.play(Write(v["sum"]), run_time=1.0)
