"""Deterministic IR repairs for each defect kind the template coder can cause."""

from code2video import ir
from code2video.agents.critic import Defect
from code2video.agents.critic.repair import repair_section


def _section(beats):
    return ir.Section.model_validate({"id": "s", "title": "S", "beats": beats})


def _text(visual_id, **place):
    return {"kind": "text", "id": visual_id, "text": visual_id, **place}


def test_overlap_moves_the_smaller_visual_to_the_biggest_free_block_nearby():
    section = _section([{"narration": "n", "visuals": [_text("a", anchor="B2"), _text("b", anchor="B2")]}])
    free = tuple(f"{r}{c}" for r in "CDEF" for c in "123456")
    fixed, edits = repair_section(section, [Defect("overlap", 1.0, ("b", "a"), ("B2",), "m", free, beat=1)])
    moved = fixed.beats[0].visuals[1]
    assert moved.anchor is None and moved.area.startswith("C") and edits == [
        f"moved 'b' from B2 to free cells {moved.area}"]


def test_spilling_anchor_becomes_an_area_and_small_text_gets_more_room():
    section = _section([{"narration": "n", "visuals": [_text("wide", anchor="C6"), _text("tiny", area="E2:E3")]}])
    defects = [Defect("out_of_frame", 1.0, ("wide",), ("C6",), "m", beat=1),
               Defect("illegible", 1.0, ("tiny",), ("E2", "E3"), "m", beat=1)]
    fixed, _ = repair_section(section, defects)
    assert fixed.beats[0].visuals[0].area == "C5:C6" and fixed.beats[0].visuals[1].area == "D1:F4"


def test_clutter_sends_the_oldest_visuals_away_at_the_crowded_beat():
    old = [_text(f"old-{i}", anchor=f"A{i}") for i in range(1, 7)]
    new = [_text(f"new-{i}", anchor=f"D{i}") for i in range(1, 5)]
    section = _section([{"narration": "n", "visuals": old}, {"narration": "m", "visuals": new}])
    crowd = tuple(v["id"] for v in old + new)
    fixed, edits = repair_section(section, [Defect("clutter", 3.0, crowd, (), "m", beat=2)])
    assert fixed.beats[1].remove == ["old-1", "old-2"] and len(edits) == 2


def test_stale_visual_leaves_unless_a_later_beat_still_uses_it():
    beats = [{"narration": "n", "visuals": [_text("rule", anchor="A1")]}] + [{"narration": "m"}] * 4
    fixed, _ = repair_section(_section(beats), [Defect("stale", 9.0, ("rule",), ("A1",), "m", beat=5)])
    assert fixed.beats[4].remove == ["rule"]
    beats[4] = {"narration": "m", "visuals": [{"kind": "highlight", "id": "mark", "target": "rule"}]}
    kept, edits = repair_section(_section(beats), [Defect("stale", 9.0, ("rule",), ("A1",), "m", beat=5)])
    assert edits == [] and kept.beats[4].remove == []


def test_a_visual_shown_in_the_crowded_beat_itself_is_not_removed_there():
    section = _section([{"narration": "n"}, {"narration": "m", "visuals": [_text("fresh", anchor="A1")]}])
    fixed, edits = repair_section(section, [Defect("stale", 3.0, ("fresh",), ("A1",), "m", beat=2)])
    assert edits == [] and fixed == section
