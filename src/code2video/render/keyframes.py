"""Keyframes for the vision critic: still frames of a clip with the anchor grid drawn over them.

A vision model names places on the screen far more reliably when it can read them off the
picture, so each frame gets a translucent overlay of the 6x6 anchor grid (A1..F6, rows top to
bottom, columns left to right) plus the borders of the title band and the lecture-line column.
The regions come in as a ``GridSpec`` (scene units, origin at the centre, y up), copied from the
layout probe, so this module needs neither Manim nor the agents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from code2video.errors import RenderError
from code2video.render.media import grab_frame, require_ffmpeg

ROWS, COLUMNS = "ABCDEF", "123456"
GRID_COLOUR = (255, 210, 0, 120)  # translucent yellow: visible on dark and light backgrounds
REGION_COLOUR = (0, 220, 255, 140)  # translucent cyan for the title band and the lecture column
LABEL_COLOUR = (255, 230, 80, 200)


@dataclass(frozen=True)
class GridSpec:
    """The screen regions in scene units; the same fields as the probe's ``layout``."""

    frame: tuple[float, float]  # width, height
    title_band: tuple[float, float]  # y range
    column_x: tuple[float, float]  # x range of the lecture-line column
    visual_x: tuple[float, float]  # x range of the anchor grid
    visual_y: tuple[float, float]  # y range of the anchor grid

    @classmethod
    def from_layout(cls, layout: Mapping[str, object]) -> GridSpec:
        """From ``layout.json``'s ``layout`` (or the probe's regions as a dict); extra keys are ignored."""
        return cls(**{f.name: tuple(layout[f.name]) for f in fields(cls)})


def keyframes(clip: Path, times: list[float], out_dir: Path, *, grid: GridSpec) -> list[Path]:
    """One PNG per time (seconds into ``clip``), with the grid overlay; paths in the order of ``times``."""
    require_ffmpeg()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, time in enumerate(times, start=1):
        path = out_dir / f"keyframe-{index:02d}.png"
        if not grab_frame(clip, time, path):
            raise RenderError(f"ffmpeg gave no frame at {time:.2f} s of {clip}: is the time past the end "
                              "of the clip? Render the section again.")
        draw_grid(path, grid)
        paths.append(path)
    return paths


def draw_grid(path: Path, grid: GridSpec) -> None:
    """Draw the overlay onto the PNG at ``path`` in place."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow comes with Manim; only this step needs it

    with Image.open(path) as opened:
        image = opened.convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    to_px = _scene_to_pixels(grid, image.size)
    width = max(2, round(image.size[1] / 360))
    _draw_regions(draw, grid, to_px, width)
    _draw_cells(draw, grid, to_px, width, ImageFont.load_default(size=max(10, image.size[1] // 40)))
    Image.alpha_composite(image, overlay).convert("RGB").save(path)


def _scene_to_pixels(grid: GridSpec, size: tuple[int, int]):
    """Scene units (origin at the centre, y up) to pixel coordinates (origin top left, y down)."""
    (frame_w, frame_h), (px_w, px_h) = grid.frame, size

    def to_px(x: float, y: float) -> tuple[int, int]:
        return round((x + frame_w / 2) / frame_w * px_w), round((frame_h / 2 - y) / frame_h * px_h)

    return to_px


def _draw_regions(draw, grid: GridSpec, to_px, width: int) -> None:
    """The title band across the frame and the lecture-line column below it (slides have none)."""
    half_w = grid.frame[0] / 2
    draw.rectangle([to_px(-half_w, grid.title_band[1]), to_px(half_w, grid.title_band[0])],
                   outline=REGION_COLOUR, width=width)
    if grid.column_x[1] - grid.column_x[0] > 1e-6:
        draw.rectangle([to_px(grid.column_x[0], grid.title_band[0]), to_px(grid.column_x[1], grid.visual_y[0])],
                       outline=REGION_COLOUR, width=width)


def _draw_cells(draw, grid: GridSpec, to_px, width: int, font) -> None:
    """Grid lines of the visual area and a label in each cell's top-left corner."""
    (left, right), (bottom, top) = grid.visual_x, grid.visual_y
    cell_w, cell_h = (right - left) / 6, (top - bottom) / 6
    for i in range(7):
        x, y = left + i * cell_w, top - i * cell_h
        draw.line([to_px(x, bottom), to_px(x, top)], fill=GRID_COLOUR, width=width)
        draw.line([to_px(left, y), to_px(right, y)], fill=GRID_COLOUR, width=width)
    for row, row_name in enumerate(ROWS):
        for column, column_name in enumerate(COLUMNS):
            x, y = to_px(left + column * cell_w, top - row * cell_h)
            draw.text((x + 2 * width, y + width), f"{row_name}{column_name}", fill=LABEL_COLOUR, font=font,
                      stroke_width=1, stroke_fill=(0, 0, 0, 160))
