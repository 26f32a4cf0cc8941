"""The drawn presenter: its mouth follows the visemes and the voice, its eyes blink, nothing else moves."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from code2video.avatar import AvatarJob, get_avatar
from code2video.avatar.video import probe_clip
from code2video.avatar.visemes import blink_track, mouth_track

SIZE = 160


def dark_pixels(frames: np.ndarray, patch) -> np.ndarray:
    """Per frame, how many pixels of ``patch`` are as dark as the inside of an open mouth."""
    pixels = frames[:, patch.top:patch.bottom, patch.left:patch.right].astype(np.float32)
    return ((pixels @ np.array([0.299, 0.587, 0.114], np.float32)) < 70).sum(axis=(1, 2))


@pytest.fixture(scope="module")
def spoken_frames(spoken) -> np.ndarray:
    return np.stack(list(get_avatar("presenter").frames(spoken.audio, spoken.words, 30, SIZE)))


def test_frames_have_the_narrations_length_and_the_asked_size(spoken_frames, spoken):
    assert spoken_frames.shape == (round(spoken.duration * 30), SIZE, SIZE, 3)
    assert spoken_frames.dtype == np.uint8


def test_animate_writes_a_clip_of_the_right_length_and_size(spoken, tmp_path):
    job = AvatarJob(spoken.audio, spoken.words, tmp_path / "head.mp4", fps=24, size=128)
    assert get_avatar("presenter").animate(job) == job.out
    info = probe_clip(job.out)
    assert (info.frames, info.width, info.height) == (round(spoken.duration * 24), 128, 128)


def test_the_mouth_follows_the_visemes_of_a_sentence(spoken, spoken_frames):
    mouth = get_avatar("presenter").character(SIZE).layout.mouth
    opening = dark_pixels(spoken_frames, mouth)
    track = mouth_track(spoken.audio, spoken.words, 30)
    shapes = np.array(track.visemes)
    pause = np.convolve(track.loudness > 0, np.ones(5), "same") == 0
    assert pause.any() and opening[pause].max() == 0  # closed in silence
    open_vowels, lips_shut = np.isin(shapes, ["aa", "oh"]), shapes == "mbp"
    assert open_vowels.any() and lips_shut.any()
    assert opening[open_vowels].mean() > 4 * opening[lips_shut].mean()
    assert opening.max() > 0.05 * (mouth.bottom - mouth.top) * (mouth.right - mouth.left)  # visibly open
    assert np.corrcoef(opening, track.openness)[0, 1] > 0.9


def test_lips_close_on_p_and_open_on_a(papa):
    audio, words = papa
    frames = np.stack(list(get_avatar("presenter").frames(audio, words, 30, SIZE)))
    opening = dark_pixels(frames, get_avatar("presenter").character(SIZE).layout.mouth)
    assert opening[:9].max() == 0 and opening[40:].max() == 0  # silence
    assert opening[18] > 30 and opening[33] > 30  # 'a'
    assert opening[25] < 0.2 * opening[18]  # the second 'p'


def test_mouth_shapes_differ_in_width():
    character = get_avatar("presenter").character(SIZE)

    def columns(openness, width):
        dark = (character.mouth(openness, width) @ np.array([0.299, 0.587, 0.114])) < 70
        return np.ptp(np.flatnonzero(dark.any(axis=0)))

    assert columns(0.5, 1.25) > columns(0.5, 1.0) > columns(0.5, 0.7)  # ee, neutral, oo


def test_only_the_eyes_and_mouth_move_and_the_eyes_blink(spoken, spoken_frames):
    layout = get_avatar("presenter").character(SIZE).layout
    changed = (spoken_frames != spoken_frames[0]).any(axis=(0, 3))
    for patch in (layout.mouth, *layout.eyes):
        changed[patch.top:patch.bottom, patch.left:patch.right] = False
    assert not changed.any()
    closed = blink_track(len(spoken_frames), 30, mouth_track(spoken.audio, spoken.words, 30).seed) > 0.5
    assert closed.any()
    eye = layout.eyes[0]
    eyes = spoken_frames[:, eye.top:eye.bottom, eye.left:eye.right].astype(int)
    difference = np.abs(eyes - eyes[0]).mean(axis=(1, 2, 3))
    assert difference[closed].min() > 5 and np.median(difference) == 0


def test_the_presenter_needs_no_opencv(monkeypatch, papa, tmp_path):
    monkeypatch.setitem(sys.modules, "cv2", None)
    audio, words = papa
    job = AvatarJob(audio, words, tmp_path / "head.mp4", fps=30, size=96)
    assert probe_clip(get_avatar("presenter").animate(job)).frames == 45
