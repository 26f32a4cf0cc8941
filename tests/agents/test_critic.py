"""The geometric critic: each defect kind on small hand-written probes, and on dry runs of the corpus."""

import json
from pathlib import Path

import pytest

from code2video.agents.critic import critique_layout, read_probe
from code2video.render.renderer import run_scene
from code2video.settings import QUALITY_PRESETS

CORPUS = Path(__file__).parents[2] / "bench" / "critic_scenes"
LAYOUT = {"frame": [14.222, 8.0], "pixel_height": 480, "title_band": [3.0, 4.0], "column_x": [-6.95, -2.75],
          "visual_x": [-2.45, 6.85], "visual_y": [-3.8, 2.85]}


def thing(id_, box, kind="circle", text=None, glyph=0.25, cells=("C3",)):
    """One probe object; text objects get a cap height of ``glyph`` scene units (0.25 is 22 px at 720p)."""
    obj = {"id": id_, "kind": kind, "box": list(box), "cells": list(cells)}
    if text is not None:
        obj.update(text=text, glyph_height=glyph)
    return obj


def words(id_, box, text="some words", **extra):
    return thing(id_, box, kind="text", text=text, **extra)


TITLE = words("title", (-2.3, 3.3, 2.3, 3.7), "The title", glyph=0.4, cells=())
CAPTION = words("caption-2", (-6.95, 2.3, -3.7, 2.65), "• a lecture line", cells=())


def frame(t, beat, *objects):
    return {"t": t, "beat": beat, "objects": [TITLE, CAPTION, *objects]}


def critique(tmp_path, *frames, pixel_height=720):
    path = tmp_path / "layout.json"
    path.write_text(json.dumps({"kit_version": "1", "layout": LAYOUT, "frames": list(frames)}))
    return critique_layout(read_probe(path), pixel_height=pixel_height)


def found(defects):
    return {(d.kind, frozenset(d.objects)) for d in defects}


def test_a_clean_screen_has_no_defects(tmp_path):
    shape = thing("disc", (0.8, -0.5, 2.0, 0.7))
    name = words("disc-name", (2.3, -0.15, 3.6, 0.15), "the disc")  # beside the disc, not on it
    rule = thing("rule", (0.5, 1.6, 3.5, 2.4), "formula", "A = pi r^2", glyph=0.3)
    near_edge = words("footnote", (4.0, -3.75, 6.8, -3.45), "at the bottom edge")
    assert critique(tmp_path, frame(1.0, 1, rule), frame(2.0, 2, rule, shape, name, near_edge)) == []


def test_text_running_off_the_frame(tmp_path):
    defects = critique(tmp_path, frame(1.0, 1, words("long-line", (2.0, 0.0, 9.1, 0.3))))
    assert found(defects) == {("out_of_frame", frozenset({"long-line"}))}
    assert "past the safe margin" in defects[0].message


def test_a_formula_in_the_title_band(tmp_path):
    defects = critique(tmp_path, frame(1.0, 1, thing("ohm", (4.4, 3.2, 5.6, 3.7), "formula", "V = I R", cells=())))
    assert found(defects) == {("title_band", frozenset({"ohm"}))}


def test_a_shape_in_the_lecture_line_column(tmp_path):
    defects = critique(tmp_path, frame(1.0, 1, thing("square", (-5.0, -3.0, -4.2, -2.2), "square", cells=())))
    assert found(defects) == {("lecture_column", frozenset({"square"}))}


def test_two_overlapping_texts(tmp_path):
    first, second = words("first", (0.0, 0.0, 3.0, 0.4)), words("second", (0.4, -0.2, 3.4, 0.2))
    defects = critique(tmp_path, frame(1.0, 1, first, second))
    assert found(defects) == {("overlap", frozenset({"first", "second"}))}


def test_a_label_over_a_plot_overlaps_but_a_dot_drawn_on_it_does_not(tmp_path):
    plot = thing("plot", (-2.3, -3.0, 4.5, 2.7), "vgroup", "1 2 3 4", glyph=0.18, cells=("A1", "E4"))
    dot = thing("dot", (1.0, 0.0, 1.2, 0.2), "dot")
    remark = words("remark", (0.0, -0.5, 3.0, -0.2))
    defects = critique(tmp_path, frame(1.0, 1, plot, dot, remark))
    assert found(defects) == {("overlap", frozenset({"remark", "plot"}))}


def test_a_box_drawn_over_a_label_overlaps_but_a_label_written_in_a_box_does_not(tmp_path):
    label = words("label", (0.6, -0.2, 2.4, 0.2))
    box = thing("box", (0.0, -0.6, 3.0, 0.6), "rectangle")
    assert critique(tmp_path, frame(1.0, 1, box, label)) == []
    assert found(critique(tmp_path, frame(1.0, 1, label, box))) == {("overlap", frozenset({"label", "box"}))}


