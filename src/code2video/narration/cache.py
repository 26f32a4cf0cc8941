"""A disk cache of synthesised speech: re-rendering a video must not re-speak unchanged lines."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from code2video.narration.base import Speech, TTSBackend, WordTiming


def cache_key(backend: TTSBackend, text: str) -> str:
    """Same voice and same text give the same audio, so they share an entry."""
    return hashlib.sha256(f"{backend.cache_id}\n{text}".encode()).hexdigest()


def synthesize_cached(backend: TTSBackend, text: str, out_wav: Path, cache_dir: Path | None) -> Speech:
    """Speak ``text`` into ``out_wav``, reusing ``cache_dir/tts/<key>.wav`` when it exists.

    ``cache_dir=None`` always synthesises. Entries are written to a temporary name and renamed,
    so a crash or a parallel render never leaves a half-written entry behind.
    """
    if cache_dir is None:
        return backend.synthesize(text, out_wav)
    folder = cache_dir / "tts"
    key = cache_key(backend, text)
    wav, meta = folder / f"{key}.wav", folder / f"{key}.json"
    hit = _read(meta)
    if hit is not None and wav.is_file():
        return _deliver(wav, out_wav, hit)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(suffix=".wav", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        speech = backend.synthesize(text, temp)
        os.replace(temp, wav)
        _write_atomically(meta, json.dumps({"duration": speech.duration, "words": [asdict(w) for w in speech.words]}))
    finally:
        temp.unlink(missing_ok=True)
    return _deliver(wav, out_wav, Speech(wav, speech.duration, speech.words))


def _read(meta: Path) -> Speech | None:
    """The cached duration and words, or None for a missing or unreadable entry (then re-speak)."""
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        words = [WordTiming(w["word"], float(w["start"]), float(w["end"])) for w in data["words"]]
        return Speech(meta.with_suffix(".wav"), float(data["duration"]), words)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_atomically(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(suffix=".json", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temp, path)


def _deliver(cached_wav: Path, out_wav: Path, speech: Speech) -> Speech:
    out_wav.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached_wav, out_wav)
    return Speech(out_wav, speech.duration, speech.words)
