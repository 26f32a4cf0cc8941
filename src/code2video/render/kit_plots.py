"""Plot windows that move while the narration speaks: a linear map, a tangent, a series' partial
sums and gradient descent.

Each builder returns a ``Moving`` whose drawing lives in a fixed window of plot coordinates. The
window maps coordinates through its invisible frame, so the mapping stays right after placement
scales and moves the visual. ``motion()`` is one ``UpdateFromAlphaFunc`` whose state depends on
the animation's progress alone: calling it again replays the motion from the start state.
The maths sits in small pure functions (tested without Manim).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    DashedLine,
    Dot,
    Line,
    Polygon,
    Text,
    VGroup,
    VMobject,
    smooth,
)

from code2video.ir import DescentVisual
from code2video.render.kit_mobjects import FONT, TEXT_SIZES, formula, kit_color, label
from code2video.render.kit_motion import (
    VIEW_SIZE,
    Moving,
    clip_segment,
    clipped_curve,
    view_axes,
)

MARGIN = 0.25  # room around a plot window for dots, arrow strokes and labels at its edge
HEADER = 0.5  # band above a plot window for its readout
EQUAL_FIT = (6.4, 4.4)  # largest plot window when both axes share one unit
SAMPLES = 240  # points per curve that moves
MAX_GRID_LINES = 30  # per side of the origin and direction, for a linear map's moving grid


# --- pure maths --------------------------------------------------------------------------------

def matrix_at(matrix, t: float) -> np.ndarray:
    """(1 - t) I + t M: the map part way through the motion."""
    return (1 - t) * np.eye(2) + t * np.asarray(matrix, dtype=float)


def grid_reach(matrix, box, step: float) -> int:
    """How many grid lines each side of the origin keep the window covered while I turns into M."""
    corners = np.array([(box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])])
    reach = np.abs(corners).max()
    for t in np.linspace(0, 1, 21):
        m = matrix_at(matrix, t)
        if abs(np.linalg.det(m)) > 1e-6:
            reach = max(reach, np.abs(np.linalg.solve(m, corners.T)).max())
    return int(min(MAX_GRID_LINES, np.ceil(reach / step)))


def grid_segments(m: np.ndarray, box, step: float, reach: int) -> list:
    """The images under ``m`` of the grid lines x = k step, then y = k step (|k| <= reach),
    each clipped to the window ``box`` (left, bottom, right, top): a (p, q) pair or None."""
    span = (reach + 1) * step
    segments = []
    for axis in (0, 1):
        for k in range(-reach, reach + 1):
            p, q = np.full(2, k * step), np.full(2, k * step)
            p[1 - axis], q[1 - axis] = -span, span
            segments.append(clip_segment(m @ p, m @ q, box))
    return segments


def inside_runs(points, box) -> list[np.ndarray]:
    """A polyline's stretches inside ``box``, each ending exactly on the box's edge where it leaves."""
    points = np.asarray(points, dtype=float)
    runs, run = [], []
    for p, q in pairwise(points):
        part = clip_segment(p, q, box) if np.isfinite(p).all() and np.isfinite(q).all() else None
        if part is None:
            run = _close(runs, run)
            continue
        a, b = part
        if not (run and np.allclose(a, run[-1])):
            run = _close(runs, run) + [a]
        run.append(b)
    _close(runs, run)
    return runs


def _close(runs: list, run: list) -> list:
    if len(run) > 1:
        runs.append(np.array(run))
    return []


def values(func, xs: np.ndarray) -> np.ndarray:
    """``func`` at every x (NaN where it is undefined), also for constants such as ``lambda x: 1``."""
    with np.errstate(all="ignore"):
        try:
            ys = np.asarray(func(xs), dtype=float)
        except (TypeError, ValueError, ZeroDivisionError):
            ys = np.array([_value(func, x) for x in xs])
    return np.broadcast_to(ys, xs.shape).astype(float)


def _value(func, x: float) -> float:
    """f(x), or nan where f is undefined (a negative number to a fractional power is complex)."""
    try:
        return float(func(np.float64(x)))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return float("nan")


def derivative(func, x: float, h: float = 1e-5) -> float:
    """Central difference, accurate to O(h^2)."""
    return (_value(func, x + h) - _value(func, x - h)) / (2 * h)


def secant_slope(func, x: float, h: float) -> float:
    """Slope through (x, f(x)) and (x + h, f(x + h)); the derivative once h is (nearly) 0."""
    if abs(h) < 1e-6:
        return derivative(func, x)
    return (_value(func, x + h) - _value(func, x)) / h


def partial_sums(terms, xs: np.ndarray) -> np.ndarray:
    """Row k holds S_k = terms[0] + ... + terms[k] at every x."""
    return np.cumsum([values(term, xs) for term in terms], axis=0)


def contour_levels(curvature, box, count: int = 6) -> list[float]:
    """Loss levels whose ellipses are evenly spaced in size out to the window's farthest corner."""
    a, b = curvature
    top = max(a * x * x + b * y * y for x in box[0::2] for y in box[1::2])
    return [top * (i / (count + 0.5)) ** 2 for i in range(1, count + 1)]


