"""Renders run without our secrets, inside the section folder, and a hung scene names its line."""

import pytest

from code2video.render.renderer import run_scene
from code2video.settings import QUALITY_PRESETS

pytestmark = pytest.mark.slow
DRAFT = QUALITY_PRESETS["draft"]

SNOOP = '''import os
from code2video.render.kit import *


class Snoop(LessonScene):
    def construct(self):
        secrets = sorted(k for k in os.environ if "KEY" in k or "TOKEN" in k)
        with open("seen.txt", "w") as f:
            f.write(repr(secrets) + repr(os.environ.get("OPENAI_API_KEY")))
'''

HANG = '''from code2video.render.kit import *


class Hang(LessonScene):
    def construct(self):
        steps = 0
        while True:
            steps += 1
'''


def test_scene_cannot_read_api_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-secret")
    monkeypatch.setenv("HF_TOKEN", "hf-secret")
    run = run_scene(SNOOP, tmp_path / "section", "Snoop", DRAFT, timeout=60, dry_run=True, memory_mb=4096)
    assert run.ok, run.output
    seen = (tmp_path / "section" / "seen.txt").read_text()  # relative path: cwd was the section folder
    assert seen == "[]None"


def test_a_hung_scene_times_out_with_its_own_line_in_the_output(tmp_path):
    run = run_scene(HANG, tmp_path / "section", "Hang", DRAFT, timeout=8, dry_run=True)
    assert run.timed_out and not run.ok
    assert f'{tmp_path / "section" / "scene.py"}", line 8 in construct' in run.output
