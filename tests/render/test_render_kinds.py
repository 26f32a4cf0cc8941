"""Every visual kind compiles to code that Manim renders (draft quality, short beats)."""

import json
from pathlib import Path

import pytest

from code2video.render.media import duration
from code2video.render.renderer import SectionJob, render_sections
from code2video.render.template import scene_class_name, section_code
from code2video.settings import QUALITY_PRESETS

pytestmark = pytest.mark.slow


def test_every_visual_kind_renders(all_kinds_lesson, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative section folders, as with the default --out
    beat_seconds = 1.4
    jobs = []
    for index, section in enumerate(all_kinds_lesson.sections, 1):
        code = section_code(section, index, [beat_seconds] * len(section.beats))
        jobs.append(SectionJob(index, Path(f"s{index}"), code, scene_class_name(index)))
    results = render_sections(jobs, QUALITY_PRESETS["draft"], workers=2, cache_dir=None, timeout=300)
    fps = QUALITY_PRESETS["draft"].fps
    for section, result in zip(all_kinds_lesson.sections, results):
        expected = beat_seconds * len(section.beats)
        assert abs(duration(result.clip) - expected) <= 1.5 / fps
        probe = json.loads((result.clip.parent / "layout.json").read_text())
        shown = {obj["id"] for frame in probe["frames"] for obj in frame["objects"]}
        wanted = {v.id for beat in section.beats for v in beat.visuals
                  if not (v.kind == "highlight" and v.style == "indicate")}
        assert wanted <= shown
