"""Scopes around a failing line, splicing a rewritten scope back, and the prompt excerpt."""

import ast
import json
from pathlib import Path

import pytest

from code2video.render.scopes import Scope, excerpt, scopes_for, splice
from code2video.render.tracebacks import parse_failure

CORPUS = Path(__file__).parents[2] / "bench" / "broken_scenes"
FAULTS = json.loads((CORPUS / "faults.json").read_text())

SCENE = '''from code2video.render.kit import *


class Section01(LessonScene):
    section_title = "T"

    def construct(self):
        v = {}
        with self.beat(2.0):
            self.play(self.title_animation(),
                      run_time=0.5)
            dot = Dot()
            dot.add_updater(lambda m: m.next_to(
                v["x"], UP))
        with self.beat(3.0):
            for i in range(3):
                self.play(FadeIn(Dot()), run_time=0.2)
            if v:
                pass
            elif len(v) > 2:
                x = 1
            else:
                y = 2

            def follow(m):
                m.move_to(ORIGIN)
'''


def spans(code, line, **kw):
    return [(s.kind, s.start, s.end) for s in scopes_for(code, line, **kw)]


@pytest.mark.parametrize("line, expected", [
    (11, [("statement", 10, 11), ("beat", 9, 14), ("function", 7, 26), ("file", 1, 26)]),  # multi-line call
    (14, [("statement", 13, 14), ("beat", 9, 14), ("function", 7, 26), ("file", 1, 26)]),  # inside a lambda
    (16, [("statement", 16, 17), ("beat", 15, 26), ("function", 7, 26), ("file", 1, 26)]),  # loop header
    (17, [("statement", 17, 17), ("beat", 15, 26), ("function", 7, 26), ("file", 1, 26)]),
    (20, [("statement", 18, 23), ("beat", 15, 26), ("function", 7, 26), ("file", 1, 26)]),  # elif: whole chain
    (9, [("beat", 9, 14), ("function", 7, 26), ("file", 1, 26)]),  # the beat header is the beat
    (26, [("statement", 26, 26), ("function", 25, 26), ("beat", 15, 26), ("file", 1, 26)]),  # nested def
    (5, [("statement", 5, 5), ("file", 1, 26)]),
    (None, [("file", 1, 26)]),
    (99, [("file", 1, 26)]),
])
def test_scopes_from_the_syntax_tree(line, expected):
    assert spans(SCENE, line) == expected


def test_scopes_are_nested_and_smallest_first():
    for line in range(1, 27):
        scopes = scopes_for(SCENE, line)
        assert scopes[-1] == Scope("file", 1, 26)
        assert all(a.lines <= b.lines and b.start <= a.start and a.end <= b.end for a, b in zip(scopes, scopes[1:]))
        assert len({(s.start, s.end) for s in scopes}) == len(scopes)


def test_one_line_compound_statement_is_whole_lines():
    code = "def f(self):\n    for i in range(3): self.wait(0.1)\n    x = 1; y = 2\n"
    assert spans(code, 2)[0] == ("statement", 2, 2)
    assert scopes_for(code, 2)[0] == Scope("statement", 2, 2)
    new = splice(code, scopes_for(code, 2)[0], "for i in range(2):\n    self.wait(0.1)")
    assert new == "def f(self):\n    for i in range(2):\n        self.wait(0.1)\n    x = 1; y = 2\n"


def test_timeout_statement_is_the_enclosing_loop():
    assert spans(SCENE, 17, error_type="Timeout")[0] == ("statement", 16, 17)


BROKEN = SCENE.replace("run_time=0.2)", "run_time=0.2").replace("                pass", "                 pass")


@pytest.mark.parametrize("line, expected", [
    (10, [("statement", 10, 11), ("beat", 9, 14), ("function", 7, 26), ("file", 1, 26)]),
    (13, [("statement", 13, 14), ("beat", 9, 14), ("function", 7, 26), ("file", 1, 26)]),
    (17, [("statement", 17, 17), ("beat", 15, 26), ("function", 7, 26), ("file", 1, 26)]),
    (18, [("statement", 18, 19), ("beat", 15, 26), ("function", 7, 26), ("file", 1, 26)]),  # header: its block
])
def test_scopes_by_indentation_when_the_code_does_not_parse(line, expected):
    with pytest.raises(SyntaxError):
        ast.parse(BROKEN)
    assert spans(BROKEN, line) == expected


def test_timeout_by_indentation_takes_the_loop():
    assert spans(BROKEN, 17, error_type="Timeout")[0] == ("statement", 16, 17)


def test_unclosed_bracket_does_not_swallow_the_next_statements():
    code = "def f():\n    a = g(1,\n          2\n    b = 3\n    c = 4\n"
    assert spans(code, 4)[0] == ("statement", 4, 4)
    assert spans(code, 2)[0] == ("statement", 2, 3)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_corpus_scopes_end_with_the_file(name):
    code = (CORPUS / name).read_text()
    failure = parse_failure((CORPUS / name).with_suffix(".traceback.txt").read_text())
    scopes = scopes_for(code, failure.line, error_type=failure.error_type)
    assert scopes[-1] == Scope("file", 1, len(code.splitlines()))
    fault = FAULTS[name]
    if "reported_line" not in fault or name.startswith("23_"):  # the fault is where the traceback points
        assert scopes[0].start <= fault["line"] <= scopes[0].end


def test_splice_reindents_a_dedented_replacement():
    scope = scopes_for(SCENE, 17)[0]
    new = splice(SCENE, scope, "self.play(FadeIn(Dot()), run_time=0.1)\nself.wait(0.1)\n")
    lines = new.splitlines()
    assert lines[16] == "                self.play(FadeIn(Dot()), run_time=0.1)"
    assert lines[17] == "                self.wait(0.1)"
    assert lines[18] == "            if v:" and new.endswith("\n")
    ast.parse(new)


def test_splice_keeps_relative_indentation_and_strips_fences():
    scope = scopes_for(SCENE, 9)[0]  # the first beat
    body = "```python\nwith self.beat(2.0):\n    self.wait(1)\n    if v:\n        self.wait(0.5)\n```"
    new = splice(SCENE, scope, body)
    expected = "        with self.beat(2.0):\n            self.wait(1)\n            if v:\n                self.wait(0.5)\n"
    assert expected in new
    assert "```" not in new
    ast.parse(new)


def test_splice_repairs_a_first_line_stripped_of_its_indent():
    scope = scopes_for(SCENE, 16)[0]
    new = splice(SCENE, scope, "for i in range(2):\n                self.wait(0.1)")
    assert "            for i in range(2):\n                self.wait(0.1)\n" in new
    ast.parse(new)


def test_excerpt_numbers_lines_and_marks_the_scope():
    text = excerpt(SCENE, Scope("statement", 13, 14), context=2)
    lines = text.splitlines()
    assert lines[0] == "  11 |                       run_time=0.5)"
    assert lines[2].startswith("> 13 |") and lines[3].startswith("> 14 |")
    assert len(lines) == 6
