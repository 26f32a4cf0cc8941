import json
import math

import pytest
from pydantic import ValidationError

from code2video.ir import Beat, Lesson, PlotFunction, Section, evaluate, json_schema
from code2video.knowledge.library import builtin_lessons


def test_lesson_round_trips_through_json(all_kinds_lesson):
    again = Lesson.from_json(all_kinds_lesson.to_json())
    assert again == all_kinds_lesson
    assert json.loads(again.to_json())["schema_version"] == 1


def test_json_schema_lists_every_visual_kind():
    schema = json.loads(json_schema())
    kinds = {d["properties"]["kind"]["const"] for name, d in schema["$defs"].items() if "kind" in d.get("properties", {})}
    assert {"text", "formula", "axes", "number_line", "shape", "arrow", "vector", "matrix", "table",
            "bar_chart", "code", "highlight"} <= kinds


def test_every_builtin_lesson_validates():
    lessons = builtin_lessons()
    assert len(lessons) >= 4
    for item in lessons:
        Lesson.model_validate(item.lesson.model_dump())  # re-validate the dumped form too
        assert 4 <= len(item.lesson.sections) <= 6, item.slug
        assert all(2 <= len(s.beats) <= 5 for s in item.lesson.sections), item.slug


@pytest.mark.parametrize("expr", ["__import__('os').system('ls')", "x.__class__", "open('f')", "lambda: 1"])
def test_plotted_expressions_cannot_smuggle_code(expr):
    with pytest.raises(ValidationError):
        PlotFunction(expr=expr)


def test_narration_must_be_speakable():
    with pytest.raises(ValidationError, match="speakable"):
        Beat(narration=r"So $e^{i\pi}$ is minus one.")


def _section(*beats):
    return {"id": "s", "title": "S", "beats": list(beats)}


def test_references_must_point_at_visuals_on_screen():
    shown = {"narration": "One.", "visuals": [{"kind": "text", "id": "a", "text": "A", "anchor": "A1"}]}
    Section.model_validate(_section(shown, {"narration": "Two.", "remove": ["a"]}))
    with pytest.raises(ValidationError, match="not on screen"):
        Section.model_validate(_section(shown, {"narration": "Two.", "remove": ["b"]}))
    with pytest.raises(ValidationError, match="not on screen"):
        Section.model_validate(_section(shown, {"narration": "Two.", "remove": ["a"]},
                                        {"narration": "Three.", "visuals": [
                                            {"kind": "highlight", "id": "h", "target": "a"}]}))


@pytest.mark.parametrize("place", [{"anchor": "G1"}, {"anchor": "A7"}, {"area": "D4:B2"}, {"anchor": "A1", "area": "A1:B2"}])
def test_bad_anchors_are_rejected(place):
    with pytest.raises(ValidationError):
        Beat(narration="Hi.", visuals=[{"kind": "text", "id": "t", "text": "T", **place}])


@pytest.mark.parametrize("visual, message", [
    ({"kind": "tangent", "expr": "log(x)", "start": 0}, "undefined at x = 0"),
    ({"kind": "tangent", "expr": "x**(1/3)", "start": 1, "end": -1}, "undefined at x = -1"),
    ({"kind": "tangent", "expr": "x", "start": 0, "x_range": [-4, 4, 0.01]}, "more than 40 steps"),
    ({"kind": "attention", "tokens": ["a", "a" * 15], "weights": [[1, 0], [0, 1]]}, "at most 14"),
    ({"kind": "parity_grid", "bits": [0] * 16, "error": 0}, "greater than or equal to 1"),
    ({"kind": "linear_map", "matrix": [[1, 0], [0, 1]], "spans": [[0, 0]]}, "cannot be \\(0, 0\\)"),
    ({"kind": "histogram", "faces": [0, 1000], "counts": [50]}, "over 20000 values"),
])
def test_moving_visuals_refuse_what_they_cannot_draw(visual, message):
    with pytest.raises(ValidationError, match=message):
        Section.model_validate({"id": "s", "title": "T", "beats": [
            {"narration": "Look.", "visuals": [{"id": "v", "area": "A1:D4", **visual}]}]})


def test_expressions_evaluate_like_the_plots_draw_them():
    assert evaluate("arctan(x) * 4", 1) == pytest.approx(math.pi)
    assert evaluate("sqrt(x) + floor(x)", 4.5) == pytest.approx(math.sqrt(4.5) + 4)
    assert [evaluate(expr, 0) for expr in ("1/x", "log(x)", "exp(1/x)")] == [None, None, None]