def ellipse(curvature, level: float, samples: int = 121) -> np.ndarray:
    """Points of the contour a x^2 + b y^2 = level."""
    a, b = curvature
    theta = np.linspace(0, 2 * np.pi, samples)
    return np.column_stack([np.sqrt(level / a) * np.cos(theta), np.sqrt(level / b) * np.sin(theta)])


def descent_path(curvature, start, learning_rate: float, steps: int) -> list[tuple[float, float]]:
    """The points gradient descent visits (the IR's own arithmetic)."""
    return DescentVisual.model_construct(curvature=tuple(curvature), start=tuple(start),
                                         learning_rate=learning_rate, steps=steps).path()


def loss(curvature, point) -> float:
    return curvature[0] * point[0] ** 2 + curvature[1] * point[1] ** 2


# --- the window ---------------------------------------------------------------------------------

class PlotWindow(Moving):
    """A window onto plot coordinates (x_range x y_range), with an optional readout band above it."""

    def __init__(self, x_range, y_range, size: tuple[float, float], header: float = 0.0) -> None:
        self.plot_size, self.header = size, header
        super().__init__(size[0] + 2 * MARGIN, size[1] + 2 * MARGIN + header)
        self.box = (x_range[0], y_range[0], x_range[1], y_range[1])
        self.ticks = (x_range[2], y_range[2])  # the axes' tick steps
        self.readout_slot = VGroup()
        self._readouts: dict[str, Text] = {}
        self._shown = None

    def c2p(self, x, y) -> np.ndarray:
        return self.c2p_many(np.array([[x, y]]))[0]

    def c2p_many(self, xy) -> np.ndarray:
        """(N, 2) plot coordinates -> (N, 3) scene points."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        left, bottom, right, top = self.box
        scale = np.array(self.plot_size) / (right - left, top - bottom) * self.placed_scale()
        center = self.frame.get_center() + DOWN * self.header / 2 * self.placed_scale()
        out = np.zeros((len(xy), 3))
        out[:, :2] = center[:2] + (xy - ((left + right) / 2, (bottom + top) / 2)) * scale
        return out

    def inside(self, x: float, y: float) -> bool:
        return self.box[0] <= x <= self.box[2] and self.box[1] <= y <= self.box[3]

    def set_runs(self, mobj: VMobject, runs) -> VMobject:
        """Make ``mobj`` the polylines ``runs`` (plot coordinates), one subpath each."""
        pieces = []
        for run in runs:
            a, b = self.c2p_many(run[:-1]), self.c2p_many(run[1:])
            pieces.append(np.stack([a, a + (b - a) / 3, b - (b - a) / 3, b], axis=1).reshape(-1, 3))
        mobj.points = np.concatenate(pieces) if pieces else np.zeros((0, 3))
        return mobj

    def axes(self, x_label=None, y_label=None) -> VGroup:
        """``view_axes`` over the plot window, with the axis names inside the frame."""
        axes = view_axes((*self.box[0::2], self.ticks[0]), (*self.box[1::2], self.ticks[1]), self.plot_size)
        axes.shift(self.c2p(self.box[0], self.box[1]) - axes.c2p(self.box[0], self.box[1]))
        group = VGroup(axes)
        if x_label:
            end = axes.x_axis.get_end()
            group.add(self.keep_inside(label(x_label, "small").next_to(end, UP, buff=0.1).align_to(end, RIGHT)))
        if y_label:
            end = axes.y_axis.get_end()
            group.add(self.keep_inside(label(y_label, "small").next_to(end, RIGHT, buff=0.12).align_to(end, UP)))
        return group

    def keep_inside(self, mobj, pad: float = 0.05):
        """Shift ``mobj`` so it lies within the frame."""
        pad *= self.placed_scale()
        left, bottom = self.frame.get_corner(DOWN + LEFT)[:2] + pad
        right, top = self.frame.get_corner(UP + RIGHT)[:2] - pad
        low, high = mobj.get_corner(DOWN + LEFT), mobj.get_corner(UP + RIGHT)
        mobj.shift(RIGHT * (max(0, left - low[0]) - max(0, high[0] - right))
                   + UP * (max(0, bottom - low[1]) - max(0, high[1] - top)))
        return mobj

    def show_readout(self, text: str) -> None:
        """Show ``text`` in the readout band; each distinct text is typeset once.

        The shown Text changes in place (``become``): the renderer keeps drawing the parts a
        moving object had when its animation began, so swapping in a new part would leave the
        old one on screen."""
        if text == self._shown:
            return
        if text not in self._readouts:
            self._readouts[text] = Text(text, font=FONT, font_size=TEXT_SIZES["small"], color=kit_color("white"))
        shown = self._readouts[text].copy().scale(self.placed_scale())
        corner = self.frame.get_corner(UP + LEFT)
        shown.move_to(corner + (RIGHT * 0.12 + DOWN * (MARGIN + HEADER) / 2) * self.placed_scale(), aligned_edge=LEFT)
        if self.readout_slot.submobjects:
            self.readout_slot[0].become(shown)
            self.readout_slot[0].original_text = text  # what the layout probe reports
        else:
            self.readout_slot.add(shown)
        self._shown = text



def equal_size(x_range, y_range, fit=EQUAL_FIT) -> tuple[float, float]:
    """A window size with one unit on both axes (so squares stay square), as large as ``fit`` allows."""
    width, height = x_range[1] - x_range[0], y_range[1] - y_range[0]
    unit = min(fit[0] / width, fit[1] / height)
    return width * unit, height * unit


def _set_visible(mobj, visible: bool) -> None:
    mobj.set_stroke(opacity=1 if visible else 0).set_fill(opacity=1 if visible else 0)


# --- linear_map ---------------------------------------------------------------------------------

def _vector(item) -> tuple[tuple[float, float], str, str | None]:
    """A vector given as {'coords', 'color', 'label'} (as the template writes it) or as a pair."""
    if isinstance(item, dict):
        return tuple(item["coords"]), item.get("color", "yellow"), item.get("label")
    return tuple(item), "yellow", None


def _polygon(item) -> tuple[list, str, float, str | None]:
    """A polygon given as {'points', 'color', 'fill_opacity', 'label'} or as its list of corners."""
    if isinstance(item, dict):
        return item["points"], item.get("color", "teal"), item.get("fill_opacity", 0.35), item.get("label")
    return list(item), "teal", 0.35, None


class LinearMap(PlotWindow):
    """A plane carried by a 2x2 matrix: the grid, vectors and polygons glide from I to M."""

    kit_kind = "linear_map"

    def __init__(self, x_range, y_range, matrix, vectors, polygons, spans) -> None:
        super().__init__(x_range, y_range, equal_size(x_range, y_range))
        self.matrix, self.step = np.asarray(matrix, dtype=float), x_range[2]
        self.reach = grid_reach(self.matrix, self.box, self.step)
        self.vectors = [_vector(v) for v in vectors]
        self.polygons = [_polygon(p) for p in polygons]
        background = VGroup(*(self._line(seg, "gray", 1.5, 0.35)
                               for seg in grid_segments(np.eye(2), self.box, self.step, self.reach) if seg))
        self.grid = VGroup(*(VMobject() for _ in range(2 * (2 * self.reach + 1))))
        self.grid_opacity = []
        for index, line in enumerate(self.grid):
            on_axis = index % (2 * self.reach + 1) == self.reach  # the images of the axes stand out
            line.set_stroke(kit_color("white" if on_axis else "blue"), 3 if on_axis else 2)
            self.grid_opacity.append(0.9 if on_axis else 0.6)
        self.shapes = VGroup(*(Polygon(*[self.c2p(*p) for p in points], color=kit_color(color))
                               .set_fill(kit_color(color), opacity=opacity)
                               for points, color, opacity, _ in self.polygons))
        self.arrows = VGroup(*(self._arrow(np.asarray(coords, dtype=float), color)
                               for coords, color, _ in self.vectors))
        self.labels = {}  # index in vectors or polygons -> label
        for index, (_, color, name) in enumerate(self.vectors):
            if name:
                self.labels[("vector", index)] = formula(name, color=color)
        for index, (_, color, _, name) in enumerate(self.polygons):
            if name:
                self.labels[("polygon", index)] = label(name, "small", color, width=14)
        self.add(background, self._spans(spans), self.grid, self.shapes, self.arrows, *self.labels.values())
        self.show(0)

    def _line(self, segment, color: str, width: float, opacity: float) -> Line:
        return Line(self.c2p(*segment[0]), self.c2p(*segment[1])).set_stroke(kit_color(color), width, opacity)

    def _spans(self, spans) -> VGroup:
        """Fixed dashed lines through the origin along each direction, across the window."""
        lines = VGroup()
        far = 4 * max(map(abs, self.box))
        for direction in spans:
            d = np.asarray(direction, dtype=float) / (np.linalg.norm(direction) or 1)
            segment = clip_segment(-far * d, far * d, self.box)
            if segment:
                lines.add(DashedLine(self.c2p(*segment[0]), self.c2p(*segment[1]), dash_length=0.15)
                          .set_stroke(kit_color("white"), 2.5, 0.8))
        return lines

    def show(self, alpha: float) -> None:
        m = matrix_at(self.matrix, smooth(alpha))
        center = self.c2p(0, 0)
        for line, opacity, segment in zip(self.grid, self.grid_opacity, grid_segments(m, self.box, self.step,
                                                                                    self.reach)):
            ends = [self.c2p(*segment[0]), self.c2p(*segment[1])] if segment else [center, center]
            line.set_points_as_corners(ends).set_stroke(opacity=opacity if segment else 0)
        for shape, (points, *_), in zip(self.shapes, self.polygons):
            corners = [self.c2p(*(m @ p)) for p in points]
            shape.set_points_as_corners([*corners, corners[0]])
        for index, (arrow, (coords, color, _)) in enumerate(zip(self.arrows, self.vectors)):
            tip = m @ np.asarray(coords, dtype=float)
            arrow.become(self._arrow(tip, color))
            self._place_label(("vector", index), tip)
        for index, shape in enumerate(self.shapes):
            if ("polygon", index) in self.labels:
                self.labels[("polygon", index)].move_to(shape.get_center_of_mass())

    def _arrow(self, tip: np.ndarray, color: str) -> VMobject:
        """An arrow from the origin whose tip keeps its size while the vector stretches."""
        start, end = self.c2p(0, 0), self.c2p(*tip)
        if np.linalg.norm(end - start) < 1e-3:
            return VMobject().set_points_as_corners([start, start]).set_stroke(opacity=0)
        return Arrow(start, end, buff=0, color=kit_color(color), stroke_width=5, tip_length=0.25 * self.placed_scale(),
                     max_tip_length_to_length_ratio=0.4, max_stroke_width_to_length_ratio=20)

    def _place_label(self, key, tip: np.ndarray) -> None:
        """The label just beyond the vector's tip, kept within the frame."""
        if key not in self.labels:
            return
        name = self.labels[key]
        direction = tip / (np.linalg.norm(tip) or 1)
        reach = 0.2 * self.placed_scale() + max(name.width, name.height) / 2
        name.move_to(self.c2p(*tip) + reach * np.array([*direction, 0]))
        self.keep_inside(name)


