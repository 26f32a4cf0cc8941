from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Right triangles"

    def construct(self):
        with self.beat(BEAT_1):
            self.play(self.title_animation())
            self.play(*self.caption_animation("Right triangles"))
            triangle = Polygon([0, 0, 0], [3, 0, 0], [0, 2, 0], color=TEAL)
            self.place_area(triangle, "B1:E3")
            self.name("triangle", triangle)
            self.play(Create(triangle), run_time=1.5)

        with self.beat(BEAT_2):
            self.play(*self.caption_animation("The theorem"))
            theorem = formula("a^2 + b^2 = c^2", color="yellow")
            self.place_area(theorem, "E2:F5")
            self.name("theorem", theorem)
            self.play(Write(theorem), run_time=1.5)
            self.play(Indicate(triangle))
