"""The defect schema shared by the geometric critic, the VLM critic, the repair loop and reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DefectKind = Literal["out_of_frame", "overlap", "title_band", "lecture_column", "illegible", "clutter", "stale"]
DEFECT_KINDS: tuple[str, ...] = ("out_of_frame", "overlap", "title_band", "lecture_column", "illegible",
                                 "clutter", "stale")


@dataclass(frozen=True)
class Defect:
    """One layout problem, said so that a person or the Coder can act on it."""

    kind: DefectKind
    time: float  # seconds from the start of the section
    objects: tuple[str, ...]  # probe ids (IR visual ids where the scene named them)
    cells: tuple[str, ...]  # the anchor cells the objects occupy
    message: str  # e.g. "the label at C5 overlaps the formula at C4:C5 (40% of the label)"
    free_cells: tuple[str, ...] = ()  # cells free at that time, for a move
    source: Literal["geometry", "vlm"] = "geometry"
    beat: int = 0  # the beat (1-based) on screen when it was seen; 0 when unknown

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """The same problem seen at several times counts once."""
        return self.kind, tuple(sorted(self.objects))