def linear_map(*, x_range=(-4, 4, 1), y_range=(-3, 3, 1), matrix, vectors=(), polygons=(), spans=()):
    """The plane carried by ``matrix``; ``vectors`` {'coords', 'color', 'label'} and ``polygons``
    {'points', 'color', 'fill_opacity', 'label'} move to their images, ``spans`` stay as dashed lines."""
    return LinearMap(x_range, y_range, matrix, vectors, polygons, spans)


# --- tangent ------------------------------------------------------------------------------------

class Tangent(PlotWindow):
    """A curve with a tangent line: a secant may first close in on it, then the point may slide."""

    kit_kind = "tangent"

    def __init__(self, x_range, y_range, expr, start, end, secant, color, x_label, y_label) -> None:
        super().__init__(x_range, y_range, VIEW_SIZE, HEADER)
        self.func, self.start, self.end, self.secant = expr, start, end, secant
        axes = self.axes(x_label, y_label)
        curve = clipped_curve(self, expr, x_range, y_range).set_stroke(kit_color(color), 4)
        self.line = VMobject().set_stroke(kit_color("yellow"), 3.5)
        self.dot = Dot(radius=0.08, color=kit_color("white"))
        self.second = Dot(radius=0.07, color=kit_color("orange"))
        self.add(axes, curve, self.line, self.dot, self.second, self.readout_slot)
        self.show(0)

    def state(self, alpha: float) -> tuple[float, float | None, float]:
        """(x of the point, h of the secant or None, share of the tangent line drawn) at ``alpha``."""
        phases = [name for name, used in (("secant", self.secant is not None), ("slide", self.end is not None))
                  if used] or ["draw"]
        index = min(int(alpha * len(phases)), len(phases) - 1)
        u = smooth(min(1.0, (alpha * len(phases) - index) / 0.85))  # each phase ends with a short hold
        if phases[index] == "slide":
            return self.start + (self.end - self.start) * u, None, 1.0
        if phases[index] == "secant":
            return self.start, self.secant * (1 - u), 1.0
        return self.start, None, u

    def slope_at(self, x: float, h: float | None) -> float:
        return secant_slope(self.func, x, h) if h else derivative(self.func, x)

    def show(self, alpha: float) -> None:
        x, h, drawn = self.state(alpha)
        y, slope = _value(self.func, x), self.slope_at(x, h)
        self.dot.move_to(self.c2p(x, y))
        _set_visible(self.dot, self.inside(x, y))
        far = 4 * (self.box[2] - self.box[0])
        segment = clip_segment(np.array([x - far, y - far * slope]), np.array([x + far, y + far * slope]), self.box)
        if segment and np.isfinite(slope) and drawn > 0:
            a, b = self.c2p(*segment[0]), self.c2p(*segment[1])
            middle = self.c2p(x, y) if self.inside(x, y) else (a + b) / 2
            self.line.set_points_as_corners([middle + (a - middle) * drawn, middle + (b - middle) * drawn])
            self.line.set_stroke(opacity=1)
        else:
            self.line.set_points_as_corners([self.dot.get_center()] * 2).set_stroke(opacity=0)
        if h:
            self.second.move_to(self.c2p(x + h, _value(self.func, x + h)))
        _set_visible(self.second, bool(h) and self.inside(x + h, _value(self.func, x + h)))
        text = f"slope = {_number(slope)}"
        self.show_readout(f"h = {_number(h)},  {text}" if h else text)
        self.readout_slot.set_opacity(drawn)


