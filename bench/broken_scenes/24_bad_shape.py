# Section 24: A matrix transforms a vector
from code2video.render.kit import *


class Section24(LessonScene):
    section_title = "A matrix moves a vector"

    def construct(self):
        v = {}
        transform = np.array([[2, 1], [0, 1]])
        # Beat 1 (3.0 s): the plane and a vector
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("The vector (1, 1)"), run_time=1.0)
            plane = NumberPlane(x_range=[-1, 4, 1], y_range=[-1, 3, 1], x_length=5, y_length=4)
            vec = Arrow(plane.c2p(0, 0), plane.c2p(1, 1), buff=0, color=YELLOW)
            v["plane"] = self.place_area(VGroup(plane, vec), "A1:F6")
            self.play(Create(plane), GrowArrow(vec), run_time=1.4)
        # Beat 2 (3.0 s): the matrix
        with self.beat(3.0):
            self.play(*self.caption_animation("Apply [[2, 1], [0, 1]]"), run_time=0.8)
            v["m"] = self.place(matrix([["2", "1"], ["0", "1"]]), "A5")
            self.play(Write(v["m"]), run_time=1.0)
        # Beat 3 (3.5 s): the image
        with self.beat(3.5):
            self.play(*self.caption_animation("It lands on (3, 1)"), run_time=0.8)
            end = transform @ vec.get_end()
            image = Arrow(plane.c2p(0, 0), plane.c2p(*end), buff=0, color=ORANGE)
            self.play(GrowArrow(image), run_time=1.2)
