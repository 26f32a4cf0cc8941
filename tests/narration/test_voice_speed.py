"""--voice-speed: every backend speaks faster or slower natively, and the cache tells speeds apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from code2video.errors import BadInputError
from code2video.narration import BACKENDS, get_backend


@pytest.mark.parametrize("name", ["silent", "espeak", "piper"])
def test_faster_speech_is_shorter(name, backend_or_skip, check_speech, sentence, tmp_path: Path) -> None:
    backend_or_skip(name)
    normal = get_backend(name).synthesize(sentence, tmp_path / "n.wav")
    fast = get_backend(name, speed=1.5).synthesize(sentence, tmp_path / "f.wav")
    slow = get_backend(name, speed=0.75).synthesize(sentence, tmp_path / "s.wav")
    check_speech(fast, sentence, tmp_path / "f.wav")
    spoken = [s.words[-1].end - s.words[0].start for s in (slow, normal, fast)]
    # Speech itself, not the padding; pauses do not all scale, so less than the full ratio.
    assert spoken[2] < 0.85 * spoken[1]
    assert spoken[1] < 0.9 * spoken[0]


@pytest.mark.parametrize("speed", [0.49, 2.01, 0.0, -1.0, float("nan")])
def test_speed_out_of_range_is_bad_input(speed: float) -> None:
    with pytest.raises(BadInputError, match="between 0.5 and 2.0"):
        get_backend("silent", speed=speed)


@pytest.mark.parametrize("name", sorted(BACKENDS))
def test_every_backend_takes_a_speed(name: str) -> None:
    """The constructor contract get_backend relies on, for every registered backend."""
    backend = BACKENDS[name]("", 1.25)
    assert backend.speed == 1.25
    assert backend.cache_id != BACKENDS[name]("", 1.0).cache_id
    assert BACKENDS[name]("").cache_id == BACKENDS[name]("", 1.0).cache_id  # old cache entries stay valid
