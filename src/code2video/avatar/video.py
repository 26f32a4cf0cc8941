"""Avatar media files: read the narration, write frames as an H.264 clip, read back what a clip
holds (for validation), hash a file for cache keys."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import wave
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from code2video.avatar.base import AvatarError

# how every avatar clip is encoded: H.264 in yuv420p (any player), its index at the front
ENCODE_ARGS = ("-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
               "-movflags", "+faststart")


@dataclass(frozen=True)
class ClipInfo:
    frames: int
    width: int
    height: int
    duration: float  # seconds


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit mono WAV as float samples in -1..1 and its sample rate."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise AvatarError(f"{path}: expected 16-bit mono audio, got {wav.getnchannels()} channel(s) "
                                  f"of {8 * wav.getsampwidth()} bits")
            rate, data = wav.getframerate(), wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise AvatarError(f"cannot read the narration audio {path}: {error}") from None
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0, rate


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """A hidden path beside ``out`` to encode into: it becomes ``out`` when the block succeeds and
    is removed when it fails, so ``out`` only ever holds a complete clip."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.stem}.part{out.suffix}")
    try:
        yield partial
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def write_clip(frames: Iterable[np.ndarray], out: Path, fps: int, size: int) -> Path:
    """Encode ``size`` x ``size`` RGB uint8 frames through ffmpeg's stdin; ``out`` appears only when complete."""
    with atomic_output(out) as partial:
        command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                   "-s", f"{size}x{size}", "-r", str(fps), "-i", "-", *ENCODE_ARGS, str(partial)]
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            complete = _feed(proc.stdin, frames)
            error = proc.stderr.read().decode(errors="replace").strip()[-500:]
            if proc.wait() != 0 or not complete:
                raise AvatarError(f"ffmpeg could not encode the avatar clip: {error or 'it stopped reading frames'}")
        except BaseException:
            proc.kill()
            proc.wait()
            raise
    return out


def _feed(pipe: IO[bytes], frames: Iterable[np.ndarray]) -> bool:
    """Write the frames to ffmpeg and close its input; False when ffmpeg stopped reading early
    (it failed: its stderr says why)."""
    try:
        for frame in frames:
            pipe.write(np.ascontiguousarray(frame, dtype=np.uint8).tobytes())
        pipe.close()
        return True
    except BrokenPipeError:
        with suppress(BrokenPipeError):
            pipe.close()  # drops what is still buffered
        return False


def probe_clip(path: Path) -> ClipInfo:
    """Frame count, size and duration of a clip's first video stream; AvatarError when unreadable."""
    proc = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets",
                           "-show_entries", "stream=width,height,nb_read_packets:format=duration",
                           "-of", "json", str(path)], check=False, capture_output=True, text=True)
    try:
        data = json.loads(proc.stdout)
        stream = data["streams"][0]
        return ClipInfo(int(stream["nb_read_packets"]), int(stream["width"]), int(stream["height"]),
                        float(data["format"]["duration"]))
    except (ValueError, KeyError, IndexError, TypeError):
        raise AvatarError(f"{path} is not a readable video ({proc.stderr.strip()[-300:] or 'no video stream'})") from None
