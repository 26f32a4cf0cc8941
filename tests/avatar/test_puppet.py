"""The puppet: a real portrait animated by a real spoken sentence."""

from __future__ import annotations

import numpy as np
import pytest

from code2video.avatar import AvatarJob, get_avatar
from code2video.avatar.face import analyse_face
from code2video.avatar.puppet import PuppetBackend
from code2video.avatar.video import probe_clip, read_wav
from code2video.avatar.visemes import blink_track, loudness, mouth_track
from code2video.errors import BadInputError

cv2 = pytest.importorskip("cv2")
SIZE = 192


@pytest.fixture(scope="module")
def clip_frames(portrait, spoken) -> np.ndarray:
    """All frames of the puppet speaking the test sentence, as one array (frames, SIZE, SIZE, 3)."""
    backend = get_avatar(f"puppet:{portrait}")
    return np.stack(list(backend.frames(spoken.audio, spoken.words, 30, SIZE)))


def test_the_face_is_found_where_a_face_is(portrait):
    face = analyse_face(portrait)
    f = face.face
    assert (face.width, face.height) == (512, 600)
    assert 150 < f.w < 300 and 80 < f.y < 140  # Grace Hopper's face, below her cap
    assert face.left_eye.cx < f.cx < face.right_eye.cx
    for eye in (face.left_eye, face.right_eye):
        assert f.y + 0.2 * f.h < eye.cy < f.y + 0.5 * f.h
    assert abs(face.mouth_x - f.cx) < 0.1 * f.w
    assert f.y + 0.65 * f.h < face.mouth_y < f.y + 0.9 * f.h
    assert analyse_face(portrait) is face  # cached by content


def test_the_portrait_comes_from_the_spec_or_from_portrait(portrait):
    assert get_avatar(f"puppet:{portrait}").photo == portrait
    assert get_avatar("puppet", portrait=portrait).photo == portrait


def test_frames_have_the_narrations_length_and_the_asked_size(clip_frames, spoken):
    assert clip_frames.shape == (round(spoken.duration * 30), SIZE, SIZE, 3)
    assert clip_frames.dtype == np.uint8


def test_animate_writes_a_clip_of_the_right_length_and_size(portrait, spoken, tmp_path):
    backend = get_avatar(f"puppet:{portrait}")
    job = AvatarJob(spoken.audio, spoken.words, tmp_path / "head.mp4", fps=25, size=128)
    assert backend.animate(job) == job.out
    info = probe_clip(job.out)
    assert info.frames == round(spoken.duration * 25)
    assert (info.width, info.height) == (128, 128)
    assert info.duration == pytest.approx(spoken.duration, abs=0.05)


def test_the_mouth_moves_with_the_voice(portrait, spoken, clip_frames):
    face = get_avatar(f"puppet:{portrait}").puppet().rig(SIZE).layout
    top, bottom = int(face.mouth_y - 0.1 * face.face.h), int(face.mouth_y + 0.15 * face.face.h)
    left, right = int(face.mouth_x - face.mouth_width / 2), int(face.mouth_x + face.mouth_width / 2)
    mouth = clip_frames[:, top:bottom, left:right].astype(np.float32)
    change = np.r_[0.0, np.abs(np.diff(mouth, axis=0)).mean(axis=(1, 2, 3))]
    samples, rate = read_wav(spoken.audio)
    loud = loudness(samples, rate, 30, len(clip_frames))
    assert np.corrcoef(change, loud)[0, 1] > 0.5
    pause = np.convolve(loud > 0, np.ones(7), "same") == 0  # 3 frames or more from any sound
    assert pause.any() and change[pause].max() < 0.15 * change[loud > 0.3].mean()


def test_pixels_far_from_the_face_never_change(clip_frames):
    band, corner = SIZE // 20, SIZE // 5
    first = clip_frames[0]
    for region in (np.s_[:, :band], np.s_[:, -band:], np.s_[:, :, :band], np.s_[:, :, -band:],  # the border
                   np.s_[:, :corner, :corner], np.s_[:, :corner, -corner:],  # the corners
                   np.s_[:, -corner:, :corner], np.s_[:, -corner:, -corner:]):
        assert np.array_equal(clip_frames[region], np.broadcast_to(first[region[1:]], clip_frames[region].shape))
    moved = np.abs(clip_frames.astype(int) - first).max(axis=(0, 3)) > 0
    assert moved[SIZE // 3: 2 * SIZE // 3, SIZE // 3: 2 * SIZE // 3].mean() > 0.5  # while the face does move


def test_the_eyes_blink(portrait, spoken, clip_frames):
    face = get_avatar(f"puppet:{portrait}").puppet().rig(SIZE).layout
    eye = face.right_eye
    region = np.s_[:, int(eye.y):int(eye.y + eye.h), int(eye.x):int(eye.x + eye.w)]
    eyes = clip_frames[region].astype(np.float32)
    # Against the mean of the frames 4 before and 4 after: the slow head drift cancels, a blink does not.
    change = np.abs(eyes[4:-4] - (eyes[:-8] + eyes[8:]) / 2).mean(axis=(1, 2, 3))
    closed = (blink_track(len(clip_frames), 30, mouth_track(spoken.audio, spoken.words, 30).seed) > 0.5)[4:-4]
    assert closed.any()
    assert change[closed].min() > 3 * np.median(change)


def test_frames_are_deterministic(portrait, spoken, clip_frames):
    again = get_avatar(f"puppet:{portrait}").frames(spoken.audio, spoken.words, 30, SIZE)
    assert all(np.array_equal(a, b) for a, b in zip(again, clip_frames, strict=True))


def test_a_picture_without_a_face_is_refused_with_advice(tmp_path):
    gradient = np.tile(np.linspace(0, 255, 300, dtype=np.uint8), (300, 1))
    cv2.imwrite(str(tmp_path / "gradient.png"), cv2.merge([gradient, gradient[::-1], gradient.T]))
    with pytest.raises(BadInputError, match="no face found") as error:
        get_avatar(f"puppet:{tmp_path / 'gradient.png'}")
    assert "frontal photo" in str(error.value) and "--avatar presenter" in str(error.value)


def test_missing_or_unreadable_portraits_are_refused(tmp_path):
    with pytest.raises(BadInputError, match="does not exist"):
        get_avatar(f"puppet:{tmp_path / 'nobody.jpg'}")
    (tmp_path / "notes.jpg").write_text("not a picture")
    with pytest.raises(BadInputError, match="not an image"):
        get_avatar(f"puppet:{tmp_path / 'notes.jpg'}")
    with pytest.raises(BadInputError, match="--portrait"):
        get_avatar("puppet")


def test_a_missing_opencv_names_the_extra(monkeypatch, portrait):
    import sys

    monkeypatch.setitem(sys.modules, "cv2", None)  # import cv2 now raises ImportError
    assert "pip install 'code2video[avatar]'" in PuppetBackend(str(portrait)).problem()


def test_a_face_filling_the_photo_still_animates(portrait, spoken, tmp_path):
    close_up = tmp_path / "close_up.png"
    cv2.imwrite(str(close_up), cv2.imread(str(portrait))[90:360, 130:400])  # the face touches the edges
    frames = list(get_avatar(f"puppet:{close_up}").frames(spoken.audio, spoken.words, 30, 128))
    assert len(frames) == round(spoken.duration * 30) and frames[0].shape == (128, 128, 3)
    assert any(not np.array_equal(frame, frames[0]) for frame in frames)
