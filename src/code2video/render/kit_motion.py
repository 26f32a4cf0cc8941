"""The base of the visuals that move while the narration speaks, and the plot window they share.

A ``Moving`` visual keeps an invisible frame as its first part, so its box (what placement fits
and the layout probe reports) stays the same however its drawing moves. Its look is a function of
how far the motion has got (``show(alpha)``), so ``motion()`` is one animation that calls it, at any
run_time, and a second ``motion()`` replays it from the start. Each call counts as a new state for
the probe (``revision``), so the critic does not call a moving picture stale.
"""

from __future__ import annotations

import numpy as np
from manim import (
    Animation,
    Axes,
    ManimColor,
    Rectangle,
    Text,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    linear,
    smooth,
)

from code2video.render.kit_mobjects import FONT, kit_color

VIEW_SIZE = (6.5, 4.2)  # a plot window's size before placement, as for axes_plot


class Moving(VGroup):
    """A visual with a motion; subclasses set ``kit_kind`` (the IR kind) and implement ``show``."""

    kit_kind = "moving"

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.revision = 0
        self.built_width = width
        self.frame = Rectangle(width=width, height=height).set_stroke(opacity=0).set_fill(opacity=0)
        self.add(self.frame)

    def placed_scale(self) -> float:
        """How much placement has scaled the visual since it was built."""
        return self.frame.width / self.built_width

    def motion(self) -> Animation:
        """The animation to play while the narration speaks (its run_time is set by the caller)."""
        self.revision += 1
        return UpdateFromAlphaFunc(self, lambda _, alpha: self.show(alpha), rate_func=linear)

    def show(self, alpha: float):
        """Draw the state ``alpha`` (0 to 1) of the way through the motion."""
        raise NotImplementedError


def ramp(t: float, start: float = 0.0, end: float = 1.0) -> float:
    """0 before ``start``, 1 after ``end``, smoothly in between."""
    return float(smooth(np.clip((t - start) / (end - start), 0.0, 1.0)))


def mix(start: str, end: str, share: float) -> ManimColor:
    """The colour ``share`` of the way from ``start`` to ``end`` (palette names or hex)."""
    return ManimColor(kit_color(start)).interpolate(ManimColor(kit_color(end)), share)


def plain_text(words: str, size: int = 20, color: str = "white", weight: str = "NORMAL") -> Text:
    """Unwrapped kit text at a point size (readouts and labels inside moving visuals)."""
    return Text(words, font=FONT, font_size=size, color=kit_color(color), weight=weight)


def view_axes(x_range, y_range, size: tuple[float, float] = VIEW_SIZE) -> Axes:
    """Axes filling a window of ``size``, without tips or numbers (callers label what matters)."""
    return Axes(x_range=list(x_range), y_range=list(y_range), x_length=size[0], y_length=size[1], tips=False,
                axis_config={"include_numbers": False, "color": kit_color("gray")})


def clip_segment(p: np.ndarray, q: np.ndarray, box: tuple[float, float, float, float]):
    """The part of segment p-q inside box (left, bottom, right, top), or None (Liang-Barsky)."""
    left, bottom, right, top = box
    d = q - p
    t0, t1 = 0.0, 1.0
    for denominator, numerator in ((-d[0], p[0] - left), (d[0], right - p[0]),
                                   (-d[1], p[1] - bottom), (d[1], top - p[1])):
        if abs(denominator) < 1e-12:
            if numerator < 0:
                return None
            continue
        t = numerator / denominator
        if denominator < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return p + t0 * d, p + t1 * d


def clipped_curve(axes: Axes, func, x_range, y_range, samples: int = 240) -> VGroup:
    """``func`` drawn only where it stays inside the window (one piece per stretch inside it)."""
    xs = np.linspace(x_range[0], x_range[1], samples)
    with np.errstate(all="ignore"):
        ys = np.array([float(func(x)) for x in xs])
    inside = np.isfinite(ys) & (ys >= y_range[0]) & (ys <= y_range[1])
    pieces, run = VGroup(), []
    for x, y, ok in zip(xs, ys, inside):
        if ok:
            run.append(axes.c2p(x, y))
        elif run:
            pieces.add(_polyline(run))
            run = []
    if run:
        pieces.add(_polyline(run))
    return pieces


def _polyline(points: list) -> VMobject:
    line = VMobject()
    if len(points) == 1:
        points = points * 2
    line.set_points_smoothly(points) if len(points) > 2 else line.set_points_as_corners(points)
    return line


__all__ = ["VIEW_SIZE", "Moving", "clip_segment", "clipped_curve", "view_axes"]
