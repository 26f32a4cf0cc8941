# Section 2: Circles and their radius
from code2video.render.kit import *


class Section02(LessonScene):
    section_title = "Circles and their radius"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a circle appears
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Every point is r from the centre"), run_time=1.0)
            v["circle"] = self.place(Circle(radius=1.4, color=TEAL), "C4")
            self.play(ShowCreation(v["circle"]), run_time=1.2)
        # Beat 2 (3.0 s): draw the radius
        with self.beat(3.0):
            self.play(*self.caption_animation("The radius r"), run_time=0.8)
            center = Dot(v["circle"].get_center(), color=WHITE)
            radius = Line(v["circle"].get_center(), v["circle"].point_at_angle(PI / 6), color=YELLOW)
            self.play(FadeIn(center), Create(radius), run_time=1.0)
            v["r"] = label("r", size="small", color="yellow").next_to(radius.get_center(), UP, buff=0.1)
            self.play(Write(v["r"]), run_time=0.6)
        # Beat 3 (3.5 s): the diameter is twice the radius
        with self.beat(3.5):
            self.play(*self.caption_animation("Diameter d = 2r"), run_time=0.8)
            diameter = Line(v["circle"].get_left(), v["circle"].get_right(), color=ORANGE)
            self.play(Create(diameter), run_time=1.0)
            self.play(Indicate(diameter), run_time=0.8)