def test_a_highlight_over_a_formula_is_not_an_overlap(tmp_path):
    rule = thing("rule", (0.9, 0.3, 3.5, 0.95), "formula", "A = pi r^2", glyph=0.38)
    box = thing("rule-box", (0.8, 0.2, 3.6, 1.05), "highlight")
    assert critique(tmp_path, frame(1.0, 1, rule), frame(2.0, 2, rule, box)) == []


def test_tiny_text_is_illegible_at_the_final_resolution(tmp_path):
    tiny = words("source", (3.0, -3.4, 5.0, -3.3), glyph=0.06)  # 5 px at 720p
    small = words("note", (3.0, -2.4, 5.0, -2.2), glyph=0.12)  # 11 px at 720p, 7 px at 480p
    assert found(critique(tmp_path, frame(1.0, 1, tiny, small))) == {("illegible", frozenset({"source"}))}
    assert found(critique(tmp_path, frame(1.0, 1, tiny, small), pixel_height=480)) == {
        ("illegible", frozenset({"source"})), ("illegible", frozenset({"note"}))}


def _dots(count):
    return [thing(f"dot-{i}", (-2 + i * 0.7, 0.0, -1.8 + i * 0.7, 0.2), "dot") for i in range(count)]


def test_clutter_from_nine_objects_but_not_from_eight(tmp_path):
    assert critique(tmp_path, frame(1.0, 1, *_dots(8))) == []
    defects = critique(tmp_path, frame(1.0, 1, *_dots(9)))
    assert found(defects) == {("clutter", frozenset(f"dot-{i}" for i in range(9)))}


def test_a_crowd_that_keeps_growing_is_one_clutter_defect(tmp_path):
    frames = [frame(float(n), n, *_dots(8 + n)) for n in range(1, 4)]
    defects = critique(tmp_path, *frames)
    assert [(d.kind, len(d.objects), d.time) for d in defects] == [("clutter", 9, 1.0)]


def _stale_frames(mark=None):
    old = thing("old", (-2.0, 2.0, -1.0, 2.7), cells=("A1",))
    news = [words(f"new-{i}", (0.0 + 1.6 * i, 0.0, 1.2 + 1.6 * i, 0.3)) for i in range(3)]
    last = [old, *news] + ([mark] if mark else [])
    return [frame(1.0, 1, old), frame(2.0, 2, old, news[0]), frame(3.0, 3, old, *news[:2]),
            frame(4.0, 4, old, *news), frame(5.0, 5, old, *news), frame(5.5, 5, *last)]


def test_an_object_left_unchanged_while_newer_ones_arrive_is_stale(tmp_path):
    defects = critique(tmp_path, *_stale_frames())
    assert found(defects) == {("stale", frozenset({"old"}))}
    assert defects[0].beat == 5 and "since beat 1" in defects[0].message


def test_four_beats_on_screen_is_not_stale(tmp_path):
    assert critique(tmp_path, *_stale_frames()[:4]) == []


def test_a_highlight_on_an_old_object_keeps_it_fresh(tmp_path):
    mark = thing("old-box", (-2.1, 1.9, -0.9, 2.8), "highlight", cells=("A1",))
    assert critique(tmp_path, *_stale_frames(mark)) == []


def test_a_moving_visual_that_plays_its_motion_again_is_fresh(tmp_path):
    frames = _stale_frames()
    for revision, moved in enumerate(frames[3:], 1):  # from beat 4 on, its motion plays again
        moved["objects"][2] = {**moved["objects"][2], "kind": "hanoi", "revision": revision}
    assert critique(tmp_path, *frames) == []


def test_a_defect_seen_in_many_frames_is_reported_once_at_its_first_time(tmp_path):
    first, second = words("first", (0.0, 0.0, 3.0, 0.4)), words("second", (0.4, -0.2, 3.4, 0.2))
    frames = [frame(float(t), t, first, second) for t in range(1, 6)]
    defects = critique(tmp_path, *frames)
    assert len(defects) == 1 and defects[0].kind == "overlap" and defects[0].time == 1.0


# --- dry runs of the labelled corpus (bench/critic_scenes) ---------------------------------------
SAMPLE = ["d01_text_off_right.py", "d04_formula_in_title_band.py", "d07_shape_in_column.py",
          "d10_two_texts_overlap.py", "d16_tiny_axis_note.py", "d19_many_labels.py", "d21_stale_formula.py",
          "c01_highlight_formula.py", "c18_dot_on_plot.py", "c25_referenced_formula.py"]


@pytest.mark.slow
@pytest.mark.parametrize("scene", SAMPLE)
def test_corpus_scene_defects_match_its_labels(scene, tmp_path):
    labels = json.loads((CORPUS / "labels.json").read_text())[scene]
    run = run_scene((CORPUS / scene).read_text(), tmp_path, "Section01", QUALITY_PRESETS["draft"], timeout=60,
                    dry_run=True)
    assert run.ok, run.output[-1500:]
    defects = critique_layout(read_probe(tmp_path / "layout.json"), pixel_height=720)
    assert len(defects) == len(labels), [(d.kind, d.objects) for d in defects]
    for label in labels:
        assert any(d.kind == label["kind"] and set(label["objects"]) <= set(d.objects) for d in defects), label
