"""The speech cache: a repeated line is copied, not spoken again."""

from __future__ import annotations

from pathlib import Path

from code2video.narration import Speech, synthesize_cached
from code2video.narration.silent import SilentBackend


class CountingSilent(SilentBackend):
    """A silent voice that counts how often it really speaks (test only; not registered)."""

    name = "silent"

    def __init__(self, voice: str = "") -> None:
        super().__init__(voice)
        self.calls = 0

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        self.calls += 1
        return super().synthesize(text, out_wav)


def test_second_call_is_a_hit(tmp_path: Path, check_speech, sentence) -> None:
    backend = CountingSilent()
    first = synthesize_cached(backend, sentence, tmp_path / "a.wav", tmp_path / "cache")
    second = synthesize_cached(backend, sentence, tmp_path / "b.wav", tmp_path / "cache")
    assert backend.calls == 1
    check_speech(second, sentence, tmp_path / "b.wav")
    assert second.words == first.words and second.duration == first.duration
    assert (tmp_path / "a.wav").read_bytes() == (tmp_path / "b.wav").read_bytes()
    entries = sorted(p.suffix for p in (tmp_path / "cache" / "tts").iterdir())
    assert entries == [".json", ".wav"]  # no temporary files left behind


def test_key_depends_on_voice_and_text(tmp_path: Path) -> None:
    backend, other_voice = CountingSilent(), CountingSilent("other")
    synthesize_cached(backend, "One.", tmp_path / "1.wav", tmp_path)
    synthesize_cached(backend, "Two.", tmp_path / "2.wav", tmp_path)
    synthesize_cached(other_voice, "One.", tmp_path / "3.wav", tmp_path)
    assert backend.calls == 2 and other_voice.calls == 1


def test_none_bypasses_and_broken_entries_are_respoken(tmp_path: Path) -> None:
    backend = CountingSilent()
    synthesize_cached(backend, "Hi.", tmp_path / "a.wav", None)
    synthesize_cached(backend, "Hi.", tmp_path / "a.wav", None)
    assert backend.calls == 2
    synthesize_cached(backend, "Hi.", tmp_path / "a.wav", tmp_path)
    for meta in (tmp_path / "tts").glob("*.json"):
        meta.write_text("{not json")
    speech = synthesize_cached(backend, "Hi.", tmp_path / "b.wav", tmp_path)
    assert backend.calls == 4 and speech.words[0].word == "Hi."
