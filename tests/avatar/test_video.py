"""Writing avatar clips through ffmpeg."""

from __future__ import annotations

import numpy as np
import pytest

from code2video.avatar import AvatarError
from code2video.avatar.video import probe_clip, write_clip


def test_a_clip_appears_only_when_complete(tmp_path):
    frames = (np.full((32, 32, 3), i * 20, np.uint8) for i in range(5))
    out = write_clip(frames, tmp_path / "head.mp4", fps=25, size=32)
    assert probe_clip(out).frames == 5
    assert [p.name for p in tmp_path.iterdir()] == ["head.mp4"]


def test_ffmpeg_stopping_early_is_an_avatar_error_with_its_reason(tmp_path):
    frames = (np.zeros((64, 64, 3), np.uint8) for _ in range(200))  # far more than a pipe holds
    with pytest.raises(AvatarError, match="ffmpeg could not encode the avatar clip: .*format"):
        write_clip(frames, tmp_path / "head.not-a-format", fps=25, size=64)
    assert list(tmp_path.iterdir()) == []