def _number(value: float) -> str:
    return f"{value:.2f}".replace("-", "−") if np.isfinite(value) else "undefined"


def tangent(*, x_range=(-4, 4, 1), y_range=(-3, 3, 1), expr, start, end=None, secant=None, color="blue",
            x_label=None, y_label=None):
    """The curve ``expr`` (a callable) with its tangent at x = ``start``; see the module's docs for the motion."""
    return Tangent(x_range, y_range, expr, start, end, secant, color, x_label, y_label)


# --- series -------------------------------------------------------------------------------------

class Series(PlotWindow):
    """Partial sums S_0, S_1, ... drawn in turn over the target curve, each morphing into the next."""

    kit_kind = "series"

    def __init__(self, x_range, y_range, target, terms, labels, color) -> None:
        super().__init__(x_range, y_range, VIEW_SIZE, HEADER)
        self.xs = np.linspace(x_range[0], x_range[1], SAMPLES)
        self.sums = partial_sums(terms, self.xs)
        self.captions = list(labels) or [f"n = {k}" for k in range(len(terms))]
        goal = clipped_curve(self, target, x_range, y_range).set_stroke(kit_color("gray"), 3, 0.9)
        self.curve = VMobject().set_stroke(kit_color(color), 4)
        self.add(self.axes(), goal, self.curve, self.readout_slot)
        self.show(0)

    def stage(self, alpha: float) -> tuple[int, float]:
        """(k, u): S_k is u of the way to S_(k+1), each morph followed by a short hold."""
        stages = len(self.sums) - 1
        k = min(int(alpha * stages), stages - 1)
        return k, smooth(min(1.0, (alpha * stages - k) / 0.75))

    def show(self, alpha: float) -> None:
        k, u = self.stage(alpha)
        ys = (1 - u) * self.sums[k] + u * self.sums[k + 1]
        self.set_runs(self.curve, inside_runs(np.column_stack([self.xs, ys]), self.box))
        self.show_readout(self.captions[k + 1 if u >= 0.5 else k])


