"""The vision critic: keyframes and the occupancy table go out, strictly validated defects come back."""

import json

import pytest
from PIL import Image as PILImage

from code2video.agents.critic import Defect
from code2video.agents.critic.probe import LayoutProbe, ProbeFrame, ProbeObject, Regions
from code2video.agents.critic.vlm import VisionCritic, beat_end_times, merge
from code2video.llm import open_llm
from fakes import scripted_llm

REGIONS = Regions((14.222, 8.0), 480, (3.0, 4.0), (-6.95, -2.75), (-2.45, 6.85), (-3.8, 2.85))
TITLE = ProbeObject("title", "text", (-2.0, 3.2, 2.0, 3.8), (), "Right triangles", 0.3)
LAW = ProbeObject("law", "formula", (-0.9, 0.6, 0.6, 2.8), ("B2", "B3", "C2", "C3"), "a^2 + b^2 = c^2", 0.2)
TRIANGLE = ProbeObject("triangle", "polygon", (2.2, -2.6, 4.9, -0.3), ("D4", "D5", "E4", "E5"))
PROBE = LayoutProbe(REGIONS, (
    ProbeFrame(0.5, 1, (TITLE,)),
    ProbeFrame(4.0, 1, (TITLE, LAW)),
    ProbeFrame(5.0, 2, (TITLE, LAW)),
    ProbeFrame(8.0, 2, (TITLE, LAW, TRIANGLE)),
))
LEGIBILITY = {"defects": [{
    "kind": "illegible", "time": 7.93, "objects": ["law"], "cells": ["B2:C3"],
    "message": "the dark blue formula at B2:C3 is hard to read on the black background; colour it white",
}]}


@pytest.fixture
def frames(tmp_path):
    """Two small PNG keyframes at the beat ends of PROBE."""
    shown = []
    for number, time in enumerate(beat_end_times(PROBE, fps=15), 1):
        path = tmp_path / f"keyframe-{number:02d}.png"
        PILImage.new("RGB", (16, 9), (number * 40, 0, 0)).save(path)
        shown.append((time, path))
    return shown


def replay(tmp_path, *contents, section=None):
    lines = [{"agent": "critic", "content": c, **({"section": section} if section else {})} for c in contents]
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return open_llm(f"replay:{path}", cache_dir=None)


def test_beat_end_times_are_one_frame_before_each_beats_last_record():
    assert beat_end_times(PROBE, fps=15) == [3.933, 7.933]
    many = LayoutProbe(REGIONS, tuple(ProbeFrame(float(b), b, ()) for b in range(1, 21)))
    thinned = beat_end_times(many, fps=10, max_frames=5)
    assert len(thinned) == 5 and thinned[0] == 0.9 and thinned[-1] == 19.9


def test_legibility_defect_becomes_a_vlm_defect_in_anchor_terms(tmp_path, frames):
    reply = f"Here is my review.\n```json\n{json.dumps(LEGIBILITY)}\n```"
    critic = VisionCritic(replay(tmp_path, reply, section="s1"))
    [defect] = critic.critique("s1", frames, PROBE)
    assert defect.source == "vlm" and defect.kind == "illegible"
    assert defect.time == 7.933 and defect.beat == 2  # snapped to the keyframe it must mean
    assert defect.objects == ("law",) and defect.cells == ("B2", "B3", "C2", "C3")
    assert "colour it white" in defect.message
    assert "A1" in defect.free_cells and not {"B2", "D4"} & set(defect.free_cells)
    assert critic.notes["s1"] == []


def test_unknown_kinds_ids_and_cells_are_dropped_with_notes(tmp_path, frames):
    reply = json.dumps({"defects": [
        {"kind": "legibility", "time": 3.9, "objects": ["law"], "cells": ["B2"], "message": "too faint"},
        {"kind": "overlap", "time": 8, "objects": ["ghost", "triangle"], "cells": ["Z9"],
         "message": "the triangle at D4:E5 touches a label"},
        {"kind": "clutter", "time": "late", "objects": [], "cells": [], "message": "busy"},
        "not a defect",
    ]})
    critic = VisionCritic(replay(tmp_path, reply))
    [defect] = critic.critique("s1", frames, PROBE)
    assert defect.kind == "overlap" and defect.objects == ("triangle",)
    assert defect.cells == ("D4", "D5", "E4", "E5")  # the bad cell gone, the object's own cells instead
    notes = "\n".join(critic.notes["s1"])
    for expected in ("unknown kind 'legibility'", "'ghost'", "'Z9'", "time 'late'", "not an object"):
        assert expected in notes


def test_reply_that_is_not_json_gets_one_repair_round(tmp_path, frames):
    critic = VisionCritic(replay(tmp_path, "The frames look fine to me.", json.dumps(LEGIBILITY)))
    [defect] = critic.critique("s1", frames, PROBE)
    assert defect.kind == "illegible"
    assert len(critic.notes["s1"]) == 1 and "reply 1 unusable" in critic.notes["s1"][0]


def test_two_unusable_replies_give_no_defects_and_a_note(frames):
    llm, provider = scripted_llm({"critic": ["no JSON here", '{"verdict": "fine"}']})
    critic = VisionCritic(llm)
    assert critic.critique("s1", frames, PROBE) == []
    assert len(provider.requests) == 2  # one repair round, no more
    _, repair = provider.requests[1]
    assert [m.role for m in repair] == ["system", "user", "assistant", "user"]
    assert repair[2].content == "no JSON here" and "contains no JSON object" in repair[3].content
    assert "no usable reply" in critic.notes["s1"][-1] and '"defects" list' in critic.notes["s1"][1]


def test_request_carries_the_keyframes_as_images_and_the_occupancy_table(frames):
    llm, provider = scripted_llm({"critic": ['{"defects": []}']})
    assert VisionCritic(llm).critique("s1", frames, PROBE) == []
    [(options, messages)] = provider.requests
    assert options.agent == "critic" and options.section == "s1" and options.json
    system, user = messages
    assert system.role == "system" and "Critic" in system.content and not system.images
    assert [image.data for image in user.images] == [path.read_bytes() for _, path in frames]
    assert all(image.media_type == "image/png" for image in user.images)
    assert "Image 1: time 3.93 s, beat 1" in user.content and "Image 2: time 7.93 s, beat 2" in user.content
    assert "law | formula | B2:C3 | a^2 + b^2 = c^2" in user.content
    assert "triangle | polygon | D4:E5 |" in user.content and "- illegible:" in user.content


def test_no_keyframes_means_no_call():
    llm, provider = scripted_llm({})
    assert VisionCritic(llm).critique("s1", [], PROBE) == [] and provider.requests == []


def test_merge_keeps_geometry_first_and_each_problem_once():
    measured = Defect("overlap", 4.0, ("law", "triangle"), ("B2",), "measured overlap")
    seen = Defect("overlap", 7.9, ("triangle", "law"), ("B2",), "seen overlap", source="vlm")
    faint = Defect("illegible", 7.9, ("law",), ("B2",), "faint formula", source="vlm")
    assert merge([measured], [seen, faint, faint]) == [measured, faint]
