# Section 34: Symmetry
from code2video.render.kit import *


class Section34(LessonScene):
    section_title = "Lines of symmetry"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a butterfly shape
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Fold it in half"), run_time=1.0)
            wing = Polygon([0, 0, 0], [1.5, 1, 0], [2, -0.5, 0], [0.5, -1.2, 0], color=PURPLE).set_fill(PURPLE, opacity=0.5)
            other = wing.copy().flip(UP, about_point=ORIGIN)
            v["shape"] = self.place_area(VGroup(wing, other), "B2:E5")
            self.play(Create(v["shape"]), run_time=1.2)
        # Beat 2 (3.5 s): the mirror line
        with self.beat(3.5):
            self.play(*self.caption_animation("The mirror line"), run_time=0.8)
            axis_x = v["shape"].get_center()[0]
            mirror = DashedLine([axis_x, -FRAME_HEIGHT / 2 + 0.5, 0], [axis_x, FRAME_HEIGHT / 2 - 1.5, 0], color=YELLOW)
            self.play(Create(mirror), run_time=1.2)
        # Beat 3 (3.0 s): both halves match
        with self.beat(3.0):
            self.play(*self.caption_animation("Both halves match"), run_time=0.8)
            self.play(Indicate(v["shape"]), run_time=1.0)
