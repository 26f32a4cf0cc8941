# Clean: many lecture lines in quick succession next to one formula.
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "The chain rule"

    def construct(self):
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("A function inside another"), run_time=1.0)
            rule = self.name("chain", self.place_area(formula("(f(g(x)))' = f'(g(x)) g'(x)"), "B1:C6", max_scale=1.4))
            self.play(Write(rule), run_time=1.0)
        with self.beat(3.0):
            self.play(*self.caption_animation("Differentiate the outside"), run_time=0.6)
            self.play(*self.caption_animation("keep the inside as it is"), run_time=0.6)
            self.play(*self.caption_animation("then multiply"), run_time=0.6)
        with self.beat(3.0):
            self.play(*self.caption_animation("by the inner derivative"), run_time=0.6)
            self.play(*self.caption_animation("Example: sin of x squared"), run_time=0.6)
            example = self.name("example", self.place_area(formula("(sin x^2)' = 2 x cos x^2"), "E2:E5", max_scale=1.2))
            self.play(Write(example), run_time=0.8)
