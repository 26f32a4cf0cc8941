# Section 20: Polygons with n sides
from code2video.render.kit import *


class Section20(LessonScene):
    CONFIG = {
        "sides": [3, 4, 5, 6],
        "polygon_color": BLUE,
    }
    section_title = "Regular polygons"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a triangle
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Equal sides, equal angles"), run_time=1.0)
            shapes = VGroup(*[RegularPolygon(n, color=self.polygon_color) for n in self.sides]).arrange(RIGHT, buff=0.4)
            v["shapes"] = self.place_area(shapes, "B1:D6")
            self.play(Create(v["shapes"][0]), run_time=1.0)
        # Beat 2 (3.5 s): more sides
        with self.beat(3.5):
            self.play(*self.caption_animation("Add a side each time"), run_time=0.8)
            self.play(LaggedStart(*[Create(s) for s in v["shapes"][1:]], lag_ratio=0.3), run_time=1.8)
        # Beat 3 (3.0 s): towards a circle
        with self.beat(3.0):
            self.play(*self.caption_animation("Many sides look like a circle"), run_time=0.8)
            self.play(Indicate(v["shapes"][-1]), run_time=1.0)
