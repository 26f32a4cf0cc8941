"""The AST allowlist: forbidden constructs are rejected, ordinary scene code passes."""

import json
from pathlib import Path

import pytest

from code2video.ir import Lesson
from code2video.render.sandbox import Violation, check_code, violations_failure
from code2video.render.template import section_code

ROOT = Path(__file__).parents[2]
HEAD = "from code2video.render.kit import *\n\n\nclass Section01(LessonScene):\n    def construct(self):\n"


def in_scene(line: str) -> str:
    return HEAD + f"        {line}\n"


FORBIDDEN = [
    "import os", "import sys", "import subprocess", "import socket", "import shutil", "import requests",
    "import urllib.request", "import http.client", "import ctypes", "import pathlib", "import importlib",
    "import pickle", "import builtins", "from os import system", "from subprocess import run",
    "from . import secrets", "from manim.utils.file_ops import open_file", "import numpy.ctypeslib",
    "__import__('os')", "eval('1 + 1')", "exec('x = 1')", "compile('1', 'f', 'eval')", "globals()",
    "locals()", "vars(self)", "breakpoint()", "input('?')", "exit()", "quit()",
    "getattr(self, '__class__')", "getattr(self, name)", "setattr(self, '__dict__', {})", "delattr(self, name)",
    "x = ().__class__.__bases__[0].__subclasses__()", "f = self.construct.__globals__", "b = __builtins__",
    "d = self.__dict__", "'{0.__class__}'.format(self)",
    "open('/etc/passwd')", "open('../secrets.txt')", "open(path)", "open('out.txt', mode)",
    "os.system('ls')", "cwd = os.getcwd()", "p = Path", "Path('x').write_text('y')", "np.save('/tmp/x.npy', np.zeros(3))",
    "np.zeros(3).tofile('x.bin')", "random._os.system('ls')", "typing.sys.modules",
    "config.frame_rate = 120", "config['media_dir'] = '/tmp'", "self.camera.get_image().save('/tmp/a.png')",
]


@pytest.mark.parametrize("line", FORBIDDEN)
def test_forbidden_construct_is_rejected(line):
    violations = check_code(in_scene(line))
    assert violations, line
    assert violations[0].line == 6
    assert all(v.message for v in violations)


@pytest.mark.parametrize("line", [
    "import numpy as np", "import math, random, itertools, functools, colorsys", "from manim import *",
    "from manim.utils.rate_functions import smooth", "from collections import defaultdict",
    "from dataclasses import dataclass", "from fractions import Fraction", "from typing import Callable",
    "import numpy.linalg as la", "open('data.csv')", "open('notes/out.txt', 'w', encoding='utf-8')",
    "getattr(self, 'section_title')", "hasattr(self, 'v')", "print(f'{len(self.mobjects)} objects')",
])
def test_allowed_construct_passes(line):
    assert check_code(in_scene(line)) == []


LLM_SCENE = '''from manim import *
from code2video.render.kit import *
import numpy as np


class Needle(VGroup):
    def __init__(self, length=2.0, **kwargs):
        super().__init__(**kwargs)
        self.add(Line(ORIGIN, length * RIGHT, color=YELLOW))


class Section03(LessonScene):
    section_title = "Angles"

    def construct(self):
        v = {}
        t = ValueTracker(0)
        with self.beat(3.0):
            self.play(self.title_animation(), *self.caption_animation("Turn the needle"), run_time=1.0)
            needle = always_redraw(lambda: Needle().rotate(t.get_value(), about_point=ORIGIN))
            dots = VGroup(*[Dot(np.array([np.cos(a), np.sin(a), 0])) for a in np.linspace(0, TAU, 8)])
            v["dots"] = self.place_area(dots, "B2:D4")
            self.add(needle)
            self.play(t.animate.set_value(PI / 2), run_time=1.5)
        with self.beat(2.0):
            label_text = f"{np.degrees(t.get_value()):.0f} degrees"
            v["label"] = self.place(label(label_text, size="small"), "E3")
            counter = Text("0").add_updater(lambda m, dt: m.rotate(0.1 * dt))
            self.play(Write(v["label"]), FadeIn(counter), run_time=1.0)


if __name__ == "__main__":
    print("render with manim")
'''


def test_typical_llm_scene_passes():
    assert check_code(LLM_SCENE) == []


def test_template_coder_output_passes(all_kinds_lesson, short_lesson):
    for lesson in (all_kinds_lesson, short_lesson):
        for index, section in enumerate(lesson.sections, 1):
            code = section_code(section, index, [2.0] * len(section.beats))
            assert check_code(code) == [], section.id


def test_built_in_lessons_pass():
    for path in sorted((ROOT / "src/code2video/knowledge/lessons").glob("*.json")):
        lesson = Lesson.model_validate(json.loads(path.read_text())["lesson"])
        for index, section in enumerate(lesson.sections, 1):
            assert check_code(section_code(section, index, [2.0] * len(section.beats))) == []


def test_broken_bench_scenes_are_not_sandbox_violations():
    for path in sorted((ROOT / "bench/broken_scenes").glob("[0-9]*.py")):
        assert check_code(path.read_text()) == [], path.name


def test_syntax_error_is_not_a_violation():
    assert check_code(in_scene("self.play(Write(t)")) == []


def test_violations_become_a_failure():
    code = HEAD + "        import os\n        eval('2')\n"
    violations = check_code(code)
    assert [v.line for v in violations] == [6, 7]
    failure = violations_failure(violations)
    assert (failure.error_type, failure.line) == ("SandboxViolation", 6)
    assert "line 6: import os" in failure.summary and "line 7: eval()" in failure.summary
    assert failure.message == violations[0].message


def test_violation_is_a_frozen_record():
    violation = Violation(3, "no")
    with pytest.raises(AttributeError):
        violation.line = 4
