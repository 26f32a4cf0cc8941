# Section 12: Adding fractions
from code2video.render.kit import *


class Section12(LessonScene):
    section_title = "Adding fractions"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the problem
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Different denominators"), run_time=1.0)
            problem = MathTex(r"\frac{1}{2} + \frac{1}{3}", font_size=56)
            v["problem"] = self.place(problem, "B3")
            self.play(Write(v["problem"]), run_time=1.2)
        # Beat 2 (3.5 s): common denominator
        with self.beat(3.5):
            self.play(*self.caption_animation("Use 6 as the common denominator"), run_time=0.8)
            common = MathTex(r"\frac{3}{6} + \frac{2}{6}", font_size=56)
            v["common"] = self.place(common, "C3")
            self.play(TransformFromCopy(v["problem"], v["common"]), run_time=1.2)
        # Beat 3 (3.0 s): the sum
        with self.beat(3.0):
            self.play(*self.caption_animation("Add the numerators"), run_time=0.8)
            answer = MathTex(r"= \frac{5}{6}", font_size=56, color=YELLOW)
            v["answer"] = self.place(answer, "D3")
            self.play(Write(v["answer"]), run_time=1.0)
