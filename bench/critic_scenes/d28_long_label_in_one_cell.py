# Defect (written after the critic changes): a whole paragraph squeezed into a single cell.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Seasons"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("The Earth is tilted"), run_time=1.0)
            earth = self.name("earth", self.place(shape("circle", "Earth", "blue"), "C3"))
            self.play(FadeIn(earth), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("Sunlight hits at an angle"), run_time=0.6)
            text = label("When your half of the Earth leans toward the Sun, the light arrives steeply, days are "
                         "long and it is summer; leaning away gives winter.", "small", width=70)
            why = self.name("why", self.place_area(text, "F6", max_scale=1.0))
            self.play(FadeIn(why), run_time=0.6)
