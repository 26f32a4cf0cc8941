"""Speech similarity: a spectral statistic that ranks the same voice above clearly different ones."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from code2video.errors import BadInputError
from code2video.narration import get_backend
from code2video.teachquiz import speech
from code2video.teachquiz.speech import SPECTRAL_METHOD, speech_similarity

pytestmark = pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"),
                                reason="needs espeak-ng and ffmpeg")

FIRST = "The determinant tells us how much a matrix stretches or shrinks the area of a shape."
SECOND = "Eigenvectors keep their direction under the map; only their length changes by the eigenvalue."


def espeak(folder: Path, name: str, text: str, *options: str) -> Path:
    path = folder / f"{name}.wav"
    subprocess.run(["espeak-ng", *options, "-w", str(path), text], check=True)
    return path


@pytest.fixture(scope="module")
def voices(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("voices")
    piper = folder / "piper.wav"
    get_backend("piper").synthesize(SECOND, piper)
    return {"us_1": espeak(folder, "us_1", FIRST, "-v", "en-us"),
            "us_2": espeak(folder, "us_2", SECOND, "-v", "en-us"),
            "high": espeak(folder, "high", SECOND, "-v", "en-us+f3", "-p", "80"),
            "piper": piper}


def test_the_same_voice_scores_higher_than_a_different_one(voices):
    same = speech_similarity(voices["us_1"], voices["us_2"], use_embedding=False)
    pitched = speech_similarity(voices["us_1"], voices["high"], use_embedding=False)
    neural = speech_similarity(voices["us_1"], voices["piper"], use_embedding=False)
    assert same.method == SPECTRAL_METHOD and "not a speaker model" in same.method
    assert same.score > pitched.score + 0.2
    assert same.score > neural.score + 0.05
    assert same.pitch_similarity > pitched.pitch_similarity
    assert pitched.reference_f0_hz > 1.5 * pitched.generated_f0_hz  # the variant really speaks higher
    for result in (same, pitched, neural):
        assert 0.0 <= result.score <= 1.0 and result.embedding_cosine is None


def test_a_recording_matches_itself_fully(voices):
    result = speech_similarity(voices["us_2"], voices["us_2"], use_embedding=False)
    assert result.timbre_similarity == pytest.approx(1.0) and result.pitch_similarity == pytest.approx(1.0)


def test_folders_and_videos_are_read_through_their_audio(voices, tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    shutil.copy(voices["us_1"], output / "narration.wav")
    video = tmp_path / "talk.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=160x120:r=5", "-i",
                    str(voices["us_2"]), "-shortest", "-c:v", "libx264", "-c:a", "aac", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    from_files = speech_similarity(voices["us_1"], voices["us_2"], use_embedding=False)
    from_folder_and_video = speech_similarity(output, video, use_embedding=False)
    assert from_folder_and_video.score == pytest.approx(from_files.score, abs=0.08)


def test_a_speaker_model_becomes_the_headline_when_available(voices, monkeypatch):
    monkeypatch.setattr(speech, "_embedding_cosine", lambda a, b: 0.91)
    result = speech_similarity(voices["us_1"], voices["high"])
    assert result.score == 0.91 and result.embedding_cosine == 0.91 and "resemblyzer" in result.method
    assert result.spectral_score < 0.5  # the spectral statistic is still reported beside it


def test_unusable_inputs_say_what_to_give(tmp_path, voices):
    with pytest.raises(BadInputError, match="does not exist"):
        speech_similarity(tmp_path / "missing.wav", voices["us_1"])
    silent_video = tmp_path / "mute.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=160x120:r=5:d=2",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", str(silent_video)], check=True)
    with pytest.raises(BadInputError, match="audio"):
        speech_similarity(silent_video, voices["us_1"])
    blip = espeak(tmp_path, "blip", "a", "-s", "400")
    with pytest.raises(BadInputError, match="half a second"):
        speech_similarity(blip, voices["us_1"])
    silence = tmp_path / "silence.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "2",
                    str(silence)], check=True)
    with pytest.raises(BadInputError, match="silence.wav is silent"):
        speech_similarity(voices["us_1"], silence)
