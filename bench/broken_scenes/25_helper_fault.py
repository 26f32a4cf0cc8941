# Section 25: A binary tree
from code2video.render.kit import *


class Section25(LessonScene):
    section_title = "Binary trees"

    def build_level(self, parents, depth):
        """Two children under every parent node."""
        children = VGroup()
        spread = [1.6, 0.8]
        for parent in parents:
            for side in (LEFT, RIGHT):
                child = Circle(radius=0.18, color=GREEN).set_fill(GREEN, opacity=0.6)
                child.move_to(parent.get_center() + DOWN * 1.0 + side * spread[depth])
                children.add(child)
        return children

    def build_tree(self, depth):
        root = Circle(radius=0.18, color=BLUE).set_fill(BLUE, opacity=0.6)
        levels = [VGroup(root)]
        for d in range(depth):
            levels.append(self.build_level(levels[-1], d))
        edges = VGroup(*[Line(p.get_bottom(), c.get_top(), color=GRAY)
                         for d in range(depth) for p, c in zip(levels[d], levels[d + 1].submobjects[::2])])
        return VGroup(edges, *levels), levels[depth]

    def construct(self):
        v = {}
        # Beat 1 (3.0 s): the root
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Each node has two children"), run_time=1.0)
        # Beat 2 (3.5 s): grow three levels
        with self.beat(3.5):
            self.play(*self.caption_animation("Three levels: 1, 2, 4, 8 nodes"), run_time=0.8)
            tree, leaves = self.build_tree(3)
            v["tree"] = self.place_area(tree, "A1:F6")
            self.play(Create(v["tree"]), run_time=1.6)
        # Beat 3 (3.0 s): the leaves
        with self.beat(3.0):
            self.play(*self.caption_animation("The bottom nodes are leaves"), run_time=0.8)
            self.play(Indicate(leaves), run_time=1.0)
