# Clean: three boxed steps joined by arrows.
from code2video.render.kit import *


def step(text):
    box = RoundedRectangle(corner_radius=0.15, width=2.2, height=0.9, color=kit_color("blue"))
    return VGroup(box, label(text, "small").move_to(box))


class Section01(LessonScene):
    section_title = "The water cycle"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Water goes round"), run_time=1.0)
            rise = self.name("evaporate", self.place(step("evaporate"), "B2"))
            cloud = self.name("condense", self.place(step("condense"), "B5"))
            self.play(FadeIn(rise), FadeIn(cloud), run_time=0.8)
        with self.beat(3.0):
            self.play(*self.caption_animation("and falls again"), run_time=0.6)
            rain = self.name("rain", self.place(step("rain"), "E4"))
            up = self.name("up-arrow", Arrow(rise.get_right(), cloud.get_left(), buff=0.15))
            down = self.name("down-arrow", Arrow(cloud.get_bottom(), rain.get_top(), buff=0.15))
            self.play(FadeIn(rain), GrowArrow(up), GrowArrow(down), run_time=1.0)
