"""Picture-in-picture: the head shows only in corner blocks that are free at that time, never over
content or the lecture-line column; checked on the plan and on decoded pixels of a composited clip."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from code2video.render.kit import COLUMN_X, FRAME_H, FRAME_W, TITLE_BAND, VISUAL_X, VISUAL_Y, cells_of_box
from code2video.render.pip import MIN_SHOW, plan_pip, read_stretches

WIDTH, HEIGHT, FPS = 854, 480, 15
TOP_RIGHT, BOTTOM_RIGHT = ["A5", "A6", "B5", "B6"], ["E5", "E6", "F5", "F6"]
LEFT_CORNERS = ["A1", "A2", "B1", "B2", "E1", "E2", "F1", "F2"]


def write_layout(path: Path, records: list[tuple[float, list[str]]]) -> Path:
    """A layout probe like the kit writes, each record one object per cell."""
    frames = [{"t": t, "beat": 1, "objects": [{"id": f"square-{c}", "kind": "square", "box": _box(c), "cells": [c]}
                                             for c in cells]} for t, cells in records]
    regions = {"frame": [FRAME_W, FRAME_H], "pixel_height": HEIGHT, "title_band": list(TITLE_BAND),
               "column_x": list(COLUMN_X), "visual_x": list(VISUAL_X), "visual_y": list(VISUAL_Y)}
    path.write_text(json.dumps({"kit_version": 1, "layout": regions, "frames": frames}))
    return path


def _box(cell: str) -> list[float]:
    cell_w, cell_h = (VISUAL_X[1] - VISUAL_X[0]) / 6, (VISUAL_Y[1] - VISUAL_Y[0]) / 6
    row, col = "ABCDEF".index(cell[0]), "123456".index(cell[1])
    left, top = VISUAL_X[0] + col * cell_w, VISUAL_Y[1] - row * cell_h
    return [left + 0.05, top - cell_h + 0.05, left + cell_w - 0.05, top - 0.05]


def _pixels(cell: str) -> tuple[slice, slice]:
    """Rows and columns of a cell in the clip's pixels."""
    left, bottom, right, top = _box(cell)
    scale = HEIGHT / FRAME_H
    cols = slice(int((left + FRAME_W / 2) * scale), int((right + FRAME_W / 2) * scale))
    rows = slice(int((FRAME_H / 2 - top) * scale), int((FRAME_H / 2 - bottom) * scale))
    return rows, cols


def test_the_head_moves_to_the_corner_that_stays_free(tmp_path):
    layout = write_layout(tmp_path / "layout.json", [(2.0, TOP_RIGHT + LEFT_CORNERS), (2.5, LEFT_CORNERS),
                                                      (6.0, BOTTOM_RIGHT + LEFT_CORNERS)])
    shown = plan_pip(layout, WIDTH, HEIGHT, 6.0)
    assert [(a.start, a.end, sorted(a.spot.cells)) for a in shown] == [(0.0, 2.5, BOTTOM_RIGHT), (2.5, 6.0, TOP_RIGHT)]
    assert shown[0].spot.size == shown[1].spot.size > 100  # two cells a side at 480p
    assert shown[0].spot.x + shown[0].spot.size <= WIDTH and shown[0].spot.y + shown[0].spot.size <= HEIGHT


def test_a_smaller_head_when_only_a_corner_cell_is_free(tmp_path):
    busy = [c for c in cells_of_box(-10, 10, -10, 10) if c != "F6"]
    layout = write_layout(tmp_path / "layout.json", [(1.0, busy), (4.0, busy)])
    (appearance,) = plan_pip(layout, WIDTH, HEIGHT, 4.0)
    assert appearance.spot.cells == {"F6"}
    assert plan_pip(layout, WIDTH, HEIGHT, 4.0, max_cells=1)[0].spot.size == appearance.spot.size
    full = write_layout(tmp_path / "full.json", [(1.0, busy + ["F6"]), (4.0, busy + ["F6"])])
    assert plan_pip(full, WIDTH, HEIGHT, 4.0) == []


@pytest.mark.parametrize("seed", range(40))
def test_planned_heads_never_touch_a_taken_cell(tmp_path, seed):
    rng = random.Random(seed)
    cells = cells_of_box(-10, 10, -10, 10)
    times = sorted(round(rng.uniform(0.2, 20), 2) for _ in range(rng.randint(1, 12)))
    records = [(t, rng.sample(cells, rng.randint(0, 20))) for t in times]
    layout = write_layout(tmp_path / "layout.json", records)
    _, stretches = read_stretches(layout, 20.0)
    for appearance in plan_pip(layout, WIDTH, HEIGHT, 20.0, max_cells=rng.randint(1, 3)):
        assert appearance.end - appearance.start >= MIN_SHOW
        for stretch in stretches:
            if stretch.start < appearance.end and appearance.start < stretch.end:
                assert not appearance.spot.cells & stretch.taken


def _clip(path: Path, colour: str, seconds: float, size: str) -> Path:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color={colour}:size={size}:rate={FPS}",
                    "-t", str(seconds), "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def _frames(path: Path) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, HEIGHT, WIDTH, 3)


@pytest.mark.slow
def test_composited_head_covers_no_taken_cell_and_no_lecture_column(tmp_path):
    from code2video.render.pip import overlay_avatar

    layout = write_layout(tmp_path / "layout.json", [(2.0, TOP_RIGHT + LEFT_CORNERS), (2.5, LEFT_CORNERS),
                                                      (6.0, BOTTOM_RIGHT + LEFT_CORNERS)])
    shown = plan_pip(layout, WIDTH, HEIGHT, 6.0)
    clip = _clip(tmp_path / "clip.mp4", "black", 6.0, f"{WIDTH}x{HEIGHT}")
    head = _clip(tmp_path / "head.mp4", "red", 6.0, "200x200")
    out = overlay_avatar(clip, head, shown, "circle", FPS, tmp_path / "with_head.mp4")
    frames = _frames(out)
    assert len(frames) == 6 * FPS
    _, stretches = read_stretches(layout, 6.0)
    column = slice(0, int((COLUMN_X[1] + FRAME_W / 2) * HEIGHT / FRAME_H))
    for index, frame in enumerate(frames):
        t = (index + 0.5) / FPS
        taken = next(s.taken for s in stretches if s.start <= t < s.end)
        for cell in taken:
            assert frame[_pixels(cell)].max() < 40, f"the head covers taken cell {cell} at {t:.2f} s"
        assert frame[:, column].max() < 40, f"the head covers the lecture-line column at {t:.2f} s"
    red = frames[..., 0].astype(int) - frames[..., 1]
    assert red[int(1.2 * FPS)][_pixels("F6")].mean() > 150  # shown bottom right early on
    assert red[int(4.0 * FPS)][_pixels("A6")].mean() > 150  # and top right later
    assert red[int(4.0 * FPS)][_pixels("F6")].max() < 40


def test_no_head_means_the_clip_is_re_encoded_unchanged(tmp_path):
    from code2video.render.pip import overlay_avatar

    clip = _clip(tmp_path / "clip.mp4", "black", 1.0, f"{WIDTH}x{HEIGHT}")
    out = overlay_avatar(clip, None, [], "rounded", FPS, tmp_path / "same.mp4")
    frames = _frames(out)
    assert len(frames) == FPS and frames.max() < 20
