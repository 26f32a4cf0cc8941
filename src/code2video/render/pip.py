"""Picture-in-picture: when and where a talking head may show in a section, and laying it over the clip.

The layout probe (``layout.json``) says which anchor cells each object touches after every step
of the scene. Between two records an animation may be moving anything present at either end, so
a corner block counts as free for that stretch only when no object of either record touches it.
The head shows in a free corner block, fades out before content reaches it, and comes back (in
the same or another corner) once a block is free again. The grid lies right of the lecture-line
column, so the head never covers the lecture lines either. A section whose corners are never
free long enough shows no head rather than hiding content.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image

from code2video.render.media import run_ffmpeg

ROWS, COLUMNS = "ABCDEF", "123456"
Shape = Literal["circle", "rounded"]
CORNERS = (("bottom", "right"), ("top", "right"), ("bottom", "left"), ("top", "left"))
MARGIN = 0.06  # of the block's height, kept clear on every side of the head
FADE = 0.3  # seconds to fade in or out, always inside a free stretch
MIN_SHOW = 1.5  # seconds; shorter free stretches are skipped, so the head never flickers


@dataclass(frozen=True)
class Spot:
    """A square place for the head: top-left corner and side in pixels of the clip, and its cells."""

    x: int
    y: int
    size: int
    cells: frozenset[str]


@dataclass(frozen=True)
class Appearance:
    start: float
    end: float
    spot: Spot


@dataclass(frozen=True)
class Stretch:
    """A stretch of the section's time and the cells something may touch during it."""

    start: float
    end: float
    taken: frozenset[str]


def read_stretches(layout_file: Path, duration: float) -> tuple[dict, list[Stretch]]:
    """The probe's regions, and the section cut at its records: before the first, between each
    pair (objects of both ends count), and after the last until ``duration``."""
    data = json.loads(layout_file.read_text(encoding="utf-8"))
    records = [(float(r["t"]), frozenset(c for o in r["objects"] for c in o["cells"])) for r in data["frames"]]
    stretches, previous_t, previous = [], 0.0, records[0][1] if records else frozenset()
    for t, cells in records:
        if t > previous_t:
            stretches.append(Stretch(previous_t, min(t, duration), previous | cells))
        previous_t, previous = max(previous_t, t), cells
    if duration > previous_t:
        stretches.append(Stretch(previous_t, duration, previous))
    return data["layout"], [s for s in stretches if s.end > s.start]


def plan_pip(layout_file: Path, width: int, height: int, duration: float, max_cells: int = 2,
             prefer_top: bool = False) -> list[Appearance]:
    """When and where the head shows in a section of ``duration`` seconds (empty: never).

    The head stays where it is while its block is free. Otherwise it takes the largest free
    block (``max_cells`` down to 1 cells a side), the one that stays free longest, corners in the
    order bottom-right, top-right, bottom-left, top-left (top first when ``prefer_top``, e.g.
    above burned-in subtitles).
    """
    regions, stretches = read_stretches(layout_file, duration)
    corners = sorted(CORNERS, key=lambda c: c[0] != "top") if prefer_top else CORNERS
    spots = [spot for n in range(max_cells, 0, -1) for spot in _spots(n, corners, regions, width, height)]
    runs: list[list] = []  # [start, end, spot]
    current = None
    for i, stretch in enumerate(stretches):
        free = [s for s in spots if not s.cells & stretch.taken]
        if current not in free:
            current = max(free, key=lambda s: (s.size, _free_run(s, stretches[i:])), default=None)
        if current is None:
            continue
        if runs and runs[-1][2] == current and runs[-1][1] == stretch.start:
            runs[-1][1] = stretch.end
        else:
            runs.append([stretch.start, stretch.end, current])
    return [Appearance(round(a, 3), round(b, 3), s) for a, b, s in runs if b - a >= MIN_SHOW]


def _free_run(spot: Spot, stretches: list[Stretch]) -> float:
    total = 0.0
    for stretch in stretches:
        if spot.cells & stretch.taken:
            break
        total += stretch.end - stretch.start
    return total


def _spots(n: int, corners, regions: dict, width: int, height: int) -> list[Spot]:
    """The head's place in each corner block of n x n cells, its side even (for yuv420p)."""
    frame_w, frame_h = regions["frame"]
    (left, right), (bottom, top) = regions["visual_x"], regions["visual_y"]
    scale = height / frame_h  # pixels per scene unit
    cell_w, cell_h = (right - left) / 6, (top - bottom) / 6
    margin = MARGIN * n * cell_h
    size = int((min(cell_w, cell_h) * n - 2 * margin) * scale) // 2 * 2
    spots = []
    for vertical, horizontal in corners:
        rows = range(n) if vertical == "top" else range(6 - n, 6)
        cols = range(n) if horizontal == "left" else range(6 - n, 6)
        x_scene = right - margin if horizontal == "right" else left + margin  # the block's outer corner
        y_scene = bottom + margin if vertical == "bottom" else top - margin
        x = (x_scene + frame_w / 2) * scale - (size if horizontal == "right" else 0)
        y = (frame_h / 2 - y_scene) * scale - (size if vertical == "bottom" else 0)
        x, y = int(np.clip(round(x), 0, width - size)), int(np.clip(round(y), 0, height - size))
        spots.append(Spot(x, y, size, frozenset(f"{ROWS[r]}{COLUMNS[c]}" for r in rows for c in cols)))
    return spots


