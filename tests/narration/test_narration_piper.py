"""Piper word timings: the phoneme-to-word matching, and the fallback when a model has no alignments."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from code2video.errors import BadInputError
from code2video.narration import get_backend
from code2video.narration import piper as piper_module
from code2video.narration.base import find_pauses, spread_words, word_timings_from_audio
from code2video.narration.piper_align import (
    SpokenWord,
    align,
    phoneme_words,
    spoken_words,
)


def test_spoken_words_split_on_spaces_and_punctuation() -> None:
    pairs = [("^", 100), ("ð", 50), ("ə", 50), (" ", 20), ("k", 40), ("ˈ", 10), ("æ", 60), ("t", 30), (",", 200),
             (" ", 10), ("s", 50), ("æ", 50), ("t", 50), (".", 100), ("$", 100)]
    words = spoken_words(pairs, sample_rate=100, offset=10.0)
    assert [w.phonemes for w in words] == ["ðə", "kæt", "sæt"]
    assert (words[0].start, words[0].end) == (11.0, 12.0)
    assert (words[1].start, words[1].end) == (12.2, 13.6)
    assert phoneme_words(["ð", "ə", " ", "k", "ˈ", "æ", "t", ","]) == ["ðə", "kæt"]


def test_align_handles_merged_split_and_silent_words() -> None:
    """'in the' is spoken as one word, '1995' as three, and '—' not at all."""
    words = ["In", "the", "year", "—", "1995."]
    expected = [["ɪn"], ["ðə"], ["jɪɹ"], [], ["naɪntiːnhʌndɹɪd", "naɪnti", "faɪv"]]
    spoken = [SpokenWord("ɪnðə", 0.1, 0.5), SpokenWord("jɪɹ", 0.6, 0.9), SpokenWord("naɪntiːnhʌndɹɪd", 1.0, 1.6),
              SpokenWord("naɪnti", 1.7, 2.0), SpokenWord("faɪv", 2.1, 2.5)]
    timings = align(words, expected, spoken)
    assert [w.word for w in timings] == words
    assert (timings[0].start, timings[0].end) == (0.1, 0.3)
    assert (timings[1].start, timings[1].end) == (0.3, 0.5)
    assert (timings[2].start, timings[2].end) == (0.6, 0.9)
    assert timings[3].start == timings[3].end == 0.9
    assert (timings[4].start, timings[4].end) == (1.0, 2.5)


def test_long_word_takes_its_real_time(backend_or_skip, check_speech, tmp_path: Path) -> None:
    """A long word with few vowel groups fools the syllable guess; the alignments do not."""
    text = "Strengths and rhythms of a banana."
    out = tmp_path / "long.wav"
    speech = backend_or_skip("piper").synthesize(text, out)
    check_speech(speech, text, out)
    durations = {w.word: w.end - w.start for w in speech.words}
    guess = {w.word: w.end - w.start for w in spread_words(text.split(), speech.words[0].start, speech.words[-1].end)}
    # By syllables "Strengths" (1) is a third of "banana." (3); spoken, it is far closer.
    assert durations["Strengths"] / durations["banana."] > 1.5 * guess["Strengths"] / guess["banana."]


def test_timings_are_not_the_proportional_guess(backend_or_skip, sentence, tmp_path: Path) -> None:
    speech = backend_or_skip("piper").synthesize(sentence, tmp_path / "p.wav")
    guess = spread_words(sentence.split(), speech.words[0].start, speech.words[-1].end)
    assert max(abs(a.start - b.start) for a, b in zip(speech.words, guess)) > 0.05


def test_falls_back_without_alignments(backend_or_skip, check_speech, sentence, tmp_path: Path, monkeypatch) -> None:
    backend = backend_or_skip("piper")
    monkeypatch.setattr(piper_module, "_aligned_words", lambda *args: None)
    out = tmp_path / "p.wav"
    speech = backend.synthesize(sentence, out)
    check_speech(speech, sentence, out)
    pcm = np.frombuffer(out.read_bytes()[44:], dtype=np.int16).tobytes()
    assert speech.words == word_timings_from_audio(sentence, pcm, 22050)


def test_unknown_piper_voice_is_explained() -> None:
    assert "no Piper voice 'nope'" in piper_module.PiperBackend("nope").problem()
    assert ".onnx.json" in piper_module.PiperBackend("/nowhere/voice.onnx").problem()


def test_slower_speech_lasts_longer(backend_or_skip, sentence, tmp_path: Path) -> None:
    backend_or_skip("piper")
    normal = piper_module.PiperBackend().synthesize(sentence, tmp_path / "n.wav")
    slow = piper_module.PiperBackend(speed=1 / 1.5).synthesize(sentence, tmp_path / "s.wav")
    spoken = [speech.words[-1].end - speech.words[0].start for speech in (normal, slow)]
    assert spoken[1] > 1.25 * spoken[0]  # leading silence varies from run to run; speech does not
    assert piper_module.PiperBackend(speed=1 / 1.5).cache_id != piper_module.PiperBackend().cache_id


def test_voice_by_name_from_the_env_folders(make_piper_voice, check_speech, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    model = make_piper_voice(tmp_path / "second", "en_US-test-medium")
    monkeypatch.setenv(piper_module.VOICES_ENV, os.pathsep.join([str(tmp_path / "missing"), str(tmp_path / "second")]))
    backend = get_backend("piper:en_US-test-medium")
    assert backend.model_path() == model
    out = tmp_path / "named.wav"
    check_speech(backend.synthesize("Hello from another voice.", out), "Hello from another voice.", out)
    assert backend.cache_id != get_backend("piper").cache_id


def test_voice_by_name_from_the_user_data_folder(make_piper_voice, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    model = make_piper_voice(tmp_path / "piper-voices", "de_DE-test-low")
    (tmp_path / "piper-voices" / "orphan.onnx").write_bytes(b"")  # no .onnx.json: not a voice
    assert piper_module.installed_voices() == {"de_DE-test-low": model}
    assert piper_module.PiperBackend("de_DE-test-low").problem() is None


def test_unknown_voice_names_the_installed_ones(make_piper_voice, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    make_piper_voice(tmp_path / "piper-voices", "en_GB-test-low")
    with pytest.raises(BadInputError) as err:
        get_backend("piper:en_US-nope-medium")
    message = str(err.value)
    assert "joe, en_GB-test-low" in message
    assert str(tmp_path / "piper-voices") in message
    assert "python -m piper.download_voices" in message


def test_voices_command_lists_installed_piper_voices(make_piper_voice, tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from code2video.cli import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    make_piper_voice(tmp_path / "piper-voices", "en_US-listed-medium")
    result = CliRunner().invoke(app, ["voices"], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "piper:en_US-listed-medium" in result.output
    assert all(name in result.output for name in ("openai", "f5", "espeak", "silent"))


def test_sentences_are_separated_by_a_pause_the_timings_know(backend_or_skip, check_speech, tmp_path: Path) -> None:
    """Piper joins sentences with no silence; we add one, and the second sentence's words start after it."""
    import wave

    text = "The first sentence ends here. The second one starts now."
    out = tmp_path / "two.wav"
    speech = backend_or_skip("piper").synthesize(text, out)
    check_speech(speech, text, out)
    with wave.open(str(out)) as wav:
        pauses = find_pauses(wav.readframes(wav.getnframes()), wav.getframerate())
    gap = max(pauses.gaps, key=lambda g: g[1] - g[0])
    assert gap[1] - gap[0] >= piper_module.SENTENCE_PAUSE
    ends_here, second = speech.words[4], speech.words[5]
    assert ends_here.end <= gap[0] + 0.1 and second.start >= gap[1] - 0.1
