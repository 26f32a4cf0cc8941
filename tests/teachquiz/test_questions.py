"""Question validation and seeded option shuffling, on the MMMC sample bank."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from mmmc_sample import QUESTIONS
from pydantic import ValidationError

from code2video.teachquiz.questions import Question, shuffle_options

GOOD = {"question": "What does the determinant measure?",
        "options": {"A": "Angles", "B": "Area scaling", "C": "Lengths", "D": "Rotation"}, "answer": "B"}


def mmmc_questions() -> list[Question]:
    bank = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    return [Question.model_validate(q) for questions in bank.values() for q in questions]


def test_a_well_formed_question_loads():
    question = Question.model_validate(GOOD)
    assert question.correct_text == "Area scaling"


@pytest.mark.parametrize("change, message", [
    ({"options": {"A": "x", "C": "y"}}, "lettered A, B, C"),
    ({"options": {"A": "only one"}, "answer": "A"}, "lettered A, B, C"),
    ({"answer": "E"}, "not one of the options"),
    ({"answer": "b"}, "not one of the options"),
    ({"question": "   "}, "question text is empty"),
    ({"options": {"A": "x", "B": " ", "C": "z", "D": "w"}}, "option's text is empty"),
    ({"options": {"A": "x", "B": "x", "C": "z", "D": "w"}}, "same text"),
])
def test_malformed_questions_are_rejected_with_a_reason(change, message):
    with pytest.raises(ValidationError, match=message):
        Question.model_validate({**GOOD, **change})


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        Question.model_validate({**GOOD, "explanation": "because"})


def test_shuffling_remaps_the_answer_letter_and_keeps_the_options():
    for question in mmmc_questions():
        shuffled = shuffle_options(question, seed=7)
        assert shuffled.correct_text == question.correct_text
        assert sorted(shuffled.options.values()) == sorted(question.options.values())
        assert list(shuffled.options) == list(question.options)
        assert shuffled.question == question.question


def test_the_same_seed_gives_the_same_order_and_another_seed_another():
    questions = mmmc_questions()
    first = [shuffle_options(q, 3) for q in questions]
    again = [shuffle_options(q, 3) for q in questions]
    other = [shuffle_options(q, 4) for q in questions]
    assert first == again
    assert sum(a.options != b.options for a, b in zip(first, other, strict=True)) > len(questions) // 2


def test_shuffled_answer_letters_are_spread_while_the_released_ones_are_skewed():
    questions = mmmc_questions()
    assert len(questions) == 90
    raw = Counter(q.answer for q in questions)
    assert raw["B"] / len(questions) > 0.45  # the released key: about half "B"
    for seed in (0, 1, 2):
        shuffled = Counter(shuffle_options(q, seed).answer for q in questions)
        assert set(shuffled) == {"A", "B", "C", "D"}
        assert max(shuffled.values()) / len(questions) <= 0.40
