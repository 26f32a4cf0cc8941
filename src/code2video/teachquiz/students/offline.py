"""The offline student: it knows nothing, and answers only from what the video says and shows.

It cuts the evidence into passages (transcript sentences, pairs of neighbouring sentences, OCR
lines of keyframes) and scores every option in every passage with two signals:

- meaning: cosine similarity of sentence embeddings (all-MiniLM-L6-v2, offline) between the
  passage and the question joined with the option, averaged with the option alone;
- wording: a bonus when the passage uses the option's own words (weighted by their rarity in
  the video), or writes out its formula ("ad - bc" and the spoken "a d minus b c" both read
  ``ad-bc``). Embeddings read formulas and numbers poorly; this signal does not.

An option's support is its lead over the average option in the passage that favours it most, so
a passage that is merely on topic backs no option in particular. The student answers when the
question is one the video talks about at all, the best option is supported well enough, and it
leads the runner-up clearly. Otherwise, and always without evidence (the baseline and unlearned
states), it guesses: a uniform pick seeded by the question and its options. The guess does not
depend on the state, so a question the video does not settle scores the same before and after
it and adds no noise to the gain. Without evidence its accuracy is chance (1 / options),
whatever the skew of the answer key.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from code2video.teachquiz import embeddings
from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.questions import Question
from code2video.teachquiz.students.base import State, Student, StudentAnswer, register

_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
_SPOKEN = {"minus": "-", "plus": "+", "times": "*", "equals": "=", "over": "/", "squared": "^2", "cubed": "^3",
           **{word: str(number) for number, word in enumerate(_NUMBERS)}}
_DASHES = re.compile(r"[-\u2010-\u2015\u2212~_]+")
_WORDY = re.compile(r"[^\W\d_]{2}")
_MULTIPLY = re.compile(r"[\u00d7\u00b7\u2022\u22c5x](?=\s*[\d(])")
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has", "have", "how", "in",
    "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "to", "was", "what", "when", "where", "which", "while", "who", "why", "will", "with", "you", "your",
    "not", "no", "cannot", "more", "most", "less", "than", "each", "every", "all", "any", "only", "it", "its",
))


@dataclass(frozen=True)
class Support:
    """How well the evidence backs one option: ``specific`` is its lead over the other options'
    average in the passage that favours it most (that passage is ``passage``), ``strength`` its
    best meaning-plus-wording score in any passage."""

    specific: float
    strength: float
    passage: str


FORMULA_WEIGHT = 0.3  # a formula written out adds this much to a cosine similarity
WORDS_WEIGHT = 0.15  # the option's own words all found in a passage add this much

@register
class OfflineStudent(Student):
    """``relevance``: how closely some passage must match the question itself (else the video does
    not talk about it); ``floor``: the least support an answer needs; ``margin``: by how much the
    best option must beat the runner-up. Tuned on a real draft render (the determinant) with a
    hand-written quiz, and on the MMMC questions of other topics asked against it (off-topic: it
    should guess, not answer)."""

    name = "offline"

    def __init__(self, *, relevance: float = 0.45, floor: float = 0.5, margin: float = 0.03) -> None:
        self.relevance = relevance
        self.floor = floor
        self.margin = margin

    def answer(self, topic: str, questions: Sequence[Question], state: State,
               evidence: Evidence | None) -> list[StudentAnswer]:
        if state != "video" or evidence is None or evidence.empty:
            return [guess(q, "no evidence to answer from") for q in questions]
        passages = Passages.of(evidence)
        if not passages.texts:
            return [guess(q, "no evidence to answer from") for q in questions]
        relevance = (embeddings.embed([q.question for q in questions]) @ passages.vectors.T).max(axis=1)
        return [self._decide(q, option_support(q, passages)) if related >= self.relevance
                else guess(q, f"the video does not talk about this (relevance {related:.2f})")
                for q, related in zip(questions, relevance, strict=True)]

    def _decide(self, question: Question, support: dict[str, Support]) -> StudentAnswer:
        ranked = sorted(support, key=lambda letter: support[letter].specific, reverse=True)
        best, runner_up = support[ranked[0]], support[ranked[1]]
        lead = best.specific - runner_up.specific
        if best.strength >= self.floor and lead >= self.margin:
            return StudentAnswer(ranked[0], "evidence", f"support {best.strength:.2f}, lead {lead:.2f}: "
                                                        f"{best.passage[:120]}")
        why = "no option is supported" if best.strength < self.floor else "no option stands out"
        return guess(question, f"{why} (best {ranked[0]}: support {best.strength:.2f}, lead {lead:.2f})")


def guess(question: Question, note: str) -> StudentAnswer:
    """A uniform pick, seeded by the question and its options (the same in every state)."""
    rng = random.Random("guess\x1f" + question.question + "\x1f" + "\x1f".join(question.options.values()))
    return StudentAnswer(rng.choice(list(question.options)), "guess", note)


@dataclass(frozen=True)
class Passages:
    """The evidence cut into passages, with what matching needs precomputed once per video."""

    texts: list[str]
    vectors: np.ndarray  # sentence embeddings, one row per passage
    compact: list[str]  # compact_form of each
    stems: list[frozenset[str]]
    rarity: dict[str, float]  # inverse document frequency of each stem over the passages

    @classmethod
    def of(cls, evidence: Evidence) -> Passages:
        texts = evidence_passages(evidence)
        stems = [frozenset(stem_words(t)) for t in texts]
        counts: dict[str, int] = {}
        for found in stems:
            for stem in found:
                counts[stem] = counts.get(stem, 0) + 1
        rarity = {stem: math.log(1 + len(texts) / count) for stem, count in counts.items()}
        return cls(texts, embeddings.embed(texts), [compact_form(t) for t in texts], stems, rarity)

    def weight(self, stem: str) -> float:
        return self.rarity.get(stem, math.log(1 + len(self.texts)))


def evidence_passages(evidence: Evidence) -> list[str]:
    """Each distinct chunk with a word in it, plus neighbouring transcript sentences joined (a
    statement often spans two: "Take the box..." then "...what remains is ad - bc")."""
    pairs = [f"{a} {b}" for a, b in zip(evidence.transcript, evidence.transcript[1:], strict=False)]
    wordy = [chunk for chunk in evidence.chunks() + pairs if _WORDY.search(chunk)]  # not OCR'd matrix entries
    return list(dict.fromkeys(wordy))


def option_support(question: Question, passages: Passages) -> dict[str, Support]:
    """Each option's lead in the passage that favours it most (see the module docstring)."""
    letters, texts = list(question.options), list(question.options.values())
    queries = embeddings.embed([f"{question.question} {text}" for text in texts] + texts)
    pair, alone = np.split(queries @ passages.vectors.T, 2)
    meaning = 0.5 * pair + 0.5 * alone  # options x passages
    asked = set(stem_words(question.question))
    combined = meaning + np.array([wording_match(text, asked, passages) for text in texts])
    specific = combined - combined.mean(axis=0)  # what a passage backs in this option and not in the others
    result = {}
    for row, letter in enumerate(letters):
        best = int(np.argmax(specific[row]))
        result[letter] = Support(float(specific[row, best]), float(combined[row].max()), passages.texts[best])
    return result


