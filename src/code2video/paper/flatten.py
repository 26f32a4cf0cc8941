"""One LaTeX string from a multi-file project: comments stripped, \\input/\\include/\\subfile inlined.

Files are read as UTF-8 (older papers in cp1252/latin-1 are decoded with a warning); binary files
are refused. Includes resolve from the project root, then from the including file's folder, and
never outside the project; a cycle is an error naming the chain, a missing file only a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from code2video.errors import BadInputError
from code2video.paper import source

MAX_DEPTH = 30
_VERBATIM = re.compile(r"\\begin\{(verbatim\*?|lstlisting|minted|comment)\}.*?\\end\{\1\}", re.DOTALL)
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%[^\n]*(\n[ \t]*)?")
_INCLUDE = re.compile(
    r"\\(input|include|subfile)(?![A-Za-z@])\s*(?:\{([^{}]*)\}|([^\s{}\\%]+))")
_BODY = re.compile(r"\\begin\s*\{document\}(.*?)(?:\\end\s*\{document\}|\Z)", re.DOTALL)
_USEPACKAGE = re.compile(r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")
_ENDINPUT = re.compile(r"\\endinput(?![A-Za-z@]).*", re.DOTALL)


def decode_tex(path: Path, warnings: list[str]) -> str:
    """The file's text; a non-UTF-8 file is decoded as cp1252 (else latin-1) with a warning."""
    if path.stat().st_size > source.MAX_BYTES:
        raise BadInputError(f"{path.name} is larger than {source.MAX_BYTES // (1024 * 1024)} MB; "
                            "that is not a LaTeX source. Pass the paper's own files.")
    data = path.read_bytes()
    if b"\x00" in data:
        raise BadInputError(f"{path.name} looks binary (it has NUL bytes), not LaTeX text. "
                            "Remove it from the project or fix the \\input that names it.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "latin-1"
    warnings.append(f"{path.name} is not UTF-8; read it as {encoding}.")
    return text


def strip_comments(text: str) -> str:
    r"""Drop each unescaped ``%`` to the end of its line (and the newline, as TeX does); keep ``\%``."""
    kept: list[str] = []
    last = 0
    for match in _VERBATIM.finditer(text):
        kept.append(_strip(text[last:match.start()]))
        if match.group(1) != "comment":
            kept.append(match.group(0))
        last = match.end()
    kept.append(_strip(text[last:]))
    return "".join(kept)


def _strip(text: str) -> str:
    return _COMMENT.sub(lambda m: m.group(1), text)


class _Flattener:
    """Inlines includes depth first, remembering the chain of open files for cycle detection."""

    def __init__(self, root: Path, warnings: list[str]):
        self.root = root.resolve()
        self.warnings = warnings
        self.chain: list[Path] = []

    def name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return path.name

    def resolve(self, name: str, including: Path) -> Path | None:
        """The included file inside the project: root first, then the including file's folder."""
        name = name.strip().strip('"')
        names = [name] if name.endswith(".tex") else [name + ".tex", name]
        for folder in (self.root, including.parent):
            for candidate in names:
                path = (folder / candidate).resolve()
                if path.is_file() and path.is_relative_to(self.root):
                    return path
        return None

    def read(self, path: Path) -> str:
        path = path.resolve()
        if path in self.chain:
            cycle = " -> ".join(self.name(p) for p in [*self.chain[self.chain.index(path):], path])
            raise BadInputError(f"The LaTeX files include each other in a cycle: {cycle}. Remove one \\input.")
        if len(self.chain) >= MAX_DEPTH:
            raise BadInputError(f"\\input nesting deeper than {MAX_DEPTH} files at {self.name(path)}.")
        self.chain.append(path)
        try:
            text = strip_comments(decode_tex(path, self.warnings))
            text = _ENDINPUT.sub("", text)
            if self.chain[0] != path and (body := _BODY.search(text)):
                text = body.group(1)  # a \subfile document: only its body counts
            text = _USEPACKAGE.sub(self.local_packages, text)
            return _INCLUDE.sub(lambda m: self.inline(m, path), text)
        finally:
            self.chain.pop()

    def inline(self, match: re.Match, including: Path) -> str:
        name = match.group(2) if match.group(2) is not None else match.group(3)
        target = self.resolve(name, including)
        if target is None:
            self.warnings.append(f"\\{match.group(1)}{{{name}}} in {self.name(including)}: "
                                 "no such file in the project; skipped.")
            return ""
        if target.suffix.lower() == ".bbl":
            return ""
        return "\n" + self.read(target) + "\n"

    def local_packages(self, match: re.Match) -> str:
        """A \\usepackage of a .sty inside the project brings its macro definitions along."""
        extra = []
        for name in match.group(1).split(","):
            path = (self.root / f"{name.strip()}.sty").resolve()
            if name.strip() and path.is_file() and path.is_relative_to(self.root) and path not in self.chain:
                extra.append(self.read(path))
        return match.group(0) + "".join("\n" + text + "\n" for text in extra)


def flatten(main: Path, root: Path, warnings: list[str]) -> str:
    """The whole document as one string, from the main file, with every include inlined."""
    return _Flattener(root, warnings).read(main)
