"""Title, authors with affiliations, and abstract, from the common LaTeX class shapes.

Handles, simply: article (``\\author{Name \\\\ Affiliation \\and ...}``, superscript markers,
``\\thanks``), authblk and Elsevier (``\\author[1]{..}`` with ``\\affil[1]{..}``), ACM
(``\\author{..}`` followed by ``\\affiliation{..}``), IEEE (``\\IEEEauthorblockN/A``), LNCS
(``\\inst{1}`` with ``\\institute{A \\and B}``), NeurIPS (``\\And``/``\\AND``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from code2video.paper.macros import read_group
from code2video.paper.model import Author

_AND = re.compile(r"\\(?:and|And|AND)(?![A-Za-z])")
_MARK = re.compile(r"\\textsuperscript\s*\{([^{}]*)\}|\$\s*\^\s*\{?([^{}$]*)\}?\s*\$|\\inst\s*\{([^{}]*)\}")
_EMAIL = re.compile(r"@|\\(?:texttt|email|url|href)(?![A-Za-z])|^\s*\\tt\b", re.IGNORECASE)
_NOTE_WORDS = ("contribution", "corresponding", "equal", "work done", "intern", "http")

Text = Callable[[str], str]  # LaTeX -> plain text


def command_args(text: str, name: str) -> list[tuple[str | None, str, int]]:
    """Every ``\\name[opt]{arg}`` in ``text``: (optional argument, argument, position)."""
    found = []
    for match in re.finditer(r"\\" + name + r"(?![A-Za-z@])\s*\*?", text):
        pos, optional = match.end(), None
        bracket = read_group(text, pos, "[", "]")
        if bracket is not None:
            optional, pos = bracket
        group = read_group(text, pos)
        if group is not None:
            found.append((optional, group[0], match.start()))
    return found


def title_of(text: str, plain: Text) -> str:
    titles = command_args(text, "title")
    if not titles:
        return ""
    latex = re.sub(r"\\thanks\s*\{", r"\\footnote{", titles[0][1])
    return " ".join(plain(latex.replace("\\\\", " ")).split())


def abstract_of(text: str) -> str:
    """The abstract's LaTeX: the abstract environment, else ``\\abstract{...}``."""
    match = re.search(r"\\begin\s*\{abstract\}(.*?)\\end\s*\{abstract\}", text, re.DOTALL)
    if match:
        return match.group(1)
    found = command_args(text, "abstract")
    return found[0][1] if found else ""


def _markers(latex: str) -> list[str]:
    marks = []
    for match in _MARK.finditer(latex):
        raw = next(g for g in match.groups() if g is not None)
        marks += [m.strip() for m in re.split(r"[,\s]+", raw) if m.strip() and not re.fullmatch(r"[*†‡§]+", m)]
    return marks


def _is_note(text: str) -> bool:
    return not text or any(word in text.lower() for word in _NOTE_WORDS)


def _lines(block: str) -> list[str]:
    return [line for line in re.split(r"\\\\(?:\[[^\]]*\])?", block) if line.strip()]


def _affiliation_lines(lines: list[str], plain: Text) -> str:
    kept = [plain(line).strip(" ,") for line in lines if not _EMAIL.search(line)]
    return ", ".join(k for k in kept if k and not _is_note(k))


def _ieee(block: str, plain: Text) -> Author:
    names = command_args(block, "IEEEauthorblockN")
    affils = command_args(block, "IEEEauthorblockA")
    name = plain(names[0][1]) if names else ""
    affil = _affiliation_lines(_lines(affils[0][1])[:2], plain) if affils else ""
    return Author(" ".join(name.split()), [affil] if affil else [])


def _single_author_block(author: str, plain: Text, institutes: list[str]) -> list[Author]:
    """One \\author{...}: names split on \\and, lines after \\\\ are affiliations, markers mapped."""
    lines_all = _lines(author)
    numbered = {}
    for line in lines_all:  # "\textsuperscript{1}University" lines after the names
        mark = re.match(r"\s*(?:\\textsuperscript\s*\{([^{}]*)\}|\$\s*\^\s*\{?([^{}$]*)\}?\s*\$)(.*)", line,
                        re.DOTALL)
        if mark:
            numbered[(mark.group(1) or mark.group(2)).strip()] = plain(mark.group(3)).strip(" ,")
    authors = []
    for block in _AND.split(author):
        if "IEEEauthorblockN" in block:
            authors.append(_ieee(block, plain))
            continue
        lines = [line for line in _lines(block) if not re.match(r"\s*(\\textsuperscript|\$\s*\^)", line)]
        if not lines:
            continue
        marks = _markers(lines[0])
        thanks = [plain(t[1]).strip() for t in command_args(lines[0], "thanks")]
        name = re.sub(r"\\thanks\s*\{", r"\\footnote{", _MARK.sub("", lines[0]))
        affils = [numbered.get(m) or _institute(m, institutes) for m in marks]
        affils += [t for t in thanks if not _is_note(t) and "@" not in t]
        own = _affiliation_lines(lines[1:], plain)
        affils += [own] if own else []
        for each in _names(plain(name), several=not marks):
            authors.append(Author(each, [a for a in affils if a]))
    return [a for a in authors if a.name]


def _names(line: str, several: bool) -> list[str]:
    """'A, B and C' on one line is three authors sharing what follows; a single name stays whole."""
    line = " ".join(line.split()).strip(" ,")
    if not several:
        return [line]
    return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", line) if len(n.strip().split()) >= 2] or [line]


def _institute(mark: str, institutes: list[str]) -> str:
    return institutes[int(mark) - 1] if mark.isdigit() and 0 < int(mark) <= len(institutes) else ""


def authors_of(text: str, plain: Text) -> list[Author]:
    """The paper's authors, each with the affiliations the source gives."""
    authors = command_args(text, "author")
    if not authors:
        return []
    institutes = [plain(i).strip() for found in command_args(text, "institute") for i in _AND.split(found[1])]
    affils = command_args(text, "affil") + command_args(text, "affiliation") + command_args(text, "address")
    if len(authors) == 1 and not affils:
        return _single_author_block(authors[0][1], plain, institutes)
    return _separate_authors(authors, sorted(affils, key=lambda a: a[2]), plain)


def _affiliation_text(latex: str, plain: Text) -> str:
    institution = command_args(latex, "institution")
    if institution:
        latex = ", ".join(i[1] for i in institution)
    return " ".join(plain(latex.replace("\\\\", ", ")).split()).strip(" ,")


def _separate_authors(authors, affils, plain: Text) -> list[Author]:
    """authblk/Elsevier markers ``[1,2]``, or ACM's \\affiliation right after its authors."""
    marked = {opt.strip(): _affiliation_text(arg, plain) for opt, arg, _pos in affils if opt}
    result: list[Author] = []
    pending: list[Author] = []
    events = sorted([(pos, "author", opt, arg) for opt, arg, pos in authors]
                    + [(pos, "affil", opt, arg) for opt, arg, pos in affils if not opt])
    for _pos, kind, opt, arg in events:
        if kind == "author":
            name = " ".join(plain(_MARK.sub("", re.sub(r"\\thanks\s*\{", r"\\footnote{", arg))).split())
            marks = [m.strip() for m in (opt or "").split(",") if m.strip()] + _markers(arg)
            author = Author(name, [marked[m] for m in marks if m in marked])
            result.append(author)
            pending.append(author)
        else:
            for author in pending:
                author.affiliations.append(_affiliation_text(arg, plain))
            pending = []
    return [a for a in result if a.name]
