"""The vision critic: a vision model looks at keyframes and reports defects in the same schema.

Geometry cannot see colour, contrast or whether a picture reads clearly; a vision model can, but
it places things vaguely. So it gets both: keyframes at the end of each beat with the anchor grid
drawn over them, and the probe's occupancy table (which object sits in which cells) to name
objects and cells exactly. Its answer is validated strictly: unknown kinds, ids and cells are
dropped with a note instead of failing the run, and a reply that is not JSON gets one repair.
"""

from __future__ import annotations

import re
from pathlib import Path

from code2video.agents.critic.defects import DEFECT_KINDS, Defect
from code2video.agents.critic.geometry import free_cells
from code2video.agents.critic.probe import LayoutProbe, ProbeFrame
from code2video.agents.replies import ReplyError, extract_json
from code2video.llm import LLM, CompletionOptions, Image, Message
from code2video.prompts import render_prompt

ROWS, COLUMNS = "ABCDEF", "123456"
_CELL = re.compile(r"^([A-F])([1-6])$")

KIND_MEANINGS = {
    "out_of_frame": "an object is cut off by the edge of the video or touches it",
    "overlap": "objects cover each other so that text or a shape is hidden or hard to read",
    "title_band": "something other than the title sits in the title band at the top",
    "lecture_column": "a visual reaches into the lecture-line column on the left",
    "illegible": "text is too small, too thin, or too low in contrast with what is behind it to read",
    "clutter": "too much at once or a confusing arrangement: the eye cannot tell what matters",
    "stale": "an object stays on screen long after the narration has moved on from it",
}


def beat_end_times(probe: LayoutProbe, fps: float, max_frames: int = 8) -> list[float]:
    """One time per beat: its last probe record, one frame early so the clip still shows it.

    Beats beyond ``max_frames`` are thinned evenly (the last beat always stays): every image
    costs tokens, and neighbouring beats mostly look alike.
    """
    last: dict[int, float] = {}
    for frame in probe.frames:
        last[frame.beat] = frame.time
    times = [max(0.0, round(t - 1 / fps, 3)) for _, t in sorted(last.items())]
    if len(times) > max_frames:
        step = (len(times) - 1) / (max_frames - 1)
        times = [times[round(i * step)] for i in range(max_frames)]
    return times


class VisionCritic:
    """Asks a vision model about one section's keyframes; ``notes`` keeps what it got wrong, by section."""

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self.notes: dict[str, list[str]] = {}

    def critique(self, section_id: str, keyframes: list[tuple[float, Path]], probe: LayoutProbe) -> list[Defect]:
        """Defects the model saw (source "vlm"); [] when there is nothing to show or no usable reply."""
        notes: list[str] = []
        self.notes[section_id] = notes
        if not keyframes or not probe.frames:
            return []
        shown = [(time, _frame_at(probe, time)) for time, _ in keyframes]
        prompt = render_prompt("critic_vlm", section_id=section_id, kinds=KIND_MEANINGS,
                               keyframes=[_table(i, t, f) for i, (t, f) in enumerate(shown, 1)])
        messages = [Message("system", render_prompt("critic_system")),
                    Message("user", prompt, images=tuple(Image.from_path(path) for _, path in keyframes))]
        data = self._ask(section_id, messages, notes)
        if data is None:
            return []
        found: dict[tuple, Defect] = {}
        for number, item in enumerate(data["defects"], 1):
            defect = _read_defect(item, shown, probe, notes, f"defect {number}")
            if defect is not None:
                found.setdefault(defect.key, defect)
        return list(found.values())

    def _ask(self, section_id: str, messages: list[Message], notes: list[str]) -> dict | None:
        """The reply's JSON object with a "defects" list; one repair round, then None."""
        options = CompletionOptions(agent="critic", section=section_id, json=True, temperature=0.2)
        for attempt in range(2):
            reply = self.llm.complete(messages, options).text
            try:
                data = extract_json(reply)
                if not isinstance(data.get("defects"), list):
                    raise ReplyError('the object needs a "defects" list (empty when the frames look right)')
                return data
            except ReplyError as exc:
                notes.append(f"reply {attempt + 1} unusable: {exc}")
                self.llm.forget(messages, options)  # a later run must not replay an unusable reply
                messages = [*messages, Message("assistant", reply),
                            Message("user", render_prompt("planner_repair", errors=f"- {exc}"))]
        notes.append("no usable reply after one repair; the vision critic found nothing for this section")
        return None


