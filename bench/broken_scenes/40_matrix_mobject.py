# Section 40: The identity matrix
from code2video.render.kit import *


class Section40(LessonScene):
    section_title = "The identity matrix"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a 2 by 2 matrix
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Ones on the diagonal"), run_time=1.0)
            identity = Matrix([[1, 0], [0, 1]])
            v["I"] = self.place(identity, "C2")
            self.play(Write(v["I"]), run_time=1.2)
        # Beat 2 (3.5 s): it changes nothing
        with self.beat(3.5):
            self.play(*self.caption_animation("I times v is v"), run_time=0.8)
            vec = Arrow(cell_center("E4"), cell_center("C5"), buff=0, color=YELLOW)
            self.play(GrowArrow(vec), run_time=1.0)
        # Beat 3 (3.0 s): like multiplying by 1
        with self.beat(3.0):
            self.play(*self.caption_animation("Like multiplying by 1"), run_time=0.8)
            self.play(Indicate(v["I"]), run_time=1.0)
        # Beat 4 (2.5 s): any size
        with self.beat(2.5):
            self.play(*self.caption_animation("Any size works the same way"), run_time=0.8)
            self.play(v["I"].animate.scale(0.8), run_time=1.0)
