# Section 21: Ordering decimals
from code2video.render.kit import *


class Section21(LessonScene):
    section_title = "Ordering decimals"

    def construct(self):
        v = {}
        values = ["0.5", "0.25", "0.75"]
        # Beat 1 (3.0 s): three decimals
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Which is the largest?"), run_time=1.0)
            cards = VGroup(*[label(s, size="large") for s in values]).arrange(RIGHT, buff=0.8)
            v["cards"] = self.place_area(cards, "B1:C6")
            self.play(FadeInFrom(v["cards"], LEFT), run_time=1.2)
        # Beat 2 (3.5 s): put them on a line
        with self.beat(3.5):
            self.play(*self.caption_animation("Place them on a number line"), run_time=0.8)
            line = number_line((0, 1, 0.25))
            v["line"] = self.place_area(line, "D1:E6")
            self.play(Create(v["line"]), run_time=1.2)
        # Beat 3 (3.0 s): the order
        with self.beat(3.0):
            self.play(*self.caption_animation("0.25 < 0.5 < 0.75"), run_time=0.8)
            self.play(Indicate(v["cards"][2]), run_time=1.0)
