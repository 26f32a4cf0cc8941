"""The ``f5`` voice: a stand-in engine for F5TTS (f5-tts and its weights are not installed here),
the real weight lookup and loading code, and every message that says why it cannot run."""

from __future__ import annotations

import os
import sys
import types
import wave
from pathlib import Path

import numpy as np
import pytest
from voice_fakes import RATE, FakeF5

from code2video.errors import BadInputError
from code2video.narration import f5, get_backend


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    path = tmp_path / "me.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes((np.sin(np.arange(RATE * 3) / 8) * 8000).astype(np.int16).tobytes())
    return path


@pytest.fixture
def weights(tmp_path: Path, monkeypatch) -> Path:
    """A Hugging Face cache holding the model and the vocoder, laid out as huggingface_hub leaves it."""
    hub = tmp_path / "hub"
    for repo, files in [(f5.MODEL_REPO, [f5.MODEL_FILE]), (f5.VOCODER_REPO, list(f5.VOCODER_FILES))]:
        folder = hub / f"models--{repo.replace('/', '--')}"
        (folder / "refs").mkdir(parents=True)
        (folder / "refs" / "main").write_text("abc123")
        for name in files:
            (folder / "snapshots" / "abc123" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "snapshots" / "abc123" / name).write_bytes(b"weights")
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    return hub


def test_speaks_through_the_engine(reference, check_speech, sentence, tmp_path: Path) -> None:
    engine = FakeF5()
    backend = f5.F5Backend(f"{reference}:Hello, this is my voice.", engine=engine)
    assert backend.problem() is None
    out = tmp_path / "clone.wav"
    speech = backend.synthesize(sentence, out)
    check_speech(speech, sentence, out)
    assert engine.calls[0]["ref_file"] == str(reference)
    assert engine.calls[0]["ref_text"] == "Hello, this is my voice."
    assert engine.calls[0]["gen_text"] == sentence
    assert engine.calls[0]["speed"] == 1.0 and engine.calls[0]["seed"] == f5.SEED
    area = sentence.split().index("area,")  # the phrase end lands where the engine paused
    assert speech.words[area].end == pytest.approx(engine.truth[area][1], abs=0.011)
    assert speech.words[area + 1].start == pytest.approx(engine.truth[area + 1][0], abs=0.011)


def test_speed_goes_to_the_engine(reference, sentence, tmp_path: Path) -> None:
    engine = FakeF5()
    normal = f5.F5Backend(f"{reference}:Hello.", engine=engine).synthesize(sentence, tmp_path / "n.wav")
    fast = f5.F5Backend(f"{reference}:Hello.", 1.5, engine=engine).synthesize(sentence, tmp_path / "f.wav")
    assert engine.calls[1]["speed"] == 1.5
    assert fast.duration < 0.75 * normal.duration


def test_empty_text_is_a_short_silence(reference, check_speech, tmp_path: Path) -> None:
    engine = FakeF5()
    speech = f5.F5Backend(f"{reference}:Hello.", engine=engine).synthesize("  ", tmp_path / "e.wav")
    check_speech(speech, "  ", tmp_path / "e.wav")
    assert speech.duration > 0 and engine.calls == []


def test_reference_text_from_a_file_beside_the_recording(reference, tmp_path: Path) -> None:
    reference.with_suffix(".txt").write_text("Words I said.\n")
    engine = FakeF5()
    backend = f5.F5Backend(str(reference), engine=engine)
    assert backend.problem() is None
    backend.synthesize("Hi.", tmp_path / "x.wav")
    assert engine.calls[0]["ref_text"] == "Words I said."


