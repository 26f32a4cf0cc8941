"""F5-TTS voice cloning: ``--voice f5:REF.wav[:REF_TEXT]`` speaks in the voice of a short recording.

Needs the ``[gpu]`` extra (``pip install 'code2video[gpu]'``) and weights already on disk; nothing
is downloaded while a video is made:

- model: ``$CODE2VIDEO_F5_CKPT`` (a .safetensors or .pt file), else the Hugging Face cache
  (``SWivid/F5-TTS`` ``F5TTS_v1_Base/model_1250000.safetensors``);
- vocab: ``$CODE2VIDEO_F5_VOCAB``, else the one shipped with f5-tts;
- vocoder: ``$CODE2VIDEO_F5_VOCODER`` (a folder with ``config.yaml`` and ``pytorch_model.bin``),
  else the Hugging Face cache (``charactr/vocos-mel-24khz``).

REF_TEXT is what the recording says (or put it in REF.txt beside it). F5 would otherwise
transcribe the recording with Whisper, whose weights are another download, so it is required.
F5 reports no word times: words are spread over the audio and snapped to its pauses.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from code2video.errors import BadInputError
from code2video.narration.base import (
    Speech,
    TTSBackend,
    register,
    word_timings_from_audio,
    write_wav,
)

MODEL = "F5TTS_v1_Base"
MODEL_REPO, MODEL_FILE = "SWivid/F5-TTS", f"{MODEL}/model_1250000.safetensors"
VOCODER_REPO, VOCODER_FILES = "charactr/vocos-mel-24khz", ("config.yaml", "pytorch_model.bin")
CKPT_ENV, VOCAB_ENV, VOCODER_ENV = "CODE2VIDEO_F5_CKPT", "CODE2VIDEO_F5_VOCAB", "CODE2VIDEO_F5_VOCODER"
INSTALL_HINT = "install it with `pip install 'code2video[gpu]'` (F5-TTS wants a GPU; on a CPU it is very slow)"
FETCH_HINT = (
    f"On a machine with internet run `huggingface-cli download {MODEL_REPO} {MODEL_FILE}` and "
    f"`huggingface-cli download {VOCODER_REPO} {' '.join(VOCODER_FILES)}`, then copy its "
    f"~/.cache/huggingface/hub here (or point HF_HUB_CACHE at the copy); or set {CKPT_ENV} to the "
    f".safetensors file and {VOCODER_ENV} to a folder holding the vocoder's {' and '.join(VOCODER_FILES)}."
)
SEED = 0  # the same text in the same voice gives the same audio, as the cache assumes


class F5Engine(Protocol):
    """What we use of ``f5_tts.api.F5TTS``; tests pass a stand-in with the same ``infer``."""

    def infer(self, ref_file: str, ref_text: str, gen_text: str, **options: Any) -> tuple[Any, int, Any]: ...


@dataclass(frozen=True)
class F5Weights:
    checkpoint: Path
    vocab: Path | None  # None: the vocab shipped with f5-tts
    vocoder: Path  # folder with config.yaml and pytorch_model.bin


def hf_cache_file(repo: str, filename: str) -> Path | None:
    """``filename`` of model ``repo`` in the local Hugging Face cache (huggingface_hub's layout), or None."""
    home = os.environ.get("HF_HOME") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "huggingface"
    folder = Path(os.environ.get("HF_HUB_CACHE") or Path(home) / "hub") / f"models--{repo.replace('/', '--')}"
    main = folder / "refs" / "main"
    revisions = [main.read_text().strip()] if main.is_file() else []
    if (folder / "snapshots").is_dir():
        revisions += sorted(p.name for p in (folder / "snapshots").iterdir())
    for revision in revisions:
        if (path := folder / "snapshots" / revision / filename).is_file():
            return path
    return None


def find_weights() -> F5Weights:
    """The weights on this machine, or a BadInputError saying which are missing and how to get them."""
    checkpoint = _given_file(CKPT_ENV) or hf_cache_file(MODEL_REPO, MODEL_FILE)
    if checkpoint is None:
        raise BadInputError(f"the F5-TTS model weights are not on this machine. {FETCH_HINT}")
    vocab = _given_file(VOCAB_ENV)
    if os.environ.get(VOCODER_ENV):
        vocoder = Path(os.environ[VOCODER_ENV]).expanduser()
        missing = [name for name in VOCODER_FILES if not (vocoder / name).is_file()]
        if missing:
            raise BadInputError(f"{VOCODER_ENV}={vocoder} lacks {', '.join(missing)}. {FETCH_HINT}")
    else:
        files = [hf_cache_file(VOCODER_REPO, name) for name in VOCODER_FILES]
        if None in files or len({f.parent for f in files if f}) != 1:
            raise BadInputError(f"the F5-TTS vocoder ({VOCODER_REPO}) is not on this machine. {FETCH_HINT}")
        vocoder = files[0].parent
    return F5Weights(checkpoint, vocab, vocoder)


def _given_file(env: str) -> Path | None:
    if not os.environ.get(env):
        return None
    path = Path(os.environ[env]).expanduser()
    if not path.is_file():
        raise BadInputError(f"{env}={path} is not a file. {FETCH_HINT}")
    return path


_engines: dict[F5Weights, F5Engine] = {}
_lock = threading.Lock()  # one load per process, one inference at a time on the one GPU


def load_engine(weights: F5Weights) -> F5Engine:
    """F5TTS built from local files only: explicit paths everywhere, and the hub client told to stay offline."""
    with _lock:
        if weights not in _engines:
            with _hub_offline():  # read when huggingface_hub is imported, below
                from f5_tts.api import F5TTS

                _engines[weights] = F5TTS(model=MODEL, ckpt_file=str(weights.checkpoint),
                                          vocab_file=str(weights.vocab or ""),
                                          vocoder_local_path=str(weights.vocoder))
        return _engines[weights]


@contextmanager
def _hub_offline() -> Iterator[None]:
    """HF_HUB_OFFLINE=1 (unless already set) while F5 loads, then unset again, so that the subprocesses
    started later (external avatar models) do not inherit it."""
    previous = os.environ.get("HF_HUB_OFFLINE")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("HF_HUB_OFFLINE", None)


def f5_installed() -> bool:
    return importlib.util.find_spec("f5_tts") is not None


@register
class F5Backend(TTSBackend):
    """``voice``: ``REF.wav:REF_TEXT`` (or ``REF.wav`` with the text in REF.txt). ``speed`` goes to
    F5's own ``speed``, which scales the length it plans for the speech.

    ``engine`` replaces the F5TTS model (tests); without it the model is loaded from ``find_weights()``.
    """

    name = "f5"

    def __init__(self, voice: str = "", speed: float = 1.0, engine: F5Engine | None = None) -> None:
        super().__init__(voice, speed)
        ref, _, text = voice.partition(":")
        self.reference = Path(ref.strip()).expanduser() if ref.strip() else None
        self.reference_text = text.strip()
        self._engine = engine

    @property
    def cache_id(self) -> str:
        """The recording's content, not its name: a re-recorded REF.wav is another voice."""
        try:
            content = hashlib.sha256(self.reference.read_bytes()).hexdigest()[:16] if self.reference else ""
        except OSError:
            content = str(self.reference)
        return f"f5:{content}:{self._reference_text()}" + (f"@{self.speed:g}x" if self.speed != 1 else "")

    def problem(self) -> str | None:
        """What is missing, the package and weights first: ``code2video voices`` asks with no recording."""
        if self._engine is None:
            if not f5_installed():
                return f"the f5-tts package is missing; {INSTALL_HINT}"
            try:
                find_weights()
            except BadInputError as err:
                return str(err)
        if self.reference is None:
            return "name a reference recording: --voice 'f5:REF.wav:what the recording says'"
        if reason := _unreadable(self.reference):
            return reason
        if not self._reference_text():
            return (f"say what {self.reference.name} says: --voice 'f5:{self.reference}:THE WORDS' or put them in "
                    f"{self.reference.with_suffix('.txt')} (F5 would transcribe it with Whisper, whose weights are "
                    "not on this machine)")
        return None

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        if reason := self.problem():
            raise BadInputError(f"voice f5 cannot run: {reason}")
        engine = self._engine or load_engine(find_weights())
        if not text.strip():  # F5 cannot speak nothing; a beat still needs a moment
            return Speech(out_wav, write_wav(out_wav, bytes(2 * 7200), 24000), [])
        with _lock:
            audio, rate, _ = engine.infer(ref_file=str(self.reference), ref_text=self._reference_text(),
                                          gen_text=text, speed=self.speed, show_info=_quiet, seed=SEED)
        pcm = _pcm16(audio)
        duration = write_wav(out_wav, pcm, rate)
        return Speech(out_wav, duration, word_timings_from_audio(text, pcm, rate))

    def _reference_text(self) -> str:
        if self.reference_text or self.reference is None:
            return self.reference_text
        sidecar = self.reference.with_suffix(".txt")
        return sidecar.read_text(encoding="utf-8").strip() if sidecar.is_file() else ""


def _unreadable(reference: Path) -> str | None:
    """Why F5 could not read the reference recording, or None."""
    if not reference.is_file():
        return f"the reference recording {reference} does not exist"
    if reference.suffix.lower() != ".wav":
        return None  # F5 reads other formats through ffmpeg
    try:
        with wave.open(str(reference), "rb") as wav:
            if wav.getnframes() > 0:
                return None
    except (wave.Error, EOFError, OSError):
        pass
    return (f"cannot read {reference} as a WAV recording; convert it with "
            f"`ffmpeg -i {reference.name} -ac 1 -ar 24000 -c:a pcm_s16le ref.wav` (5-15 s of clear speech)")


def _pcm16(audio: Any) -> bytes:
    """F5's float samples in [-1, 1] as 16-bit PCM."""
    import numpy as np

    samples = np.clip(np.asarray(audio, dtype=np.float64).reshape(-1), -1.0, 1.0)
    return (samples * 32767).round().astype(np.int16).tobytes()


def _quiet(*_: Any) -> None:
    """F5 reports progress through ``show_info``; the CLI has its own."""
