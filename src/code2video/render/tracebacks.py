"""Parse a failed render's output down to the frames that are in the generated scene file.

Manim prints rich box-drawn tracebacks (always 100 columns wide, so long paths wrap over two box
lines), plain Python prints ``File "...", line N, in f``, and a render killed on timeout carries a
faulthandler dump (most recent call FIRST). The fix loop needs the innermost line *in the scene
file*, not the first ``line N`` of the output, which is usually a frame of Manim's CLI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

TIMEOUT_MARK = re.compile(r"code2video: render timed out after ([\d.]+) ?s")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_CHAIN = re.compile(r"^\s*(During handling of the above exception, another exception occurred:|"
                    r"The above exception was the direct cause of the following exception:)\s*$", re.M)
_PLAIN_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)(?:,? in (?P<func>\S+))?\s*$')
_RICH_FRAME = re.compile(r"^(?P<file>[^\s:]\S*?\.py):(?P<line>\d+)(?: in (?P<func>\S+))?$")
_THREAD = re.compile(r"^(?:(?:Current thread|Thread) 0x[0-9a-fA-F]+ |Stack ).*most recent call first")
_EXCEPTION = re.compile(r"^(?P<type>(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt|Iteration|"
                        r"Warning|Violation))(?:: (?P<msg>.*))?$")
_BOX_CHARS = "│╭╮╰╯─┃"
_LIBRARY_MARKERS = ("site-packages/", "dist-packages/", "/lib/python3", "<frozen", "/manim/scene/")
_NO_SCENE = ("is not in the script", "There are no scenes inside that module", "No scenes found")


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    function: str


@dataclass(frozen=True)
class Failure:
    """What went wrong, where in the scene file, and a short text for the fixer prompt."""

    error_type: str
    message: str
    line: int | None
    frames: tuple[Frame, ...]
    summary: str


def parse_failure(output: str, scene_file: str = "scene.py") -> Failure:
    """The failure in a render's combined stdout+stderr; see the module docstring."""
    text = _ANSI.sub("", output).replace("\r", "\n")
    timeout = TIMEOUT_MARK.search(text)
    if timeout:
        return _timeout_failure(text, timeout, scene_file)
    segments = _CHAIN.split(text)[::2]  # the text between chain markers, oldest exception first
    error_type, message = _last_exception(segments[-1]) or _last_exception(text) or ("", "")
    if not error_type:
        if any(marker in text for marker in _NO_SCENE):
            return _make("NoSceneClass", _no_scene_message(text), (), None,
                         "Manim found no scene class to render; define `class SectionNN(LessonScene):`")
        return _make("Unknown", _tail(text), (), None, None)
    all_frames: list[Frame] = []
    scene: list[Frame] = []
    for segment in reversed(segments):  # the last exception's frames; older ones only as a fallback
        all_frames = _frames(segment)
        scene = [f for f in all_frames if is_scene_path(f.file, scene_file)]
        if scene:
            break
    inner = max((i for i, f in enumerate(all_frames) if is_scene_path(f.file, scene_file)), default=-1)
    called = all_frames[inner + 1:] if scene else []  # library code the scene called, not its callers
    return _make(error_type, message, tuple(scene), called[-1] if called else None, None)


def _make(error_type: str, message: str, frames: tuple[Frame, ...], library: Frame | None,
          summary: str | None) -> Failure:
    line = frames[-1].line if frames else None
    return Failure(error_type, message, line, frames, summary or _summary(error_type, message, frames, library))


def _summary(error_type: str, message: str, frames: tuple[Frame, ...], library: Frame | None) -> str:
    """Error line, the call path through the scene file, and the innermost library frame's name."""
    lines = [f"{error_type}: {message}" if message else error_type]
    if frames:
        path = " -> ".join(f"{f.function} (line {f.line})" for f in frames)
        lines.append(f"in the scene file: {path}")
    else:
        lines.append("no frame of the scene file in the traceback")
    if library:
        lines.append(f"innermost library frame: {_short_path(library.file)}:{library.line} in {library.function}")
    return "\n".join(lines)


