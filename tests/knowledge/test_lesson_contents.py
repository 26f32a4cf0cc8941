"""The built-in library teaches its topics: each lesson says and shows its core ideas and formulas.

A lesson passes when every key term occurs in what is spoken or on screen (any one spelling of a
term with alternatives) and every key formula is one of its formula visuals (spaces ignored), so an
edit that drops a definition or a formula fails here.
"""

import pytest

from code2video import ir
from code2video.knowledge.library import builtin_lessons
from code2video.narration.silent import estimate_duration
from code2video.settings import Settings

TEXT_KINDS = {"text", "formula", "bullets", "table", "matrix", "code", "highlight"}

# slug -> (key terms, key formulas in Typst). A term "a|b" is found when either is.
KEY_CONTENT = {
    "euler-formula": (
        ["unit circle", "radian", "cosine|cos", "sine|sin", "imaginary", "rotat", "minus one"],
        ["e^(i theta) = cos theta + i sin theta", "e^(i pi) = -1"]),
    "linear-algebra-vectors": (
        ["vector", "scalar", "linear combination", "span", "basis", "i hat", "j hat", "add"],
        ["a hat(i) + b hat(j)"]),
    "determinant": (
        ["area", "linear map|linear transformation", "zero", "flip|orientation", "parallelogram"],
        ["det mat(a, b; c, d) = a d - b c", "det(A B) = det(A) det(B)"]),
    "eigenvectors": (
        ["eigenvector", "eigenvalue", "eigenbasis", "span", "characteristic", "diagonal", "rotation"],
        ["A v = lambda v", "det(A - lambda I) = 0"]),
    "derivative": (
        ["rate of change", "slope", "tangent", "secant", "limit", "instantaneous"],
        ["f'(x) = lim_(h -> 0) (f(x + h) - f(x)) / h", "f'(x) = 2 x"]),
    "chain-product-rule": (
        ["product rule", "chain rule", "inner", "outer", "nudge"],
        ["(f g)' = f' g + f g'", "(f(g(x)))' = f'(g(x)) g'(x)"]),
    "taylor-series": (
        ["taylor polynomial", "taylor series", "derivative", "factorial", "converge", "approximat"],
        ["cos x approx 1 - x^2 / 2", "f(x) = sum_(n=0)^oo (f^((n))(a)) / n! (x - a)^n"]),
    "bayes-theorem": (
        ["prior", "likelihood", "posterior", "evidence", "base rate"],
        ["P(H | E) = (P(E | H) P(H)) / P(E)"]),
    "binomial-distribution": (
        ["binomial", "trial", "success", "independent", "probability", "mean", "variance"],
        ["P(X = k) = binom(n, k) p^k (1 - p)^(n - k)", "mu = n p", "sigma^2 = n p (1 - p)"]),
    "central-limit-theorem": (
        ["central limit theorem", "mean", "standard deviation", "normal", "bell", "independent", "sample"],
        ["sigma / sqrt(n)"]),
    "gradient-descent": (
        ["cost function|loss", "gradient", "learning rate", "minimum", "local minim", "parameter", "step"],
        ["w <- w - eta nabla L(w)"]),
    "attention": (
        ["query", "key", "value", "softmax", "dot product", "token", "weight", "head"],
        ['"Attention"(Q, K, V) = "softmax"((Q K^T) / sqrt(d_k)) V']),
    "hamming-codes": (
        ["parity", "redundan", "error", "parity bit", "position", "binary", "xor|exclusive or", "two errors"],
        []),
    "binary-hanoi": (
        ["binary", "disk", "peg", "bit", "recursi", "smallest"],
        ["2^n - 1"]),
    "growth": (
        ["exponential", "logistic", "carrying capacity", "growth rate", "doubling time", "inflection"],
        ["N(t) = N_0 e^(r t)", "(dif N) / (dif t) = r N (1 - N / K)"]),
    "refraction": (
        ["snell", "refractive index|index of refraction", "speed of light", "normal", "total internal reflection",
         "critical angle", "slow"],
        ["n_1 sin theta_1 = n_2 sin theta_2", "n = c / v"]),
}


def _said_and_shown(section: ir.Section) -> str:
    """Everything a viewer hears or reads in the section, lower case."""
    parts = [section.title]
    for beat in section.beats:
        parts += [beat.narration, beat.caption or ""]
        for visual in beat.visuals:
            for field in ("text", "label", "caption", "hypothesis", "evidence"):
                parts.append(str(getattr(visual, field, None) or ""))
            parts += getattr(visual, "items", []) + getattr(visual, "header", []) + getattr(visual, "tokens", [])
            parts += [cell for row in getattr(visual, "rows", []) if isinstance(row, list) for cell in row]
            parts += [str(part) for part in getattr(visual, "media", ())]
    return " ".join(parts).lower()


def _formulas(lesson: ir.Lesson) -> set[str]:
    return {"".join(v.typst.split()) for s in lesson.sections for b in s.beats for v in b.visuals
            if v.kind == "formula"}


LESSONS = {item.slug: item for item in builtin_lessons()}


def test_the_library_has_the_sixteen_topics():
    assert set(LESSONS) == set(KEY_CONTENT)


@pytest.mark.parametrize("slug", sorted(KEY_CONTENT))
def test_each_lesson_says_and_shows_its_key_content(slug):
    lesson = LESSONS[slug].lesson
    text = " ".join(_said_and_shown(section) for section in lesson.sections)
    terms, formulas = KEY_CONTENT[slug]
    missing = [term for term in terms if not any(spelling in text for spelling in term.split("|"))]
    shown = _formulas(lesson)
    missing += [formula for formula in formulas if "".join(formula.split()) not in shown]
    assert missing == [], f"{slug} lacks {missing}"


@pytest.mark.parametrize("slug", sorted(KEY_CONTENT))
def test_each_lesson_has_four_to_seven_sections_each_with_a_moving_picture(slug):
    lesson = LESSONS[slug].lesson
    assert 4 <= len(lesson.sections) <= 7
    for section in lesson.sections:
        visuals = {v.id: v for beat in section.beats for v in beat.visuals}
        moving = [v.id for v in visuals.values() if v.kind in ir.MOTION_KINDS or (
            v.replaces and v.kind not in TEXT_KINDS and visuals[v.replaces].kind not in TEXT_KINDS)]
        assert moving, f"{slug}: section {section.id!r} has no visual that moves or morphs while it is narrated"


@pytest.mark.parametrize("slug", sorted(KEY_CONTENT))
def test_each_lesson_runs_two_to_six_minutes_at_a_teaching_pace(slug):
    beats = [beat for section in LESSONS[slug].lesson.sections for beat in section.beats]
    minutes = sum(estimate_duration(b.narration) + Settings().beat_pause for b in beats) / 60
    assert 2 <= minutes <= 6, f"{slug} runs {minutes:.1f} min"
