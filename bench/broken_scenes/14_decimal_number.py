# Section 14: Compound interest
from code2video.render.kit import *


class Section14(LessonScene):
    section_title = "Compound growth"

    def construct(self):
        v = {}
        rate = 0.1
        # Beat 1 (3.0 s): the starting amount
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Start with 100"), run_time=1.0)
            years = ValueTracker(0)
            amount = DecimalNumber(100, num_decimal_places=2, font_size=56)
            v["amount"] = self.place(amount, "C3")
            self.play(FadeIn(v["amount"]), run_time=1.0)
        # Beat 2 (4.0 s): grow year by year
        with self.beat(4.0):
            self.play(*self.caption_animation("Each year adds 10 percent"), run_time=0.8)
            amount.add_updater(lambda m: m.set_value(100 * (1 + rate) ** years.get_value()))
            self.play(years.animate.set_value(10), run_time=2.5)
        # Beat 3 (3.0 s): the result
        with self.beat(3.0):
            self.play(*self.caption_animation("After 10 years: about 259"), run_time=0.8)
            amount.clear_updaters()
            self.play(Indicate(amount), run_time=1.0)
