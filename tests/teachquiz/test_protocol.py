"""The three-state protocol: shuffled questions, evidence only after the video, a JSON round trip."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from code2video.errors import BadInputError, Code2VideoError
from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.protocol import StateResult, TeachQuizResult, run_teachquiz
from code2video.teachquiz.questions import Question, shuffle_options
from code2video.teachquiz.students import Student, StudentAnswer

QUESTIONS = [
    Question(question=f"Question {n}?", options={"A": f"right {n}", "B": f"wrong {n}", "C": f"other {n}",
                                                   "D": f"last {n}"}, answer="A")
    for n in range(4)
]
EVIDENCE = Evidence(transcript=("right 0", "right 1", "right 2"))


class ReadingStudent(Student):
    """Knows nothing; in the video state it picks the option the transcript names, else says
    "insufficient". Records what it was given."""

    name = "reader"

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Question], Evidence | None]] = []

    def answer(self, topic: str, questions: Sequence[Question], state, evidence) -> list[StudentAnswer]:
        self.calls.append((state, list(questions), evidence))
        said = set(evidence.transcript) if evidence else set()
        answers = []
        for q in questions:
            letter = next((letter for letter, text in q.options.items() if text in said), None)
            answers.append(StudentAnswer(letter, "model") if letter else StudentAnswer(None, "insufficient"))
        return answers


def test_it_asks_the_shuffled_quiz_in_three_states_with_evidence_only_after_the_video():
    student = ReadingStudent()
    result = run_teachquiz("Topic", QUESTIONS, student, EVIDENCE, seed=5)
    assert [state for state, _, _ in student.calls] == ["baseline", "unlearned", "video"]
    assert [evidence for _, _, evidence in student.calls] == [None, None, EVIDENCE]
    shuffled = [shuffle_options(q, 5) for q in QUESTIONS]
    assert all(questions == shuffled for _, questions, _ in student.calls)
    assert result.questions == shuffled
    assert {q.answer for q in result.questions} != {"A"}  # the key is no longer all "A"
    assert (result.topic, result.student, result.seed) == ("Topic", "reader", 5)


def test_correctness_accuracy_and_gain_are_hand_checkable():
    result = run_teachquiz("Topic", QUESTIONS, ReadingStudent(), EVIDENCE, seed=0)
    assert result.states["unlearned"].correct == [False] * 4
    assert result.states["video"].correct == [True, True, True, False]
    assert result.accuracy("baseline") == 0.0
    assert result.accuracy("video") == 0.75
    assert result.gain == 0.75
    assert result.differences() == [1.0, 1.0, 1.0, 0.0]
    assert StateResult("video", [], []).accuracy == 0.0


def test_a_wrong_letter_is_wrong_even_when_the_original_key_had_it():
    class AlwaysA(Student):
        name = "always-a"

        def answer(self, topic, questions, state, evidence):
            return [StudentAnswer("A", "guess") for _ in questions]

    result = run_teachquiz("Topic", QUESTIONS, AlwaysA(), EVIDENCE, seed=0)
    expected = [q.answer == "A" for q in result.questions]
    assert result.states["video"].correct == expected
    assert not all(expected)  # unshuffled, "always A" would have scored 1.0


def test_the_result_survives_a_json_round_trip():
    result = run_teachquiz("Topic", QUESTIONS, ReadingStudent(), EVIDENCE, seed=2)
    again = TeachQuizResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result
    assert again.gain == result.gain and again.states["video"].answers[3].how == "insufficient"


def test_a_damaged_stored_result_says_to_delete_it():
    data = run_teachquiz("Topic", QUESTIONS, ReadingStudent(), EVIDENCE).to_dict()
    del data["states"]["video"]["correct"]
    with pytest.raises(BadInputError, match="delete it"):
        TeachQuizResult.from_dict(data)


def test_no_questions_is_bad_input_and_a_miscounting_student_is_a_bug():
    with pytest.raises(BadInputError, match="no questions"):
        run_teachquiz("Topic", [], ReadingStudent(), EVIDENCE)

    class Lazy(Student):
        name = "lazy"

        def answer(self, topic, questions, state, evidence):
            return [StudentAnswer("A", "guess")]

    with pytest.raises(Code2VideoError, match="gave 1 answers to 4"):
        run_teachquiz("Topic", QUESTIONS, Lazy(), EVIDENCE)
