"""eSpeak NG through its C library: robotic but instant, with exact word timings from WORD events.

The ``espeak-ng`` command cannot report when each word starts, so we call libespeak-ng via
ctypes in synchronous mode and collect samples and events from its synth callback.
"""

from __future__ import annotations

import ctypes
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from code2video.errors import BadInputError
from code2video.narration.base import (
    Speech,
    TTSBackend,
    WordTiming,
    find_pauses,
    floor_ms,
    register,
    write_wav,
)

LIBRARY = "libespeak-ng.so.1"
DEFAULT_VOICE = "en-us"
INSTALL_HINT = "install eSpeak NG with `apt-get install espeak-ng` (or your system's espeak-ng package)"

# speak_lib.h constants
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000  # return an error instead of exit() when the data is missing
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_EE_OK = 0
_RATE = 1  # espeakRATE: words per minute
_NORMAL_RATE = 175  # espeakRATE_NORMAL


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    """espeak_EVENT: six ints, then a pointer and a pointer-sized union (40 bytes on 64-bit)."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),  # 1-based, in characters
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),  # milliseconds from the start of the message
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


class _Voice(ctypes.Structure):
    """espeak_VOICE, used to pick a voice by language ("en-gb") as the espeak-ng command does."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


@dataclass
class _Capture:
    """What the callback gathers for one espeak_Synth call."""

    pcm: list[bytes] = field(default_factory=list)
    words: list[tuple[int, int]] = field(default_factory=list)  # (text position, ms)


# libespeak-ng keeps global state and is not thread-safe: every call goes through _LOCK.
_LOCK = threading.Lock()
_lib: ctypes.CDLL | None = None
_sample_rate = 0
_capture = _Capture()


def _on_synth(wav, count, events) -> int:
    if wav and count > 0:
        _capture.pcm.append(ctypes.string_at(wav, count * 2))
    i = 0
    while events[i].type != _EVENT_LIST_TERMINATED:
        if events[i].type == _EVENT_WORD:
            _capture.words.append((events[i].text_position, events[i].audio_position))
        i += 1
    return 0  # continue


_on_synth_c = _CALLBACK(_on_synth)  # module-level so it is never garbage collected


def _library() -> ctypes.CDLL:
    """Load and initialise libespeak-ng once per process (call with _LOCK held)."""
    global _lib, _sample_rate
    if _lib is None:
        lib = ctypes.CDLL(LIBRARY)
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByProperties.argtypes = [ctypes.POINTER(_Voice)]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                     ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise OSError("espeak_Initialize failed: the espeak-ng-data directory is missing")
        lib.espeak_SetSynthCallback(_on_synth_c)
        _lib, _sample_rate = lib, rate
    return _lib


def _set_voice(lib: ctypes.CDLL, voice: str) -> bool:
    """Select a voice by file name ("en-us", "en-us+f3") or else by language ("en-gb")."""
    if lib.espeak_SetVoiceByName(voice.encode()) == _EE_OK:
        return True
    wanted = _Voice(languages=voice.encode())
    return lib.espeak_SetVoiceByProperties(ctypes.byref(wanted)) == _EE_OK


def _ready(voice: str) -> str | None:
    """Load the library and select ``voice`` (call with _LOCK held): what is wrong, or None."""
    try:
        lib = _library()
    except OSError as err:
        return f"cannot load {LIBRARY} ({err}); {INSTALL_HINT}"
    if not _set_voice(lib, voice):
        return f"eSpeak NG has no voice {voice!r}; list them with `espeak-ng --voices` (e.g. en-us, en-gb, de)"
    return None


@register
class EspeakBackend(TTSBackend):
    """``voice``: an eSpeak NG voice or language, e.g. "en-us" (default), "en-gb", "en-us+f3".

    ``speed`` scales eSpeak's own rate of 175 words a minute.
    """

    name = "espeak"

    def problem(self) -> str | None:
        with _LOCK:
            return _ready(self.voice or DEFAULT_VOICE)

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        global _capture
        data = text.replace("\0", " ").encode("utf-8") + b"\0"
        with _LOCK:
            reason = _ready(self.voice or DEFAULT_VOICE)
            if reason:
                raise BadInputError(reason)
            _capture = capture = _Capture()
            _library().espeak_SetParameter(_RATE, round(_NORMAL_RATE * self.speed), 0)  # global: set every time
            status = _library().espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            rate = _sample_rate
        if status != _EE_OK:
            raise BadInputError(f"eSpeak NG could not speak this text (error {status})")
        pcm = b"".join(capture.pcm)
        duration = write_wav(out_wav, pcm, rate)
        speech_end = find_pauses(pcm, rate).end
        return Speech(out_wav, duration, word_timings(text, capture.words, speech_end, duration))


def word_timings(text: str, events: list[tuple[int, int]], speech_end: float, duration: float) -> list[WordTiming]:
    """Give each whitespace-separated word of ``text`` the time of the first WORD event inside it.

    A word ends where the next begins (the last where the speech stops). Words eSpeak skips,
    such as a lone dash, get no time of their own: they start where the next word does.
    """
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    if not spans:
        return []
    firsts = [s for s, _, _ in spans]
    starts: list[float | None] = [None] * len(spans)
    for position, ms in events:
        index = position - 1  # eSpeak counts characters from 1; 0 means "no position"
        k = bisect_right(firsts, index) - 1
        if index < 0 or k < 0:
            continue
        if index >= spans[k][1]:  # between words: it speaks the next one
            k += 1
        if k < len(spans) and starts[k] is None:
            starts[k] = ms / 1000
    return _close_gaps(starts, [w for _, _, w in spans], speech_end, duration)


def _close_gaps(starts: list[float | None], words: list[str], speech_end: float, duration: float) -> list[WordTiming]:
    """Fill missing starts from the next word, force order, and end each word at the next start."""
    duration = floor_ms(duration)  # a timing rounded to 3 places never passes the audio's end
    following = min(speech_end, duration)
    for i in reversed(range(len(starts))):
        if starts[i] is None:
            starts[i] = following
        following = starts[i]
    clean: list[float] = []
    for s in starts:
        clean.append(min(max(s, clean[-1] if clean else 0.0), duration))
    ends = clean[1:] + [min(duration, max(clean[-1], speech_end))]
    return [WordTiming(w, round(s, 3), round(e, 3)) for w, s, e in zip(words, clean, ends)]
