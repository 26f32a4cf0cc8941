"""End to end with a talking head: the puppet laid over a short lesson, cached on a second run,
and a failing GPU model that falls back to the puppet without sinking the run."""

import json
import subprocess

import numpy as np
import pytest

from code2video.pipeline import Run
from code2video.render.media import probe
from code2video.settings import load_settings
from fake_models import fake_model

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def grace_hopper():
    cbook = pytest.importorskip("matplotlib.cbook")
    with cbook.get_sample_data("grace_hopper.jpg") as sample:
        return sample.name


def _settings(tmp_path, **extra):
    return load_settings(out_dir=tmp_path / "out", quality="draft", voice="espeak", jobs=2,
                         cache_dir=tmp_path / "cache", **extra)


def _frame(video, seconds: float) -> np.ndarray:
    stream = next(s for s in probe(video)["streams"] if s["codec_type"] == "video")
    width, height = int(stream["width"]), int(stream["height"])
    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", str(seconds), "-i", str(video), "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3).astype(int)


def test_the_puppet_presents_in_free_corners_and_is_cached(short_lesson, tmp_path, grace_hopper):
    report = Run(short_lesson, _settings(tmp_path, avatar=f"puppet:{grace_hopper}")).execute()
    out = tmp_path / "out" / "short-test-lesson"
    saved = json.loads((out / "report.json").read_text())
    assert saved["avatar"].startswith("puppet:") and "avatar" in saved["stages"]
    squares, roots = (s["avatar"] for s in saved["sections"])
    assert squares["backend"] == "puppet" and squares["warning"] is None and squares["shown_seconds"] > 2
    assert squares["places"] == ["E5 E6 F5 F6 from 0.0 to 3.5 s"]  # until the bar chart reaches E5
    # the plot fills the whole grid a second after the section starts: too short a free stretch to show
    assert roots["backend"] is None and roots["shown_seconds"] == 0 and "no corner" in roots["warning"]

    folder = out / "sections" / "01_squares"
    assert (folder / "avatar.mp4").is_file()
    video_s = float(probe(out / "video.mp4")["format"]["duration"])
    assert abs(video_s - report.narration_seconds) <= 0.5
    # mid-way through the first appearance, the head is in its corner and the rest of the picture is the lesson's
    first = report.sections[0].avatar.places[0]
    start, end = (float(v) for v in first.split(" from ")[1].removesuffix(" s").split(" to "))
    with_head, plain = _frame(folder / "clip_avatar.mp4", (start + end) / 2), _frame(folder / "clip.mp4", (start + end) / 2)
    changed = np.abs(with_head - plain).max(axis=2) > 40
    rows, cols = np.nonzero(changed)
    assert changed.sum() > 500, "no head to be seen"
    height, width = changed.shape
    lecture_column = changed[:, : int(width * 0.29)]  # x < -2.75 of 14.22 scene units
    assert not lecture_column.any()
    assert rows.min() > height * 0.5 or rows.max() < height * 0.5  # one corner: top or bottom half
    assert cols.min() > width * 0.5

    composited = (folder / "clip_avatar.mp4").stat().st_mtime_ns
    Run(short_lesson, _settings(tmp_path, avatar=f"puppet:{grace_hopper}")).execute()
    saved = json.loads((out / "report.json").read_text())
    assert saved["sections"][0]["avatar"]["cached"]
    assert (folder / "clip_avatar.mp4").stat().st_mtime_ns == composited  # nothing changed: reused


def test_a_failing_gpu_model_falls_back_to_the_puppet(short_lesson, tmp_path, grace_hopper):
    model = fake_model(tmp_path, "hallo2", mode="fail")
    settings = _settings(tmp_path, avatar=f"hallo2:{model.python}", portrait=grace_hopper, critic="off")
    report = Run(short_lesson, settings).execute()
    head = report.sections[0].avatar
    assert head.backend == "puppet" and "hallo2" in head.warning and head.shown_seconds > 2
    saved = json.loads((tmp_path / "out" / "short-test-lesson" / "report.json").read_text())
    assert "hallo2" in saved["sections"][0]["avatar"]["warning"]
