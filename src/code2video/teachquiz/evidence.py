"""What a viewer can take from a video: its spoken transcript and the text on its keyframes.

Students and judges see only this, never the lesson's source, so a video is judged by what it
actually shows and says. Keyframes are taken just before each subtitle cue ends (the moment the
most of that sentence's visual is on screen), thinned to ``max_frames``, and read with the
tesseract OCR engine. The result is cached in ``OUT/eval/evidence.json`` (or a given work folder)
against digests of the video and subtitle files; a damaged cache is simply read again.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from code2video.avatar.video import file_digest
from code2video.errors import BadInputError, MissingToolError
from code2video.pipeline.reports import write_atomically
from code2video.render.media import duration, grab_frame, require_ffmpeg

EVIDENCE_VERSION = 1
_TIME = r"(\d+):(\d\d):(\d\d)[,.](\d{3})"
_CUE = re.compile(_TIME + r"\s*-->\s*" + _TIME)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Evidence:
    """``transcript`` holds sentences; ``screen_text`` one OCR'd text per keyframe, same order as
    ``keyframes`` (PNG files, for vision models)."""

    transcript: tuple[str, ...] = ()
    screen_text: tuple[str, ...] = ()
    keyframes: tuple[Path, ...] = ()
    video_seconds: float = 0.0

    @property
    def empty(self) -> bool:
        return not self.transcript and not any(self.screen_text)

    def chunks(self) -> list[str]:
        """Short passages to match against: each spoken sentence and each non-trivial OCR line."""
        lines = [line.strip() for text in self.screen_text for line in text.splitlines()]
        return list(self.transcript) + [line for line in lines if len(line.split()) >= 2 or len(line) >= 6]


NO_EVIDENCE = Evidence()


def find_video(folder: Path) -> Path:
    """The output's video: ``video.mp4`` of a render, else the only video file in the folder."""
    if not folder.is_dir():
        raise BadInputError(f"{folder} is not a folder; give an output folder of `code2video render`.")
    if (folder / "video.mp4").is_file():
        return folder / "video.mp4"
    videos = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".mp4", ".mkv", ".webm", ".mov"))
    if len(videos) != 1:
        raise BadInputError(f"{folder} has {'no' if not videos else 'several'} video files; give a folder with one "
                            "video (a `code2video render` output has video.mp4).")
    return videos[0]


def find_subtitles(video: Path) -> Path | None:
    for path in (video.with_suffix(".srt"), video.with_suffix(".vtt")):
        if path.is_file():
            return path
    found = sorted(video.parent.glob("*.srt")) + sorted(video.parent.glob("*.vtt"))
    return found[0] if found else None


def read_cues(path: Path) -> list[Cue]:
    """Cues of an SRT or WebVTT file (numbers, styling and blank lines ignored)."""
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")):
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            match = _CUE.search(line)
            if match:
                h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, match.groups())
                text = " ".join(re.sub(r"<[^>]+>", "", t).strip() for t in lines[i + 1:]).strip()
                if text:
                    cues.append(Cue(h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, text))
                break
    return cues


def sentences(cues: list[Cue]) -> tuple[str, ...]:
    """Cue texts re-joined and split at sentence ends (a sentence often spans two cues)."""
    text = " ".join(cue.text for cue in cues)
    return tuple(s.strip() for s in _SENTENCE_END.split(text) if s.strip())


def keyframe_times(cues: list[Cue], video_seconds: float, max_frames: int) -> list[float]:
    """Just before each cue ends; evenly spaced times when there are no subtitles."""
    times = [max(0.0, min(cue.end, video_seconds) - 0.2) for cue in cues] if cues else []
    if not times:
        count = max(1, min(max_frames, int(video_seconds // 10)))
        times = [video_seconds * (i + 0.5) / count for i in range(count)]
    if len(times) > max_frames:
        step = len(times) / max_frames
        times = [times[int(i * step + step - 1)] for i in range(max_frames)]
    return times


def ocr(image: Path) -> str:
    """The text tesseract reads on one frame."""
    proc = subprocess.run(["tesseract", str(image), "stdout", "--psm", "11"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise MissingToolError(f"tesseract could not read {image}: {proc.stderr.strip()[-300:]}")
    return "\n".join(line.strip() for line in proc.stdout.splitlines() if line.strip())


def require_tesseract() -> None:
    if not shutil.which("tesseract"):
        raise MissingToolError("tesseract (OCR of the video's frames) is not installed: "
                               "`sudo apt-get install tesseract-ocr` (or `make setup`), or pass --no-ocr.")


def gather_evidence(folder: Path, *, max_frames: int = 24, read_screen: bool = True,
                    work: Path | None = None) -> Evidence:
    """The transcript and keyframe text of the video in ``folder``, from the cache when unchanged.

    The cache and keyframes go to ``work`` (default ``folder/eval``).
    """
    video = find_video(folder)
    return video_evidence(video, work if work is not None else folder / "eval", subtitles=find_subtitles(video),
                          max_frames=max_frames, read_screen=read_screen)


def video_evidence(video: Path, work: Path, *, subtitles: Path | None, max_frames: int = 24,
                   read_screen: bool = True) -> Evidence:
    """The evidence of one video file, cached in ``work/evidence.json`` with keyframes in ``work/keyframes``."""
    require_ffmpeg()
    key = _cache_key(video, subtitles, max_frames, read_screen)
    cache = work / "evidence.json"
    cached = _read_cache(cache, key)
    if cached is not None:
        return cached
    if read_screen:
        require_tesseract()
    seconds = duration(video)
    cues = read_cues(subtitles) if subtitles else []
    frames_dir = work / "keyframes"
    shutil.rmtree(frames_dir, ignore_errors=True)
    frames_dir.mkdir(parents=True)
    frames = []
    for index, at in enumerate(keyframe_times(cues, seconds, max_frames)):
        frame = frames_dir / f"{index:03d}_{at:07.2f}s.png"
        if grab_frame(video, at, frame):
            frames.append(frame)
    evidence = Evidence(sentences(cues), tuple(ocr(f) if read_screen else "" for f in frames), tuple(frames), seconds)
    record = {"key": key, **asdict(evidence), "keyframes": [str(p) for p in frames]}
    write_atomically(cache, json.dumps(record, indent=1))
    return evidence


def _read_cache(cache: Path, key: str) -> Evidence | None:
    """The stored evidence when its key matches and its keyframes exist; a damaged file is a miss."""
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") != key or not all(Path(p).is_file() for p in stored["keyframes"]):
            return None
        return Evidence(tuple(stored["transcript"]), tuple(stored["screen_text"]),
                        tuple(Path(p) for p in stored["keyframes"]), float(stored["video_seconds"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _cache_key(video: Path, subtitles: Path | None, max_frames: int, read_screen: bool) -> str:
    parts = [str(EVIDENCE_VERSION), str(max_frames), str(read_screen)]
    parts += [file_digest(path) for path in (video, subtitles) if path is not None]
    return hashlib.sha256(":".join(parts).encode()).hexdigest()
