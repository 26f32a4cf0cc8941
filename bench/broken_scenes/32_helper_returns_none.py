# Section 32: Place value
from code2video.render.kit import *


class Section32(LessonScene):
    section_title = "Place value"

    def digit_columns(self, digits):
        """Digits in labelled columns: hundreds, tens, ones."""
        names = ["hundreds", "tens", "ones"]
        columns = VGroup()
        for name, digit in zip(names, digits):
            column = VGroup(Text(name, font_size=24, color=GRAY), Text(digit, font_size=56))
            column.arrange(DOWN, buff=0.3)
            columns.add(column)
        columns.arrange(RIGHT, buff=0.8)

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the number 352
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("The number 352"), run_time=1.0)
            cols = self.digit_columns("352")
            v["cols"] = self.place_area(cols, "B1:D6")
            self.play(Write(v["cols"]), run_time=1.2)
        # Beat 2 (3.5 s): what each digit means
        with self.beat(3.5):
            self.play(*self.caption_animation("3 hundreds, 5 tens, 2 ones"), run_time=0.8)
            self.play(Indicate(v["cols"][0]), run_time=1.0)
        # Beat 3 (3.0 s): the sum
        with self.beat(3.0):
            self.play(*self.caption_animation("300 + 50 + 2 = 352"), run_time=0.8)
