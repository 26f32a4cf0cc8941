"""The scene kit: the small runtime API that generated scene files are written against.

Layout (Code2Video's): a title band at the top, a lecture-line column on the left, and a 6x6
anchor grid A1..F6 (rows top to bottom, columns left to right) over the visual area on the right.
``SlideScene`` (paper mode) drops the column: its grid spans the full width under the title band.
Timing: ``with self.beat(seconds):`` makes the beat last exactly that long, measured on the
scene clock from the start of the section, so clips stay in sync with the narration.

Generated code does ``from code2video.render.kit import *``; keep this API stable.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from manim import *  # noqa: F403  (generated scenes rely on the kit re-exporting Manim)
from manim import (
    DOWN, LEFT, UP, FadeIn, FadeOut, Group, Line, RoundedRectangle, Scene, Table, Text, Transform, VGroup, Wait,
    Write, config,
)

from code2video.render.kit_info import KIT_VERSION, PROBE_ENV
from code2video.render.kit_mobjects import *  # noqa: F403
from code2video.render.kit_mobjects import FONT, _PictureCamera, kit_color, wrap_text
from code2video.render.kit_chance import *  # noqa: F403
from code2video.render.kit_motion import *  # noqa: F403
from code2video.render.kit_plots import *  # noqa: F403
from code2video.render.kit_puzzles import *  # noqa: F403


FRAME_W, FRAME_H = 14.222, 8.0
TITLE_BAND = (3.0, 4.0)  # y range of the title band
COLUMN_X = (-6.95, -2.75)  # x range of the lecture-line column
VISUAL_X = (-2.45, 6.85)  # x range of the anchor grid
VISUAL_Y = (-3.8, 2.85)  # y range of the anchor grid
SLIDE_X = (-6.85, 6.85)  # x range of a slide's anchor grid (no lecture-line column)
ROWS, COLUMNS = "ABCDEF", "123456"
CELL_W = (VISUAL_X[1] - VISUAL_X[0]) / 6
CELL_H = (VISUAL_Y[1] - VISUAL_Y[0]) / 6
AREA_MARGIN = 0.12
CAPTION_SIZE = 24
CAPTION_CHARS = 28
MAX_STEP_SECONDS = 300
HIGHLIGHT_CLASSES = {"SurroundingRectangle", "Underline", "BackgroundRectangle"}
CURSOR_BUFF = 0.1  # the cursor's margin around its target (small, so it stays inside the grid's frame)


def cell_center(cell: str, grid_x: tuple[float, float] = VISUAL_X) -> np.ndarray:
    """Centre of an anchor cell such as 'C4' (of the lesson grid unless ``grid_x`` says otherwise)."""
    row, col = ROWS.index(cell[0]), COLUMNS.index(cell[1])
    x = grid_x[0] + (col + 0.5) * ((grid_x[1] - grid_x[0]) / 6)
    y = VISUAL_Y[1] - (row + 0.5) * CELL_H
    return np.array([x, y, 0.0])


def area_box(area: str, grid_x: tuple[float, float] = VISUAL_X) -> tuple[np.ndarray, float, float]:
    """'B2:D5' -> (centre, width, height) of that block of cells."""
    first, _, last = area.partition(":")
    last = last or first
    top_left, bottom_right = cell_center(first, grid_x), cell_center(last, grid_x)
    center = (top_left + bottom_right) / 2
    width = bottom_right[0] - top_left[0] + (grid_x[1] - grid_x[0]) / 6
    height = top_left[1] - bottom_right[1] + CELL_H
    return center, width, height


def cells_of_box(left: float, right: float, bottom: float, top: float,
                 grid_x: tuple[float, float] = VISUAL_X) -> list[str]:
    """The anchor cells a bounding box touches (empty when it is outside the grid)."""
    cell_w = (grid_x[1] - grid_x[0]) / 6
    cols = [c for c in range(6) if grid_x[0] + c * cell_w < right and grid_x[0] + (c + 1) * cell_w > left]
    rows = [r for r in range(6) if VISUAL_Y[1] - (r + 1) * CELL_H < top and VISUAL_Y[1] - r * CELL_H > bottom]
    return [f"{ROWS[r]}{COLUMNS[c]}" for r in rows for c in cols]


def _check_step(seconds, what: str) -> None:
    """A runaway step would hang the render; fail at the caller's line instead."""
    if isinstance(seconds, (int, float)) and seconds > MAX_STEP_SECONDS:
        raise ValueError(f"{what} asks for {seconds:g} s, longer than any beat ({MAX_STEP_SECONDS} s at most); "
                         "keep every animation and wait inside its beat's duration")