def test_problem_messages(reference, weights: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(f5, "f5_installed", lambda: False)
    assert "pip install 'code2video[gpu]'" in f5.F5Backend(f"{reference}:Hello.").problem()
    monkeypatch.setattr(f5, "f5_installed", lambda: True)
    assert "f5:REF.wav" in f5.F5Backend("").problem()
    assert "does not exist" in f5.F5Backend(f"{tmp_path / 'nope.wav'}:Hello.").problem()
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really")
    assert "ffmpeg -i broken.wav" in f5.F5Backend(f"{broken}:Hello.").problem()
    no_text = f5.F5Backend(str(reference)).problem()
    assert "Whisper" in no_text and str(reference.with_suffix(".txt")) in no_text


def test_missing_weights_say_how_to_get_them(reference, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(f5, "f5_installed", lambda: True)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    message = f5.F5Backend(f"{reference}:Hello.").problem()
    assert "huggingface-cli download SWivid/F5-TTS F5TTS_v1_Base/model_1250000.safetensors" in message
    assert "CODE2VIDEO_F5_CKPT" in message and "HF_HUB_CACHE" in message
    with pytest.raises(BadInputError, match="not on this machine"):
        get_backend(f"f5:{reference}:Hello.")
    monkeypatch.setenv("CODE2VIDEO_F5_CKPT", str(tmp_path / "missing.safetensors"))
    assert "missing.safetensors is not a file" in f5.F5Backend(f"{reference}:Hello.").problem()


def test_missing_weights_come_before_the_recording(tmp_path: Path, monkeypatch) -> None:
    """``code2video voices`` asks with no recording: it still hears what is missing on this machine."""
    monkeypatch.setattr(f5, "f5_installed", lambda: True)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    assert "F5-TTS model weights are not on this machine" in f5.F5Backend().problem()


def test_missing_vocoder_is_named(reference, weights: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(f5, "f5_installed", lambda: True)
    for path in (weights / "models--charactr--vocos-mel-24khz").rglob("pytorch_model.bin"):
        path.unlink()
    assert "vocoder (charactr/vocos-mel-24khz)" in f5.F5Backend(f"{reference}:Hello.").problem()
    monkeypatch.setenv("CODE2VIDEO_F5_VOCODER", str(tmp_path))
    assert "lacks config.yaml, pytorch_model.bin" in f5.F5Backend(f"{reference}:Hello.").problem()


def test_weights_from_the_hugging_face_cache(reference, weights: Path, monkeypatch) -> None:
    monkeypatch.setattr(f5, "f5_installed", lambda: True)
    found = f5.find_weights()
    snapshot = weights / "models--SWivid--F5-TTS" / "snapshots" / "abc123"
    assert found.checkpoint == snapshot / f5.MODEL_FILE
    assert found.vocab is None
    assert found.vocoder == weights / "models--charactr--vocos-mel-24khz" / "snapshots" / "abc123"
    assert f5.F5Backend(f"{reference}:Hello.").problem() is None


def test_weights_from_the_environment(weights: Path, tmp_path: Path, monkeypatch) -> None:
    checkpoint, vocab, vocoder = tmp_path / "my.safetensors", tmp_path / "vocab.txt", tmp_path / "vocos"
    checkpoint.write_bytes(b"x")
    vocab.write_text("a\n")
    vocoder.mkdir()
    for name in f5.VOCODER_FILES:
        (vocoder / name).write_bytes(b"x")
    monkeypatch.setenv("CODE2VIDEO_F5_CKPT", str(checkpoint))
    monkeypatch.setenv("CODE2VIDEO_F5_VOCAB", str(vocab))
    monkeypatch.setenv("CODE2VIDEO_F5_VOCODER", str(vocoder))
    assert f5.find_weights() == f5.F5Weights(checkpoint, vocab, vocoder)


def test_engine_is_built_from_local_files_only(weights: Path, monkeypatch) -> None:
    """The real loading code, with a stand-in ``f5_tts.api`` module recording how F5TTS is built."""
    built: list[dict] = []

    class F5TTS:
        def __init__(self, **kwargs) -> None:
            built.append(kwargs | {"offline": os.environ.get("HF_HUB_OFFLINE")})

    api = types.ModuleType("f5_tts.api")
    api.F5TTS = F5TTS
    monkeypatch.setitem(sys.modules, "f5_tts", types.ModuleType("f5_tts"))
    monkeypatch.setitem(sys.modules, "f5_tts.api", api)
    monkeypatch.setattr(f5, "_engines", {})
    monkeypatch.setenv("HF_HUB_OFFLINE", "")  # recorded, so the teardown restores the real state
    monkeypatch.delenv("HF_HUB_OFFLINE")
    found = f5.find_weights()
    engine = f5.load_engine(found)
    assert f5.load_engine(found) is engine  # loaded once
    assert built == [{"model": "F5TTS_v1_Base", "ckpt_file": str(found.checkpoint), "vocab_file": "",
                      "vocoder_local_path": str(found.vocoder), "offline": "1"}]
    assert "HF_HUB_OFFLINE" not in os.environ  # offline only while loading: subprocesses do not inherit it
    monkeypatch.setattr(f5, "_engines", {})
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # the user's own setting wins and stays
    f5.load_engine(found)
    assert built[-1]["offline"] == "0" and os.environ["HF_HUB_OFFLINE"] == "0"


def test_not_installed_here_is_bad_input(reference) -> None:
    if f5.f5_installed():
        pytest.skip("f5-tts is installed here")
    with pytest.raises(BadInputError, match="code2video\\[gpu\\]"):
        get_backend(f"f5:{reference}:Hello.")


def test_cache_follows_the_recording_its_words_and_speed(reference, tmp_path: Path) -> None:
    first = f5.F5Backend(f"{reference}:Hello.").cache_id
    assert f5.F5Backend(f"{reference}:Goodbye.").cache_id != first
    assert f5.F5Backend(f"{reference}:Hello.", 1.25).cache_id != first
    copy = tmp_path / "copy.wav"
    copy.write_bytes(reference.read_bytes())
    assert f5.F5Backend(f"{copy}:Hello.").cache_id == first  # same recording, other name
    reference.write_bytes(reference.read_bytes()[:-200])
    assert f5.F5Backend(f"{reference}:Hello.").cache_id != first  # re-recorded
