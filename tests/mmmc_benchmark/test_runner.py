"""The benchmark end to end with a fake VideoMaker: per-topic records, skips and failures, outputs,
resume, and the same rows from Ray as from the process pool."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mmmc_fakes import FakeMaker
from mmmc_sample import MMMC
from PIL import Image

from code2video.errors import BadInputError, MissingToolError
from code2video.mmmc_benchmark.data import QUESTIONS_FILE, TOPICS_FILE
from code2video.mmmc_benchmark.outputs import COLUMNS
from code2video.mmmc_benchmark.records import read_record, record_path
from code2video.mmmc_benchmark.runner import (
    BenchConfig,
    default_run_name,
    run_benchmark,
)
from code2video.settings import Settings

pytestmark = pytest.mark.skipif(not (MMMC / QUESTIONS_FILE).is_file(), reason="the MMMC sample data is not here")
TOPICS = ["Fractal dimension", "Windmill problem", "Riemann zeta function", "Moser's circle problem"]


def small_data(tmp_path: Path, topics: list[str] = TOPICS) -> Path:
    """A data folder with the released files cut down to ``topics`` (plus one topic without questions)."""
    folder = tmp_path / "data"
    folder.mkdir()
    bank = json.loads((MMMC / QUESTIONS_FILE).read_text(encoding="utf-8"))
    (folder / TOPICS_FILE).write_text(json.dumps(["Proof of Snell's law", *topics]), encoding="utf-8")
    (folder / QUESTIONS_FILE).write_text(json.dumps({t: bank[t] for t in topics}), encoding="utf-8")
    return folder


def config(tmp_path: Path, data: Path, **changes) -> BenchConfig:
    values = {"data_dir": data, "out_dir": tmp_path / "run", "maker": FakeMaker(data, tmp_path / "made.log"),
              "jobs": 2, "max_frames": 8}
    return BenchConfig(**{**values, **changes})


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def made(tmp_path: Path) -> list[str]:
    log = tmp_path / "made.log"
    return log.read_text(encoding="utf-8").splitlines() if log.is_file() else []


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """One run over four topics: two done, one failing, one skipped by the maker."""
    tmp_path = tmp_path_factory.mktemp("bench")
    data = small_data(tmp_path)
    maker = FakeMaker(data, tmp_path / "made.log", answered=4, fail=("Riemann zeta function",),
                      skip=("Moser's circle problem",))
    run = run_benchmark(config(tmp_path, data, maker=maker))
    return tmp_path, run


def test_every_topic_gets_a_record(finished_run):
    _tmp_path, run = finished_run
    status = {r.topic: r.status for r in run.records}
    assert status == {"Fractal dimension": "done", "Windmill problem": "done",
                      "Riemann zeta function": "failed", "Moser's circle problem": "skipped"}
    assert [r.topic for r in run.records] == TOPICS  # in topic-list order
    assert run.warnings == ["skipped \"Proof of Snell's law\": no questions for it in questions_by_topic_10.json"]
    failed = read_record(record_path(run.out_dir, "riemann-zeta-function"))
    assert "the fake maker cannot make Riemann zeta function" in failed.message
    skipped = read_record(record_path(run.out_dir, "moser-s-circle-problem"))
    assert skipped.message == "no built-in lesson and no --llm"
    done = read_record(record_path(run.out_dir, "fractal-dimension"))
    assert done.fingerprint == {"student": "offline", "llm": None, "seed": 0, "quality": "standard", "voice": "piper",
                                "max_frames": 8, "read_screen": True, "questions": done.fingerprint["questions"]}
    assert (run.out_dir / "videos" / "fractal-dimension" / "video.mp4").is_file()


def test_the_video_teaches_what_it_states(finished_run):
    _, run = finished_run
    for record in run.records:
        if record.status == "done":
            quiz = record.teachquiz()
            assert quiz.accuracy("video") >= 0.6  # four of five answers are on the slides
            assert quiz.gain > 0
            assert all(a.how == "guess" for a in quiz.states["unlearned"].answers)


def test_results_csv(finished_run):
    _, run = finished_run
    rows = read_rows(run.out_dir / "results.csv")
    assert tuple(rows[0]) == COLUMNS
    assert [row["topic"] for row in rows] == TOPICS
    by_topic = {row["topic"]: row for row in rows}
    fractal = by_topic["Fractal dimension"]
    quiz = next(r for r in run.records if r.topic == "Fractal dimension").teachquiz()
    assert float(fractal["gain"]) == pytest.approx(quiz.gain, abs=1e-4)
    assert float(fractal["video_accuracy"]) - float(fractal["unlearned_accuracy"]) == pytest.approx(quiz.gain, abs=1e-3)
    assert float(fractal["gain_low"]) <= float(fractal["gain"]) <= float(fractal["gain_high"])
    assert float(fractal["render_seconds"]) == 3.0 + len("Fractal dimension") % 5  # from the video's report.json
    assert float(fractal["wall_seconds"]) == pytest.approx(float(fractal["render_seconds"]) +
                                                           float(fractal["eval_seconds"]), abs=0.02)
    assert fractal["questions"] == "5" and fractal["status"] == "done"
    assert by_topic["Riemann zeta function"]["gain"] == "" and by_topic["Riemann zeta function"]["status"] == "failed"


def test_summary_matches_the_csv(finished_run):
    _, run = finished_run
    rows = [row for row in read_rows(run.out_dir / "results.csv") if row["status"] == "done"]
    text = (run.out_dir / "summary.md").read_text(encoding="utf-8")
    assert "2 topics evaluated, 1 skipped, 1 failed." in text
    for column, label in (("gain", "gain (video - unlearned)"), ("video_accuracy", "video accuracy"),
                          ("unlearned_accuracy", "unlearned accuracy")):
        match = re.search(rf"\| {re.escape(label)} \| ([-\d.]+) \| \[([-\d.]+), ([-\d.]+)\] \|", text)
        mean = sum(float(row[column]) for row in rows) / len(rows)
        assert float(match.group(1)) == pytest.approx(mean, abs=1e-3)
        assert float(match.group(2)) <= float(match.group(1)) <= float(match.group(3))
    assert "## Skipped topics\n\n- Moser's circle problem: no built-in lesson and no --llm" in text
    assert "## Failed topics\n\n- Riemann zeta function: making the video: RuntimeError" in text
    assert "| student | offline |" in text and "| seed | 0 |" in text
    # the videos' report.json files (FakeMaker): wall 3 + len(topic) % 5, 2 s of video a slide, stages likewise
    assert "| outputs | 2 |" in text and "| wall time | 9.0 s for 16.0 s of video (33.75 s per video minute) |" in text
    assert "| stages | narrate 2.0s, render 6.0s, compose 1.0s |" in text
    for row in rows:
        assert f"| {row['topic']} | 5 |" in text and f"{float(row['gain']):+.3f}" in text


def test_plots_are_images(finished_run):
    _, run = finished_run
    for name in ("gains.png", "stages.png"):
        with Image.open(run.out_dir / "plots" / name) as image:
            image.verify()
            assert image.format == "PNG" and image.size[0] > 300 and image.size[1] > 100


def test_rerun_reuses_finished_topics_and_retries_failed_ones(finished_run, tmp_path):
    _, first = finished_run
    data, out_dir = first.out_dir.parent / "data", tmp_path / "run"
    shutil.copytree(first.out_dir, out_dir)  # leave the shared run as it is for the other tests
    stored = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out_dir / "topics").glob("*.json")}
    again = run_benchmark(config(tmp_path, data, maker=FakeMaker(data, tmp_path / "made.log", answered=4)))
    assert made(tmp_path) == ["Riemann zeta function"]  # only the failed topic is made again
    assert sorted(again.reused) == ["Fractal dimension", "Moser's circle problem", "Windmill problem"]
    for name in ("fractal-dimension.json", "windmill-problem.json", "moser-s-circle-problem.json"):
        path = out_dir / "topics" / name
        assert (path.read_bytes(), path.stat().st_mtime_ns) == stored[name]
    assert {r.topic: r.status for r in again.records}["Riemann zeta function"] == "done"
    assert len(read_rows(out_dir / "results.csv")) == 4


def test_a_changed_seed_redoes_the_topics(tmp_path):
    data = small_data(tmp_path, TOPICS[:1])
    run_benchmark(config(tmp_path, data, jobs=1, read_screen=False))
    run_benchmark(config(tmp_path, data, jobs=1, read_screen=False, seed=7))
    assert made(tmp_path) == ["Fractal dimension", "Fractal dimension"]
    stored = read_record(record_path(tmp_path / "run", "fractal-dimension"))
    assert stored.fingerprint["seed"] == 7 and stored.teachquiz().seed == 7


def test_the_report_holds_only_the_topics_selected_now(finished_run, tmp_path):
    _, first = finished_run
    data, out_dir = first.out_dir.parent / "data", tmp_path / "run"
    shutil.copytree(first.out_dir, out_dir)
    again = run_benchmark(config(tmp_path, data, topic_count=2))  # Snell's law (no questions), Fractal dimension
    assert made(tmp_path) == [] and again.reused == ["Fractal dimension"]
    assert [r.topic for r in again.records] == ["Fractal dimension"]
    assert [row["topic"] for row in read_rows(out_dir / "results.csv")] == ["Fractal dimension"]


def test_changed_render_settings_redo_the_topics(tmp_path):
    data = small_data(tmp_path, TOPICS[:1])
    draft = Settings(quality="draft", voice="silent")
    for settings in (draft, draft, draft.model_copy(update={"quality": "high"}),
                     draft.model_copy(update={"voice": "espeak"})):
        run_benchmark(config(tmp_path, data, jobs=1, read_screen=False, settings=settings))
    assert made(tmp_path) == ["Fractal dimension"] * 3  # the second run reused the first
    stored = read_record(record_path(tmp_path / "run", "fractal-dimension"))
    assert (stored.fingerprint["quality"], stored.fingerprint["voice"]) == ("draft", "espeak")
    run_benchmark(config(tmp_path, data, jobs=1, read_screen=False, settings=draft, max_frames=4))
    assert len(made(tmp_path)) == 4  # fewer keyframes: another evaluation


def test_missing_tools_fail_before_anything_is_written(tmp_path, monkeypatch):
    data = small_data(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no tesseract
    with pytest.raises(MissingToolError, match="tesseract"):
        run_benchmark(config(tmp_path, data))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(BadInputError, match="no OpenAI API key"):
        run_benchmark(config(tmp_path, data, read_screen=False, llm="openai:gpt-4.1"))
    assert not (tmp_path / "run").exists() and made(tmp_path) == []


def test_bad_input_writes_nothing(tmp_path):
    data = small_data(tmp_path)
    with pytest.raises(BadInputError, match="--student llm needs a model"):
        run_benchmark(config(tmp_path, data, student="llm"))
    with pytest.raises(BadInputError, match="unknown --student"):
        run_benchmark(config(tmp_path, data, student="parrot"))
    with pytest.raises(BadInputError, match="not both"):
        run_benchmark(config(tmp_path, data, topic_count=1, topic_file=tmp_path / "t.txt"))
    with pytest.raises(BadInputError, match="not a folder"):
        run_benchmark(config(tmp_path, tmp_path / "nowhere"))
    assert not (tmp_path / "run").exists() and made(tmp_path) == []


def test_default_run_names_are_stable():
    assert default_run_name("offline", None) == "mmmc-offline"
    assert default_run_name("llm", "openai:gpt-4.1") == "mmmc-llm-gpt-4-1"


def test_ray_gives_the_same_rows_as_the_process_pool(finished_run):
    pytest.importorskip("ray")
    tmp_path, first = finished_run
    data = first.out_dir.parent / "data"
    maker = FakeMaker(data, tmp_path / "ray.log", answered=4, fail=("Riemann zeta function",),
                      skip=("Moser's circle problem",))
    run = run_benchmark(config(tmp_path, data, maker=maker, executor="ray", out_dir=tmp_path / "ray-run"))
    assert sorted(run.ran) == sorted(TOPICS)

    def without_timings(folder: Path) -> list[dict]:
        return [{k: v for k, v in row.items() if "seconds" not in k} for row in read_rows(folder / "results.csv")]

    assert without_timings(tmp_path / "ray-run") == without_timings(first.out_dir)
    assert [row["status"] for row in without_timings(tmp_path / "ray-run")] == ["done", "done", "failed", "skipped"]


RESUMABLE_RUN = """
import sys
from pathlib import Path
from mmmc_fakes import FakeMaker
from code2video.mmmc_benchmark.runner import BenchConfig, run_benchmark

