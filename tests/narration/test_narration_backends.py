"""Each voice speaks a sentence into a valid WAV with believable word timings."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import pytest

from code2video.errors import BadInputError
from code2video.narration import Speech, get_backend
from code2video.narration.base import find_pauses
from code2video.narration.espeak import EspeakBackend


@pytest.mark.parametrize("name", ["silent", "espeak", "piper"])
def test_backend_speaks_sentence(name, backend_or_skip, check_speech, sentence, tmp_path: Path) -> None:
    out = tmp_path / "line.wav"
    speech = backend_or_skip(name).synthesize(sentence, out)
    check_speech(speech, sentence, out)
    assert 3.0 < speech.duration < 9.0


@pytest.mark.parametrize("name", ["espeak", "piper"])
def test_timings_follow_the_audio(name, backend_or_skip, sentence, tmp_path: Path) -> None:
    speech = backend_or_skip(name).synthesize(sentence, tmp_path / "line.wav")
    first, last = speech.words[0], speech.words[-1]
    with wave.open(str(speech.audio), "rb") as wav:
        onset = find_pauses(wav.readframes(wav.getnframes()), wav.getframerate()).start
    assert abs(first.start - onset) < 0.15  # the first word starts where the voice does
    assert speech.duration - 1.0 < last.end <= speech.duration
    durations = {w.word: w.end - w.start for w in speech.words}
    assert durations["determinant"] > 2 * durations["a"]


def test_silent_handles_odd_text(backend_or_skip, check_speech, tmp_path: Path) -> None:
    backend = backend_or_skip("silent")
    for text in ["", "   ", "One.", "x " * 300]:
        check_speech(backend.synthesize(text, tmp_path / "s.wav"), text, tmp_path / "s.wav")


def test_silent_pace_is_about_155_words_a_minute(backend_or_skip, tmp_path: Path) -> None:
    speech = backend_or_skip("silent").synthesize("word " * 155, tmp_path / "s.wav")
    assert speech.duration == pytest.approx(60, abs=0.1)


@pytest.mark.parametrize("name", ["espeak", "piper"])
def test_numbers_dashes_and_accents(name, backend_or_skip, check_speech, tmp_path: Path) -> None:
    """Words eSpeak splits ("1995"), merges ("of the") or skips ("—") still get one timing each."""
    text = "  Café naïve — in 1995, Dr. Smith's cat-dog ate 3.5 kg of the food. Yes! —"
    out = tmp_path / "odd.wav"
    speech = backend_or_skip(name).synthesize(text, out)
    check_speech(speech, text, out)
    durations = {w.word: w.end - w.start for w in speech.words}
    assert durations["1995,"] > 2 * durations["in"]


def test_espeak_is_safe_across_threads(backend_or_skip, check_speech, tmp_path: Path) -> None:
    backend = backend_or_skip("espeak")
    texts = [f"Thread number {i} says {'hello ' * (i + 1)}there." for i in range(4)]
    results: dict[int, Speech] = {}

    def speak(i: int) -> None:
        results[i] = backend.synthesize(texts[i], tmp_path / f"t{i}.wav")

    threads = [threading.Thread(target=speak, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, text in enumerate(texts):
        check_speech(results[i], text, tmp_path / f"t{i}.wav")


def test_espeak_voice_can_be_chosen(backend_or_skip, tmp_path: Path) -> None:
    backend = backend_or_skip("espeak", "en-gb")
    speech = backend.synthesize("Hello there.", tmp_path / "gb.wav")
    assert [w.word for w in speech.words] == ["Hello", "there."]


def test_unknown_espeak_voice_is_bad_input(backend_or_skip, tmp_path: Path) -> None:
    backend_or_skip("espeak")
    with pytest.raises(BadInputError, match="zz-nope"):
        get_backend("espeak:zz-nope")
    with pytest.raises(BadInputError, match="espeak-ng --voices"):
        EspeakBackend("zz-nope").synthesize("Hello.", tmp_path / "x.wav")


def test_unknown_backend_lists_the_choices() -> None:
    with pytest.raises(BadInputError) as err:
        get_backend("nope")
    for name in ("espeak", "piper", "silent"):
        assert name in str(err.value)


@pytest.mark.parametrize("name", ["espeak", "piper"])
def test_real_time_factor(name, backend_or_skip, sentence, tmp_path: Path) -> None:
    """A record, not a limit (`pytest -s` prints it); only absurd slowness fails."""
    backend = backend_or_skip(name)
    backend.synthesize("Warm up.", tmp_path / "w.wav")  # loads the model
    started = time.perf_counter()
    speech = backend.synthesize(" ".join([sentence] * 3), tmp_path / "rtf.wav")
    factor = (time.perf_counter() - started) / speech.duration
    print(f"\n{name}: {speech.duration:.1f} s of speech, real-time factor {factor:.4f}")
    assert factor < 2.0
