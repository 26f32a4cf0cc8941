"""`code2video bench mmmc` with the real video maker: a topic with no built-in lesson is a recorded
skip; a built-in lesson is rendered, quizzed and reported (slow)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from mmmc_sample import MMMC
from typer.testing import CliRunner

from code2video.cli import app

runner = CliRunner()
DETERMINANT_QUIZ = [
    ("What does the determinant of a 2x2 matrix measure geometrically?",
     ["The factor by which the transformation scales areas", "The angle between the two columns",
      "The length of the first column", "The number of rows"], "A"),
    ("What does a negative determinant mean?",
     ["Areas grow", "The transformation flips orientation", "The matrix is empty", "Nothing at all"], "B"),
    ("What does a determinant of zero tell you?",
     ["The transformation squishes space into a lower dimension", "The matrix is the identity",
      "The transformation is a rotation", "Areas double"], "A"),
]


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.skipif(not MMMC.is_dir(), reason="the MMMC sample data is not here")
def test_a_topic_without_a_lesson_or_llm_is_skipped_into_the_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["bench", "mmmc", "--data", str(MMMC), "--topics", "10", "--voice", "silent",
                                 "--no-ocr", "--max-frames", "6"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "and 2 more topics skipped" in said  # 7 of the first 10 have no questions
    assert "hint" in said and "pass --llm MODEL" in said  # nothing could be evaluated without a model
    folder = tmp_path / "out" / "bench" / "mmmc-offline"
    found = rows(folder / "results.csv")
    assert [row["topic"] for row in found] == [  # in the topic list's order
        "The inscribed square or rectangle problem in topology", "The Borsuk-Ulam theorem and stolen necklace problem",
        "Fractal dimension"]
    for row in found:
        assert (row["status"], row["message"], row["gain"]) == ("skipped", "no built-in lesson and no --llm", "")
    assert "0 topics evaluated, 3 skipped, 0 failed." in (folder / "summary.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_built_in_lesson_is_rendered_quizzed_and_reused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "long_video_topics_list.json").write_text(json.dumps(["The determinant"]), encoding="utf-8")
    quiz = [{"question": q, "options": dict(zip("ABCD", options)), "answer": answer}
            for q, options, answer in DETERMINANT_QUIZ]
    (data / "questions_by_topic_10.json").write_text(json.dumps({"The determinant": quiz}), encoding="utf-8")
    args = ["bench", "mmmc", "--data", str(data), "--out", str(tmp_path / "run"), "--voice", "silent",
            "--quality", "draft"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    [row] = rows(tmp_path / "run" / "results.csv")
    assert row["status"] == "done" and row["questions"] == "3"
    assert float(row["gain"]) > 0 and float(row["render_seconds"]) > 0
    assert list((tmp_path / "run" / "videos" / "the-determinant").glob("*/video.mp4"))
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "Reusing 1 finished topic" in again.output
    assert rows(tmp_path / "run" / "results.csv") == [row]
