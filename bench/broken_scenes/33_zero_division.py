# Section 33: Sharing equally
from code2video.render.kit import *


class Section33(LessonScene):
    section_title = "Division as sharing"

    def construct(self):
        v = {}
        sweets, friends = 12, 3
        # Beat 1 (3.0 s): twelve sweets
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("12 sweets, 3 friends"), run_time=1.0)
            pile = VGroup(*[Dot(radius=0.12, color=PINK) for _ in range(sweets)]).arrange_in_grid(rows=3, buff=0.25)
            v["pile"] = self.place(pile, "B3")
            self.play(FadeIn(v["pile"]), run_time=1.0)
        # Beat 2 (3.5 s): deal them out
        with self.beat(3.5):
            self.play(*self.caption_animation("Deal them out one by one"), run_time=0.8)
            groups = VGroup(*[VGroup() for _ in range(friends)])
            per_group = sweets // friends
            spacing = 4.0 / (friends - len(groups))
            for i, group in enumerate(groups):
                group.add(*v["pile"][i * per_group:(i + 1) * per_group])
                self.play(group.animate.arrange(DOWN, buff=0.15).move_to(cell_center("D2") + RIGHT * i * spacing), run_time=0.5)
        # Beat 3 (3.0 s): four each
        with self.beat(3.0):
            self.play(*self.caption_animation("12 ÷ 3 = 4 each"), run_time=0.8)
