"""What the paper reader found: a typed digest of one paper that both planners read.

All text here is already plain and speakable (no LaTeX, citations dropped, references resolved
to words such as "Figure 2"); math keeps its LaTeX source beside a Typst form and a spoken form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Author:
    name: str
    affiliations: list[str] = field(default_factory=list)


@dataclass
class Figure:
    id: str  # slug such as "fig-2", stable across runs
    number: int  # as the paper numbers it (1-based)
    caption: str
    images: list[Path]  # PNG files in the output's assets folder; subfigures give several
    label: str | None = None  # the LaTeX \label, e.g. "fig:arch"
    missing: list[str] = field(default_factory=list)  # graphics that could not be found or converted


@dataclass
class Equation:
    id: str  # "eq-1", ...
    latex: str  # the math source after macro expansion
    typst: str | None  # Typst math that compiles, or None when the conversion failed
    spoken: str  # how a presenter would say it
    number: int | None = None
    label: str | None = None


@dataclass
class Table:
    id: str  # "tab-1", ...
    number: int
    caption: str
    header: list[str] = field(default_factory=list)  # empty for a table kept as an image
    rows: list[list[str]] = field(default_factory=list)
    image: Path | None = None  # a complex table rendered as a picture
    label: str | None = None


@dataclass
class Algorithm:
    id: str  # "alg-1", ...
    number: int
    caption: str
    steps: list[str]  # one speakable line per statement


@dataclass
class PaperSection:
    title: str
    level: int  # 1 section, 2 subsection, 3 subsubsection
    paragraphs: list[str] = field(default_factory=list)  # speakable plain text
    items: list[str] = field(default_factory=list)  # ids of figures, tables, equations, algorithms, in order
    children: list[PaperSection] = field(default_factory=list)

    def walk(self):
        """This section and every subsection below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Paper:
    title: str
    authors: list[Author]
    abstract: str
    sections: list[PaperSection]
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    equations: list[Equation] = field(default_factory=list)
    algorithms: list[Algorithm] = field(default_factory=list)
    source: Path | None = None  # the main .tex file (or the PDF) it was read from
    warnings: list[str] = field(default_factory=list)  # missing figures, unknown macros, re-encoded files...

    def all_sections(self) -> list[PaperSection]:
        return [s for top in self.sections for s in top.walk()]

    @property
    def affiliations(self) -> list[str]:
        seen: dict[str, None] = {}
        for author in self.authors:
            seen.update(dict.fromkeys(author.affiliations))
        return list(seen)
