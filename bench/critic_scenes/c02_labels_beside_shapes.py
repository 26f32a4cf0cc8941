# Clean: labels placed next to the shapes they name (boxes close but not touching).
from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "Two kinds of cell"

    def construct(self):
        with self.beat(2.5):
            self.play(self.title_animation(), *self.caption_animation("Cells come in two kinds"), run_time=1.0)
            plant = self.name("plant", self.place(shape("square", color="green"), "B2"))
            plant_name = self.name("plant-name", label("plant cell", "small").next_to(plant, RIGHT, buff=0.3))
            self.play(Create(plant), FadeIn(plant_name), run_time=1.0)
        with self.beat(2.5):
            self.play(*self.caption_animation("Animal cells are round"), run_time=0.6)
            animal = self.name("animal", self.place(shape("circle", color="orange"), "D2"))
            animal_name = self.name("animal-name", label("animal cell", "small").next_to(animal, RIGHT, buff=0.3))
            self.play(Create(animal), FadeIn(animal_name), run_time=1.0)
        with self.beat(2.0):
            wall = self.name("wall", label("only plants have a wall", "small", "yellow").next_to(plant_name, DOWN,
                                                                                             buff=0.25))
            wall.align_to(plant_name, LEFT)
            self.play(Write(wall), run_time=0.8)
