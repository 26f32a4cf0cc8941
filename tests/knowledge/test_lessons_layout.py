"""Every built-in lesson is clean by the layout critic, at draft and at standard quality."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from code2video.agents.critic import critique_layout, read_probe
from code2video.knowledge.library import builtin_lessons
from code2video.narration.silent import estimate_duration
from code2video.render.renderer import run_scene
from code2video.render.template import scene_class_name, section_code
from code2video.settings import QUALITY_PRESETS, Settings

pytestmark = pytest.mark.slow


def test_builtin_lessons_have_no_layout_defects(tmp_path):
    pause = Settings().beat_pause
    jobs = [(tmp_path / f"{lesson_number}-{index}", section_code(section, index, [
                estimate_duration(b.narration) + pause for b in section.beats]), scene_class_name(index))
            for lesson_number, item in enumerate(builtin_lessons())
            for index, section in enumerate(item.lesson.sections, 1)]

    def probe(job):
        folder, code, scene = job
        run = run_scene(code, folder, scene, QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
        assert run.ok, run.output[-2000:]
        return read_probe(folder / "layout.json")

    with ThreadPoolExecutor(max_workers=2) as pool:
        probes = list(pool.map(probe, jobs))
    for height in (480, 720):
        found = [(job[0].name, d.message) for job, p in zip(jobs, probes) for d in critique_layout(p, pixel_height=height)]
        assert found == [], found
    assert len(probes) >= 16 * 4  # every section of the sixteen lessons was checked
