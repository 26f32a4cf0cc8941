"""Lay narration clips on a timeline as one 16-bit mono WAV (the muxing happens in compose)."""

from __future__ import annotations

import os
import tempfile
import wave
from pathlib import Path

import numpy as np

from code2video.render.media import run_ffmpeg


def read_pcm(path: Path, rate: int | None = None) -> tuple[int, np.ndarray]:
    """Samples of a mono 16-bit WAV, converted by ffmpeg when its format or rate differs."""
    with wave.open(str(path), "rb") as wav:
        fits = wav.getnchannels() == 1 and wav.getsampwidth() == 2 and rate in (None, wav.getframerate())
        if fits:
            return wav.getframerate(), np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    target = rate or 22050
    with tempfile.TemporaryDirectory() as tmp:
        converted = Path(tmp) / "converted.wav"
        run_ffmpeg(["-i", str(path), "-ac", "1", "-ar", str(target), "-sample_fmt", "s16", str(converted)])
        return read_pcm(converted, target)


def write_wav(path: Path, rate: int, samples: np.ndarray) -> None:
    """Write atomically: a killed run never leaves a truncated WAV under the final name."""
    partial = path.with_name(path.name + ".part")
    with wave.open(str(partial), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.astype(np.int16).tobytes())
    os.replace(partial, path)


def place_on_timeline(placements: list[tuple[Path, float]], total: float, out: Path) -> None:
    """Mix each (wav, start seconds) into a track exactly ``total`` seconds long."""
    rate = read_pcm(placements[0][0])[0] if placements else 22050
    track = np.zeros(int(round(total * rate)), dtype=np.int32)
    for path, start in placements:
        _, samples = read_pcm(path, rate)
        begin = int(round(start * rate))
        end = min(len(track), begin + len(samples))
        if end > begin:
            track[begin:end] += samples[: end - begin]
    write_wav(out, rate, np.clip(track, -32768, 32767))


def concatenate(paths: list[Path], out: Path) -> None:
    rate = read_pcm(paths[0])[0]
    write_wav(out, rate, np.concatenate([read_pcm(p, rate)[1] for p in paths]))