def _short_path(path: str) -> str:
    for marker in ("site-packages/", "dist-packages/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return PurePosixPath(path).name


def is_scene_path(path: str, scene_file: str = "scene.py") -> bool:
    """Is ``path`` the generated scene file (and not, say, Manim's own ``manim/scene/scene.py``)?"""
    path = path.strip()
    if path.startswith("/") and scene_file.startswith("/"):
        return PurePosixPath(path) == PurePosixPath(scene_file)
    if PurePosixPath(path).name != PurePosixPath(scene_file).name:
        return False
    return not any(marker in path for marker in _LIBRARY_MARKERS)


def _last_exception(text: str) -> tuple[str, str] | None:
    """(type, message) of the last exception line, e.g. ``NameError: name 'x' is not defined``."""
    lines = text.splitlines()
    for index in range(len(lines) - 1, -1, -1):
        match = _EXCEPTION.match(lines[index].rstrip())
        if match:
            message = [match["msg"] or ""]
            for extra in lines[index + 1:index + 5]:
                if not extra.strip() or extra.startswith(("[", " " * 8)) or _is_box(extra):
                    break
                message.append(extra.strip())
            return match["type"].rsplit(".", 1)[-1], " ".join(m for m in message if m).strip()
    return None


def _is_box(line: str) -> bool:
    return line.lstrip()[:1] in _BOX_CHARS if line.strip() else False


def _frames(text: str) -> list[Frame]:
    """Frames in order of appearance (outermost first), plain and rich formats alike."""
    lines = text.splitlines()
    box = [_box_content(line) for line in lines]
    frames: list[Frame] = []
    index = 0
    while index < len(lines):
        content = box[index]
        match = _PLAIN_FRAME.match(lines[index]) if content is None else _RICH_FRAME.match(content)
        if content and not match and index + 1 < len(lines) and box[index + 1]:
            for joined in (content + box[index + 1], content + " " + box[index + 1]):  # a wrapped path
                match = _RICH_FRAME.match(joined)
                if match:
                    index += 1
                    break
        if match:
            frames.append(_frame(match))
        index += 1
    return frames


def _frame(match: re.Match) -> Frame:
    return Frame(match["file"], int(match["line"]), match["func"] or "<module>")


def _box_content(line: str) -> str | None:
    """The text inside a rich box line ``│ ... │``; None for a line outside any box."""
    stripped = line.strip()
    if not stripped.startswith("│"):
        return None
    inner = stripped[1:]
    if inner.endswith("│"):
        inner = inner[:-1]
    return inner.strip()


def _timeout_failure(text: str, mark: re.Match, scene_file: str) -> Failure:
    """A faulthandler dump (most recent call first) from a render killed on timeout."""
    seconds = mark.group(1)
    message = f"render timed out after {seconds} s"
    threads: list[list[Frame]] = []
    for line in text.splitlines():
        if _THREAD.match(line.strip()):
            threads.append([])
            continue
        match = _PLAIN_FRAME.match(line)
        if match:
            if not threads:
                threads.append([])
            threads[-1].append(_frame(match))
    for frames in threads:
        scene = [f for f in reversed(frames) if is_scene_path(f.file, scene_file)]
        if scene:
            where = f"{scene[-1].function} (line {scene[-1].line})"
            summary = (f"Timeout: {message}\nit was running {where} of the scene file when it was stopped: "
                       "a loop or a wait that never ends")
            return _make("Timeout", message, tuple(scene), None, summary)
    return _make("Timeout", message, (), None, f"Timeout: {message}\nno frame of the scene file in the dump")


def _no_scene_message(text: str) -> str:
    for marker in _NO_SCENE:
        for line in text.splitlines():
            if marker in line:
                return " ".join(line.split())
    return "no scene class"


def _tail(text: str, count: int = 8) -> str:
    """The last meaningful lines of an output we could not parse (box lines and progress bars dropped)."""
    kept = [" ".join(line.split()) for line in text.splitlines()
            if line.strip() and not _is_box(line) and "it/s]" not in line]
    return "\n".join(kept[-count:])
