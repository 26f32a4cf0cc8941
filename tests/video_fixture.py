"""A small output folder like `code2video render` writes: slides of text, a voice-like tone, and
subtitles, made with Pillow and ffmpeg in about a second (for the evaluation tests)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class Slide:
    seconds: float
    screen: str  # text drawn on the frame (lines split on "\n")
    spoken: str  # the subtitle cue for the slide ("" for none)


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def make_output(folder: Path, slides: list[Slide], *, size: tuple[int, int] = (854, 480), fps: int = 5) -> Path:
    """Write ``folder/video.mp4`` and ``folder/video.srt``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    font = ImageFont.truetype(FONT, 30)
    inputs, cues, clock = [], [], 0.0
    for index, slide in enumerate(slides):
        frame = Image.new("RGB", size, (12, 14, 20))
        ImageDraw.Draw(frame).multiline_text((40, 60), slide.screen, font=font, fill=(240, 240, 240), spacing=14)
        still = folder / f".slide{index}.png"
        frame.save(still)
        inputs += ["-loop", "1", "-framerate", str(fps), "-t", str(slide.seconds), "-i", still.name]
        if slide.spoken:
            cues.append(f"{len(cues) + 1}\n{_stamp(clock + 0.1)} --> {_stamp(clock + slide.seconds - 0.1)}\n"
                        f"{slide.spoken}\n")
        clock += slide.seconds
    joined = "".join(f"[{i}:v]" for i in range(len(slides))) + f"concat=n={len(slides)}:v=1:a=0[v]"
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, "-f", "lavfi", "-i", f"sine=frequency=180:duration={clock}",
                    "-filter_complex", joined, "-map", "[v]", "-map", f"{len(slides)}:a", "-r", str(fps),
                    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-c:a", "aac", "-t", str(clock), "video.mp4"],
                   cwd=folder, check=True)
    (folder / "video.srt").write_text("\n".join(cues), encoding="utf-8")
    for temp in folder.glob(".slide*"):
        temp.unlink()
    return folder
