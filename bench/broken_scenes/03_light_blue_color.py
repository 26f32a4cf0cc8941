# Section 3: Sorting by comparing neighbours
from code2video.render.kit import *


class Section03(LessonScene):
    section_title = "Bubble sort, one pass"

    def construct(self):
        v = {}
        values = [5, 2, 4, 1]
        # Beat 1 (3.0 s): the list to sort
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Compare neighbours, swap if needed"), run_time=1.0)
            boxes = VGroup(*[Square(side_length=0.9, color=LIGHT_BLUE) for _ in values]).arrange(RIGHT, buff=0.15)
            numbers = VGroup(*[Text(str(n), font_size=36).move_to(b) for n, b in zip(values, boxes)])
            v["row"] = self.place_area(VGroup(boxes, numbers), "B2:C5")
            self.play(Create(boxes), Write(numbers), run_time=1.4)
        # Beat 2 (3.0 s): compare the first pair
        with self.beat(3.0):
            self.play(*self.caption_animation("5 > 2, so swap"), run_time=0.8)
            pair = SurroundingRectangle(VGroup(boxes[0], boxes[1]), color=YELLOW, buff=0.08)
            self.play(Create(pair), run_time=0.8)
            self.play(Swap(numbers[0], numbers[1]), run_time=1.0)
        # Beat 3 (2.5 s): the largest moves right
        with self.beat(2.5):
            self.play(*self.caption_animation("The largest bubbles to the end"), run_time=0.8)
            self.play(FadeOut(pair), Indicate(numbers[0]), run_time=1.0)
