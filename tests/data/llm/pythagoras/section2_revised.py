from code2video.render.kit import *


class Section02(LessonScene):
    section_title = "A 3-4-5 triangle"

    def construct(self):
        with self.beat(BEAT_1):
            self.play(self.title_animation())
            self.play(*self.caption_animation("Legs 3 and 4"))
            legs = table(["a", "b"], [["3", "4"]])
            self.place_area(legs, "A2:B5")
            self.name("legs", legs)
            self.play(FadeIn(legs), run_time=1)

        with self.beat(BEAT_2):
            self.play(*self.caption_animation("c = 5"))
            answer = formula("9 + 16 = 25 = 5^2")
            self.place_area(answer, "D2:F5")
            self.name("answer", answer)
            self.play(Write(answer, run_time=1.5, lag_ratio=0.2, rate_func=smooth))
