"""Where the paper's LaTeX lives: a folder, a main .tex file, or an arXiv-style archive.

Archives are untrusted: every member is checked before anything is written (no absolute paths,
no ``..``, no links leaving the folder), and a project is capped in files and bytes so a hostile
or mistaken input cannot fill the disk.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from code2video.errors import BadInputError

MAX_FILES = 2000
MAX_BYTES = 200 * 1024 * 1024
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip")
_CHUNK = 1 << 20


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def _limit_error(what: str, source: Path) -> BadInputError:
    return BadInputError(
        f"{source} is too large: {what} (limits: {MAX_FILES} files and {MAX_BYTES // (1024 * 1024)} MB "
        "uncompressed per project). Pass a folder with only the paper's sources.")


def _check_member_name(name: str, archive: Path) -> PurePosixPath:
    """A member path that stays inside the extraction folder, or a BadInputError naming it."""
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", name) or ".." in posix.parts:
        raise BadInputError(f"{archive} has a member that escapes the folder: {name!r}; refusing to extract it.")
    return posix


def _check_link(name: str, target: str, archive: Path, hard: bool = False) -> None:
    """A link's target (from the member's folder; a hard link's from the top) must stay inside the archive."""
    posix = PurePosixPath(target.replace("\\", "/"))
    parts = [*([] if hard else PurePosixPath(name).parent.parts), *posix.parts]
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else (0 if part in (".", "") else 1)
        if depth < 0:
            break
    if posix.is_absolute() or depth < 0:
        raise BadInputError(f"{archive} has a link that escapes the folder: {name!r} -> {target!r}; "
                            "refusing to extract it.")


def extract_tar(archive: Path, dest: Path) -> None:
    """Check every member of a tar archive, then extract the regular files and folders."""
    try:
        with tarfile.open(archive) as tar:
            members = tar.getmembers()
            files, total = 0, 0
            for member in members:
                _check_member_name(member.name, archive)
                if member.issym() or member.islnk():
                    _check_link(member.name, member.linkname, archive, hard=member.islnk())
                files += member.isfile()
                total += member.size if member.isfile() else 0
                if files > MAX_FILES:
                    raise _limit_error(f"more than {MAX_FILES} files", archive)
                if total > MAX_BYTES:
                    raise _limit_error(f"more than {MAX_BYTES // (1024 * 1024)} MB", archive)
            safe = [m for m in members if m.isfile() or m.isdir() or m.issym() or m.islnk()]
            tar.extractall(dest, members=safe, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BadInputError(f"{archive} is not a readable tar archive ({exc}).") from exc


def _zip_is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def extract_zip(archive: Path, dest: Path) -> None:
    """Check every member of a zip archive, then stream it out, counting real bytes (zip bombs lie)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            for info in infos:
                _check_member_name(info.filename, archive)
                if _zip_is_symlink(info):
                    _check_link(info.filename, zf.read(info).decode("utf-8", "replace"), archive)
            regular = [i for i in infos if not i.is_dir() and not _zip_is_symlink(i)]
            if len(regular) > MAX_FILES:
                raise _limit_error(f"more than {MAX_FILES} files", archive)
            total = 0
            for info in regular:
                target = dest / _check_member_name(info.filename, archive)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_BYTES:
                            raise _limit_error(f"more than {MAX_BYTES // (1024 * 1024)} MB", archive)
                        out.write(chunk)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadInputError(f"{archive} is not a readable zip archive ({exc}).") from exc


def extract_archive(archive: Path, dest: Path) -> Path:
    """Extract into ``dest`` and return the project root (the single top folder, if there is one)."""
    dest.mkdir(parents=True, exist_ok=True)
    if archive.name.lower().endswith(".zip"):
        extract_zip(archive, dest)
    else:
        extract_tar(archive, dest)
    entries = [p for p in dest.iterdir() if not p.name.startswith(("__MACOSX", "."))]
    if len(entries) == 1 and entries[0].is_dir() and not list(dest.glob("*.tex")):
        return entries[0]
    return dest


def check_folder_size(root: Path) -> None:
    """A folder input obeys the same limits as an archive."""
    files, total = 0, 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            files += 1
            total += path.stat().st_size
            if files > MAX_FILES:
                raise _limit_error(f"more than {MAX_FILES} files", root)
            if total > MAX_BYTES:
                raise _limit_error(f"more than {MAX_BYTES // (1024 * 1024)} MB", root)


_DOCCLASS = re.compile(r"^[^%\n]*\\documentclass", re.MULTILINE)
_BEGIN_DOC = re.compile(r"^[^%\n]*\\begin\s*\{document\}", re.MULTILINE)
_INCLUDES = re.compile(r"^[^%\n]*\\(?:input|include|subfile)\b", re.MULTILINE)


def _read_head(path: Path) -> str:
    try:
        return path.read_bytes()[:2_000_000].decode("utf-8", "replace")
    except OSError:
        return ""


def find_main_tex(root: Path) -> Path:
    """The .tex with \\documentclass and \\begin{document}; several: the one including others, then the largest."""
    tex_files = sorted(p for p in root.rglob("*.tex") if p.is_file())
    mains = []
    for path in tex_files:
        text = _read_head(path)
        if _DOCCLASS.search(text) and _BEGIN_DOC.search(text):
            mains.append((bool(_INCLUDES.search(text)), path.stat().st_size, path))
    if not mains:
        found = ", ".join(str(p.relative_to(root)) for p in tex_files[:20]) or "none"
        raise BadInputError(
            f"No main LaTeX file (one with \\documentclass and \\begin{{document}}) in {root}. "
            f".tex files found: {found}. Pass the main .tex file itself.")
    mains.sort(key=lambda m: (m[0], m[1]), reverse=True)
    return mains[0][2]


def locate_project(path: Path, work_dir: Path) -> tuple[Path, Path]:
    """(project root, main .tex) for a folder, a .tex file or an archive (extracted into ``work_dir``)."""
    if not path.exists():
        raise BadInputError(f"{path} does not exist. Pass a LaTeX project folder, its main .tex or an archive.")
    if path.is_dir():
        check_folder_size(path)
        return path, find_main_tex(path)
    if path.suffix.lower() == ".tex":
        return path.parent, path
    if is_archive(path):
        if work_dir.exists():
            shutil.rmtree(work_dir)
        root = extract_archive(path, work_dir)
        return root, find_main_tex(root)
    raise BadInputError(
        f"{path} is not a LaTeX project: pass a folder, its main .tex file, a .tar.gz/.tgz/.tar/.zip "
        "source archive, or a .pdf.")