tmp = Path(sys.argv[1])
maker = FakeMaker(tmp / "data", tmp / "made.log", pause=4.0)
run_benchmark(BenchConfig(data_dir=tmp / "data", out_dir=tmp / "run", maker=maker, jobs=1, read_screen=False,
                          max_frames=8))
"""


def test_a_killed_run_resumes_without_redoing_finished_topics(tmp_path):
    data = small_data(tmp_path)
    tests = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])}
    process = subprocess.Popen([sys.executable, "-c", RESUMABLE_RUN, str(tmp_path)], env=env,
                               start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    topics = tmp_path / "run" / "topics"
    try:
        while not (topics.is_dir() and any(topics.glob("*.json"))):
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            time.sleep(0.1)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the run and its pool workers, mid-way
        process.wait()
    kept = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in topics.glob("*.json")}
    assert 1 <= len(kept) < len(TOPICS)
    assert not (tmp_path / "run" / "results.csv").exists()
    finished = {read_record(topics / name).topic for name in kept}
    before = made(tmp_path)

    run = run_benchmark(config(tmp_path, data, jobs=1, read_screen=False))
    assert sorted(made(tmp_path)[len(before):]) == sorted(set(TOPICS) - finished)  # the rest, once each
    assert set(run.reused) == finished
    for name, (content, mtime) in kept.items():
        assert ((topics / name).read_bytes(), (topics / name).stat().st_mtime_ns) == (content, mtime)
    assert [row["status"] for row in read_rows(tmp_path / "run" / "results.csv")] == ["done"] * 4


def test_the_llm_student_runs_in_the_workers_from_its_spec(tmp_path):
    from code2video.mmmc_benchmark.data import load_mmmc
    from code2video.teachquiz.questions import shuffle_options

    data = small_data(tmp_path, TOPICS[:1])
    asked = [shuffle_options(q, 3) for q in load_mmmc(data).questions[TOPICS[0]]]

    def reply(letters: list[str]) -> str:
        return json.dumps({"answers": [{"question": n, "answer": a} for n, a in enumerate(letters, 1)]})

    replies = [reply([q.answer for q in asked]), reply(["insufficient"] * 5),
               reply([q.answer for q in asked[:3]] + ["insufficient"] * 2)]
    recording = tmp_path / "student.jsonl"
    recording.write_text("".join(json.dumps({"agent": "student", "section": TOPICS[0], "content": text}) + "\n"
                                 for text in replies), encoding="utf-8")
    settings = Settings(llm=f"replay:{recording}")  # a model from the config file or environment counts too
    run = run_benchmark(config(tmp_path, data, student="llm", settings=settings, seed=3, read_screen=False))
    [record] = run.records
    assert record.status == "done", record.message
    quiz = record.teachquiz()
    assert (quiz.student, quiz.accuracy("baseline"), quiz.accuracy("unlearned"), quiz.accuracy("video")) == \
        ("llm", 1.0, 0.0, 0.6)
    assert record.student_llm["total"]["calls"] == 3
    assert record.fingerprint["llm"] == f"replay:{recording}"
