# Section 39: Length of a segment
from code2video.render.kit import *


class Section39(LessonScene):
    section_title = "Measuring a segment"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a segment
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("From A to B"), run_time=1.0)
            seg = Line(LEFT * 2.5, RIGHT * 2.5, color=BLUE)
            ends = VGroup(Dot(seg.get_start()), Dot(seg.get_end()))
            v["seg"] = self.place(VGroup(seg, ends), "C3")
            self.play(Create(seg), FadeIn(ends), run_time=1.2)
        # Beat 2 (3.5 s): a brace with the length
        with self.beat(3.5):
            self.play(*self.caption_animation("Its length is 5 units"), run_time=0.8)
            brace = Brace(seg, DOWN, color=YELLOW)
            length = brace.get_tex(r"\ell = 5")
            self.play(GrowFromCenter(brace), Write(length), run_time=1.2)
        # Beat 3 (3.0 s): units
        with self.beat(3.0):
            self.play(*self.caption_animation("Count the unit steps"), run_time=0.8)
            ticks = VGroup(*[Line(UP * 0.1, DOWN * 0.1).move_to(seg.point_from_proportion(i / 5)) for i in range(6)])
            self.play(Create(ticks), run_time=1.0)