def wording_match(option: str, asked: set[str], passages: Passages) -> list[float]:
    """A bonus per passage for the option's wording. A formula ("ad - bc", "det(AB) = det(A)
    det(B)") must appear written out; any other option scores the share of its own words (those
    not already in the question), weighted by how rare each is in the evidence, that the passage
    uses: "chlorophyll" tells more than "plane" in a video about planes."""
    own = [w for w in stem_words(option) if w not in asked]
    formula = compact_form(option)
    if re.search(r"[-+*/=^()]", formula) or (not own and len(formula) >= 3):
        return [FORMULA_WEIGHT * formula_match(formula, passage) for passage in passages.compact]
    weights = {w: passages.weight(w) for w in own}
    total = sum(weights.values())
    if not total:
        return [0.0] * len(passages.texts)
    return [WORDS_WEIGHT * sum(v for w, v in weights.items() if w in found) / total for found in passages.stems]


def formula_match(formula: str, passage: str) -> float:
    """1 when the formula is written out in the passage; near misses ("ad+bc" for "ad-bc") get
    much less, so that one changed sign separates the options."""
    if formula in passage:
        return 1.0
    return 0.8 * max(0.0, fuzz.partial_ratio(formula, passage) - 60) / 40


def tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    return [_SPOKEN.get(w, w) for w in words]


def stem_words(text: str) -> list[str]:
    """Content words cut to five letters, a crude stem: "inverted", "inverse" and "invertible"
    all read "inver"."""
    return [w[:5] for w in tokens(text) if w not in _STOPWORDS]


def compact_form(text: str) -> str:
    """Lower case, spoken operators and small numbers as symbols, one kind of dash, no spaces."""
    text = _MULTIPLY.sub("*", _DASHES.sub("-", text.lower()))
    words = re.split(r"(\W)", text)
    return "".join(_SPOKEN.get(w, w) for w in words if not w.isspace()).replace(" ", "")
