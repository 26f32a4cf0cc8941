"""The geometric critic: layout defects measured from the probe, with no model call.

Each check reads one probe record (the screen after a play or wait); a defect seen at several
times is reported once, at its first time. Messages speak in anchor cells so the Coder (or the
deterministic repair) can act on them: "move the label at C5 to D5".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from code2video.agents.critic.defects import Defect
from code2video.agents.critic.probe import LayoutProbe, ProbeFrame, ProbeObject, Regions

ROWS, COLUMNS = "ABCDEF", "123456"
EDGE_TOLERANCE = 0.05  # scene units an object may touch a region's border
MARK_REACH = 0.15  # scene units between a highlight and the object it marks (an underline's gap)


@dataclass(frozen=True)
class Thresholds:
    safe_margin: float = 0.15  # scene units kept clear inside the frame's edges
    overlap_share: float = 0.08  # share of the smaller box that must be covered to count
    min_glyph_px: float = 8.0  # cap height (see ProbeObject.glyph_height), in pixels of the final video
    max_objects: int = 8  # objects in the visual area at once
    stale_beats: int = 4  # beats an unchanged object may stay ...
    stale_newcomers: int = 3  # ... while this many newer objects arrive around it


def critique_layout(probe: LayoutProbe, *, pixel_height: int | None = None,
                    thresholds: Thresholds = Thresholds()) -> list[Defect]:
    """Every distinct defect, in order of first appearance; ``pixel_height`` is the final video's."""
    regions, pixels = probe.regions, pixel_height or probe.regions.pixel_height
    found: dict[tuple, Defect] = {}
    crowded = False  # a crowd that grows or shrinks while it lasts is one clutter defect
    for frame in probe.frames:
        free = free_cells(frame, regions)
        defects = list(_frame_defects(frame, regions, pixels, thresholds, free))
        for defect in defects:
            if not (crowded and defect.kind == "clutter"):
                found.setdefault(defect.key, defect)
        crowded = any(d.kind == "clutter" for d in defects)
    for defect in _stale(probe, thresholds):
        found.setdefault(defect.key, defect)
    return sorted(found.values(), key=lambda d: (d.time, d.kind, d.objects))


def _frame_defects(frame: ProbeFrame, regions: Regions, pixels: int, limits: Thresholds,
                   free: tuple[str, ...]) -> Iterator[Defect]:
    def defect(kind, objects, message):
        cells = tuple(sorted({c for o in objects for c in o.cells}))
        return Defect(kind, frame.time, tuple(o.id for o in objects), cells, message, free, beat=frame.beat)

    half_w, half_h = regions.frame[0] / 2 - limits.safe_margin, regions.frame[1] / 2 - limits.safe_margin
    for obj in frame.objects:
        left, bottom, right, top = obj.box
        spill = max(-half_w - left, right - half_w, -half_h - bottom, top - half_h)
        if spill > EDGE_TOLERANCE:
            yield defect("out_of_frame", [obj], f"{_name(obj)} runs {spill:.2f} units past the safe margin "
                         "of the frame; scale it down or move it inward")
        if not _is_kit_text(obj) and top > regions.title_band[0] + EDGE_TOLERANCE:
            yield defect("title_band", [obj], f"{_name(obj)} reaches into the title band; keep it in rows A-F")
        if not _is_kit_text(obj) and left < regions.column_x[1] - EDGE_TOLERANCE:
            yield defect("lecture_column", [obj], f"{_name(obj)} reaches into the lecture-line column; "
                         "keep it in columns 1-6")
        if obj.has_text and obj.glyph_height * pixels / regions.frame[1] < limits.min_glyph_px:
            size = obj.glyph_height * pixels / regions.frame[1]
            yield defect("illegible", [obj], f"the text of {_name(obj)} is {size:.0f} px tall at {pixels}p "
                         f"(under {limits.min_glyph_px:.0f} px); give it a larger area or shorten it")
    yield from _overlaps(frame, limits, defect)
    visual = [o for o in frame.objects if not _is_kit_text(o) and o.cells]
    if len(visual) > limits.max_objects:
        yield defect("clutter", visual, f"{len(visual)} objects share the visual area (at most "
                     f"{limits.max_objects}); fade out what the narration has finished with")


