"""Deterministic repair of template-coded sections: layout defects -> an edited Section IR.

The template coder places IR visuals exactly where the IR says, so the repair edits the IR:
a crowded or overlapping visual moves to a free block of cells, a visual that spills over an
edge gets an area (which scales it to fit), small text gets a bigger area, and old visuals that
linger are removed at the next beat. The caller re-renders and keeps the result only if it has
fewer defects.
"""

from __future__ import annotations

from pydantic import ValidationError

from code2video import ir
from code2video.agents.critic.defects import Defect
from code2video.agents.critic.geometry import Thresholds

ROWS, COLUMNS = "ABCDEF", "123456"
MAX_OBJECTS = Thresholds().max_objects


def repair_section(section: ir.Section, defects: list[Defect]) -> tuple[ir.Section, list[str]]:
    """The edited section and a line per edit; no edits when no defect names an IR visual."""
    data = section.model_dump()
    visuals = {v["id"]: v for beat in data["beats"] for v in beat["visuals"]}
    edits: list[str] = []
    moved: set[str] = set()
    for defect in defects:
        targets = [i for i in defect.objects if i in visuals and i not in moved]
        if not targets:
            continue
        if defect.kind == "overlap":
            edits += _move(visuals[targets[0]], defect)
            moved.add(targets[0])
        elif defect.kind == "clutter":
            edits += _thin_out(data, targets, defect)
        elif defect.kind in ("out_of_frame", "title_band", "lecture_column", "illegible"):
            edits += _fit(visuals[targets[0]], defect)
            moved.add(targets[0])
        elif defect.kind == "stale":
            edits += _remove_at(data, targets[0], defect.beat)
    if not edits:
        return section, []
    try:
        return ir.Section.model_validate(data), edits
    except ValidationError:  # an edit the IR forbids: better no repair than a broken section
        return section, []


def _move(visual: dict, defect: Defect) -> list[str]:
    """Into the largest free block near where it was (keeping its size class: anchor or area)."""
    block = _free_block(defect.free_cells, near=_cells_of(visual) or defect.cells)
    if not block:
        return []
    before = visual["area"] or visual["anchor"]
    visual["anchor"], visual["area"] = None, block
    return [f"moved {visual['id']!r} from {before} to free cells {block}"]


def _fit(visual: dict, defect: Defect) -> list[str]:
    """An anchored visual that spills gets an area around its anchor, so it is scaled to fit."""
    cells = _cells_of(visual) or list(defect.cells)
    rows = sorted({ROWS.index(c[0]) for c in cells if c[0] in ROWS})
    cols = sorted({COLUMNS.index(c[1]) for c in cells if len(c) > 1 and c[1] in COLUMNS})
    if not rows or not cols:
        return []
    grow = 1 if defect.kind == "illegible" else 0
    top, bottom = max(0, rows[0] - grow), min(5, rows[-1] + grow)
    left, right = max(0, cols[0] - 1), min(5, cols[-1] + 1)
    area = f"{ROWS[top]}{COLUMNS[left]}:{ROWS[bottom]}{COLUMNS[right]}"
    if area == visual["area"]:
        return []
    before = visual["area"] or visual["anchor"]
    visual["anchor"], visual["area"] = None, area
    return [f"fitted {visual['id']!r} ({defect.kind}) from {before} into area {area}"]


def _remove_at(data: dict, visual_id: str, beat: int) -> list[str]:
    """Fade a lingering visual out at the beat it was flagged, unless that or a later beat uses it."""
    if not 1 < beat <= len(data["beats"]) or not _on_screen_before(data, visual_id, beat):
        return []
    for later in data["beats"][beat - 1:]:
        if visual_id in later["remove"] or any(_refers(v, visual_id) for v in later["visuals"]):
            return []  # still used, or already leaving
    data["beats"][beat - 1]["remove"].append(visual_id)
    return [f"removed {visual_id!r} at beat {beat}, where it had stayed unchanged too long"]


def _on_screen_before(data: dict, visual_id: str, beat: int) -> bool:
    """Whether the visual is still on screen as ``beat`` starts (shown earlier, not removed or morphed)."""
    shown = False
    for earlier in data["beats"][:beat - 1]:
        if visual_id in earlier["remove"] or any(v.get("replaces") == visual_id for v in earlier["visuals"]):
            shown = False
        shown = shown or any(v["id"] == visual_id for v in earlier["visuals"])
    return shown


def _thin_out(data: dict, visual_ids: list[str], defect: Defect) -> list[str]:
    """Split a crowded screen over time: the oldest visuals leave at the crowded beat."""
    excess = len(defect.objects) - MAX_OBJECTS
    edits: list[str] = []
    for visual_id in visual_ids:  # the probe lists objects in the order they were added
        if len(edits) >= excess:
            break
        edits += _remove_at(data, visual_id, defect.beat)
    return edits


def _refers(visual: dict, visual_id: str) -> bool:
    return visual_id in (visual.get("replaces"), visual.get("target"))


def _cells_of(visual: dict) -> list[str]:
    if visual["anchor"]:
        return [visual["anchor"]]
    if visual["area"]:
        first, _, last = visual["area"].partition(":")
        (r1, c1), (r2, c2) = ir.parse_cell(first), ir.parse_cell(last or first)
        return [f"{ROWS[r]}{COLUMNS[c]}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
    return []


def _free_block(free: tuple[str, ...], near: list[str] | tuple[str, ...]) -> str | None:
    """The biggest rectangle of free cells, ties broken by closeness to ``near``."""
    free_set = set(free)
    anchor_rows = [ROWS.index(c[0]) for c in near] or [0]
    anchor_cols = [COLUMNS.index(c[1]) for c in near] or [0]
    centre = (sum(anchor_rows) / len(anchor_rows), sum(anchor_cols) / len(anchor_cols))
    best, best_score = None, None
    for r1 in range(6):
        for c1 in range(6):
            for r2 in range(r1, 6):
                for c2 in range(c1, 6):
                    cells = {f"{ROWS[r]}{COLUMNS[c]}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
                    if not cells <= free_set:
                        continue
                    size = min(r2 - r1 + 1, 3) * min(c2 - c1 + 1, 4)  # beyond 3x4 more room adds nothing
                    distance = abs((r1 + r2) / 2 - centre[0]) + abs((c1 + c2) / 2 - centre[1])
                    score = (size, -distance)
                    if best_score is None or score > best_score:
                        best, best_score = f"{ROWS[r1]}{COLUMNS[c1]}:{ROWS[r2]}{COLUMNS[c2]}", score
    return best
