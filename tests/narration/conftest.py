"""Shared fixtures: the test sentence and checks for speech produced by any narration backend."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from code2video.narration import BACKENDS, Speech, TTSBackend

SENTENCE = "The determinant measures how a matrix scales area, and its sign tells orientation."


@pytest.fixture
def sentence() -> str:
    return SENTENCE


@pytest.fixture
def backend_or_skip() -> Callable[..., TTSBackend]:
    """Make a backend, or skip the test naming what this machine lacks."""

    def make(name: str, voice: str = "") -> TTSBackend:
        backend = BACKENDS[name](voice)
        reason = backend.problem()
        if reason:
            pytest.skip(f"{name} cannot run here: {reason}")
        return backend

    return make


def _check_speech(speech: Speech, text: str, out_wav: Path) -> None:
    """The WAV is 16-bit mono and as long as reported; one ordered timing per word, inside the audio.

    Words are matched by ``text.split()``: punctuation stays attached ("area,").
    """
    assert speech.audio == out_wav and out_wav.is_file()
    with wave.open(str(out_wav), "rb") as wav:
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 1
        seconds = wav.getnframes() / wav.getframerate()
    assert abs(seconds - speech.duration) <= 0.05
    assert [w.word for w in speech.words] == text.split()
    previous_start = 0.0
    for timing in speech.words:
        assert 0.0 <= timing.start <= timing.end <= speech.duration + 1e-6, timing
        assert timing.start >= previous_start, timing
        previous_start = timing.start


@pytest.fixture
def check_speech() -> Callable[[Speech, str, Path], None]:
    return _check_speech