class LessonScene(Scene):
    """Base scene for one lesson section: layout regions, placement and beat timing."""

    section_title = ""
    grid_x = VISUAL_X  # x range of the anchor grid; placement, the probe and tear_down all read it
    column_x = COLUMN_X  # x range of the lecture-line column (zero width: there is none)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("camera_class", _PictureCamera)  # so pictures (paper figures) render
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        self.camera.background_color = "#11141c"
        self._beat_end = 0.0
        self._beat_start = 0.0  # on the narration's clock, where the current beat began
        self._beats = 0  # beats entered so far; the probe tags each record with it
        self._captions: list[Text] = []
        self._probe: list[dict] = []
        self._named: dict[str, object] = {}
        self._probe_ids: dict[int, str] = {}  # object -> the name the probe reports it under
        self._cursor = None  # the one highlight cursor (focus), and what it points at
        self._cursor_target: tuple | None = None
        band_line = Line([-FRAME_W / 2 + 0.3, TITLE_BAND[0], 0], [FRAME_W / 2 - 0.3, TITLE_BAND[0], 0])
        lines = [band_line.set_stroke(kit_color("gray"), 1, 0.5)]
        if self.column_x[1] > self.column_x[0]:
            x = self.column_x[1] + 0.15
            lines.append(Line([x, VISUAL_Y[0], 0], [x, TITLE_BAND[0] - 0.2, 0]).set_stroke(kit_color("gray"), 1, 0.35))
        self.add(*lines)
        self._furniture = {id(line) for line in lines}  # layout lines, not content

    # --- placement -------------------------------------------------------------------
    def cell_center(self, cell: str) -> np.ndarray:
        """Centre of an anchor cell of this scene's grid (the module function knows only the lesson grid)."""
        return cell_center(cell, self.grid_x)

    def area_box(self, area: str) -> tuple[np.ndarray, float, float]:
        """(centre, width, height) of a block of cells of this scene's grid."""
        return area_box(area, self.grid_x)

    def place(self, mobj, cell: str):
        """Centre ``mobj`` on an anchor cell at its natural size (shrunk only if it would not fit the grid)."""
        self._fit(mobj, self.grid_x[1] - self.grid_x[0], VISUAL_Y[1] - VISUAL_Y[0], grow=False)
        return mobj.move_to(self.cell_center(cell))

    def place_area(self, mobj, area: str, max_scale: float = 4.0):
        """Scale ``mobj`` to fit the block of cells ``area`` ('B2:D5') and centre it there."""
        center, width, height = self.area_box(area)
        self._fit(mobj, width - 2 * AREA_MARGIN, height - 2 * AREA_MARGIN, grow=True, max_scale=max_scale)
        return mobj.move_to(center)

    @staticmethod
    def _fit(mobj, width: float, height: float, grow: bool, max_scale: float = 4.0) -> None:
        factors = [limit / size for limit, size in ((width, mobj.width), (height, mobj.height)) if size > 1e-6]
        if not factors:
            return
        factor = min(min(factors), max_scale)
        if factor < 1 or grow:
            mobj.scale(factor)

    def name(self, key: str, mobj):
        """Register a visual under its IR id so the layout probe can report it by name."""
        self._named[key] = mobj
        self._probe_ids[id(mobj)] = key
        return mobj

    # --- title and lecture lines -------------------------------------------------------
    def title_animation(self, title: str | None = None):
        text = Text(title or self.section_title, font=FONT, font_size=40, weight="BOLD")
        if text.width > FRAME_W - 1:
            text.scale_to_fit_width(FRAME_W - 1)
        text.move_to([0, sum(TITLE_BAND) / 2, 0])
        self.name("title", text)
        return Write(text)

    def caption_animation(self, line: str):
        """A new lecture line in the left column; the oldest lines leave when the column is full."""
        text = Text("• " + wrap_text(line, CAPTION_CHARS), font=FONT, font_size=CAPTION_SIZE, line_spacing=0.8)
        if text.width > self.column_x[1] - self.column_x[0]:
            text.scale_to_fit_width(self.column_x[1] - self.column_x[0])
        top, gap = TITLE_BAND[0] - 0.35, 0.3
        anims = []
        while self._captions and sum(c.height + gap for c in self._captions) + text.height > top - VISUAL_Y[0]:
            anims.append(FadeOut(self._captions.pop(0)))
        y = top
        for caption in self._captions:
            delta = y - caption.get_top()[1]
            if abs(delta) > 1e-3:
                anims.append(caption.animate.shift(UP * delta))
            y -= caption.height + gap
        text.move_to([self.column_x[0], y, 0], aligned_edge=UP + LEFT)
        self._captions.append(text)
        self.name(f"caption-{len(self._named)}", text)
        return [*anims, FadeIn(text, shift=0.2 * UP)]

    # --- the highlight cursor ---------------------------------------------------------------
    def focus(self, target, item: int | None = None, color: str = "yellow"):
        """The animation that brings the one cursor to ``target``: it fades in the first time, then glides.

        ``item`` (from 1) picks a part: a table's data row (the header is not counted) or a part of a
        VGroup/Group such as a ``bullets`` item; any other target is marked whole.
        """
        part = _cursor_part(target, item)
        box = _cursor_box(part, color)
        self._cursor_target = (target, item, part)
        if self._cursor is None or self._cursor not in self.mobjects:
            self._cursor = self.name("cursor", box)
            return FadeIn(box)
        return Transform(self._cursor, box)

    def unfocus(self):
        """The animation that fades the cursor out (say, with the visual it pointed at); a no-op without one."""
        cursor, self._cursor, self._cursor_target = self._cursor, None, None
        return FadeOut(cursor) if cursor is not None and cursor in self.mobjects else Wait()

    # --- timing -------------------------------------------------------------------------
    @contextmanager
    def beat(self, duration: float):
        """Everything played inside lasts exactly ``duration`` seconds in total (ends synced)."""
        self._beat_start = self._beat_end
        self._beat_end += duration
        self._beats += 1
        yield
        fps = config.frame_rate
        frames = round(self._beat_end * fps) - round(self.time * fps)
        if frames > 0:
            # A static wait truncates to whole frames, an animated one rounds up: aim inside both.
            animated = self.always_update_mobjects or any(
                m.has_time_based_updater() for m in self.get_mobject_family_members())
            nudge = -1e-6 if animated else 1e-6
            self.wait((frames + nudge) / fps)

    def until(self, seconds: float) -> None:
        """Wait until ``seconds`` after the current beat began, so a cue lands on its word.

        Measured on the narration's clock, so the frames each play rounds up to do not add up; a
        time already past is no wait at all.
        """
        left = self._beat_start + seconds - self.time
        if left * config.frame_rate >= 0.5:
            self.wait(left)

    # --- layout probe (read by the critic) ----------------------------------------------
    def play(self, *args, **kwargs):
        _check_step(kwargs.get("run_time", 0), "play(run_time=...)")
        super().play(*args, **kwargs)
        self._after_step()

    def wait(self, duration: float = 1.0, *args, **kwargs):
        _check_step(duration, "wait(...)")
        super().wait(duration, *args, **kwargs)
        self._after_step()

    def _after_step(self) -> None:
        if self._beat_end and self.time > self._beat_end + MAX_STEP_SECONDS:
            raise RuntimeError(f"the scene is {self.time - self._beat_end:.0f} s past the end of its beat; "
                               "a loop keeps playing or waiting: end it within the beat's duration")
        self._record_layout()

    def _record_layout(self) -> None:
        """Every visible top-level object: its name, kind, text, box and anchor cells, at this time."""
        if not os.environ.get(PROBE_ENV):
            return
        objects = []
        for mobj in (part for top in self.mobjects for part in self._probe_parts(top)):
            if id(mobj) in self._furniture or mobj.width < 1e-6 and mobj.height < 1e-6:
                continue
            objects.append(self._probe_entry(mobj))
        self._probe.append({"t": round(float(self.time), 3), "beat": self._beats, "objects": objects})

    def _probe_entry(self, mobj) -> dict:
        key = self._probe_ids.setdefault(id(mobj), f"{type(mobj).__name__.lower()}-{len(self._probe_ids) + 1}")
        left, bottom, right, top = _corners(mobj)
        entry = {"id": key, "kind": _probe_kind(mobj), "box": [round(v, 3) for v in (left, bottom, right, top)],
                 "cells": self.cells_of_box(left, right, bottom, top)}
        sources = [m for m in mobj.get_family() if _source_text(m)]
        if sources:
            entry["text"] = " ".join(map(_source_text, sources))
            glyphs = [g.height for m in sources for g in m.family_members_with_points() if g.height > 1e-3]
            entry["glyph_height"] = round(float(np.percentile(glyphs, 80)), 3) if glyphs else 0.0  # ~cap height
        if hasattr(mobj, "revision"):
            entry["revision"] = mobj.revision  # a Moving visual changes while its box stays put
        if mobj is self._cursor and self._cursor_target:
            target, item, part = self._cursor_target  # what it points at, so a check can see it is covered
            entry["target"] = {"id": self._probe_ids.get(id(target)), "item": item,
                               "box": [round(v, 3) for v in _corners(part)]}
        return entry

    def cells_of_box(self, left: float, right: float, bottom: float, top: float) -> list[str]:
        """The cells of this scene's grid that a box touches."""
        return cells_of_box(left, right, bottom, top, self.grid_x)

    def _probe_parts(self, mobj) -> list:
        """The object itself, or, for an unnamed group such as FadeIn(a, b) adds, its named parts."""
        if id(mobj) in self._probe_ids or not any(id(m) in self._probe_ids for m in mobj.get_family()[1:]):
            return [mobj]
        return [part for sub in mobj.submobjects for part in self._probe_parts(sub)]

    def tear_down(self) -> None:
        path = os.environ.get(PROBE_ENV)
        if path:
            regions = {"frame": [FRAME_W, FRAME_H], "pixel_height": config.pixel_height, "title_band": TITLE_BAND,
                       "column_x": self.column_x, "visual_x": self.grid_x, "visual_y": VISUAL_Y}
            Path(path).write_text(json.dumps({"kit_version": KIT_VERSION, "layout": regions, "frames": self._probe},
                                             indent=1))
        super().tear_down()


