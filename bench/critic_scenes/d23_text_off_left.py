# Defects: a wide heading centred on column 1 runs through the lecture column and off the left edge.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Rivers"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Where rivers go"), run_time=1.0)
            delta = self.name("delta", self.place(shape("triangle", color="blue"), "C4"))
            self.play(Create(delta), run_time=0.6)
        with self.beat(2.5):
            self.play(*self.caption_animation("They fan out at the sea"), run_time=0.6)
            heading = Text("A river delta forms where a slow river meets the sea", font=FONT, font_size=34)
            heading = self.name("delta-heading", heading.move_to(cell_center("F1")))
            self.play(Write(heading), run_time=1.0)
