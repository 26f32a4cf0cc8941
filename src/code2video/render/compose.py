"""Join section clips and the narration track into the final MP4 with chapters."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from code2video.render.media import run_ffmpeg

LOUDNESS = "loudnorm=I=-16:TP=-1.5:LRA=11"  # EBU R128-style target common for spoken video


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


def _escape_metadata(value: str) -> str:
    for char in "\\=;#\n":
        value = value.replace(char, "\\" + char)
    return value


def chapters_metadata(title: str, chapters: list[Chapter]) -> str:
    """FFmpeg's metadata file format, read with -map_chapters."""
    lines = [";FFMETADATA1", f"title={_escape_metadata(title)}"]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(round(chapter.start * 1000))}",
                  f"END={int(round(chapter.end * 1000))}", f"title={_escape_metadata(chapter.title)}"]
    return "\n".join(lines) + "\n"


def compose_video(
    clips: list[Path],
    narration: Path,
    chapters: list[Chapter],
    title: str,
    out: Path,
    burn_subtitles: Path | None = None,
) -> None:
    """Write ``out`` atomically: the final name appears only once the file is complete."""
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".compose-") as tmp:
        work = Path(tmp)
        (work / "clips.txt").write_text("".join(f"file '{c.resolve()}'\n" for c in clips), encoding="utf-8")
        (work / "chapters.txt").write_text(chapters_metadata(title, chapters), encoding="utf-8")
        video_codec = ["-c:v", "copy"]
        if burn_subtitles:
            # The subtitles filter parses its argument, so run where the file has a plain name.
            (work / "subs.srt").write_bytes(burn_subtitles.read_bytes())
            video_codec = ["-vf", "subtitles=subs.srt:force_style='FontName=DejaVu Sans,FontSize=20'",
                           "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"]
        partial = work / "video.mp4"
        run_ffmpeg([
            "-f", "concat", "-safe", "0", "-i", "clips.txt", "-i", str(narration.resolve()),
            "-f", "ffmetadata", "-i", "chapters.txt",
            "-map", "0:v", "-map", "1:a", "-map_metadata", "2", "-map_chapters", "2",
            *video_codec, "-af", LOUDNESS, "-c:a", "aac", "-b:a", "160k", "-ar", "48000",
            "-movflags", "+faststart", partial.name,
        ], cwd=work)
        os.replace(partial, out)
