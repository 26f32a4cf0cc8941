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
