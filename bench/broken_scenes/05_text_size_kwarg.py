# Section 5: Prime numbers
from code2video.render.kit import *


class Section05(LessonScene):
    section_title = "Prime numbers"

    def construct(self):
        v = {}
        numbers = list(range(2, 14))
        # Beat 1 (3.0 s): the numbers
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Which numbers only split as 1 × n?"), run_time=1.0)
            cells = VGroup(*[Text(str(n), size=0.6) for n in numbers]).arrange_in_grid(rows=3, buff=0.5)
            v["grid"] = self.place_area(cells, "B2:E5")
            self.play(Write(v["grid"]), run_time=1.4)
        # Beat 2 (3.5 s): cross out multiples of 2
        with self.beat(3.5):
            self.play(*self.caption_animation("Cross out multiples of 2"), run_time=0.8)
            evens = [cells[i] for i, n in enumerate(numbers) if n % 2 == 0 and n > 2]
            self.play(*[c.animate.set_opacity(0.25) for c in evens], run_time=1.2)
        # Beat 3 (3.5 s): then multiples of 3
        with self.beat(3.5):
            self.play(*self.caption_animation("Then multiples of 3"), run_time=0.8)
            threes = [cells[i] for i, n in enumerate(numbers) if n % 3 == 0 and n > 3]
            self.play(*[c.animate.set_opacity(0.25) for c in threes], run_time=1.2)
        # Beat 4 (3.0 s): what is left
        with self.beat(3.0):
            self.play(*self.caption_animation("What is left is prime"), run_time=0.8)
            primes = [cells[i] for i, n in enumerate(numbers) if n in (2, 3, 5, 7, 11, 13)]
            self.play(*[c.animate.set_color(YELLOW) for c in primes], run_time=1.2)
