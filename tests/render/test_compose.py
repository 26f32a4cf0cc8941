import pytest

from code2video.errors import RenderError
from code2video.render.compose import Chapter, chapters_metadata, compose_video


def test_chapter_titles_are_escaped():
    text = chapters_metadata("A=B", [Chapter("x; y # z", 0.0, 1.5)])
    assert "title=A\\=B" in text and "title=x\\; y \\# z" in text and "END=1500" in text


def test_failed_compose_leaves_no_video(tmp_path):
    broken = tmp_path / "clip.mp4"
    broken.write_bytes(b"not a video")
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"nope")
    video = tmp_path / "video.mp4"
    with pytest.raises(RenderError):
        compose_video([broken], wav, [], "t", video)
    assert not video.exists()
    assert [p.name for p in tmp_path.iterdir()] and not any(p.name.startswith(".compose") for p in tmp_path.iterdir())
