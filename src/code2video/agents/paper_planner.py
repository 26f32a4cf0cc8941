"""The LLM paper planner: a paper digest -> an abstractive slide deck with a first-person script.

It writes the same ``Deck`` as the extractive planner, so layout, the cursor and rendering do not
depend on which planner ran. Ids the deck uses are checked against the paper and any problem
goes back to the model with the validation errors.
"""

from __future__ import annotations

import json

from code2video.agents.planner import ask_validated
from code2video.agents.replies import ReplyError
from code2video.llm import LLM
from code2video.paper.deck import MAX_BULLETS, Deck, check_references
from code2video.paper.extractive import WORDS_PER_MINUTE, slide_count
from code2video.paper.model import Paper
from code2video.prompts import render_prompt

MAX_DIGEST_WORDS = 9000  # keeps the prompt within small models' context windows


def paper_digest(paper: Paper, max_words: int = MAX_DIGEST_WORDS) -> str:
    """The paper as compact JSON: text per section (trimmed to a budget) and the usable items by id."""
    sections, budget = [], max_words
    for section in paper.all_sections():
        text = " ".join(section.paragraphs).split()
        kept, budget = text[:max(0, budget)], budget - len(text)
        sections.append({"title": section.title, "level": section.level, "text": " ".join(kept),
                         "items": section.items})
    digest = {
        "title": paper.title, "authors": [a.name for a in paper.authors], "abstract": paper.abstract,
        "sections": sections,
        "figures": [{"id": f.id, "caption": f.caption} for f in paper.figures if f.images],
        "tables": [{"id": t.id, "caption": t.caption, "header": t.header} for t in paper.tables
                   if t.header or t.image],
        "equations": [{"id": e.id, "number": e.number, "latex": e.latex} for e in paper.equations if e.typst],
        "algorithms": [{"id": a.id, "caption": a.caption, "steps": a.steps} for a in paper.algorithms],
    }
    return json.dumps(digest, indent=1, ensure_ascii=False)


class PaperPlanner:
    def __init__(self, llm: LLM, max_repairs: int = 2) -> None:
        self.llm = llm
        self.max_repairs = max_repairs

    def plan(self, paper: Paper, minutes: float) -> Deck:
        count = slide_count(minutes)
        prompt = render_prompt("paper_slides", digest=paper_digest(paper), minutes=minutes,
                               words=round(minutes * WORDS_PER_MINUTE), min_slides=max(3, count - 2),
                               max_slides=count + 2, max_bullets=MAX_BULLETS)

        def check(data: dict) -> Deck:
            deck = Deck.model_validate(data)
            if problems := check_references(deck, paper):
                raise ReplyError("; ".join(problems))
            return deck

        return ask_validated(self.llm, "planner.paper", render_prompt("paper_system"), prompt, check,
                             self.max_repairs)
