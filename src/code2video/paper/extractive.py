"""The offline paper planner: picks a talk's slides and sentences from the paper itself.

It ranks sentences per section (sentences.py), walks the paper in order (title, overview,
motivation, method parts, key equations, results with their figures and tables, conclusion),
keeps the most important slides for the target length, and fills each slide's script with the
best sentences that fit its share of the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from code2video.paper.deck import MAX_BULLETS, Deck, ScriptLine, Slide
from code2video.paper.model import Paper, PaperSection
from code2video.paper.sentences import best_sentences, bullet_of, split_sentences

WORDS_PER_MINUTE = 150
_ROLES = {
    "intro": ("introduction", "motivation", "overview"),
    "related": ("related", "prior work", "background", "preliminar"),
    "results": ("experiment", "evaluation", "result", "benchmark", "ablation", "analysis", "empirical"),
    "conclusion": ("conclusion", "discussion", "summary", "future work", "limitation"),
}


@dataclass
class Candidate:
    order: float  # where in the talk it goes
    priority: int  # 0 = always kept, larger = dropped first
    slide: Slide


def slide_count(minutes: float) -> int:
    """Roughly ten to sixteen slides; about 20 seconds each."""
    return max(4, min(16, round(2.5 * minutes + 2)))


def role_of(section: PaperSection, position: int, count: int) -> str:
    title = section.title.lower()
    for role, words in _ROLES.items():
        if any(word in title for word in words):
            return role
    if position == 0:
        return "intro"
    return "conclusion" if position == count - 1 and count > 2 else "method"


def plan_deck(paper: Paper, minutes: float = 5.0) -> Deck:
    """The slides of an extractive talk about ``paper``, about ``minutes`` long."""
    context = [s for section in paper.all_sections() for p in section.paragraphs for s in split_sentences(p)]
    context += split_sentences(paper.abstract)
    words = round(minutes * WORDS_PER_MINUTE)
    count = slide_count(minutes)
    per_slide = max(25, words // count)
    planner = _Planner(paper, context, per_slide)
    candidates = planner.candidates()
    kept = sorted(candidates, key=lambda c: (c.priority, c.order))[:count]
    return Deck(slides=[c.slide for c in sorted(kept, key=lambda c: c.order)])


class _Planner:
    def __init__(self, paper: Paper, context: list[str], per_slide: int) -> None:
        self.paper, self.context, self.per_slide = paper, context, per_slide
        self.used_items: set[str] = set()
        self.said: set[str] = set()  # sentences already on an earlier slide

    def candidates(self) -> list[Candidate]:
        found = [Candidate(0, 0, self.title_slide())]
        if overview := self.bullet_slide("Overview", split_sentences(self.paper.abstract)):
            found.append(Candidate(0.5, 1, overview))
        tops = self.paper.sections
        for position, section in enumerate(tops):
            role = role_of(section, position, len(tops))
            if role == "related":
                continue
            found += self.section_slides(section, role, position + 1)
        return found

    def title_slide(self) -> Slide:
        names = [a.name for a in self.paper.authors]
        script = [ScriptLine(text=f"This talk presents the paper {_plain(self.paper.title)}.")]
        if names:
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            script.append(ScriptLine(text=f"It is the work of {joined}.", focus="authors"))
        return Slide(kind="title", title=self.paper.title[:90], script=script)

    def bullet_slide(self, title: str, sentences: list[str], limit: int = MAX_BULLETS) -> Slide | None:
        chosen = self.fit(best_sentences([s for s in sentences if s not in self.said], limit, self.context))
        if not chosen:
            return None
        return Slide(kind="bullets", title=title[:90], bullets=[bullet_of(s) for s in chosen],
                     script=[ScriptLine(text=s, focus=f"bullet:{i}") for i, s in enumerate(chosen, 1)])

    def fit(self, sentences: list[str]) -> list[str]:
        """As many sentences as the slide's share of words allows (always at least one)."""
        chosen, total = [], 0
        for sentence in sentences:
            length = len(sentence.split())
            if chosen and total + length > self.per_slide:
                break
            chosen.append(sentence)
            total += length
        self.said.update(chosen)
        return chosen

    def section_slides(self, section: PaperSection, role: str, order: int) -> list[Candidate]:
        slides: list[Candidate] = []
        parts = [s for s in section.walk() if s.paragraphs] or [section]
        for number, part in enumerate(parts):
            sentences = [s for p in part.paragraphs for s in split_sentences(p)]
            title = part.title if part is section or role != "method" else f"{section.title}: {part.title}"
            priority = {"conclusion": 0, "method": 1, "intro": 2}.get(role, 3) if number == 0 else 3
            if role == "intro":
                title = "Motivation"
            for index, item in enumerate(part.items):  # figures and tables claim the sentences about them
                slide, item_priority = self.item_slide(item, sentences, role)
                if slide:
                    slides.append(Candidate(order + number / 10 + (index + 1) / 100, item_priority, slide))
            if slide := self.bullet_slide(title, sentences, 3):
                slides.append(Candidate(order + number / 10, priority, slide))
        return slides

    def item_slide(self, item: str, sentences: list[str], role: str) -> tuple[Slide | None, int]:
        if item in self.used_items:
            return None, 9
        self.used_items.add(item)
        first_of_kind = not any(i.startswith(item.split("-")[0]) for i in self.used_items - {item})
        priority = 1 if first_of_kind and role in ("method", "results") else 3
        if item.startswith("fig-"):
            return self.figure_slide(item, sentences), priority
        if item.startswith("tab-"):
            return self.table_slide(item, sentences), priority
        if item.startswith("eq-") and role == "method":
            return self.equation_slide(item, sentences), priority + 1
        return None, 9

    def figure_slide(self, item: str, sentences: list[str]) -> Slide | None:
        figure = next((f for f in self.paper.figures if f.id == item and f.images), None)
        if figure is None:
            return None
        said = self.mentions("Figure", figure.number, sentences) + split_sentences(figure.caption)[:1]
        script = [ScriptLine(text=s, focus="figure") for s in self.fit(said or [f"Figure {figure.number}."])]
        return Slide(kind="figure", title=_short_title(figure.caption, f"Figure {figure.number}"),
                     figure=figure.id, script=script)

    def table_slide(self, item: str, sentences: list[str]) -> Slide | None:
        table = next((t for t in self.paper.tables if t.id == item and (t.header or t.image)), None)
        if table is None:
            return None
        said = self.mentions("Table", table.number, sentences) + split_sentences(table.caption)[:1]
        script = [ScriptLine(text=s, focus="table") for s in self.fit(said or [f"Table {table.number}."])]
        return Slide(kind="table", title=_short_title(table.caption, f"Table {table.number}"), table=table.id,
                     script=script)

    def equation_slide(self, item: str, sentences: list[str]) -> Slide | None:
        equation = next((e for e in self.paper.equations if e.id == item and e.typst), None)
        if equation is None or equation.number is None:
            return None
        said = self.mentions("Equation", equation.number, sentences) or best_sentences(sentences, 1, self.context)
        script = [ScriptLine(text=s, focus="equation") for s in self.fit(said)]
        if len(equation.spoken.split()) <= 30:
            script.append(ScriptLine(text=f"In words: {equation.spoken}.", focus="equation"))
        bullets = [bullet_of(line.text) for line in script[:1]]
        return Slide(kind="equation", title=f"Equation {equation.number}", equation=equation.id,
                     bullets=bullets, script=script)

    def mentions(self, name: str, number: int, sentences: list[str]) -> list[str]:
        """Sentences that talk about 'Figure 2' (searched here first, then in the whole paper)."""
        pattern = re.compile(rf"\b{name} {number}\b")
        found = [s for s in sentences if pattern.search(s) and s not in self.said]
        return (found or [s for s in self.context if pattern.search(s) and s not in self.said])[:2]


def _short_title(caption: str, fallback: str) -> str:
    """A slide title from a caption's first clause."""
    first = split_sentences(caption)[:1]
    title = bullet_of(first[0], max_words=8, min_clause=2) if first else ""
    return title.rstrip(" …") or fallback


def _plain(text: str) -> str:
    return " ".join(text.replace(":", ",").split())
