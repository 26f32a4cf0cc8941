"""Meta metrics: content similarity (embeddings and judge), reference evidence, and PresentQuiz."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from fakes import scripted_llm
from video_fixture import Slide, make_output

from code2video.errors import BadInputError, Code2VideoError
from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.meta import (
    content_similarity,
    draft_quiz,
    generate_quiz,
    load_questions,
    paper_text,
    present_quiz,
    reference_evidence,
)
from code2video.teachquiz.questions import Question
from code2video.teachquiz.students.base import State, Student, StudentAnswer

PAPER = Path(__file__).parents[1] / "data" / "paper"

ATTENTION = Evidence(
    ("Dense attention compares every frame with every other frame.",
     "Its cost grows with the square of the video length.",
     "Sparse anchor attention lets each frame look only at a few anchor frames.",
     "A learned saliency score picks the anchors.",
     "On hour-long videos it keeps most of the accuracy with a tenth of the memory."),
    ("Sparse Anchor Attention\nanchors chosen by saliency", "Results\n93% accuracy, 10x less memory"))
BAKING = Evidence(
    ("Sourdough bread rises thanks to wild yeast in the starter.",
     "Feed the starter with flour and water every day.",
     "A long cold proof in the fridge deepens the flavour.",
     "Bake in a hot covered pot so the crust stays crisp."),
    ("Baking sourdough\nfeed the starter daily", "Cold proof overnight\nbake at 250 degrees"))


def test_a_talk_matches_itself_and_not_an_unrelated_one():
    itself = content_similarity(ATTENTION, ATTENTION)
    unrelated = content_similarity(ATTENTION, BAKING)
    for kind in ("transcript", "slides", "combined"):
        assert getattr(itself, kind).f1 == pytest.approx(1.0, abs=1e-3)
        assert getattr(unrelated, kind).f1 < 0.5
    assert itself.transcript.generated_chunks == 5 and itself.slides.reference_chunks == 4
    assert itself.judge_score is None and itself.judge_error is None  # no model, no judge


def test_a_partial_talk_has_high_precision_and_lower_recall():
    part = Evidence(ATTENTION.transcript[:2], ())
    result = content_similarity(part, ATTENTION)
    assert result.transcript.precision == pytest.approx(1.0, abs=1e-3)
    assert result.transcript.recall < 0.9
    assert result.slides is None and "the generated talk has no slide text" in result.notes


def test_the_judge_rates_coverage_and_bad_replies_are_sent_back():
    llm, provider = scripted_llm({"judge": ['{"score": 7, "reason": "very thorough"}',
                                            '{"score": 4, "reason": "misses the memory numbers"}']})
    result = content_similarity(ATTENTION, ATTENTION, llm)
    assert (result.judge_score, result.judge_reason) == (4, "misses the memory numbers")
    assert "whole number from 1 to 5, not 7" in provider.requests[1][1][-1].content
    first = provider.requests[0][1][-1].content
    assert "learned saliency score" in first and "REFERENCE" in first
    assert ("content coverage (judge)", "4/5  misses the memory numbers") in result.describe()


def test_a_judge_that_never_answers_properly_leaves_the_embedding_scores():
    llm, _ = scripted_llm({"judge": ["Mostly covered, I would say.", '{"score": 3.5, "reason": "half"}']})
    result = content_similarity(ATTENTION, BAKING, llm)
    assert result.judge_score is None and "1 to 5" in result.judge_error
    assert result.combined is not None


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="needs ffmpeg")
def test_reference_from_a_video_file_among_others_with_a_text_transcript(tmp_path):
    talks = tmp_path / "talks"
    make_output(talks, [Slide(2, "Sparse anchors", "")])
    (talks / "video.mp4").rename(talks / "keynote.mp4")
    (talks / "video.srt").unlink()
    make_output(tmp_path / "other", [Slide(2, "Other", "")])
    shutil.copy(tmp_path / "other" / "video.mp4", talks / "rehearsal.mp4")
    (talks / "keynote.txt").write_text("Anchors are picked by saliency. They save memory!\n")
    (tmp_path / "other" / "video.srt").rename(talks / "rehearsal.srt")  # another video's subtitles
    before = sorted(p.name for p in talks.iterdir())
    talks.chmod(0o555)  # a read-only reference folder
    try:
        evidence = reference_evidence(talks / "keynote.mp4", work=tmp_path / "work", read_screen=False)
    finally:
        talks.chmod(0o755)
    assert evidence.transcript == ("Anchors are picked by saliency.", "They save memory!")
    assert evidence.video_seconds == pytest.approx(2, abs=0.3)
    assert sorted(p.name for p in talks.iterdir()) == before
    assert evidence.keyframes and all(f.parent == tmp_path / "work" / "keyframes" for f in evidence.keyframes)
    with pytest.raises(BadInputError, match="does not exist"):
        reference_evidence(tmp_path / "nowhere", work=tmp_path / "work")


# --- PresentQuiz ------------------------------------------------------------------------------


def item(question: str, right: str, *wrong: str, answer: str = "A", **extra) -> dict:
    options = dict(zip("ABCD", (right, *wrong)))
    return {"question": question, "options": options, "answer": answer, **extra}


GOOD = [
    item("What picks the anchor frames?", "a learned saliency score", "random sampling", "the first frame", "k-means"),
    item("How does dense attention's cost grow?", "with the square of the length", "linearly", "not at all",
         "logarithmically", explanation="stated in the introduction"),
    item("How much memory does SAA use?", "a tenth of dense attention", "twice as much", "the same", "half"),
    item("What accuracy does SAA keep?", "93 percent", "50 percent", "10 percent", "100 percent"),
]


def quiz_reply(items: list[dict]) -> str:
    return json.dumps({"questions": items})


def test_generated_questions_are_validated_and_bad_ones_dropped_with_a_reason():
    bad = [item("Only three options?", "yes", "no", "maybe"),
           item("Which letter?", "x", "y", "z", "w", answer="E"),
           GOOD[0]]
    llm, provider = scripted_llm({"examiner": [quiz_reply(GOOD + bad)]})
    draft = draft_quiz("The paper text about sparse anchor attention.", llm, count=4)
    assert [q.question for q in draft.questions] == [g["question"] for g in GOOD]
    assert draft.dropped == ["question 5: needs exactly four options A-D, not 3",
                             "question 6: answer 'E' is not one of the options A, B, C, D",
                             "question 7: repeats an earlier question"]
    options, messages = provider.requests[0]
    assert options.agent == "examiner" and options.json
    assert "sparse anchor attention" in messages[-1].content and "4 multiple-choice" in messages[-1].content


def test_too_few_usable_questions_are_asked_again_then_fail():
    llm, provider = scripted_llm({"examiner": ["here are some questions", quiz_reply(GOOD[:1])]})
    with pytest.raises(Code2VideoError, match="only 1 of 1 questions are usable, at least 2 needed"):
        generate_quiz("paper", llm, count=4)
    assert "no JSON object" in provider.requests[1][1][-1].content
    llm, _ = scripted_llm({"examiner": [quiz_reply(GOOD[:1]), quiz_reply(GOOD[1:3])]})
    assert len(generate_quiz("paper", llm, count=4)) == 2  # the re-ask gave enough


def test_questions_from_a_json_file(tmp_path):
    good = tmp_path / "quiz.json"
    good.write_text(json.dumps(GOOD[:1] + [{k: v for k, v in g.items() if k != "explanation"} for g in GOOD[1:]]))
    assert [q.answer for q in load_questions(good)] == ["A"] * 4
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([GOOD[0], {"question": "no options", "answer": "A"}]))
    with pytest.raises(BadInputError, match="question 2"):
        load_questions(broken)
    (tmp_path / "empty.json").write_text("[]")
    with pytest.raises(BadInputError, match="non-empty"):
        load_questions(tmp_path / "empty.json")


def test_a_questions_file_may_have_two_to_eight_options(tmp_path):
    path = tmp_path / "quiz.json"
    true_false = {"question": "Is attention quadratic?", "options": {"A": "Yes", "B": "No"}, "answer": "A"}
    five = {"question": "Which?", "options": {k: f"option {k}" for k in "ABCDE"}, "answer": "E"}
    path.write_text(json.dumps([true_false, five]))
    assert [len(q.options) for q in load_questions(path)] == [2, 5]
    path.write_text(json.dumps([{**true_false, "options": {"A": "Yes"}}]))
    with pytest.raises(BadInputError, match="question 1: options must be lettered"):
        load_questions(path)


class EvidenceReader(Student):
    """Picks the option whose text the transcript contains; None when none is there."""

    name = "reader"

    def __init__(self) -> None:
        self.calls: list[tuple[str, State, Evidence | None]] = []

    def answer(self, topic: str, questions: Sequence[Question], state: State,
               evidence: Evidence | None) -> list[StudentAnswer]:
        self.calls.append((topic, state, evidence))
        said = " ".join(evidence.transcript).lower() if evidence else ""
        found = [[letter for letter, text in q.options.items() if text.lower() in said] for q in questions]
        return [StudentAnswer(hit[0], "evidence") if hit else StudentAnswer(None, "insufficient") for hit in found]


def test_present_quiz_asks_the_student_in_the_video_state():
    questions = [Question.model_validate({k: v for k, v in g.items() if k != "explanation"}) for g in GOOD]
    talk = Evidence(("Anchors come from a learned saliency score.", "The cost grows with the square of the length."),)
    student = EvidenceReader()
    result = present_quiz(questions, talk, student, topic="SAA", seed=3)
    assert student.calls == [("SAA", "video", talk)]
    assert (result.correct, result.total, result.accuracy) == (2, 4, 0.5)
    assert [a.chosen is None for a in result.answers] == [False, False, True, True]
    assert {a.correct for a in result.answers} != {"A"}  # options were shuffled before asking
    assert all(a.chosen == a.correct for a in result.answers[:2])


def test_a_student_giving_too_few_answers_is_an_error():
    class Short(EvidenceReader):
        def answer(self, topic, questions, state, evidence):
            return super().answer(topic, questions, state, evidence)[:1]

    questions = [Question.model_validate({k: v for k, v in g.items() if k != "explanation"}) for g in GOOD[:2]]
    with pytest.raises(Code2VideoError, match="1 answers to 2 questions"):
        present_quiz(questions, ATTENTION, Short())


def test_paper_text_reads_the_latex_project(tmp_path):
    text = paper_text(PAPER)
    assert text.startswith("Sparse Anchor Attention for Long Videos")
    assert "learned saliency score" in text and "\\" not in text
    tiny = tmp_path / "tiny.tex"
    tiny.write_text("\\documentclass{article}\\begin{document}Hello.\\end{document}")
    with pytest.raises(BadInputError, match="words of text"):
        paper_text(tiny)


def test_present_quiz_with_the_offline_student():
    from code2video.teachquiz.students.offline import OfflineStudent

    questions = [Question.model_validate({k: v for k, v in g.items() if k != "explanation"}) for g in GOOD]
    told = present_quiz(questions, ATTENTION, OfflineStudent(), topic="Sparse anchor attention")
    untold = present_quiz(questions, BAKING, OfflineStudent(), topic="Sparse anchor attention")
    assert told.student == "offline" and told.correct >= 3
    assert untold.correct < told.correct
