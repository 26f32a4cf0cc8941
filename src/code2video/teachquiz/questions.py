"""Multiple-choice quiz questions and their seeded option shuffling.

Released question banks are skewed (in MMMC about half the answers are "B"), so a student that
always says "B" would look clever. Every question is shuffled with a seed before any student
sees it; the same seed gives the same order on every machine and Python version.
"""

from __future__ import annotations

import random
import string

from pydantic import BaseModel, ConfigDict, model_validator

LETTERS = string.ascii_uppercase[:8]


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    options: dict[str, str]  # letter -> text, letters A, B, C... in order
    answer: str  # the letter of the correct option

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if not self.question.strip():
            raise ValueError("the question text is empty")
        letters = list(self.options)
        if not 2 <= len(letters) <= len(LETTERS) or letters != list(LETTERS[: len(letters)]):
            raise ValueError(f"options must be lettered A, B, C... in order (2 to {len(LETTERS)}), not {letters}")
        if any(not text.strip() for text in self.options.values()):
            raise ValueError("an option's text is empty")
        if len(set(self.options.values())) < len(letters):
            raise ValueError("two options have the same text")
        if self.answer not in self.options:
            raise ValueError(f"answer {self.answer!r} is not one of the options {', '.join(letters)}")
        return self

    @property
    def correct_text(self) -> str:
        return self.options[self.answer]


def shuffle_options(question: Question, seed: int | str) -> Question:
    """The same question with its options in a seeded order and the answer letter re-mapped.

    The order depends on the seed and the question text only (``random.Random`` seeds a string
    through SHA-512, so it is stable across runs and platforms).
    """
    texts = list(question.options.values())
    order = list(range(len(texts)))
    random.Random(f"{seed}\x1f{question.question}").shuffle(order)
    options = {LETTERS[new]: texts[old] for new, old in enumerate(order)}
    answer = LETTERS[order.index(list(question.options).index(question.answer))]
    return Question(question=question.question, options=options, answer=answer)
