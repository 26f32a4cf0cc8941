"""Word timings by approximation: syllables spread over the voice, phrase ends snapped to its pauses.

The audio here is synthetic: one tone burst per word, short dips between words and real pauses
between phrases, so we know exactly where every boundary must land.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from voice_fakes import FakeF5, tone_wav

from code2video.narration import BACKENDS, TTSBackend, get_backend
from code2video.narration.base import (
    MIN_GAP,
    find_pauses,
    spread_words,
    word_timings_from_audio,
)
from code2video.narration.f5 import F5Backend

RATE = 16000


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return 10000 * np.sin(2 * np.pi * 220 * t)


def _hush(seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Room noise about -46 dB under the tone: quiet, but not digital zero."""
    return rng.normal(0, 50, round(seconds * RATE))


def speak(phrases: list[tuple[list[float], float]], lead: float = 0.3, tail: float = 0.5) -> tuple[bytes, list]:
    """PCM for phrases of word bursts (40 ms dips between words), each phrase followed by its pause.

    Returns the PCM and the true (start, end) of every word.
    """
    rng = np.random.default_rng(7)
    parts, truth, t = [_hush(lead, rng)], [], lead
    for words, pause in phrases:
        for i, length in enumerate(words):
            parts.append(_tone(length))
            truth.append((t, t + length))
            t += length
            if i < len(words) - 1:
                parts.append(_hush(0.04, rng))
                t += 0.04
        parts.append(_hush(pause, rng))
        t += pause
    parts.append(_hush(tail, rng))
    return np.concatenate(parts).astype(np.int16).tobytes(), truth


# Phrase lengths deliberately out of step with their syllables, so the plain guess is wrong.
TEXT = "One two three, four five. Six seven eight; nine ten!"
PHRASES = [([0.6, 0.6, 0.7], 0.30), ([0.2, 0.25], 0.25), ([0.3, 0.5, 0.3], 0.40), ([0.6, 0.9], 0.0)]


def test_pauses_are_found_and_dips_between_words_are_not() -> None:
    pcm, truth = speak(PHRASES)
    pauses = find_pauses(pcm, RATE)
    assert pauses.start == pytest.approx(0.3, abs=0.011)
    assert pauses.end == pytest.approx(truth[-1][1], abs=0.011)
    expected = [(truth[2][1], truth[3][0]), (truth[4][1], truth[5][0]), (truth[7][1], truth[8][0])]
    assert len(pauses.gaps) == 3
    for (start, end), (true_start, true_end) in zip(pauses.gaps, expected):
        assert start == pytest.approx(true_start, abs=0.011)
        assert end == pytest.approx(true_end, abs=0.011)


def test_phrase_ends_land_in_the_pauses() -> None:
    pcm, truth = speak(PHRASES)
    words = word_timings_from_audio(TEXT, pcm, RATE)
    assert [w.word for w in words] == TEXT.split()
    for k in (2, 4, 7):  # three, / five. / eight;
        assert words[k].end == pytest.approx(truth[k][1], abs=0.011), words[k]
        assert words[k + 1].start == pytest.approx(truth[k + 1][0], abs=0.011), words[k + 1]
    assert words[0].start == pytest.approx(truth[0][0], abs=0.011)
    assert words[-1].end == pytest.approx(truth[-1][1], abs=0.011)
    # Inside a phrase the split is still by syllables: "seven" (2) outlasts "six" (1).
    assert words[6].end - words[6].start > words[5].end - words[5].start


def test_the_plain_syllable_guess_misses_the_pauses() -> None:
    """Guards the test above: without snapping, these boundaries are far from the truth."""
    pcm, truth = speak(PHRASES)
    pauses = find_pauses(pcm, RATE)
    guess = spread_words(TEXT.split(), pauses.start, pauses.end)
    assert max(abs(guess[k + 1].start - truth[k + 1][0]) for k in (2, 4, 7)) > 0.2


def test_a_breath_and_an_unpaused_comma_are_left_alone() -> None:
    """A pause inside a phrase (no punctuation) takes no boundary; a comma read without a pause
    does not steal the next sentence's gap."""
    text = "Alpha beta gamma delta, epsilon zeta. Eta theta."
    phrases = [([0.4, 0.4], 0.3), ([0.4, 0.4, 0.4, 0.4], 0.5), ([0.4, 0.4], 0.0)]
    pcm, truth = speak(phrases)  # the 0.3 s breath follows "beta"; "delta," flows straight on
    words = word_timings_from_audio(text, pcm, RATE)
    assert words[5].end == pytest.approx(truth[5][1], abs=0.011)  # zeta. ends where the pause starts
    assert words[6].start == pytest.approx(truth[6][0], abs=0.011)
    assert all(abs(w.start - truth[2][0]) > 0.03 for w in words)  # the breath snapped nothing


