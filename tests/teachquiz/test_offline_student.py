"""The offline student answers from the evidence when it states the answer, and guesses at
chance without it."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from mmmc_sample import QUESTIONS
from video_fixture import Slide, make_output

from code2video.teachquiz.evidence import NO_EVIDENCE, Evidence, gather_evidence
from code2video.teachquiz.questions import Question, shuffle_options
from code2video.teachquiz.students import STUDENTS, make_student
from code2video.teachquiz.students.offline import (
    OfflineStudent,
    compact_form,
    stem_words,
)

pytest.importorskip("sentence_transformers", reason="the offline student needs the [eval] extra")

STATED = Path(__file__).parents[1] / "data" / "teachquiz" / "stated.json"


def stated_topics() -> list[tuple[str, Evidence, list[Question]]]:
    data = json.loads(STATED.read_text(encoding="utf-8"))["topics"]
    return [(t["topic"], Evidence(transcript=tuple(t["transcript"]), screen_text=tuple(t["screen_text"])),
             [Question.model_validate(q) for q in t["questions"]]) for t in data]


def mmmc_questions(seed: int) -> list[Question]:
    bank = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    return [shuffle_options(Question.model_validate(q), seed) for questions in bank.values() for q in questions]


def test_it_is_registered_and_made_by_name():
    assert STUDENTS["offline"] is OfflineStudent
    assert isinstance(make_student("offline"), OfflineStudent)


@pytest.mark.parametrize("seed", [0, 1])
def test_it_answers_what_the_evidence_states_in_other_words(seed):
    student = OfflineStudent()
    for topic, evidence, questions in stated_topics():
        shuffled = [shuffle_options(q, seed) for q in questions]
        answers = student.answer(topic, shuffled, "video", evidence)
        for question, answer in zip(shuffled, answers, strict=True):
            assert answer.how == "evidence", (question.question, answer.note)
            assert answer.letter == question.answer, (question.question, question.correct_text, answer.note)


def test_a_formula_is_matched_whether_spoken_or_written():
    question = Question(question="For the matrix with rows (a, b) and (c, d), what is the determinant?",
                        options={"A": "ad + bc", "B": "ab - cd", "C": "ad - bc", "D": "ac - bd"}, answer="C")
    assert compact_form("a d minus b c") == compact_form("ad \u2212 bc") == "ad-bc"
    spoken = Evidence(transcript=("Multiply down the diagonal, then take away the other product.",
                                  "For rows a, b and c, d, the determinant is a d minus b c."))
    written = Evidence(screen_text=("Determinant of a 2x2 matrix\ndet = ad \u2014 bc",))
    for evidence in (spoken, written):
        [answer] = OfflineStudent().answer("Determinants", [question], "video", evidence)
        assert (answer.letter, answer.how) == ("C", "evidence"), answer.note


def test_crude_stems_join_word_forms():
    assert set(stem_words("It cannot be inverted")) == set(stem_words("has no inverse"))


def test_it_answers_from_a_rendered_video(tmp_path: Path):
    if not shutil.which("tesseract"):
        pytest.skip("needs tesseract")
    folder = make_output(tmp_path / "out", [
        Slide(2.0, "Photosynthesis", "Green plants turn sunlight, water and carbon dioxide into sugar."),
        Slide(2.0, "Chlorophyll absorbs light", "A green pigment in the leaves soaks up the light."),
        Slide(2.0, "By-product: oxygen", "The oxygen we breathe is what the plant gives off."),
    ])
    questions = [Question(question="Which pigment absorbs light during photosynthesis?",
                          options={"A": "Hemoglobin", "B": "Chlorophyll", "C": "Melanin", "D": "Keratin"},
                          answer="B"),
                 Question(question="Which gas do plants give off during photosynthesis?",
                          options={"A": "Nitrogen", "B": "Methane", "C": "Helium", "D": "Oxygen"}, answer="D")]
    answers = OfflineStudent().answer("Photosynthesis", questions, "video", gather_evidence(folder))
    assert [a.letter for a in answers] == ["B", "D"], [a.note for a in answers]


@pytest.mark.parametrize("state", ["baseline", "unlearned", "video"])
def test_without_evidence_it_guesses_at_chance_and_spreads_its_letters(state):
    questions = mmmc_questions(seed=0)
    answers = OfflineStudent().answer("MMMC", questions, state, NO_EVIDENCE if state == "video" else None)
    assert all(a.how == "guess" for a in answers)
    accuracy = sum(a.letter == q.answer for a, q in zip(answers, questions, strict=True)) / len(questions)
    assert 0.12 <= accuracy <= 0.40  # chance is 0.25; the released key's "always B" would score ~0.5
    letters = Counter(a.letter for a in answers)
    assert set(letters) == {"A", "B", "C", "D"} and max(letters.values()) <= 0.40 * len(questions)


def test_the_guess_is_the_same_in_every_state_so_it_adds_no_noise_to_the_gain():
    questions = mmmc_questions(seed=3)
    student = OfflineStudent()
    unlearned = student.answer("MMMC", questions, "unlearned", None)
    assert student.answer("MMMC", questions, "baseline", None) == unlearned
    assert student.answer("MMMC", questions, "video", NO_EVIDENCE) == unlearned


def test_evidence_only_counts_in_the_video_state():
    topic, evidence, questions = stated_topics()[1]
    answers = OfflineStudent().answer(topic, questions, "unlearned", evidence)
    assert all(a.how == "guess" for a in answers)


def test_evidence_about_another_topic_leaves_it_guessing():
    questions = mmmc_questions(seed=0)
    for topic, evidence, _ in stated_topics():
        answers = OfflineStudent().answer("MMMC", questions, "video", evidence)
        answered = [a for a in answers if a.how == "evidence"]
        assert len(answered) <= 0.1 * len(questions), (topic, [a.note for a in answered])
