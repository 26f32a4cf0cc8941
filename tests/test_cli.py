"""The CLI's error cases: clear message, exit code 2, nothing half-written."""

from pathlib import Path

import pytest
from mmmc_sample import MMMC
from typer.testing import CliRunner

from code2video.cli import app

runner = CliRunner()


def _render(*args):
    return runner.invoke(app, ["render", *args])


def test_empty_topic(tmp_path):
    result = _render("--topic", "  ", "--out", str(tmp_path))
    assert result.exit_code == 2 and "topic is empty" in result.output


def test_unknown_topic_suggests_lessons_and_llm(tmp_path):
    result = _render("--topic", "Eigenvalues of quantum operators", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "Closest built-in lessons" in result.output and "Eigenvectors, eigenvalues, and eigenbasis" in result.output
    assert "--llm" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_voice(tmp_path):
    result = _render("--topic", "The determinant", "--voice", "robot", "--out", str(tmp_path))
    assert result.exit_code == 2 and "unknown voice" in result.output and "piper" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_quality(tmp_path):
    result = _render("--topic", "The determinant", "--quality", "ultra", "--out", str(tmp_path))
    assert result.exit_code == 2 and "draft" in result.output


def test_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = _render("--topic", "The determinant", "--voice", "silent", "--out", str(blocker / "sub"))
    assert result.exit_code == 2 and "cannot write to output folder" in result.output
    assert blocker.read_text() == "not a folder"


def test_missing_ffmpeg(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = _render("--topic", "The determinant", "--voice", "silent", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "ffmpeg" in result.output and "apt-get install ffmpeg" in result.output
    assert not (tmp_path / "out").exists()


def test_lessons_lists_the_library():
    result = runner.invoke(app, ["lessons"])
    assert result.exit_code == 0 and "The determinant" in result.output


def test_voices_lists_backends():
    result = runner.invoke(app, ["voices"])
    assert result.exit_code == 0
    assert all(name in result.output for name in ("piper", "espeak", "silent"))


def test_llm_without_key_is_bad_input(tmp_path):
    result = _render("--topic", "Fourier series", "--llm", "openai:gpt-4.1", "--out", str(tmp_path))
    assert result.exit_code == 2 and "OPENAI_API_KEY" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_llm_provider_lists_the_valid_forms(tmp_path):
    result = _render("--topic", "Fourier series", "--llm", "mistral:large", "--out", str(tmp_path))
    assert result.exit_code == 2 and "anthropic:MODEL" in result.output and "replay:FILE.jsonl" in result.output


def test_unreachable_server_is_a_clear_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("CODE2VIDEO_LLM_RETRIES", "0")
    result = _render("--topic", "Fourier series", "--llm", "openai:qwen2.5:7b@http://127.0.0.1:9/v1",
                     "--out", str(tmp_path))
    assert result.exit_code == 1 and "could not connect" in result.output and "127.0.0.1:9" in result.output
    assert list(tmp_path.iterdir()) == []


def test_replies_that_are_never_json_stop_after_bounded_repairs(tmp_path):
    replay = tmp_path / "replies.jsonl"
    replay.write_text("".join('{"agent": "planner.outline", "content": "I would love to help!"}\n' for _ in range(3)))
    result = _render("--topic", "Fourier series", "--llm", f"replay:{replay}", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "no valid outline after 3 tries" in result.output
    assert not (tmp_path / "out").exists()


def test_a_key_in_the_environment_plans_topics_that_are_not_built_in(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens: no request leaves
    monkeypatch.setenv("CODE2VIDEO_LLM_RETRIES", "0")
    result = _render("--topic", "Fourier series", "--out", str(tmp_path))
    assert "planning one with openai:gpt-4.1" in result.output and result.exit_code == 1
    assert "127.0.0.1:9" in result.output


def test_render_needs_exactly_one_of_topic_and_paper(tmp_path):
    for args in ([], ["--topic", "The determinant", "--paper", str(tmp_path)]):
        result = _render(*args, "--out", str(tmp_path / "out"))
        assert result.exit_code == 2 and "--topic" in result.output and "--paper" in result.output
    assert not (tmp_path / "out").exists()


def test_paper_that_does_not_exist(tmp_path):
    result = _render("--paper", str(tmp_path / "nowhere"), "--voice", "silent", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "nowhere" in result.output
    assert not (tmp_path / "out").exists()


def test_paper_with_unknown_voice_writes_nothing(tmp_path):
    paper = Path(__file__).parent / "data" / "paper"
    result = _render("--paper", str(paper), "--voice", "robot", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "unknown voice" in result.output
    assert not (tmp_path / "out").exists()


def _cyclic_project(tmp_path):
    folder = tmp_path / "cyclic"
    folder.mkdir()
    (folder / "main.tex").write_text("\\documentclass{article}\\begin{document}\\input{a}\\end{document}")
    (folder / "a.tex").write_text("\\input{main}")
    return folder


def _escaping_archive(tmp_path):
    import io
    import tarfile
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"\\documentclass{article}\\begin{document}x\\end{document}"
        info = tarfile.TarInfo("../outside.tex")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return archive


def _no_main_file(tmp_path):
    folder = tmp_path / "nomain"
    folder.mkdir()
    (folder / "notes.tex").write_text("Just a fragment.")
    return folder


@pytest.mark.parametrize("make, message", [(_cyclic_project, "main.tex"), (_escaping_archive, "outside.tex"),
                                           (_no_main_file, "notes.tex")])
def test_unusable_papers_exit_2_and_write_nothing(tmp_path, make, message):
    result = _render("--paper", str(make(tmp_path)), "--voice", "silent", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "outside.tex").exists()


def _gradient(path: Path) -> Path:
    """An image with no face in it."""
    from PIL import Image

    Image.linear_gradient("L").resize((200, 200)).convert("RGB").save(path)
    return path


@pytest.mark.parametrize("args, message", [
    (["--avatar", "hologram"], "unknown avatar"),
    (["--avatar", "puppet:{tmp}/nobody.png"], "no face"),
    (["--avatar", "puppet", "--portrait", "{tmp}/missing.jpg"], "is not a file"),
    (["--avatar", "puppet"], "portrait"),
    (["--avatar", "hallo2:{tmp}/no/python", "--portrait", "{tmp}/nobody.png"], "hallo2"),
    (["--avatar", "presenter", "--gpus", "first"], "device numbers"),
    (["--avatar", "presenter", "--avatar-shape", "star"], "circle"),
    (["--voice-speed", "3"], "--voice-speed"),
    (["--voice", "f5:{tmp}/missing.wav:Hello there"], "f5"),
])
def test_bad_avatar_and_voice_options_exit_2_and_write_nothing(tmp_path, args, message):
    _gradient(tmp_path / "nobody.png")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = _render("--topic", "The determinant", "--voice", "silent", *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert message in result.output.replace("\n", " ")
    assert not (tmp_path / "out").exists()


def _bench(*args):
    return runner.invoke(app, ["bench", "mmmc", *args])


@pytest.mark.parametrize("args, message", [
    (["--data", "{tmp}/nowhere"], "is not a folder"),
    (["--data", "{mmmc}", "--topics", "2", "--topic-file", "{tmp}/topics.txt"], "not both"),
    (["--data", "{mmmc}", "--student", "llm"], "--student llm needs a model"),
    (["--data", "{mmmc}", "--student", "parrot"], "unknown --student"),
    (["--data", "{mmmc}", "--executor", "threads"], "unknown --executor"),
    (["--data", "{mmmc}", "--address", "ray://head:10001"], "--executor ray"),
    (["--data", "{mmmc}", "--llm", "nobody:model"], "unknown LLM"),
    (["--data", "{mmmc}", "--voice", "nobody"], "voice"),
    (["--data", "{mmmc}", "--topic-file", "{tmp}/topics.txt"], "is not an MMMC topic"),
    (["--data", "{mmmc}", "--max-frames", "0"], "--max-frames"),
])
def test_bench_bad_input_exits_2_and_writes_nothing(tmp_path, args, message):
    mmmc = MMMC
    (tmp_path / "topics.txt").write_text("Fractal dimensions\n")
    args = [a.replace("{tmp}", str(tmp_path)).replace("{mmmc}", str(mmmc)) for a in args]
    result = _bench(*args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert message in result.output.replace("\n", " ")
    assert not (tmp_path / "out").exists()