def opacity_expression(appearances: list[Appearance]) -> str:
    """ffmpeg expression in T: 1 while shown, ramps of FADE seconds inside each appearance, else 0."""
    ramps = [f"min(max((T-{a.start})/{FADE},0),1)*min(max(({a.end}-T)/{FADE},0),1)" for a in appearances]
    return "+".join(ramps) or "0"


def position_expression(appearances: list[Appearance], axis: str) -> str:
    """ffmpeg expression in t: the spot of the latest appearance that has begun (hidden between them)."""
    values = [getattr(a.spot, axis) for a in appearances]
    steps = [f"{values[0]}"] + [f"({b}-{a})*gte(t,{ap.start})" for a, b, ap in
                                zip(values, values[1:], appearances[1:]) if b != a]
    return "+".join(steps)


def frame_images(size: int, shape: Shape, folder: Path) -> tuple[Path, Path]:
    """A soft-edged alpha mask for the head and a soft white border ring, as PNGs in ``folder``."""
    centre = (size - 1) / 2
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    dx, dy = np.abs(xx - centre), np.abs(yy - centre)
    if shape == "circle":
        inside = size / 2 - np.hypot(dx, dy)  # distance inside the edge, in pixels
    else:
        radius, half = size * 0.18, size / 2
        qx, qy = np.maximum(dx - (half - radius), 0), np.maximum(dy - (half - radius), 0)
        inside = radius - np.hypot(qx, qy) - np.minimum(np.maximum(dx, dy) - (half - radius), 0)
    feather, ring = max(1.0, size * 0.012), max(2.0, size * 0.03)
    alpha = np.clip(inside / feather, 0, 1)
    ring_alpha = alpha * np.clip((ring - inside) / feather, 0, 1) * 0.85
    folder.mkdir(parents=True, exist_ok=True)
    mask, border = folder / "mask.png", folder / "border.png"
    Image.fromarray((alpha * 255).round().astype(np.uint8), "L").save(mask)
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[..., :3] = 245
    rgba[..., 3] = (ring_alpha * 255).round().astype(np.uint8)
    Image.fromarray(rgba, "RGBA").save(border)
    return mask, border


def overlay_avatar(clip: Path, avatar: Path | None, appearances: list[Appearance], shape: Shape, fps: int,
                   out: Path) -> Path:
    """Write ``clip`` with the head laid over it into ``out`` (atomically); with no head, re-encode as-is.

    Every clip of a video goes through here, so all share one encoding and join without re-encoding.
    Each head size is its own branch of the filter graph: scaled, ringed, masked, faded, laid over.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".pip-") as tmp:
        work = Path(tmp)
        partial = work / "clip.mp4"
        encode = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-an",
                  "-movflags", "+faststart", str(partial)]
        sizes = sorted({a.spot.size for a in appearances}) if avatar else []
        inputs, chains, base = ["-i", str(clip)], [], "0:v"
        if sizes:
            inputs += ["-i", str(avatar)]
            chains.append(f"[1:v]fps={fps},split={len(sizes)}" + "".join(f"[head{k}]" for k in range(len(sizes))))
        count = 2  # inputs so far: the clip and the head
        for k, size in enumerate(sizes):
            shown = [a for a in appearances if a.spot.size == size]
            mask, border = frame_images(size, shape, work / str(size))
            for image in (mask, border):
                inputs += ["-loop", "1", "-framerate", str(fps), "-i", str(image)]
            first, count = count, count + 2
            chains += [f"[head{k}]scale={size}:{size},format=rgba[sized{k}]",
                       f"[sized{k}][{first + 1}:v]overlay=0:0:shortest=1[ringed{k}]",
                       f"[{first}:v]format=gray,geq=lum='p(X,Y)*({opacity_expression(shown)})'[mask{k}]",
                       f"[ringed{k}][mask{k}]alphamerge[masked{k}]",
                       (f"[{base}][masked{k}]overlay=x='{position_expression(shown, 'x')}':"
                        f"y='{position_expression(shown, 'y')}':eof_action=pass[with{k}]")]
            base = f"with{k}"
        if chains:
            chains.append(f"[{base}]format=yuv420p[v]")
            run_ffmpeg([*inputs, "-filter_complex", ";".join(chains), "-map", "[v]", *encode])
        else:
            run_ffmpeg([*inputs, *encode])
        os.replace(partial, out)
    return out
