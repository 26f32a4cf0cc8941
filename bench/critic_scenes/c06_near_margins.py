# Clean: objects pushed to the edges of the visual area, close to but inside the safe margins.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Corners of the grid"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Room at every edge"), run_time=1.0)
            corner = self.name("corner-note", label("top right", "small"))
            corner.move_to([VISUAL_X[1] - 0.05, VISUAL_Y[1] - 0.05, 0], aligned_edge=UR)
            self.play(FadeIn(corner), run_time=0.6)
        with self.beat(2.0):
            foot = self.name("footnote", label("bottom edge of the grid", "small", "gray"))
            foot.move_to([VISUAL_X[1] - 0.05, VISUAL_Y[0] + 0.05, 0], aligned_edge=DR)
            self.play(FadeIn(foot), run_time=0.6)
        with self.beat(2.0):
            marker = self.name("left-marker", Square(side_length=0.8, color=kit_color("teal")))
            marker.move_to([VISUAL_X[0] + 0.05, VISUAL_Y[0] + 0.05, 0], aligned_edge=DL)
            self.play(Create(marker), run_time=0.6)
