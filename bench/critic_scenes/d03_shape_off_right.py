# Defect: a circle shifted off the cell at the right edge, past the frame.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Orbits"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("The Sun in the middle"), run_time=1.0)
            sun = self.name("sun", self.place(Circle(radius=0.5, color=kit_color("gold")).set_fill(opacity=0.8), "C3"))
            self.play(GrowFromCenter(sun), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("A planet far out"), run_time=0.6)
            planet = Circle(radius=0.7, color=kit_color("blue"))
            planet = self.name("planet", planet.move_to(cell_center("C6") + RIGHT * 1.1))
            self.play(Create(planet), run_time=0.8)
