# Defect: a formula placed up in the title band, to the right of the title.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Ohm's law"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Voltage drives current"), run_time=1.0)
            law = self.name("ohm", formula("V = I R", color="yellow").move_to([5.0, 3.45, 0]))
            self.play(Write(law), run_time=0.8)
        with self.beat(2.5):
            self.play(*self.caption_animation("Double R, half the current"), run_time=0.6)
            circuit = self.name("resistor", self.place(shape("rectangle", "R", "orange"), "C3"))
            self.play(FadeIn(circuit), run_time=0.6)
