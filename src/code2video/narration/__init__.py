"""Narration: turn script text into speech with word timings (silent, espeak, piper voices).

Importing this package registers every backend; Piper itself is imported only when it speaks.
"""

from code2video.narration import espeak, piper, silent  # noqa: F401  (registers the backends)
from code2video.narration.base import (
    BACKENDS,
    Speech,
    TTSBackend,
    WordTiming,
    get_backend,
)
from code2video.narration.cache import synthesize_cached

__all__ = ["BACKENDS", "Speech", "TTSBackend", "WordTiming", "get_backend", "synthesize_cached"]
