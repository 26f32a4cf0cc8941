"""End to end on a short lesson: narration, render, compose, cache behaviour."""

import json

import pytest

from code2video.pipeline import Run
from code2video.render.media import probe
from code2video.settings import load_settings

pytestmark = pytest.mark.slow


def _settings(tmp_path, **extra):
    return load_settings(out_dir=tmp_path / "out", quality="draft", voice="espeak", jobs=2,
                         cache_dir=tmp_path / "cache", **extra)


def _streams(video):
    info = probe(video)
    by_type = {s["codec_type"]: s for s in info["streams"]}
    return info, float(by_type["video"]["duration"]), float(by_type["audio"]["duration"])


def _srt_times(path):
    times = []
    for line in path.read_text().splitlines():
        if "-->" in line:
            start, end = (p.strip().replace(",", ".") for p in line.split("-->"))
            to_s = lambda t: int(t[:2]) * 3600 + int(t[3:5]) * 60 + float(t[6:])
            times.append((to_s(start), to_s(end)))
    return times


def test_video_is_synced_subtitled_and_cached(short_lesson, tmp_path):
    report = Run(short_lesson, _settings(tmp_path)).execute()
    out = tmp_path / "out" / "short-test-lesson"
    for name in ("video.mp4", "video.srt", "video.vtt", "lesson.json", "report.json",
                 "sections/01_squares/scene.py", "sections/01_squares/clip.mp4",
                 "sections/01_squares/narration.wav", "sections/02_roots/layout.json"):
        assert (out / name).is_file(), name

    info, video_s, audio_s = _streams(out / "video.mp4")
    codecs = {s["codec_type"]: s["codec_name"] for s in info["streams"]}
    assert codecs["video"] == "h264" and codecs["audio"] == "aac"  # chapters add a text track
    assert abs(video_s - audio_s) <= 0.2
    assert abs(video_s - report.narration_seconds) <= 0.5
    assert [c["tags"]["title"] for c in info["chapters"]] == ["Squares", "Roots"]
    cues = _srt_times(out / "video.srt")
    assert cues and all(0 <= a <= b <= video_s for a, b in cues)

    saved = json.loads((out / "report.json").read_text())
    assert [s["status"] for s in saved["sections"]] == ["rendered", "rendered"]
    assert set(saved["stages"]) == {"narrate", "code", "render", "critic", "compose"}
    assert all(s["critic"]["before"] == [] and not s["critic"]["revised"] for s in saved["sections"])

    Run(short_lesson, _settings(tmp_path)).execute()
    saved = json.loads((out / "report.json").read_text())
    assert [s["status"] for s in saved["sections"]] == ["cached", "cached"]

    edited = short_lesson.model_copy(deep=True)
    edited.sections[1].beats[1].narration = "So the square root of nine is exactly three."
    Run(edited, _settings(tmp_path)).execute()
    saved = json.loads((out / "report.json").read_text())
    assert [s["status"] for s in saved["sections"]] == ["cached", "rendered"]


def test_burned_subtitles_change_the_picture(short_lesson, tmp_path):
    plain = Run(short_lesson, _settings(tmp_path / "a")).execute()
    burned = Run(short_lesson, _settings(tmp_path / "b", burn_subtitles=True)).execute()
    assert plain.video_seconds == pytest.approx(burned.video_seconds, abs=0.2)
    from code2video.render.media import run_ffmpeg

    frames = []
    for report, name in ((plain, "a.png"), (burned, "b.png")):
        run_ffmpeg(["-ss", "1.0", "-i", report.video, "-frames:v", "1", "-vf", "crop=iw:ih/6:0:ih*5/6",
                    "-f", "rawvideo", "-pix_fmt", "gray", str(tmp_path / name)])
        frames.append((tmp_path / name).read_bytes())
    differing = sum(a != b for a, b in zip(*frames))
    assert differing > len(frames[0]) * 0.005
