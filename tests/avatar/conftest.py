"""Shared fixtures: a real portrait, a short spoken sentence with pauses, and a synthetic voice."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from code2video.narration import BACKENDS, Speech, WordTiming

SENTENCE = "Hello there. We will study the determinant, one step at a time."


@pytest.fixture(scope="session")
def portrait() -> Path:
    """Grace Hopper's portrait, shipped with matplotlib: a real frontal face."""
    cbook = pytest.importorskip("matplotlib.cbook")
    with cbook.get_sample_data("grace_hopper.jpg") as sample:
        return Path(sample.name)


@pytest.fixture(scope="session")
def spoken(tmp_path_factory) -> Speech:
    """The test sentence spoken by espeak-ng (fast, deterministic), with its word timings."""
    backend = BACKENDS["espeak"]()
    reason = backend.problem()
    if reason:
        pytest.skip(f"espeak cannot run here: {reason}")
    return backend.synthesize(SENTENCE, tmp_path_factory.mktemp("speech") / "sentence.wav")


def _write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path


@pytest.fixture
def tone_wav(tmp_path) -> Callable[..., Path]:
    """``tone_wav(seconds, [(start, end, level), ...])``: a 16-bit mono WAV, silent but for a 220 Hz
    tone at ``level`` (0..1) during each span."""

    def make(seconds: float, spans: list[tuple[float, float, float]], rate: int = 16000) -> Path:
        t = np.arange(int(seconds * rate)) / rate
        level = np.zeros_like(t)
        for start, end, amplitude in spans:
            level[(t >= start) & (t < end)] = amplitude
        return _write_wav(tmp_path / f"tone{len(list(tmp_path.glob('tone*.wav')))}.wav",
                          0.5 * level * np.sin(2 * np.pi * 220 * t), rate)

    return make


@pytest.fixture
def papa(tone_wav) -> tuple[Path, list[WordTiming]]:
    """'papa' voiced from 0.3 s to 1.2 s of 1.5 s: closed, open, closed, open, then silence."""
    return tone_wav(1.5, [(0.3, 1.2, 1.0)]), [WordTiming("papa", 0.3, 1.2)]
