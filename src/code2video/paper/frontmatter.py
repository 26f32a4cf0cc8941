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


def without_command(text: str, name: str) -> str:
    """``text`` with every ``\\name{...}`` removed (braces balanced)."""
    for match in reversed(list(re.finditer(r"\\" + name + r"(?![A-Za-z@])\s*", text))):
        group = read_group(text, match.end())
        if group is not None:
            text = text[:match.start()] + text[group[1]:]
    return text


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


_MARKED_LINE = re.compile(r"\s*(?:\\textsuperscript|\$\s*\^)")
_SEPARATORS = re.compile(r"\\q?quad(?![A-Za-z])|\\hspace\*?\s*\{[^{}]*\}|,|\s+and\s+|\\\s")


def _numbered_affiliations(lines: list[str], plain: Text) -> dict[str, str]:
    """"$^1$Alpha Lab \\quad $^2$Beta University" lines: marker -> affiliation."""
    numbered = {}
    for line in (line for line in lines if _MARKED_LINE.match(line)):
        marks = list(_MARK.finditer(line))
        for mark, following in zip(marks, [*marks[1:], None], strict=True):
            key = next(g for g in mark.groups() if g is not None).strip()
            text = line[mark.end():following.start() if following else len(line)]
            numbered[key] = plain(re.sub(r"\\q?quad(?![A-Za-z])", " ", text)).strip(" ,;")
    return numbered


def _marked_names(line: str, plain: Text) -> list[tuple[str, list[str]]]:
    """A names line -> (name, markers) per author: "A$^{1,2}$ \\quad B$^2$", "A, B and C" or one name."""
    marks: list[str] = []
    protected = _MARK.sub(lambda m: f"\x00{marks.append(m.group(0)) or len(marks) - 1}\x00", line)
    protected = without_command(protected, "thanks")
    found = []
    for piece in _SEPARATORS.split(protected):
        own = [mark for i in re.findall(r"\x00(\d+)\x00", piece) for mark in _markers(marks[int(i)])]
        if not own and found and not re.search(r"\w", re.sub(r"\x00\d+\x00", "", piece)):
            continue
        name = " ".join(plain(re.sub(r"\x00\d+\x00", "", piece)).split()).strip(" ,")
        if name:
            found.append((name, own))
    several = len(found) > 1 and all(len(n.split()) >= 2 for n, _m in found)
    if several:
        return found
    whole = re.sub(r"\x00\d+\x00", "", protected)
    return [(" ".join(plain(whole).split()).strip(" ,"), [m for f in found for m in f[1]])]


def _single_author_block(author: str, plain: Text, institutes: list[str]) -> list[Author]:
    """One \\author{...}: names split on \\and, lines after \\\\ are affiliations, markers mapped."""
    numbered = _numbered_affiliations(_lines(author), plain)
    authors = []
    for block in _AND.split(author):
        if "IEEEauthorblockN" in block:
            authors.append(_ieee(block, plain))
            continue
        lines = [line for line in _lines(block) if not _MARKED_LINE.match(line)]
        if not lines:
            continue
        thanks = [plain(t[1]).strip() for t in command_args(lines[0], "thanks")]
        own = _affiliation_lines(lines[1:], plain)
        for name, marks in _marked_names(lines[0], plain):
            affils = [numbered.get(m) or _institute(m, institutes) for m in marks]
            affils += [t for t in thanks if not _is_note(t) and "@" not in t]
            affils += [own] if own else []
            authors.append(Author(name, [a for a in affils if a]))
    return [a for a in authors if a.name]


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
