# Section 26: Median of a sorted list
from code2video.render.kit import *


class Section26(LessonScene):
    section_title = "The median"

    def construct(self):
        v = {}
        data = [7, 1, 5, 3, 9]
        # Beat 1 (2.5 s): unsorted data
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Five values"), run_time=1.0)
            cells = VGroup(*[Text(str(n), font_size=40) for n in data]).arrange(RIGHT, buff=0.6)
            v["cells"] = self.place_area(cells, "B1:B6")
            self.play(Write(v["cells"]), run_time=1.0)
        # Beat 2 (3.0 s): sort them
        with self.beat(3.0):
            self.play(*self.caption_animation("Sort them first"), run_time=0.8)
            ordered = VGroup(*[Text(str(n), font_size=40) for n in sorted(data)]).arrange(RIGHT, buff=0.6)
            ordered.move_to(v["cells"])
            self.play(Transform(v["cells"], ordered), run_time=1.2)
        # Beat 3 (3.0 s): the middle
        with self.beat(3.0):
            self.play(*self.caption_animation("Take the middle one"), run_time=0.8)
            results_box = SurroundingRectangle(v["cells"][2], color=YELLOW, buff=0.12)
            self.play(Create(results_box), run_time=1.0)
        # Beat 4 (2.5 s): median = 5
        with self.beat(2.5):
            self.play(*self.caption_animation("The median is 5"), run_time=0.8)
            v["m"] = self.place(formula("\"median\" = 5", color="yellow"), "D3")
            self.play(Write(v["m"]), run_time=1.0)
        # Beat 5 (2.5 s): robust to outliers
        with self.beat(2.5):
            self.play(*self.caption_animation("An outlier barely moves it"), run_time=0.8)
            self.play(Indicate(result_box), run_time=1.0)
