"""The LLM student through the provider layer: prompts per state, strict answer parsing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import ScriptedProvider, scripted_llm
from PIL import Image

from code2video.errors import BadInputError
from code2video.llm import LLM, ModelSpec, open_llm
from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.protocol import run_teachquiz
from code2video.teachquiz.questions import Question
from code2video.teachquiz.students import (
    STUDENTS,
    LLMStudent,
    StudentAnswer,
    make_student,
)

TOPIC = "The determinant"
QUESTIONS = [
    Question(question="What does the determinant measure?",
             options={"A": "Area scaling", "B": "Angles", "C": "Lengths", "D": "Rotation"}, answer="A"),
    Question(question="What is det of [[a, b], [c, d]]?",
             options={"A": "ab - cd", "B": "ad + bc", "C": "ad - bc", "D": "ac - bd"}, answer="C"),
    Question(question="What does det = 0 mean?",
             options={"A": "Identity", "B": "Not invertible", "C": "Rotation", "D": "Reflection"}, answer="B"),
]


def reply(*answers: str) -> str:
    return json.dumps({"answers": [{"question": i, "answer": a} for i, a in enumerate(answers, 1)]})


def ask(replies: list[str], state: str = "unlearned", evidence: Evidence | None = None):
    llm, provider = scripted_llm({"student": replies})
    return LLMStudent(llm).answer(TOPIC, QUESTIONS, state, evidence), provider


def test_make_student_builds_the_llm_student_only_with_a_model():
    llm, _ = scripted_llm({})
    assert STUDENTS["llm"] is LLMStudent
    assert isinstance(make_student("llm", llm), LLMStudent)
    with pytest.raises(BadInputError, match="--llm"):
        make_student("llm")
    with pytest.raises(BadInputError, match="offline"):
        make_student("genius")


def test_a_clean_reply_is_read_in_one_call():
    answers, provider = ask([reply("A", " c ", "b")])
    assert [(a.letter, a.how) for a in answers] == [("A", "model"), ("C", "model"), ("B", "model")]
    [(options, _)] = provider.requests
    assert (options.agent, options.section, options.json) == ("student", TOPIC, True)


def test_insufficient_means_no_letter_and_is_scored_wrong():
    answers, _ = ask([reply("A", "Insufficient", "B")])
    assert answers[1] == StudentAnswer(None, "insufficient", answers[1].note)
    llm, _ = scripted_llm({"student": [reply("A", "C", "B"), reply("insufficient", "insufficient", "B"),
                                       reply("A", "C", "B")]})
    result = run_teachquiz(TOPIC, QUESTIONS, LLMStudent(llm), Evidence(transcript=("Hi.",)), seed=0)
    assert result.states["unlearned"].correct.count(True) <= 1  # only the one real letter can be right
    assert [a.how for a in result.states["unlearned"].answers].count("insufficient") == 2


def test_a_letter_that_is_not_an_option_and_missing_questions_are_invalid():
    text = json.dumps({"answers": [{"question": 1, "answer": "E"}, {"question": 2, "answer": "C) ad - bc"},
                                   {"question": 4, "answer": "B"}, {"question": 3.5, "answer": "B"}, "B"]})
    answers, provider = ask([text, reply("E", "C) ad - bc", "B")])
    assert len(provider.requests) == 2  # nothing readable at all: asked again
    assert [(a.letter, a.how) for a in answers] == [(None, "invalid"), (None, "invalid"), ("B", "model")]
    assert "'E'" in answers[0].note
    assert "C) ad - bc" in answers[1].note
    assert "no answer for question 3" in provider.requests[1][1][-1].content


@pytest.mark.parametrize("shape", [{"answers": "A, C, B"}, {"answer": ["A", "C", "B"]}, {"answers": {"1": "A"}},
                                   {"answers": [["A"], ["C"], ["B"]]}])
def test_a_wrong_json_shape_is_asked_again_once_and_forgotten(shape, tmp_path):
    provider = ScriptedProvider({"student": [json.dumps(shape), reply("A", "C", "B")]})
    llm = LLM(provider, ModelSpec("scripted", "test"), cache_dir=tmp_path, max_retries=0)
    answers = LLMStudent(llm).answer(TOPIC, QUESTIONS, "unlearned", None)
    assert [a.letter for a in answers] == ["A", "C", "B"]
    assert len(provider.requests) == 2
    retry = provider.requests[1][1]
    assert retry[-2].role == "assistant" and retry[-2].content == json.dumps(shape)
    assert "could not be used" in retry[-1].content
    again = LLM(ScriptedProvider({"student": [reply("D", "D", "D")]}), ModelSpec("scripted", "test"),
                cache_dir=tmp_path, max_retries=0)
    fresh = LLMStudent(again).answer(TOPIC, QUESTIONS, "unlearned", None)
    assert [a.letter for a in fresh] == ["D", "D", "D"]  # the bad first reply was not cached


def test_only_the_answer_field_counts_never_a_letter_in_prose():
    text = json.dumps({"answers": [{"question": 1, "reasoning": "A is the best choice", "choice": "A"},
                                   {"question": 2, "answer": "C"}, {"question": 3, "answer": "A good guess"}]})
    answers, _ = ask([text])
    assert [a.letter for a in answers] == [None, "C", None]
    assert [a.how for a in answers] == ["invalid", "model", "invalid"]


def test_prose_is_asked_again_once_and_a_good_second_reply_is_used():
    answers, provider = ask(["A good question! I would say the answer is B.", reply("A", "C", "B")])
    assert [a.letter for a in answers] == ["A", "C", "B"]
    assert len(provider.requests) == 2
    retry = provider.requests[1][1]
    assert retry[-2].role == "assistant" and "answer is B" in retry[-2].content
    assert "could not be used" in retry[-1].content and "no JSON object" in retry[-1].content


def test_prose_twice_makes_every_answer_invalid_without_raising():
    answers, provider = ask(["A good question! The answer is B.", "Still B, I think."])
    assert len(provider.requests) == 2
    assert all(a.letter is None and a.how == "invalid" for a in answers)
    assert "Still B" in answers[0].note


def test_the_prompts_unlearn_in_the_quiz_states_but_not_in_the_baseline():
    _, provider = ask([reply("A", "C", "B")], state="baseline")
    system, user = provider.requests[0][1]
    assert "never studied" not in system.content and "insufficient" not in system.content
    assert not user.images and "Material" not in user.content
    _, provider = ask([reply("A", "C", "B")], state="unlearned")
    system, user = provider.requests[0][1]
    assert "never studied" in system.content and "insufficient" in system.content
    assert not user.images and "Material: none" in user.content
    for number, question in enumerate(QUESTIONS, 1):
        assert f"{number}. {question.question}" in user.content
        assert all(f"{letter}) {text}" in user.content for letter, text in question.options.items())


def keyframes(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    frames = []
    for index in range(count):
        frame = folder / f"{index:03d}.png"
        Image.new("RGB", (8, 8), (index * 20, 0, 0)).save(frame)
        frames.append(frame)
    return frames


def test_the_video_state_sends_the_transcript_and_evenly_chosen_frames(tmp_path: Path):
    frames = keyframes(tmp_path / "frames", 20)
    evidence = Evidence(transcript=("The determinant scales area.", "It is ad minus bc."),
                        screen_text=("det = ad - bc",) * 20, keyframes=tuple(frames), video_seconds=60)
    _, provider = ask([reply("A", "C", "B")], state="video", evidence=evidence)
    system, user = provider.requests[0][1]
    assert "never studied" in system.content
    assert "The determinant scales area. It is ad minus bc." in user.content
    assert len(user.images) == 8
    chosen = [frames[i] for i in (0, 3, 5, 8, 11, 14, 16, 19)]  # evenly spread, the first and last included
    assert [image.data for image in user.images] == [frame.read_bytes() for frame in chosen]


def test_a_whole_quiz_through_the_replay_provider(tmp_path: Path):
    lines = [{"agent": "student", "section": TOPIC, "content": reply("A", "C", "B")},
             {"agent": "student", "section": TOPIC, "content": reply("insufficient", "B", "A")},
             {"agent": "student", "section": TOPIC, "content": "I think A."},
             {"agent": "student", "section": TOPIC, "content": "```json\n" + reply("A", "C", "insufficient") + "\n```"}]
    path = tmp_path / "student.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    llm = open_llm(f"replay:{path}", cache_dir=None)
    result = run_teachquiz(TOPIC, QUESTIONS, LLMStudent(llm), Evidence(transcript=("Area scaling.",)), seed=0)
    # seed 0 puts the right answers at A, D, D (fixed here, not recomputed: a changed shuffle must fail)
    assert [q.answer for q in result.questions] == ["A", "D", "D"]
    assert result.questions[1].options["D"] == "ad - bc"
    assert [a.letter for a in result.states["baseline"].answers] == ["A", "C", "B"]
    assert result.states["baseline"].correct == [True, False, False]
    assert [a.letter for a in result.states["unlearned"].answers] == [None, "B", "A"]
    assert result.states["unlearned"].correct == [False, False, False]
    assert [a.letter for a in result.states["video"].answers] == ["A", "C", None]  # after one re-ask
    assert result.states["video"].correct == [True, False, False]
    assert [a.how for a in result.states["video"].answers] == ["model", "model", "insufficient"]
    assert result.gain == pytest.approx(1 / 3)
