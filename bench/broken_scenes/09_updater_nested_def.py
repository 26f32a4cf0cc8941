# Section 9: A number line counter
from code2video.render.kit import *


class Section09(LessonScene):
    section_title = "Counting on the number line"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the number line
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Steps of one"), run_time=1.0)
            line = NumberLine(x_range=[0, 8, 1], length=7, color=GRAY)
            v["line"] = self.place_area(line, "C1:D6")
            self.play(Create(v["line"]), run_time=1.2)
        # Beat 2 (2.5 s): a marker at zero
        with self.beat(2.5):
            self.play(*self.caption_animation("Start at zero"), run_time=0.8)
            tracker = ValueTracker(0)
            marker = Triangle(color=YELLOW).scale(0.2).rotate(PI)

            def follow(m):
                m.next_to(v["line"].n2p(tracker.value), UP, buff=0.1)

            marker.add_updater(follow)
            self.add(marker)
        # Beat 3 (3.5 s): count up to five
        with self.beat(3.5):
            self.play(*self.caption_animation("Count up to five"), run_time=0.8)
            self.play(tracker.animate.set_value(5), run_time=2.0)
        # Beat 4 (2.0 s): stop
        with self.beat(2.0):
            self.play(*self.caption_animation("Five steps from zero"), run_time=0.8)
