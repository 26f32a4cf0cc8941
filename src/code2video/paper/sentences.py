"""Sentence splitting, ranking and shortening for the extractive planner (no model needed)."""

from __future__ import annotations

import math
import re
from collections import Counter

_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "etc.", "vs.", "Fig.", "Eq.", "Sec.", "Tab.", "cf.", "approx.")
_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\0])")
_WORD_RE = re.compile(r"[a-z][a-z0-9-]+")
_STOPWORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "with", "by", "from", "as", "at", "is", "are", "was", "were", "be", "been", "being", "this", "that", "these", "those", "it", "its", "we", "our", "us", "they", "their", "which", "who", "whom", "whose", "than", "then", "there", "here", "can", "could", "may", "might", "will", "would", "should", "not", "no", "also", "such", "each", "both", "more", "most", "other", "into", "over", "under", "between", "about", "after", "before", "while", "when", "where", "how", "all", "any", "some", "one", "two", "three", "has", "have", "had", "do", "does", "did", "so", "if", "per", "via"])
# Phrases authors use for the sentences that carry a paper's claims.
_CUES = ("we propose", "we present", "we introduce", "this paper", "we show", "our method", "our approach",
         "results show", "outperform", "improves", "we find", "key idea", "in summary", "we conclude",
         "contribution", "state of the art", "state-of-the-art", "achieves", "reduces", "faster")
_LEAD_INS = re.compile(r"^(however|moreover|furthermore|in addition|in this paper|in this work|to this end|"
                       r"specifically|first|second|third|finally|thus|therefore|hence|in particular),?\s+",
                       re.IGNORECASE)
_CLAUSE_BREAKS = re.compile(r"[;:(]|,\s+(?:which|where|while|because|since|although|whereas|so that|such as|"
                            r"for example|e\.g\.|i\.e\.)| — ")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations such as 'e.g.' do not end one."""
    protected = text
    for number, abbreviation in enumerate(_ABBREVIATIONS):
        protected = protected.replace(abbreviation, f"\0{number}\0")
    parts = _SPLIT_RE.split(" ".join(protected.split()))
    restored = []
    for part in parts:
        for number, abbreviation in enumerate(_ABBREVIATIONS):
            part = part.replace(f"\0{number}\0", abbreviation)
        if len(part.split()) >= 3:
            restored.append(part.strip())
    return restored


def words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text.lower()) if w not in _STOPWORDS]


def rank_sentences(sentences: list[str], context: list[str] | None = None) -> list[tuple[float, int, str]]:
    """(score, position, sentence), best first: closeness to the section's centre, cue phrases, position.

    ``context`` (the whole paper's sentences) gives the document frequencies, so words every
    section uses weigh less than the words this section is about.
    """
    if not sentences:
        return []
    corpus = context or sentences
    document_frequency = Counter(w for s in corpus for w in set(words(s)))
    idf = {w: math.log((1 + len(corpus)) / (1 + n)) + 1 for w, n in document_frequency.items()}
    vectors = [{w: c * idf.get(w, 1.0) for w, c in Counter(words(s)).items()} for s in sentences]
    centre: Counter = Counter()
    for vector in vectors:
        centre.update(vector)
    ranked = []
    for position, (sentence, vector) in enumerate(zip(sentences, vectors)):
        score = _cosine(vector, centre)
        score += 0.15 * sum(cue in sentence.lower() for cue in _CUES)
        score += 0.1 / (1 + position)  # authors lead with the point
        length = len(sentence.split())
        if length < 6 or length > 45:
            score -= 0.2
        ranked.append((round(score, 6), position, sentence))
    return sorted(ranked, key=lambda item: (-item[0], item[1]))


def best_sentences(sentences: list[str], count: int, context: list[str] | None = None) -> list[str]:
    """The ``count`` best sentences, in the order the paper says them."""
    top = rank_sentences(sentences, context)[:count]
    return [sentence for _, _, sentence in sorted(top, key=lambda item: item[1])]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(value * b.get(key, 0.0) for key, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def bullet_of(sentence: str, max_words: int = 12, min_clause: int = 4) -> str:
    """A slide bullet from a sentence: lead-ins dropped, cut at a clause break, at most ``max_words``."""
    text = _LEAD_INS.sub("", sentence.strip()).rstrip(".")
    text = text[:1].upper() + text[1:]
    clause = _CLAUSE_BREAKS.split(text)[0].strip(" ,")
    if len(clause.split()) >= min_clause:
        text = clause
    tokens = text.split()
    if len(tokens) > max_words:
        tokens = tokens[:max_words]
        while tokens and tokens[-1].lower() in _STOPWORDS | {"—", "-"}:
            tokens.pop()
        return " ".join(tokens).rstrip(",;:") + " …"
    return " ".join(tokens)