class SlideScene(LessonScene):
    """A presentation slide: the title band over a full-width grid, with no lecture-line column.

    The column becomes zero-width at the grid's left edge, so the probe's regions stay consistent
    and the critic's lecture-column check only fires for things leaving the grid on the left.
    """

    grid_x = SLIDE_X
    column_x = (SLIDE_X[0], SLIDE_X[0])

    def caption_animation(self, line: str):
        """Slides have no lecture lines: a placeholder animation, so scene code written for lessons still runs."""
        return [Wait()]


def _corners(mobj) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of an object's bounding box."""
    left, bottom = mobj.get_corner(DOWN + LEFT)[:2]
    right, top = mobj.get_corner(UP + RIGHT)[:2]
    return float(left), float(bottom), float(right), float(top)


def _cursor_part(target, item: int | None):
    """The part of ``target`` the cursor marks: a table's data row, a group's item, else all of it."""
    if item is None:
        return target
    if isinstance(target, Table):
        rows = target.get_rows()  # row 0 is the header, so data row ``item`` is rows[item]
        return rows[item] if 0 < item < len(rows) else target
    if type(target) in (VGroup, Group) and 0 < item <= len(target.submobjects):
        return target[item - 1]
    return target


def _cursor_box(part, color: str):
    """A soft rounded box around ``part``, drawn behind everything (z_index -1) so text stays crisp."""
    width, height = part.width + 2 * CURSOR_BUFF, part.height + 2 * CURSOR_BUFF
    box = RoundedRectangle(width=width, height=height, corner_radius=min(0.15, 0.3 * min(width, height)))
    box.set_stroke(kit_color(color), 2, 0.9).set_fill(kit_color(color), opacity=0.16).move_to(part)
    box.set_z_index(-1)
    box.kit_role = "highlight"  # the critic does not count a highlight as overlapping what it marks
    return box