def merge(geometric: list[Defect], vlm: list[Defect]) -> list[Defect]:
    """All defects, one per problem: geometry's measured version wins over the model's."""
    found: dict[tuple, Defect] = {}
    for defect in [*geometric, *vlm]:
        found.setdefault(defect.key, defect)
    return list(found.values())


def _frame_at(probe: LayoutProbe, time: float) -> ProbeFrame:
    """The first record at or after ``time``: it describes the screen the keyframe shows."""
    later = [f for f in probe.frames if f.time >= time - 1e-6]
    return later[0] if later else probe.frames[-1]


def _table(index: int, time: float, frame: ProbeFrame) -> dict:
    """One keyframe's row group for the prompt's occupancy table."""
    rows = [{"id": o.id, "kind": o.kind, "cells": _span(o.cells) or "-",
             "text": "" if o.text is None else _short(o.text)} for o in frame.objects]
    return {"index": index, "time": f"{time:.2f}", "beat": frame.beat, "objects": rows}


def _read_defect(item: object, shown: list[tuple[float, ProbeFrame]], probe: LayoutProbe,
                 notes: list[str], where: str) -> Defect | None:
    """A Defect from one reply item, or None (with a note) when it cannot be used."""
    if not isinstance(item, dict):
        notes.append(f"{where} dropped: not an object")
        return None
    kind, message, time = item.get("kind"), item.get("message"), item.get("time")
    if kind not in DEFECT_KINDS:
        notes.append(f"{where} dropped: unknown kind {kind!r}")
        return None
    if not isinstance(message, str) or not message.strip():
        notes.append(f"{where} dropped: no message")
        return None
    if isinstance(time, bool) or not isinstance(time, (int, float)):
        notes.append(f"{where} dropped: time {time!r} is not a number")
        return None
    time, frame = min(shown, key=lambda pair: abs(pair[0] - time))  # the keyframe it must mean
    objects = _known_ids(item.get("objects"), frame, notes, where)
    cells = _valid_cells(item.get("cells"), notes, where)
    if not cells:
        cells = sorted({c for o in frame.objects if o.id in objects for c in o.cells})
    return Defect(kind, time, tuple(objects), tuple(cells), message.strip(),
                  free_cells(frame, probe.regions), source="vlm", beat=frame.beat)


def _known_ids(value: object, frame: ProbeFrame, notes: list[str], where: str) -> list[str]:
    """The ids that name objects on screen in that keyframe; the model sometimes invents others."""
    ids = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    on_screen = {o.id for o in frame.objects}
    known = [i for i in ids if isinstance(i, str) and i in on_screen]
    if len(known) < len(ids):
        notes.append(f"{where}: dropped ids not on screen at that time: {[i for i in ids if i not in known]}")
    return list(dict.fromkeys(known))


def _valid_cells(value: object, notes: list[str], where: str) -> list[str]:
    """Cells as A1..F6; a range "B2:C3" is expanded; anything else is dropped with a note."""
    cells: list[str] = []
    for item in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
        expanded = _expand(item.strip().upper()) if isinstance(item, str) else None
        if expanded is None:
            notes.append(f"{where}: dropped cell {item!r}")
        else:
            cells += expanded
    return sorted(set(cells))


def _expand(cell: str) -> list[str] | None:
    """The cells of "C4" or of a range "B2:C3" (either corner order); None when it is no cell."""
    first, _, last = cell.partition(":")
    start, end = _CELL.match(first), _CELL.match(last or first)
    if not (start and end):
        return None
    r1, r2 = sorted(ROWS.index(m[1]) for m in (start, end))
    c1, c2 = sorted(COLUMNS.index(m[2]) for m in (start, end))
    return [f"{ROWS[r]}{COLUMNS[c]}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def _span(cells: tuple[str, ...]) -> str:
    """A full rectangle of cells as "B2:C3", any other set cell by cell: short and exact."""
    if not cells:
        return ""
    rows = sorted({c[0] for c in cells})
    cols = sorted({c[1] for c in cells})
    corner = f"{rows[0]}{cols[0]}:{rows[-1]}{cols[-1]}"
    if len(cells) == 1 or _expand(corner) != sorted(cells):
        return " ".join(cells)
    return corner


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