def series(*, x_range=(-4, 4, 1), y_range=(-3, 3, 1), target, terms, labels=(), color="yellow"):
    """Partial sums of ``terms`` (callables) closing in on ``target`` (a callable); ``labels`` caption each sum."""
    return Series(x_range, y_range, target, terms, labels, color)


# --- descent ------------------------------------------------------------------------------------

class Descent(PlotWindow):
    """Gradient descent seen from above the loss a x^2 + b y^2: the ball hops down the contours."""

    kit_kind = "descent"

    def __init__(self, x_range, y_range, curvature, start, learning_rate, steps, color) -> None:
        super().__init__(x_range, y_range, equal_size(x_range, y_range, (EQUAL_FIT[0], EQUAL_FIT[1] - HEADER)),
                         HEADER)
        self.curvature = curvature
        self.path = descent_path(curvature, start, learning_rate, steps)
        contours = VGroup()
        for index, level in enumerate(contour_levels(curvature, self.box)):
            contours.add(self.set_runs(VMobject(), inside_runs(ellipse(curvature, level), self.box))
                         .set_stroke(kit_color("blue"), 2, 0.75 - 0.07 * index))
        axes = VGroup(*(Line(self.c2p(*seg[0]), self.c2p(*seg[1])).set_stroke(kit_color("gray"), 1.5, 0.5)
                        for seg in (clip_segment(np.array(p), np.array(q), self.box)
                                    for p, q in (((-1e3, 0), (1e3, 0)), ((0, -1e3), (0, 1e3)))) if seg))
        self.add(axes, contours)
        if self.inside(0, 0):
            self.add(self._minimum())
        self.trail = VMobject().set_stroke(kit_color(color), 2.5, 0.8)
        self.marks = VGroup(*(Dot(self.c2p(*p), radius=0.05, color=kit_color(color)) for p in self.path[1:]))
        self.ball = Dot(radius=0.12, color=kit_color(color)).set_stroke(kit_color("white"), 2)
        self.add(self.trail, self.marks, self.ball, self.readout_slot)
        self.show(0)

    def _minimum(self) -> VGroup:
        """A small cross at the minimum (0, 0)."""
        size = 0.12 * self.placed_scale()
        center = self.c2p(0, 0)
        return VGroup(Line(center + (LEFT + UP) * size, center + (RIGHT + DOWN) * size),
                      Line(center + (LEFT + DOWN) * size, center + (RIGHT + UP) * size)).set_stroke(
                          kit_color("white"), 3)

    def position(self, alpha: float) -> tuple[int, np.ndarray]:
        """(steps completed, where the ball is) at ``alpha``: each hop glides, then rests a moment."""
        hops = len(self.path) - 1
        k = min(int(alpha * hops), hops - 1)
        u = smooth(min(1.0, (alpha * hops - k) / 0.7))
        here = (1 - u) * np.array(self.path[k]) + u * np.array(self.path[k + 1])
        return k + (u >= 1), here

    def show(self, alpha: float) -> None:
        done, here = self.position(alpha)
        self.ball.move_to(self.c2p(*here))
        visited = np.array([*self.path[:done + 1], here])
        self.set_runs(self.trail, [visited] if len(visited) > 1 else [])
        for index, mark in enumerate(self.marks):
            _set_visible(mark, index < done)
        self.show_readout(f"step {done},  loss = {loss(self.curvature, self.path[done]):.3g}")


def descent(*, x_range=(-4, 4, 1), y_range=(-3, 3, 1), curvature=(1.0, 4.0), start=(-3.5, 2.0), learning_rate=0.1,
            steps=12, color="orange"):
    """Gradient descent on a x^2 + b y^2 (``curvature`` = (a, b)) from ``start``: ``steps`` hops."""
    return Descent(x_range, y_range, curvature, start, learning_rate, steps, color)


__all__ = ["Descent", "LinearMap", "Series", "Tangent", "descent", "linear_map", "series", "tangent"]
