"""Evidence of a tiny rendered output: its spoken sentences, the words on its frames, the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from video_fixture import Slide, make_output

from code2video.teachquiz import evidence as evidence_module
from code2video.teachquiz.evidence import Cue, gather_evidence, keyframe_times

needs_tools = pytest.mark.skipif(not shutil.which("tesseract") or not shutil.which("ffmpeg"),
                                 reason="needs tesseract and ffmpeg")

SLIDES = [
    Slide(2.0, "Photosynthesis", "Plants make sugar from light. They breathe out oxygen."),
    Slide(2.0, "Chlorophyll is green", "The green pigment is called chlorophyll."),
]


def screen_words(found) -> str:
    return " ".join(found.screen_text).lower()


@needs_tools
def test_it_reads_the_spoken_sentences_and_the_drawn_words(tmp_path: Path):
    found = gather_evidence(make_output(tmp_path / "out", SLIDES))
    assert found.transcript == ("Plants make sugar from light.", "They breathe out oxygen.",
                                "The green pigment is called chlorophyll.")
    assert "photosynthesis" in screen_words(found)
    assert "chlorophyll" in screen_words(found)
    assert len(found.keyframes) == 2 and all(frame.is_file() for frame in found.keyframes)
    assert 3.5 < found.video_seconds < 4.5
    assert not found.empty


@needs_tools
def test_a_second_call_is_served_from_the_cache(tmp_path: Path, monkeypatch):
    folder = make_output(tmp_path / "out", SLIDES)
    first = gather_evidence(folder)

    def no_work(*args, **kwargs):
        raise AssertionError("the cached evidence should have been used")

    monkeypatch.setattr(evidence_module, "ocr", no_work)
    monkeypatch.setattr(evidence_module, "grab_frame", no_work)
    assert gather_evidence(folder) == first


@needs_tools
def test_a_changed_video_is_read_again(tmp_path: Path, monkeypatch):
    folder = make_output(tmp_path / "out", SLIDES)
    gather_evidence(folder)
    make_output(folder, [Slide(2.0, "Mitochondria", "Cells burn sugar in the mitochondria.")])
    reads = []
    real_ocr = evidence_module.ocr
    monkeypatch.setattr(evidence_module, "ocr", lambda image: reads.append(image) or real_ocr(image))
    found = gather_evidence(folder)
    assert reads, "the changed video must be read again"
    assert found.transcript == ("Cells burn sugar in the mitochondria.",)
    assert "mitochondria" in screen_words(found)
    assert "photosynthesis" not in screen_words(found)


@needs_tools
def test_a_damaged_cache_is_read_again_and_a_work_folder_keeps_the_output_untouched(tmp_path: Path):
    folder = make_output(tmp_path / "out", SLIDES)
    first = gather_evidence(folder, read_screen=False)
    (folder / "eval" / "evidence.json").write_text('{"key": "truncated', encoding="utf-8")
    assert gather_evidence(folder, read_screen=False) == first
    (folder / "eval" / "evidence.json").write_text('["a list"]', encoding="utf-8")
    assert gather_evidence(folder, read_screen=False) == first
    before = sorted(p.name for p in folder.iterdir())
    elsewhere = gather_evidence(folder, read_screen=False, work=tmp_path / "work")
    assert (tmp_path / "work" / "evidence.json").is_file()
    assert all(frame.parent == tmp_path / "work" / "keyframes" for frame in elsewhere.keyframes)
    assert elsewhere.transcript == first.transcript
    assert sorted(p.name for p in folder.iterdir()) == before


def cues(*ends: float) -> list[Cue]:
    return [Cue(max(0.0, end - 1), end, f"cue {i}") for i, end in enumerate(ends)]


def test_keyframes_come_just_before_each_cue_ends():
    assert keyframe_times(cues(2.0, 5.0, 9.0), 10.0, 24) == pytest.approx([1.8, 4.8, 8.8])


def test_a_cue_past_the_video_end_is_clamped_to_the_end():
    assert keyframe_times(cues(3.0, 12.0), 10.0, 24) == pytest.approx([2.8, 9.8])
    assert keyframe_times(cues(0.1), 10.0, 24) == [0.0]  # never before the start


def test_many_cues_are_thinned_to_max_frames_keeping_the_last():
    times = keyframe_times(cues(*range(1, 13)), 20.0, 4)  # ends at 1..12 s
    assert times == pytest.approx([2.8, 5.8, 8.8, 11.8])


def test_without_subtitles_frames_are_spread_one_per_ten_seconds():
    assert keyframe_times([], 40.0, 24) == pytest.approx([5.0, 15.0, 25.0, 35.0])
    assert keyframe_times([], 4.0, 24) == pytest.approx([2.0])  # a short video still gives one frame
    assert keyframe_times([], 600.0, 3) == pytest.approx([100.0, 300.0, 500.0])
