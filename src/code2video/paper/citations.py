"""Who a \\citet refers to: "Vaswani et al." from the project's .bib or .bbl files.

Only the first author's surname is needed, so a light reader is enough: entry keys and author
fields from BibTeX, or natbib's ``\\bibitem[Name et al.(2017)]{key}`` labels from a .bbl.
"""

from __future__ import annotations

import re
from pathlib import Path

from code2video.paper.macros import read_group

_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]+)\s*,")
_AUTHOR = re.compile(r"\bauthor\s*=\s*", re.IGNORECASE)
_BIBITEM = re.compile(r"\\bibitem\s*\[([^\]]*?)\(\s*\d{4}[a-z]?\s*\)[^\]]*\]\s*\{([^}]*)\}", re.DOTALL)
_MAX_BYTES = 5_000_000


def _surname(name: str) -> str:
    name = re.sub(r"[{}]|\\[A-Za-z]+\s*|\\.", "", name).strip()
    if "," in name:
        return name.split(",")[0].strip()
    return name.split()[-1] if name.split() else ""


def _cite_name(authors: str) -> str:
    people = [p for p in re.split(r"\s+and\s+", " ".join(authors.split())) if p.strip()]
    surnames = [_surname(p) for p in people if p.strip().lower() != "others"]
    surnames = [s for s in surnames if s]
    if not surnames:
        return ""
    if len(people) == 1:
        return surnames[0]
    if len(people) == 2 and len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al."


def names_from_bib(text: str) -> dict[str, str]:
    """Citation key -> "Surname", "A and B" or "Surname et al."."""
    names: dict[str, str] = {}
    entries = list(_ENTRY.finditer(text))
    for entry, following in zip(entries, [*entries[1:], None], strict=True):
        body = text[entry.end():following.start() if following else len(text)]
        field = _AUTHOR.search(body)
        if not field:
            continue
        group = read_group(body, field.end())
        value = group[0] if group else (re.match(r'\s*"([^"]*)"', body[field.end():]) or [None, ""])[1]
        name = _cite_name(value or "")
        if name:
            names[entry.group(2)] = name
    return names


def names_from_bbl(text: str) -> dict[str, str]:
    names = {}
    for match in _BIBITEM.finditer(text):
        label = re.sub(r"\\[A-Za-z]+\s*|[{}~]", " ", match.group(1))
        label = " ".join(label.replace("~", " ").split())
        if label:
            names[match.group(2).strip()] = label
    return names


def citation_names(root: Path, document: str) -> dict[str, str]:
    """Names for every key the project's bibliography files give, .bbl labels winning over .bib."""
    wanted = [n.strip() for found in re.findall(r"\\bibliography\s*\{([^}]*)\}", document) for n in found.split(",")]
    wanted += re.findall(r"\\addbibresource\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", document)
    bibs = [root / (n if n.endswith(".bib") else n + ".bib") for n in wanted if n]
    bibs = [p for p in bibs if p.is_file() and p.resolve().is_relative_to(root.resolve())] or sorted(root.glob("*.bib"))
    names: dict[str, str] = {}
    for path in bibs:
        names.update(names_from_bib(_read(path)))
    for path in sorted(root.glob("*.bbl")):
        names.update(names_from_bbl(_read(path)))
    return names


def _read(path: Path) -> str:
    try:
        return path.read_bytes()[:_MAX_BYTES].decode("utf-8", "replace")
    except OSError:
        return ""
