"""Mouth shapes from words, loudness from audio, and the smoothed per-frame mouth."""

from __future__ import annotations

import numpy as np
import pytest

from code2video.avatar import AvatarError
from code2video.avatar.visemes import (
    AA,
    CONSONANT,
    EE,
    FV,
    MBP,
    OH,
    OO,
    REST,
    VisemeSpan,
    _targets,
    blink_track,
    loudness,
    mouth_track,
    smooth,
    viseme_spans,
    word_visemes,
)
from code2video.narration import WordTiming


@pytest.mark.parametrize(("word", "shapes"), [
    ("mama", [MBP, AA, MBP, AA]),
    ("Beef!", [MBP, EE, FV]),  # 'ee' is one shape; punctuation and case ignored
    ("time", [CONSONANT, EE, MBP]),  # silent final e
    ("phone", [FV, OH, CONSONANT]),  # 'ph' sounds like f
    ("you", [EE, OO]),
    ("42", [CONSONANT]),  # digits are spoken too
])
def test_letters_map_to_mouth_shapes(word, shapes):
    assert word_visemes(word) == shapes


def test_shapes_share_a_word_by_weight_and_cover_its_span():
    spans = viseme_spans([WordTiming("papa", 1.0, 1.6)])
    assert [s.viseme for s in spans] == [MBP, AA, MBP, AA]
    assert spans[0].start == 1.0 and spans[-1].end == pytest.approx(1.6)
    assert [round(s.end - s.start, 3) for s in spans] == [0.1, 0.2, 0.1, 0.2]  # vowels last twice as long


def test_a_word_span_is_trimmed_to_its_voiced_part():
    voiced = np.zeros(100, dtype=bool)
    voiced[20:40] = True  # 0.2 s to 0.4 s at 100 steps a second
    (span,) = viseme_spans([WordTiming("a", 0.1, 0.9)], voiced, rate=100)
    assert (span.start, span.end) == pytest.approx((0.2, 0.4))


def test_loudness_is_zero_in_silence_and_normalised_to_one():
    rate = 16000
    t = np.arange(2 * rate) / rate
    samples = np.sin(2 * np.pi * 220 * t) * ((t >= 0.5) & (t < 1.5))
    levels = loudness(samples, rate, 10, 20)
    assert levels.shape == (20,)
    assert levels[:5].max() == 0 and levels[15:].max() == 0
    assert levels[5:15] == pytest.approx(np.ones(10), abs=0.01)
    assert loudness(np.zeros(rate), rate, 10, 10).max() == 0  # all silent: no division by zero


def test_smoothing_glides_and_closes_faster_than_it_opens():
    step = np.r_[np.ones(50), np.zeros(50)].astype(np.float32)
    out = smooth(step, dt=0.01, attack=0.05, release=0.02)
    assert np.all(np.diff(out[:50]) > 0) and np.all(np.diff(out[50:]) < 0)  # no jumps, no overshoot
    assert out[4] == pytest.approx(1 - np.exp(-1), abs=0.01)  # one time constant: 63 %
    assert out[51] < 1 - out[4]  # closing falls further in two steps than opening rose in five


def test_the_mouth_opens_on_vowels_closes_on_p_and_in_silence(papa):
    audio, words = papa
    track = mouth_track(audio, words, fps=30)
    assert track.frames == 45 == len(track.width) == len(track.loudness) == len(track.visemes)
    assert track.openness[:9].max() == 0  # silence before speech
    assert track.openness[40:].max() < 0.01  # and after it
    assert track.visemes[18] == "aa" and track.openness[18] > 0.8  # 0.60 s: the first 'a'
    assert track.visemes[25] == "mbp" and track.openness[25] < 0.1  # 0.83 s: the second 'p'
    assert track.visemes[33] == "aa" and track.openness[33] > 0.8
    assert np.all((track.openness >= 0) & (track.openness <= 1))


def test_silence_closes_the_mouth_even_inside_a_word(tone_wav):
    audio = tone_wav(1.5, [(0.3, 0.6, 1.0)])
    track = mouth_track(audio, [WordTiming("aaah", 0.3, 1.5)], fps=30)
    assert track.openness[12:18].max() > 0.5
    assert track.openness[24:].max() < 0.01  # the word's span goes on, the voice does not


def test_loudness_scales_the_opening(tone_wav):
    audio = tone_wav(1.0, [(0.1, 0.5, 1.0), (0.5, 0.9, 0.35)])  # the second half is quieter
    track = mouth_track(audio, [WordTiming("aa", 0.1, 0.9)], fps=30)
    assert track.openness[8:14].mean() > 2 * track.openness[18:26].mean() > 0


def test_unreadable_audio_is_an_avatar_error(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    with pytest.raises(AvatarError, match="cannot read the narration audio"):
        mouth_track(bad, [], fps=30)


def test_blinks_are_short_spaced_and_deterministic():
    closed = blink_track(30 * 60, fps=30, seed=3)
    assert np.array_equal(closed, blink_track(30 * 60, fps=30, seed=3))
    assert not np.array_equal(closed, blink_track(30 * 60, fps=30, seed=4))  # another section, other blinks
    assert closed.min() == 0 and closed.max() > 0.8
    starts = np.flatnonzero(np.diff((closed > 0).astype(int)) == 1) + 1
    ends = np.flatnonzero(np.diff((closed > 0).astype(int)) == -1) + 1
    assert 10 <= len(starts) <= 30  # every 2-6 s over a minute
    assert np.all(np.diff(starts) >= 2 * 30 - 1)
    assert np.all(ends - starts[: len(ends)] <= 5)  # ~0.15 s at 30 fps


def test_targets_are_the_span_under_each_moment_else_rest():
    spans = [VisemeSpan(0.1, 0.2, AA), VisemeSpan(0.2, 0.3, MBP), VisemeSpan(0.5, 0.6, OO)]
    times = np.array([0.0, 0.1, 0.15, 0.2, 0.29, 0.3, 0.4, 0.55, 0.7])
    assert _targets(spans, times) == [REST, AA, AA, MBP, MBP, REST, REST, OO, REST]
    assert _targets([], times) == [REST] * len(times)
