# Section 29: A loop in Python
from code2video.render.kit import *


class Section29(LessonScene):
    section_title = "A for loop"

    def construct(self):
        v = {}
        source = "total = 0\nfor n in range(1, 5):\n    total += n\nprint(total)"
        # Beat 1 (3.0 s): the code
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Add the numbers 1 to 4"), run_time=1.0)
            listing = Code(code=source, language="python", style="monokai", background="window")
            v["code"] = self.place_area(listing, "A1:D6")
            self.play(FadeIn(v["code"]), run_time=1.2)
        # Beat 2 (3.5 s): the running total
        with self.beat(3.5):
            self.play(*self.caption_animation("total: 1, 3, 6, 10"), run_time=0.8)
            steps = VGroup(*[Text(str(t), font_size=32) for t in (1, 3, 6, 10)]).arrange(RIGHT, buff=0.5)
            v["steps"] = self.place_area(steps, "E2:F5")
            self.play(LaggedStart(*[FadeIn(s) for s in steps], lag_ratio=0.4), run_time=1.6)
        # Beat 3 (2.5 s): output
        with self.beat(2.5):
            self.play(*self.caption_animation("It prints 10"), run_time=0.8)
            self.play(Indicate(steps[-1]), run_time=1.0)
