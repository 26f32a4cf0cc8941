"""A slide deck: what both paper planners write, and how it becomes the Lesson IR.

The deck is small on purpose (a slide has a title, up to five bullets, at most one main visual
and a script of spoken sentences, each pointing at what it talks about), so an LLM can write it
reliably and the extractive planner can fill it; the layout on the anchor grid is decided here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from code2video import ir
from code2video.paper.model import Paper

FOCUS_RE = re.compile(r"^(bullet|table-row):([1-9][0-9]*)$|^(figure|equation|table|authors)$")
MAX_BULLETS = 5


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScriptLine(_Model):
    text: str = Field(min_length=1, description="one spoken sentence, plain words only")
    focus: str | None = Field(None, description="what the cursor points at: 'bullet:N', 'figure', 'equation', "
                                                "'table', 'table-row:N', 'authors' or null")

    @field_validator("text")
    @classmethod
    def _speakable(cls, value: str) -> str:
        return ir.check_speakable(value)

    @field_validator("focus")
    @classmethod
    def _known_focus(cls, value: str | None) -> str | None:
        if value is not None and not FOCUS_RE.match(value):
            raise ValueError(f"focus {value!r} must be bullet:N, figure, equation, table, table-row:N or authors")
        return value


class Slide(_Model):
    kind: Literal["title", "bullets", "figure", "equation", "table"]
    title: str = Field(min_length=1, max_length=90)
    bullets: list[str] = Field(default_factory=list, max_length=MAX_BULLETS)
    figure: str | None = Field(None, description="id of a paper figure, e.g. 'fig-2'")
    equation: str | None = Field(None, description="id of a paper equation, e.g. 'eq-1'")
    table: str | None = Field(None, description="id of a paper table, e.g. 'tab-1'")
    script: list[ScriptLine] = Field(min_length=1, max_length=8)

    @model_validator(mode="after")
    def _consistent(self) -> Slide:
        needed = {"figure": self.figure, "equation": self.equation, "table": self.table}
        if self.kind in needed and not needed[self.kind]:
            raise ValueError(f"a {self.kind} slide needs its {self.kind} id")
        for line in self.script:
            kind, number = _focus_parts(line.focus)
            if kind == "bullet" and number > len(self.bullets):
                raise ValueError(f"slide {self.title!r} points at bullet {number}, but has {len(self.bullets)}")
            if kind in ("figure", "equation", "table") and not needed[kind]:
                raise ValueError(f"slide {self.title!r} points at its {kind}, but has none")
            if kind == "authors" and self.kind != "title":
                raise ValueError("only the title slide shows the authors")
        return self


class Deck(_Model):
    slides: list[Slide] = Field(min_length=1, max_length=24)


def _focus_parts(focus: str | None) -> tuple[str | None, int]:
    if not focus:
        return None, 0
    kind, _, number = focus.partition(":")
    return kind, int(number or 0)


def check_references(deck: Deck, paper: Paper) -> list[str]:
    """Problems with ids and table rows the deck uses that the paper does not have (for the LLM to fix)."""
    known = {"figure": {f.id for f in paper.figures if f.images},
             "table": {t.id for t in paper.tables if t.header or t.image},
             "equation": {e.id for e in paper.equations if e.typst}}
    rows = {t.id: len(t.rows) for t in paper.tables if t.header}
    problems = []
    for number, slide in enumerate(deck.slides, 1):
        for kind, ids in known.items():
            value = getattr(slide, kind)
            if value and value not in ids:
                problems.append(f"slide {number} uses {kind} {value!r}; usable ids: {sorted(ids) or 'none'}")
        for line in slide.script:
            kind, row = _focus_parts(line.focus)
            if kind == "table-row" and slide.table in rows and row > rows[slide.table]:
                problems.append(f"slide {number} points at row {row} of {slide.table}, which has {rows[slide.table]}")
    return problems


# Where each slide kind puts things on the full-width 6x6 grid (rows A-F, columns 1-6).
_LAYOUT = {
    "title": {"authors": "B1:C6", "affiliations": "D1:E6"},
    "bullets": {"bullets": "A1:F6"},
    "figure": {"main": "A1:F4", "bullets": "A5:F6"},
    "table": {"main": "A1:F4", "bullets": "A5:F6"},
    "equation": {"main": "A1:B6", "bullets": "C1:F6"},
}


def build_lesson(deck: Deck, paper: Paper, minutes: float | None = None) -> ir.Lesson:
    """One Section (one scene, one chapter) per slide, one beat per spoken sentence."""
    sections = []
    for number, slide in enumerate(deck.slides, 1):
        visuals, assets = _slide_visuals(slide, paper)
        pictured = any(v.id == "main" and v.kind == "image" for v in visuals)
        beats = []
        for index, line in enumerate(slide.script):
            focus = _focus(line)
            if focus and pictured:  # a table kept as a picture has no rows to point at
                focus.item = None
            beats.append(ir.Beat(narration=line.text, visuals=visuals if index == 0 else [],
                                 focus=[focus] if focus else []))
        sections.append(ir.Section(id=f"slide-{number:02d}", title=slide.title, beats=beats, assets=assets,
                                   layout="slide", goal=f"slide {number} of {len(deck.slides)}"))
    return ir.Lesson(topic=paper.title, audience="researchers", target_minutes=minutes, sections=sections)


def _slide_visuals(slide: Slide, paper: Paper) -> tuple[list, list[str]]:
    layout, visuals, assets = _LAYOUT[slide.kind], [], []
    if slide.kind == "title":
        names = ", ".join(a.name for a in paper.authors) or "Authors not given"
        visuals.append(ir.TextVisual(id="authors", text=names, area=layout["authors"], size="large"))
        if paper.affiliations:
            visuals.append(ir.TextVisual(id="affiliations", text="; ".join(paper.affiliations),
                                         area=layout["affiliations"], size="small", color="gray"))
    elif slide.kind == "figure":
        figure = next(f for f in paper.figures if f.id == slide.figure)
        name = Path(figure.images[0]).name
        assets.append(name)
        visuals.append(ir.ImageVisual(id="main", path=name, caption=f"Figure {figure.number}", alt=figure.caption,
                                      area=layout["main"] if slide.bullets else "A1:F6"))
    elif slide.kind == "table":
        visuals.append(_table_visual(slide, paper, layout["main"] if slide.bullets else "A1:F6", assets))
    elif slide.kind == "equation":
        equation = next(e for e in paper.equations if e.id == slide.equation)
        visuals.append(ir.FormulaVisual(id="main", typst=equation.typst, latex=equation.latex, area=layout["main"]))
    if slide.bullets:
        size = "normal" if slide.kind == "bullets" else "small"
        visuals.append(ir.BulletsVisual(id="bullets", items=slide.bullets, area=layout["bullets"], size=size))
    return visuals, assets


def _table_visual(slide: Slide, paper: Paper, area: str, assets: list[str]):
    table = next(t for t in paper.tables if t.id == slide.table)
    if table.header:
        return ir.TableVisual(id="main", header=table.header, rows=table.rows, area=area)
    assets.append(Path(table.image).name)
    return ir.ImageVisual(id="main", path=Path(table.image).name, caption=f"Table {table.number}",
                          alt=table.caption, area=area)


def _focus(line: ScriptLine) -> ir.Focus | None:
    """The cursor move of one sentence; it arrives as the sentence names the thing ('... Figure 2 ...')."""
    kind, number = _focus_parts(line.focus)
    if kind == "bullet":
        return ir.Focus(target="bullets", item=number)
    if kind == "authors":
        return ir.Focus(target="authors")
    if kind == "table-row":
        return ir.Focus(target="main", item=number, word=_naming_word(line.text, "table"))
    if kind in ("figure", "equation", "table"):
        return ir.Focus(target="main", word=_naming_word(line.text, kind))
    return None


def _naming_word(text: str, kind: str) -> int:
    """Index of the word that names the thing ('Figure', 'Table', 'Equation'), else 0."""
    names = {"figure": ("figure", "fig"), "table": ("table",), "equation": ("equation", "formula")}[kind]
    for index, word in enumerate(text.split()):
        if word.lower().strip(".,;:()") in names:
            return index
    return 0
