"""Narration: turn script text into speech with word timings (silent, espeak, piper, openai and
f5 voices).

Importing this package registers every backend; Piper, the OpenAI SDK and F5-TTS are imported
only when they speak.
"""

from code2video.narration import espeak, f5, openai_voice, piper, silent  # noqa: F401  (registers the backends)
from code2video.narration.base import (
    BACKENDS,
    Speech,
    TTSBackend,
    WordTiming,
    get_backend,
)
from code2video.narration.cache import synthesize_cached

__all__ = ["BACKENDS", "Speech", "TTSBackend", "WordTiming", "get_backend", "synthesize_cached"]
