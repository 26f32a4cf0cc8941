"""The layout probe a scene writes (``layout.json``), read as typed data.

The scene kit records it; the critic only reads it, so the regions of the screen travel inside
the file instead of being imported from the renderer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from code2video.errors import BadInputError


@dataclass(frozen=True)
class ProbeObject:
    id: str
    kind: str  # "text", "formula", or a Manim class name in lower case
    box: tuple[float, float, float, float]  # left, bottom, right, top in scene units
    cells: tuple[str, ...]
    text: str | None = None
    glyph_height: float = 0.0  # about the cap height of its text (80th percentile of glyph heights), scene units
    revision: int = 0  # how many motions a moving visual has played (its box stays put while it moves)

    @property
    def has_text(self) -> bool:
        return self.text is not None

    @property
    def area(self) -> float:
        left, bottom, right, top = self.box
        return max(0.0, right - left) * max(0.0, top - bottom)


@dataclass(frozen=True)
class ProbeFrame:
    time: float
    beat: int
    objects: tuple[ProbeObject, ...]


@dataclass(frozen=True)
class Regions:
    frame: tuple[float, float]
    pixel_height: int
    title_band: tuple[float, float]
    column_x: tuple[float, float]
    visual_x: tuple[float, float]
    visual_y: tuple[float, float]


@dataclass(frozen=True)
class LayoutProbe:
    regions: Regions
    frames: tuple[ProbeFrame, ...]


def read_probe(path: Path) -> LayoutProbe:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        regions = Regions(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["layout"].items()})
        frames = tuple(
            ProbeFrame(f["t"], f.get("beat", 0), tuple(
                ProbeObject(o["id"], o["kind"], tuple(o["box"]), tuple(o["cells"]), o.get("text"),
                            o.get("glyph_height", 0.0), o.get("revision", 0)) for o in f["objects"]))
            for f in data["frames"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadInputError(f"cannot read the layout probe {path}: {exc}. Render the section again "
                            "(layout.json is written by renders of kit version 1 or later).") from None
    return LayoutProbe(regions, frames)