def test_an_earlier_comma_does_not_take_the_full_stops_pause() -> None:
    """Matching the boundaries in order one by one would give the pause to "four," (first in
    reach); the ordered matching gives it to "five.", the nearer one."""
    text = "One two three four, five. Six seven eight nine ten."
    pcm, truth = speak([([0.4] * 5, 0.4), ([0.4] * 5, 0.0)])
    words = word_timings_from_audio(text, pcm, RATE)
    assert words[4].end == pytest.approx(truth[4][1], abs=0.011)
    assert words[5].start == pytest.approx(truth[5][0], abs=0.011)


def test_speech_without_pauses_is_spread_over_the_voice() -> None:
    pcm, truth = speak([([0.5, 0.5, 0.5], 0.0)])
    words = word_timings_from_audio("No pauses here.", pcm, RATE)
    assert words[0].start == pytest.approx(0.3, abs=0.011)
    assert words[-1].end == pytest.approx(truth[-1][1], abs=0.011)


@pytest.mark.parametrize("text", ["", "   ", "One.", "Lots, of, commas, here, and, there.", "x " * 200])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_timings_are_ordered_and_inside_the_audio(text: str, seed: int) -> None:
    """Random bursts and pauses against any text: never out of order, never outside the file."""
    rng = np.random.default_rng(seed)
    phrases = [(list(rng.uniform(0.05, 0.6, rng.integers(1, 5))), float(rng.choice([0.0, 0.05, 0.2, 0.6])))
               for _ in range(rng.integers(1, 6))]
    pcm, _ = speak(phrases, lead=float(rng.uniform(0, 0.5)), tail=float(rng.uniform(0, 0.5)))
    duration = len(pcm) / 2 / RATE
    words = word_timings_from_audio(text, pcm, RATE)
    assert [w.word for w in words] == text.split()
    previous = 0.0
    for w in words:
        assert previous <= w.start <= w.end <= duration + 1e-9, w
        previous = w.start


def test_silence_and_empty_audio() -> None:
    quiet = bytes(2 * RATE)
    assert find_pauses(quiet, RATE).gaps == []
    words = word_timings_from_audio("Nothing to hear.", quiet, RATE)
    assert words[0].start == 0.0 and words[-1].end == pytest.approx(1.0)
    assert [w.end for w in word_timings_from_audio("Nothing.", b"", RATE)] == [0.0]


def test_min_gap_is_the_documented_threshold() -> None:
    assert 0.1 <= MIN_GAP <= 0.15
    pcm, _ = speak([([0.5], MIN_GAP - 0.03), ([0.5], 0.0)])
    assert find_pauses(pcm, RATE).gaps == []


# Every registered backend, as it can run here: f5 through a stand-in engine (its weights are not
# on this machine), openai through the local speech server, piper also by a voice-folder name.
VOICES = ["silent", "espeak", "piper", "piper:named", "openai", "f5"]
PASSAGE = ("The determinant measures how a matrix scales area, and its sign tells orientation. "
           "In 1995 — Dr. Smith's cat-dog ate 3.5 kg; amazing! Right?")


def _voice(kind: str, speed: float, request, tmp_path: Path, monkeypatch) -> TTSBackend:
    if kind == "piper:named":
        request.getfixturevalue("make_piper_voice")(tmp_path / "voices", "en_US-named-medium")
        monkeypatch.setenv("CODE2VIDEO_PIPER_VOICES", str(tmp_path / "voices"))
        return request.getfixturevalue("backend_or_skip")("piper", "en_US-named-medium", speed)
    if kind == "openai":
        return get_backend(f"openai:alloy@{request.getfixturevalue('speech_server').url}", speed)
    if kind == "f5":
        reference = tmp_path / "ref.wav"
        reference.write_bytes(tone_wav("Some words I said."))
        return F5Backend(f"{reference}:Some words I said.", speed, engine=FakeF5())
    return request.getfixturevalue("backend_or_skip")(kind, "", speed)


def test_every_registered_backend_is_covered() -> None:
    assert {kind.split(":")[0] for kind in VOICES} == set(BACKENDS)


@pytest.mark.parametrize("speed", [1.0, 1.3])
@pytest.mark.parametrize("kind", VOICES)
def test_each_voice_backends_timings_are_monotonic_and_inside_the_audio(
    kind: str, speed: float, request, check_speech, tmp_path: Path, monkeypatch
) -> None:
    if kind == "openai" and speed != 1 and shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (gpt-4o-mini-tts speed is applied with it)")
    backend = _voice(kind, speed, request, tmp_path, monkeypatch)
    out = tmp_path / "passage.wav"
    speech = backend.synthesize(PASSAGE, out)
    check_speech(speech, PASSAGE, out)  # one timing per word, starts in order, inside [0, duration]
    ends = [w.end for w in speech.words]
    assert ends == sorted(ends)
    assert speech.words[-1].end > 0.5 * speech.duration  # spread over the speech, not bunched at the start
