"""Evidence of a tiny rendered output: its spoken sentences, the words on its frames, the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from video_fixture import Slide, make_output

from code2video.teachquiz import evidence as evidence_module
from code2video.teachquiz.evidence import gather_evidence

pytestmark = pytest.mark.skipif(not shutil.which("tesseract") or not shutil.which("ffmpeg"),
                                reason="needs tesseract and ffmpeg")

SLIDES = [
    Slide(2.0, "Photosynthesis", "Plants make sugar from light. They breathe out oxygen."),
    Slide(2.0, "Chlorophyll is green", "The green pigment is called chlorophyll."),
]


def screen_words(found) -> str:
    return " ".join(found.screen_text).lower()


def test_it_reads_the_spoken_sentences_and_the_drawn_words(tmp_path: Path):
    found = gather_evidence(make_output(tmp_path / "out", SLIDES))
    assert found.transcript == ("Plants make sugar from light.", "They breathe out oxygen.",
                                "The green pigment is called chlorophyll.")
    assert "photosynthesis" in screen_words(found)
    assert "chlorophyll" in screen_words(found)
    assert len(found.keyframes) == 2 and all(frame.is_file() for frame in found.keyframes)
    assert 3.5 < found.video_seconds < 4.5
    assert not found.empty


def test_a_second_call_is_served_from_the_cache(tmp_path: Path, monkeypatch):
    folder = make_output(tmp_path / "out", SLIDES)
    first = gather_evidence(folder)

    def no_work(*args, **kwargs):
        raise AssertionError("the cached evidence should have been used")

    monkeypatch.setattr(evidence_module, "ocr", no_work)
    monkeypatch.setattr(evidence_module, "run_ffmpeg", no_work)
    assert gather_evidence(folder) == first


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
