# Clean: labels written inside boxes drawn just before them (separate objects, not groups).
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Stack and queue"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Two ways to wait"), run_time=1.0)
            stack_box = self.name("stack-box", self.place(Rectangle(width=2.4, height=1.0, color=kit_color("blue")), "B2"))
            stack = self.name("stack", label("stack", "normal").move_to(stack_box))
            self.play(Create(stack_box), Write(stack), run_time=1.0)
        with self.beat(3.0):
            self.play(*self.caption_animation("last in, first out"), run_time=0.6)
            queue_box = self.name("queue-box", self.place(Rectangle(width=2.4, height=1.0, color=kit_color("teal")), "B5"))
            queue = self.name("queue", label("queue", "normal").move_to(queue_box))
            self.play(Create(queue_box), Write(queue), run_time=1.0)
        with self.beat(2.0):
            rule = self.name("rule", self.place_area(label("a queue is first in, first out", "small"), "D2:D5",
                                                     max_scale=1.0))
            self.play(FadeIn(rule), run_time=0.6)
