"""The base of the visuals that move while the narration speaks, and the plot window they share.

A ``Moving`` visual keeps an invisible frame as its first part, so its box (what placement fits
and the layout probe reports) stays the same however its drawing moves. ``motion()`` returns
the animation the template plays over the rest of the beat; each call counts as a new state for
the probe (``revision``), so the critic does not call a moving picture stale.
"""

from __future__ import annotations

import numpy as np
from manim import Animation, Axes, Rectangle, VGroup, VMobject

VIEW_SIZE = (6.5, 4.2)  # a plot window's size before placement, as for axes_plot


class Moving(VGroup):
    """A visual with a motion; subclasses set ``kit_kind`` (the IR kind) and implement ``animation``."""

    kit_kind = "moving"

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.revision = 0
        self.frame = Rectangle(width=width, height=height).set_stroke(opacity=0).set_fill(opacity=0)
        self.add(self.frame)

    def motion(self) -> Animation:
        """The animation to play while the narration speaks (its run_time is set by the caller)."""
        self.revision += 1
        return self.animation()

    def animation(self) -> Animation:
        raise NotImplementedError


def view_axes(x_range, y_range, size: tuple[float, float] = VIEW_SIZE) -> Axes:
    """Axes filling a window of ``size``, without tips or numbers (callers label what matters)."""
    return Axes(x_range=list(x_range), y_range=list(y_range), x_length=size[0], y_length=size[1], tips=False,
                axis_config={"include_numbers": False, "color": "#8A93A6"})


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
