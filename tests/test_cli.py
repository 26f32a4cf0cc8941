"""The CLI's error cases: clear message, exit code 2, nothing half-written."""

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
    assert "Closest built-in lessons" in result.output and "The determinant" in result.output
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
