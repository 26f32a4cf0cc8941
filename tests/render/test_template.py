import ast

import pytest

from code2video.ir import Section
from code2video.render.template import numpy_expression, section_code


def test_every_section_compiles_to_python(all_kinds_lesson):
    for index, section in enumerate(all_kinds_lesson.sections, 1):
        code = section_code(section, index, [2.0] * len(section.beats))
        tree = ast.parse(code)
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        assert classes == [f"Section{index:02d}"]


def test_beat_durations_are_written_as_beat_blocks(short_lesson):
    code = section_code(short_lesson.sections[0], 1, [3.25, 4.5])
    assert "with self.beat(3.250):" in code and "with self.beat(4.500):" in code


def test_ir_strings_cannot_inject_code():
    evil = 'x"); import os; os.system("touch pwned"); ("'
    section = Section.model_validate({"id": "s", "title": evil, "beats": [
        {"narration": "Hi.", "caption": evil, "visuals": [{"kind": "text", "id": "t", "text": evil, "area": "A1:F6"}]}]})
    tree = ast.parse(section_code(section, 1, [1.0]))
    imported = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [n.module for n in imported] == ["code2video.render.kit"]


def test_expressions_map_to_numpy():
    assert numpy_expression("sin(x) + e**x * pi") == "np.sin(x) + np.e ** x * np.pi"


def test_wrong_number_of_durations_is_an_error(short_lesson):
    with pytest.raises(ValueError, match="2 beats"):
        section_code(short_lesson.sections[0], 1, [1.0])


def _plays(code: str) -> list[tuple[str, float]]:
    """(what, seconds) for every play and wait of a scene file, in order."""
    steps = []
    for call in (n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call)):
        name = getattr(call.func, "attr", "")
        if name == "play":
            run = next(k.value.value for k in call.keywords if k.arg == "run_time")
            steps.append((ast.unparse(call.args[0]), run))
        elif name == "wait":
            steps.append(("wait", call.args[0].value))
    return steps


def test_a_moving_visual_moves_through_the_rest_of_its_beat():
    section = Section.model_validate({"id": "s", "title": "Hanoi", "beats": [
        {"narration": "Watch the disks.", "caption": "Three disks", "visuals": [
            {"kind": "hanoi", "id": "towers", "area": "A1:F6", "disks": 3}]}]})
    steps = _plays(section_code(section, 1, [10.0]))
    names = [what for what, _ in steps]
    assert names.index("v['towers'].motion()") == names.index("FadeIn(v['towers'])") + 1
    motion = dict(steps)["v['towers'].motion()"]
    assert motion > 4.0  # most of the beat after the entrance, not a short step
    assert sum(seconds for _, seconds in steps) <= 10.0


def test_moving_visuals_get_every_ir_field_and_no_code_from_strings():
    evil = 'x");import os#'  # tokens are short words, at most 14 characters
    section = Section.model_validate({"id": "s", "title": "T", "beats": [{"narration": "Look.", "visuals": [
        {"kind": "attention", "id": "a", "area": "A1:C3", "tokens": [evil, "b"], "weights": [[1, 0], [0.5, 0.5]]},
        {"kind": "series", "id": "s", "area": "D1:F3", "target": "exp(x)", "terms": ["1", "x", "x**2/2"]}]}]})
    tree = ast.parse(section_code(section, 1, [6.0]))
    assert [n.module for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))] == [
        "code2video.render.kit"]
    calls = {c.func.id: c for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
    assert {k.arg for k in calls["attention"].keywords} == {"tokens", "weights", "color"}
    assert ast.literal_eval(calls["attention"].keywords[0].value) == [evil, "b"]
    terms = next(k.value for k in calls["series"].keywords if k.arg == "terms")
    assert [ast.unparse(t.body) for t in terms.elts] == ["1", "x", "x ** 2 / 2"]


def test_a_crowded_short_beat_still_writes_positive_times():
    visuals = [{"kind": "text", "id": f"t{i}", "text": "x", "anchor": f"A{i}"} for i in range(1, 6)]
    section = Section.model_validate({"id": "s", "title": "T", "beats": [{"narration": "Go.", "caption": "c", "visuals": [
        *visuals, {"kind": "hanoi", "id": "h", "area": "B1:F6"}]}]})
    assert all(seconds > 0 for _, seconds in _plays(section_code(section, 1, [0.3])))
