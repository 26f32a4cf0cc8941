"""Write avatar frames as an H.264 clip, and read back what a clip holds (for validation)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from code2video.avatar.base import AvatarError


@dataclass(frozen=True)
class ClipInfo:
    frames: int
    width: int
    height: int
    duration: float  # seconds


def write_clip(frames: Iterable[np.ndarray], out: Path, fps: int, size: int) -> Path:
    """Encode ``size`` x ``size`` RGB uint8 frames through ffmpeg's stdin; ``out`` appears only when complete."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.stem}.part{out.suffix}")
    command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
               "-s", f"{size}x{size}", "-r", str(fps), "-i", "-", "-c:v", "libx264", "-preset", "veryfast",
               "-crf", "18", "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(partial)]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for frame in frames:
            proc.stdin.write(np.ascontiguousarray(frame, dtype=np.uint8).tobytes())
        proc.stdin.close()
        error = proc.stderr.read().decode(errors="replace")
        if proc.wait() != 0:
            raise AvatarError(f"ffmpeg could not encode the avatar clip: {error.strip()[-500:]}")
        os.replace(partial, out)
    except BaseException:
        proc.kill()
        proc.wait()
        partial.unlink(missing_ok=True)
        raise
    return out


def probe_clip(path: Path) -> ClipInfo:
    """Frame count, size and duration of a clip's first video stream; AvatarError when unreadable."""
    proc = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets",
                           "-show_entries", "stream=width,height,nb_read_packets:format=duration",
                           "-of", "json", str(path)], capture_output=True, text=True)
    try:
        data = json.loads(proc.stdout)
        stream = data["streams"][0]
        return ClipInfo(int(stream["nb_read_packets"]), int(stream["width"]), int(stream["height"]),
                        float(data["format"]["duration"]))
    except (ValueError, KeyError, IndexError, TypeError):
        raise AvatarError(f"{path} is not a readable video ({proc.stderr.strip()[-300:] or 'no video stream'})") from None
