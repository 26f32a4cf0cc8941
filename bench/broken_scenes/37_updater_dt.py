# Section 37: Constant speed
from code2video.render.kit import *


class Section37(LessonScene):
    section_title = "Moving at constant speed"

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): a road
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("A car on a straight road"), run_time=1.0)
            road = Line(cell_center("D1") + LEFT, cell_center("D6") + RIGHT, color=GRAY)
            car = Square(side_length=0.4, color=RED).set_fill(RED, opacity=0.8).move_to(road.get_start() + UP * 0.3)
            v["road"] = VGroup(road, car)
            self.play(Create(road), FadeIn(car), run_time=1.2)
        # Beat 2 (4.0 s): it moves
        with self.beat(4.0):
            self.play(*self.caption_animation("Same distance every second"), run_time=0.8)
            timer = ValueTracker(0)
            start_x = car.get_x()
            car.add_updater(lambda m: m.set_x(start_x + 1.5 * timer.get_value() * dt))
            self.play(timer.animate.set_value(2.5), run_time=2.5, rate_func=linear)
            car.clear_updaters()
        # Beat 3 (3.0 s): speed
        with self.beat(3.0):
            self.play(*self.caption_animation("speed = distance / time"), run_time=0.8)
