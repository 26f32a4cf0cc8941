"""The scene kit: the small runtime API that generated scene files are written against.

Layout (Code2Video's): a title band at the top, a lecture-line column on the left, and a 6x6
anchor grid A1..F6 (rows top to bottom, columns left to right) over the visual area on the right.
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
from manim import DOWN, LEFT, UP, FadeIn, FadeOut, Line, Scene, Text, Write, config

from code2video.render.kit_info import KIT_VERSION, PROBE_ENV
from code2video.render.kit_mobjects import *  # noqa: F403
from code2video.render.kit_mobjects import FONT, kit_color, wrap_text


FRAME_W, FRAME_H = 14.222, 8.0
TITLE_BAND = (3.0, 4.0)  # y range of the title band
COLUMN_X = (-6.95, -2.75)  # x range of the lecture-line column
VISUAL_X = (-2.45, 6.85)  # x range of the anchor grid
VISUAL_Y = (-3.8, 2.85)  # y range of the anchor grid
ROWS, COLUMNS = "ABCDEF", "123456"
CELL_W = (VISUAL_X[1] - VISUAL_X[0]) / 6
CELL_H = (VISUAL_Y[1] - VISUAL_Y[0]) / 6
AREA_MARGIN = 0.12
CAPTION_SIZE = 24
CAPTION_CHARS = 28
MAX_STEP_SECONDS = 300
HIGHLIGHT_CLASSES = {"SurroundingRectangle", "Underline", "BackgroundRectangle"}


def cell_center(cell: str) -> np.ndarray:
    """Centre of an anchor cell such as 'C4'."""
    row, col = ROWS.index(cell[0]), COLUMNS.index(cell[1])
    x = VISUAL_X[0] + (col + 0.5) * CELL_W
    y = VISUAL_Y[1] - (row + 0.5) * CELL_H
    return np.array([x, y, 0.0])


def area_box(area: str) -> tuple[np.ndarray, float, float]:
    """'B2:D5' -> (centre, width, height) of that block of cells."""
    first, _, last = area.partition(":")
    last = last or first
    top_left, bottom_right = cell_center(first), cell_center(last)
    center = (top_left + bottom_right) / 2
    width = bottom_right[0] - top_left[0] + CELL_W
    height = top_left[1] - bottom_right[1] + CELL_H
    return center, width, height


def cells_of_box(left: float, right: float, bottom: float, top: float) -> list[str]:
    """The anchor cells a bounding box touches (empty when it is outside the grid)."""
    cols = [c for c in range(6) if VISUAL_X[0] + c * CELL_W < right and VISUAL_X[0] + (c + 1) * CELL_W > left]
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

    def setup(self) -> None:
        self.camera.background_color = "#11141c"
        self._beat_end = 0.0
        self._beats = 0  # beats entered so far; the probe tags each record with it
        self._captions: list[Text] = []
        self._probe: list[dict] = []
        self._named: dict[str, object] = {}
        self._probe_ids: dict[int, str] = {}  # object -> the name the probe reports it under
        band_line = Line([-FRAME_W / 2 + 0.3, TITLE_BAND[0], 0], [FRAME_W / 2 - 0.3, TITLE_BAND[0], 0])
        column_line = Line([COLUMN_X[1] + 0.15, VISUAL_Y[0], 0], [COLUMN_X[1] + 0.15, TITLE_BAND[0] - 0.2, 0])
        self.add(band_line.set_stroke(kit_color("gray"), 1, 0.5), column_line.set_stroke(kit_color("gray"), 1, 0.35))
        self._furniture = {id(band_line), id(column_line)}  # layout lines, not content

    # --- placement -------------------------------------------------------------------
    def place(self, mobj, cell: str):
        """Centre ``mobj`` on an anchor cell at its natural size (shrunk only if it would not fit the grid)."""
        self._fit(mobj, VISUAL_X[1] - VISUAL_X[0], VISUAL_Y[1] - VISUAL_Y[0], grow=False)
        return mobj.move_to(cell_center(cell))

    def place_area(self, mobj, area: str, max_scale: float = 4.0):
        """Scale ``mobj`` to fit the block of cells ``area`` ('B2:D5') and centre it there."""
        center, width, height = area_box(area)
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
        if text.width > COLUMN_X[1] - COLUMN_X[0]:
            text.scale_to_fit_width(COLUMN_X[1] - COLUMN_X[0])
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
        text.move_to([COLUMN_X[0], y, 0], aligned_edge=UP + LEFT)
        self._captions.append(text)
        self.name(f"caption-{len(self._named)}", text)
        return [*anims, FadeIn(text, shift=0.2 * UP)]

    # --- timing -------------------------------------------------------------------------
    @contextmanager
    def beat(self, duration: float):
        """Everything played inside lasts exactly ``duration`` seconds in total (ends synced)."""
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
            key = self._probe_ids.setdefault(id(mobj), f"{type(mobj).__name__.lower()}-{len(self._probe_ids) + 1}")
            left, bottom = mobj.get_corner(DOWN + LEFT)[:2]
            right, top = mobj.get_corner(UP + RIGHT)[:2]
            entry = {"id": key, "kind": _probe_kind(mobj), "box": [round(float(v), 3) for v in (left, bottom, right, top)],
                     "cells": cells_of_box(left, right, bottom, top)}
            sources = [m for m in mobj.get_family() if _source_text(m)]
            if sources:
                entry["text"] = " ".join(map(_source_text, sources))
                glyphs = [g.height for m in sources for g in m.family_members_with_points() if g.height > 1e-3]
                entry["glyph_height"] = round(float(np.percentile(glyphs, 80)), 3) if glyphs else 0.0  # ~cap height
            objects.append(entry)
        self._probe.append({"t": round(float(self.time), 3), "beat": self._beats, "objects": objects})

    def _probe_parts(self, mobj) -> list:
        """The object itself, or, for an unnamed group such as FadeIn(a, b) adds, its named parts."""
        if id(mobj) in self._probe_ids or not any(id(m) in self._probe_ids for m in mobj.get_family()[1:]):
            return [mobj]
        return [part for sub in mobj.submobjects for part in self._probe_parts(sub)]

    def tear_down(self) -> None:
        path = os.environ.get(PROBE_ENV)
        if path:
            regions = {"frame": [FRAME_W, FRAME_H], "pixel_height": config.pixel_height, "title_band": TITLE_BAND,
                       "column_x": COLUMN_X, "visual_x": VISUAL_X, "visual_y": VISUAL_Y}
            Path(path).write_text(json.dumps({"kit_version": KIT_VERSION, "layout": regions, "frames": self._probe},
                                             indent=1))
        super().tear_down()


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