def _overlaps(frame: ProbeFrame, limits: Thresholds, defect) -> Iterator[Defect]:
    for a, b in combinations(frame.objects, 2):  # in drawing order: b is drawn over a
        if not (a.has_text or b.has_text) or "highlight" in (a.kind, b.kind) or _drawn_on(b, a):
            continue
        share = _intersection(a, b) / max(1e-9, min(a.area, b.area))
        if share > limits.overlap_share:
            small, big = sorted((a, b), key=lambda o: o.area)
            yield defect("overlap", [small, big], f"{_name(small)} overlaps {_name(big)} "
                         f"({share:.0%} of the smaller one); move one of them to a free cell")


def _stale(probe: LayoutProbe, limits: Thresholds) -> Iterator[Defect]:
    """Objects left unchanged for several beats while the screen fills with newer ones.

    Each beat is judged by the screen it ends on; a new highlight on an object counts as a change
    (the narration is pointing at it again), and so does a moving visual playing its motion.
    """
    since: dict[str, tuple[int, tuple]] = {}  # id -> (beat of its last change, (box, revision))
    arrivals: list[tuple[int, str]] = []  # (beat, id) of every object's first appearance
    for index, frame in enumerate(probe.frames):
        on_screen = {o.id for o in frame.objects if not _is_kit_text(o)}
        new_marks = [o for o in frame.objects if o.kind == "highlight" and o.id not in since]
        for obj in frame.objects:
            if obj.id not in since:
                arrivals.append((frame.beat, obj.id))
            marked = any(_touches(mark, obj) for mark in new_marks if mark is not obj)
            if since.get(obj.id, (0, None))[1] != (obj.box, obj.revision) or marked:
                since[obj.id] = (frame.beat, (obj.box, obj.revision))
        if index + 1 < len(probe.frames) and probe.frames[index + 1].beat == frame.beat:
            continue
        for obj in frame.objects:
            changed_at = since[obj.id][0]
            newcomers = {i for beat, i in arrivals if beat > changed_at and i in on_screen and i != obj.id}
            if (not _is_kit_text(obj) and frame.beat - changed_at >= limits.stale_beats
                    and len(newcomers) >= limits.stale_newcomers):
                yield Defect("stale", frame.time, (obj.id,), obj.cells,
                             f"{_name(obj)} has stayed unchanged since beat {changed_at} while "
                             f"{len(newcomers)} newer objects arrived; fade it out when the narration moves on",
                             beat=frame.beat)


def free_cells(frame: ProbeFrame, regions: Regions) -> tuple[str, ...]:
    """Grid cells no object covers at this time."""
    taken = {c for o in frame.objects if not _is_kit_text(o) for c in o.cells}
    return tuple(f"{r}{c}" for r in ROWS for c in COLUMNS if f"{r}{c}" not in taken)


def _intersection(a: ProbeObject, b: ProbeObject) -> float:
    width = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    height = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    return max(0.0, width) * max(0.0, height)


def _drawn_on(top: ProbeObject, below: ProbeObject) -> bool:
    """A mark or label drawn wholly inside a picture drawn before it belongs to that picture (a dot
    or curve on a plot, a label in its box); text over text, and anything over a text or formula, do not."""
    return (not (top.has_text and below.has_text) and below.kind not in ("text", "formula")
            and _inside(top, below))


def _inside(inner: ProbeObject, outer: ProbeObject) -> bool:
    (l1, b1, r1, t1), (l2, b2, r2, t2) = inner.box, outer.box
    tol = EDGE_TOLERANCE
    return l1 >= l2 - tol and b1 >= b2 - tol and r1 <= r2 + tol and t1 <= t2 + tol


def _touches(mark: ProbeObject, obj: ProbeObject) -> bool:
    """The highlight's box meets the object's (an underline sits just below its word)."""
    (l1, b1, r1, t1), (l2, b2, r2, t2), reach = mark.box, obj.box, MARK_REACH
    return l1 - reach < r2 and l2 < r1 + reach and b1 - reach < t2 and b2 < t1 + reach


def _is_kit_text(obj: ProbeObject) -> bool:
    """The title and the lecture lines live outside the grid by design."""
    return obj.id == "title" or obj.id.startswith("caption-")


def _name(obj: ProbeObject) -> str:
    where = obj.cells[0] if len(obj.cells) == 1 else f"{obj.cells[0]}:{obj.cells[-1]}" if obj.cells else "off the grid"
    what = f"the {obj.kind} {obj.id!r}" if obj.text is None else f"the {obj.kind} {obj.id!r} ({obj.text[:30]!r})"
    return f"{what} at {where}"