def _source_text(mobj) -> str | None:
    """The words or formula source an object shows (None for shapes)."""
    for attribute in ("original_text", "typst_code", "tex_string"):
        value = getattr(mobj, attribute, None)
        if isinstance(value, str) and value.strip("$ \n"):
            return value.strip("$ \n")  # Typst math source comes wrapped as "$ ... $"
    return None


def _probe_kind(mobj) -> str:
    """'text', 'formula' or 'highlight' for what the critic treats specially, else the class name."""
    if getattr(mobj, "kit_role", None) == "highlight" or type(mobj).__name__ in HIGHLIGHT_CLASSES:
        return "highlight"
    if getattr(mobj, "kit_kind", None):
        return mobj.kit_kind
    if hasattr(mobj, "original_text"):
        return "text"
    if hasattr(mobj, "typst_code") or hasattr(mobj, "tex_string"):
        return "formula"
    return type(mobj).__name__.lower()


def _exported_names() -> list[str]:
    """What ``from code2video.render.kit import *`` gives a scene: Manim, numpy as np, the kit.

    Modules the kit itself uses (os, json, ...) are left out, so scene code cannot reach them.
    """
    import types

    names = {name for name, value in globals().items()
             if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    return sorted(names - {"contextmanager", "Path", "annotations"} | {"np"})


__all__ = _exported_names()
