# Clean: a coordinate plane filling the visual area, with labelled vectors drawn on it.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Adding vectors"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Two vectors"), run_time=1.0)
            plane = vector_plane((-1, 5, 1), (-1, 4, 1), vectors=[(3, 1, "teal", "u"), (1, 2, "orange", "v")])
            plane = self.name("plane", self.place_area(plane, "A1:F6"))
            self.play(Create(plane), run_time=1.5)
        with self.beat(3.0):
            self.play(*self.caption_animation("Tip to tail gives the sum"), run_time=0.6)
            total = vector_plane((-1, 5, 1), (-1, 4, 1), vectors=[(3, 1, "teal", "u"), (1, 2, "orange", "v"),
                                                                  (4, 3, "yellow", "u + v")])
            self.play(Transform(plane, place_like(total, plane)), run_time=1.2)
