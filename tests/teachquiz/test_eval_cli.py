"""`code2video eval teachquiz|aes|meta` on small outputs: results saved, bad input exits 2 with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mmmc_sample import MMMC
from typer.testing import CliRunner
from video_fixture import Slide, make_output

from code2video.cli import app

TOPIC = "Fractal dimension"
runner = CliRunner()


def _mmmc_questions(topic: str) -> list[dict]:
    return json.loads((MMMC / "questions_by_topic_10.json").read_text(encoding="utf-8"))[topic]


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> Path:
    """A video that states the answers of the MMMC quiz on fractal dimension, with a render's report.json."""
    slides = [Slide(4, q["options"][q["answer"]][:60], f"{q['question']} {q['options'][q['answer']]}.")
              for q in _mmmc_questions(TOPIC)]
    folder = make_output(tmp_path_factory.mktemp("eval") / "fractal-dimension", slides)
    (folder / "report.json").write_text(json.dumps({"topic": TOPIC.lower(), "wall_seconds": 10.0,
                                                    "video_seconds": 20.0, "narration_seconds": 19.5,
                                                    "stages": {"render": 8.0}, "sections": []}))
    return folder


def _eval(*args: str):
    return runner.invoke(app, ["eval", *map(str, args)])


def test_teachquiz_from_mmmc_data_finds_the_topic_and_saves_the_result(lesson):
    result = _eval("teachquiz", lesson, "--data", MMMC)
    assert result.exit_code == 0, result.output
    saved = json.loads((lesson / "eval" / "teachquiz.json").read_text())
    assert saved["topic"] == TOPIC and len(saved["questions"]) == 5
    video = saved["states"]["video"]["correct"]
    assert sum(video) >= 4  # the video states the answers
    unlearned = saved["states"]["unlearned"]
    assert {a["how"] for a in unlearned["answers"]} == {"guess"}
    assert saved["gain"] == pytest.approx(sum(video) / 5 - sum(unlearned["correct"]) / 5)
    low, high = saved["gain_interval"]
    assert low <= saved["gain"] <= high
    assert "gain (video - unlearned)" in result.output


def test_teachquiz_from_a_questions_file(lesson, tmp_path):
    quiz = tmp_path / "quiz.json"
    quiz.write_text(json.dumps(_mmmc_questions(TOPIC)[:2]))
    result = _eval("teachquiz", lesson, "--questions", quiz, "--seed", "3")
    assert result.exit_code == 0, result.output
    saved = json.loads((lesson / "eval" / "teachquiz.json").read_text())
    assert saved["seed"] == 3 and len(saved["questions"]) == 2


def test_aesthetics_proxies_are_saved(lesson):
    result = _eval("aes", lesson)
    assert result.exit_code == 0, result.output
    saved = json.loads((lesson / "eval" / "aesthetics.json").read_text())
    assert saved["judge"] is None
    assert saved["proxies"]["av_sync_proxy"]["score"] > 50 and "(proxy)" in result.output


def test_meta_against_a_reference_talk(lesson, tmp_path):
    other = make_output(tmp_path / "reference", [Slide(3, "Bread dough", "Knead the dough for ten minutes."),
                                                 Slide(3, "Let it rise", "Then let it rise in a warm place.")])
    result = _eval("meta", lesson, "--reference", other)
    assert result.exit_code == 0, result.output
    saved = json.loads((lesson / "eval" / "meta.json").read_text())
    assert 0 <= saved["content"]["combined"]["f1"] < 0.6  # an unrelated talk
    assert saved["speech"] is not None and saved["present_quiz"] is None


@pytest.mark.parametrize(("args", "message"), [
    (["teachquiz", "--data", str(MMMC), "--questions", "q.json"], "not both"),
    (["teachquiz"], "--data DIR"),
    (["teachquiz", "--data", str(MMMC), "--topic", "Knitting for beginners"], "no topic 'Knitting for beginners'"),
    (["teachquiz", "--questions", "missing.json"], "missing.json"),
    (["teachquiz", "--data", str(MMMC), "--student", "llm"], "--llm"),
    (["meta"], "nothing to compare"),
    (["meta", "--paper", "paper"], "--llm"),
    (["meta", "--reference", "missing.mp4"], "does not exist"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, args, message):
    folder = make_output(tmp_path / "out", [Slide(2, "Fractals", "Fractals repeat at every scale.")])
    before = sorted(p.name for p in folder.iterdir())
    result = _eval(args[0], folder, *args[1:])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert sorted(p.name for p in folder.iterdir()) == before
