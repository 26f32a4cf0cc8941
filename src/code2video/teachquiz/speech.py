"""Speech similarity between a video's narration and a reference voice (a Paper2Video Meta metric).

The default number is a spectral STATISTIC, not a speaker-identity model: each recording is
reduced to a long-term timbre profile (mean and spread of its mel-cepstral coefficients over the
voiced frames) and a pitch level (median F0); the two recordings are compared on both. It tells
a voice close in colour and pitch from a clearly different one, and nothing more: two people with
similar voices score high, and it can be fooled by the room or the microphone.

When the ``resemblyzer`` package is installed (it carries its own weights, so it runs offline) a
speaker embedding is also compared and becomes the headline number; ``method`` says which one.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.fft import dct

from code2video.avatar.base import AvatarError
from code2video.avatar.video import read_wav
from code2video.errors import BadInputError, RenderError
from code2video.render.media import require_ffmpeg, run_ffmpeg
from code2video.teachquiz.evidence import find_video

RATE = 16_000
FRAME, HOP, FFT_SIZE, MEL_BANDS, CEPSTRA = 400, 160, 512, 40, 20  # 25 ms frames every 10 ms
SILENCE_DB = 35.0  # frames this far below the loudest are pauses, not voice
SILENT_PEAK = 1e-3  # a recording never louder than this (-60 dBFS) holds no speech
PITCH_RANGE_HZ = (60.0, 400.0)
SPECTRAL_METHOD = "spectral statistic (mel-cepstral profile + median F0; not a speaker model)"
EMBEDDING_METHOD = "resemblyzer speaker embedding (cosine)"


@dataclass(frozen=True)
class VoiceProfile:
    """A recording's long-term statistics: what the spectral comparison uses."""

    seconds: float
    voiced_seconds: float
    timbre: tuple[float, ...]  # mean then standard deviation of cepstra 1..19 over voiced frames
    median_f0_hz: float | None  # None when no frame looked pitched


@dataclass(frozen=True)
class SpeechSimilarity:
    """``score`` in [0, 1] by ``method``; the spectral parts are always reported beside it."""

    score: float
    method: str
    timbre_similarity: float  # 1 - normalised distance of the timbre profiles
    pitch_similarity: float | None  # 1 at the same median F0, 0 an octave or more apart
    spectral_score: float  # the mean of the two above (timbre alone when pitch is unknown)
    generated_f0_hz: float | None
    reference_f0_hz: float | None
    embedding_cosine: float | None = None  # only when a speaker-embedding model was importable

    def describe(self) -> list[tuple[str, str]]:
        rows = [("speech similarity", f"{self.score:.3f} ({self.method})"),
                ("timbre similarity", f"{self.timbre_similarity:.3f}"),
                ("pitch similarity", "n/a" if self.pitch_similarity is None else f"{self.pitch_similarity:.3f}"),
                ("median F0 generated / reference", f"{_hz(self.generated_f0_hz)} / {_hz(self.reference_f0_hz)}")]
        if self.embedding_cosine is not None:
            rows.append(("speaker embedding cosine", f"{self.embedding_cosine:.3f}"))
        return rows


def speech_similarity(generated_audio: Path, reference_audio: Path, *, use_embedding: bool = True) -> SpeechSimilarity:
    """Compare two voices; each path is an audio file, a video with sound, or an output folder."""
    with tempfile.TemporaryDirectory(prefix="code2video-speech-") as work:
        sources = [audio_source(Path(p)) for p in (generated_audio, reference_audio)]
        samples = [decode(source, Path(work) / f"{i}.wav") for i, source in enumerate(sources)]
    gen, ref = (profile(s, source) for s, source in zip(samples, sources, strict=True))
    timbre = timbre_similarity(gen.timbre, ref.timbre)
    pitch = pitch_similarity(gen.median_f0_hz, ref.median_f0_hz)
    spectral = timbre if pitch is None else (timbre + pitch) / 2
    embedding = _embedding_cosine(*samples) if use_embedding else None
    return SpeechSimilarity(
        score=round(embedding if embedding is not None else spectral, 4),
        method=EMBEDDING_METHOD if embedding is not None else SPECTRAL_METHOD,
        timbre_similarity=round(timbre, 4), pitch_similarity=None if pitch is None else round(pitch, 4),
        spectral_score=round(spectral, 4), generated_f0_hz=_round(gen.median_f0_hz),
        reference_f0_hz=_round(ref.median_f0_hz), embedding_cosine=None if embedding is None else round(embedding, 4))


def audio_source(path: Path) -> Path:
    """The file to decode: a folder's ``narration.wav``, else its video; a file as it is."""
    if path.is_dir():
        narration = path / "narration.wav"
        return narration if narration.is_file() else find_video(path)
    if not path.is_file():
        raise BadInputError(f"{path} does not exist; give an audio file, a video, or a `code2video render` output folder.")
    return path


def decode(path: Path, wav: Path) -> np.ndarray:
    """The recording as 16 kHz mono float samples in [-1, 1] (ffmpeg does the decoding)."""
    require_ffmpeg()
    try:
        run_ffmpeg(["-i", str(path), "-vn", "-ac", "1", "-ar", str(RATE), "-c:a", "pcm_s16le", str(wav)])
        data, _ = read_wav(wav)
    except (RenderError, AvatarError) as exc:
        raise BadInputError(f"cannot read the audio of {path}: {str(exc)[-300:]} "
                            "Give a file with a sound track (WAV, MP3, MP4...).") from None
    if len(data) < RATE // 2:
        raise BadInputError(f"{path} holds less than half a second of audio; speech similarity needs speech.")
    return data.astype(np.float64)


def profile(samples: np.ndarray, source: Path | str = "the recording") -> VoiceProfile:
    """Timbre and pitch statistics of the voiced (non-silent) frames; ``source`` names it in errors."""
    frames = _frames(np.append(samples[0], samples[1:] - 0.97 * samples[:-1]))
    power = np.abs(np.fft.rfft(frames * np.hamming(FRAME), FFT_SIZE)) ** 2
    energy_db = 10 * np.log10(power.sum(axis=1) + 1e-12)
    voiced = energy_db > energy_db.max() - SILENCE_DB
    if voiced.sum() < 10 or np.abs(samples).max() < SILENT_PEAK:
        raise BadInputError(f"{source} is silent: no frame rose above the noise floor. Give a recording of "
                            "someone speaking for speech similarity.")
    log_mel = np.log(power[voiced] @ _mel_filters().T + 1e-10)
    cepstra = dct(log_mel, type=2, norm="ortho", axis=1)[:, 1:CEPSTRA]
    timbre = np.concatenate([cepstra.mean(axis=0), cepstra.std(axis=0)])
    return VoiceProfile(seconds=len(samples) / RATE, voiced_seconds=float(voiced.sum() * HOP / RATE),
                        timbre=tuple(float(x) for x in timbre), median_f0_hz=median_f0(samples))


def timbre_similarity(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """1 for identical profiles, falling towards 0 as they differ relative to their size."""
    x, y = np.asarray(a), np.asarray(b)
    distance = np.linalg.norm(x - y) / (0.5 * (np.linalg.norm(x) + np.linalg.norm(y)) + 1e-9)
    return float(max(0.0, 1.0 - distance))


def pitch_similarity(a: float | None, b: float | None) -> float | None:
    """1 at equal median F0, falling linearly to 0 one octave apart."""
    if not a or not b:
        return None
    return float(max(0.0, 1.0 - abs(np.log2(a / b))))


def median_f0(samples: np.ndarray) -> float | None:
    """Median pitch of clearly periodic 40 ms frames (normalised autocorrelation peak >= 0.5)."""
    size, hop = 640, 320
    low, high = int(RATE / PITCH_RANGE_HZ[1]), int(RATE / PITCH_RANGE_HZ[0])
    if len(samples) < size + hop:
        return None
    frames = np.lib.stride_tricks.sliding_window_view(samples, size)[::hop]
    frames = frames - frames.mean(axis=1, keepdims=True)
    loud = np.sqrt((frames ** 2).mean(axis=1))
    frames = frames[loud > loud.max() * 0.1]
    spectrum = np.fft.rfft(frames * np.hanning(size), 2 * size)
    corr = np.fft.irfft(np.abs(spectrum) ** 2)[:, :size]
    corr = corr / (corr[:, :1] + 1e-12)
    lags = low + np.argmax(corr[:, low:high], axis=1)
    strength = corr[np.arange(len(corr)), lags]
    pitched = lags[strength >= 0.5]
    return float(np.median(RATE / pitched)) if len(pitched) >= 5 else None


def _frames(samples: np.ndarray) -> np.ndarray:
    if len(samples) < FRAME:
        samples = np.pad(samples, (0, FRAME - len(samples)))
    return np.lib.stride_tricks.sliding_window_view(samples, FRAME)[::HOP]


def _mel_filters() -> np.ndarray:
    """Triangular filters evenly spaced on the mel scale from 20 Hz to 8 kHz."""
    def mel(hz):
        return 2595 * np.log10(1 + hz / 700)

    def hz(m):
        return 700 * (10 ** (m / 2595) - 1)

    edges = hz(np.linspace(mel(20.0), mel(RATE / 2), MEL_BANDS + 2))
    bins = np.fft.rfftfreq(FFT_SIZE, 1 / RATE)
    filters = np.zeros((MEL_BANDS, len(bins)))
    for i in range(MEL_BANDS):
        left, centre, right = edges[i:i + 3]
        rising = (bins - left) / (centre - left)
        falling = (right - bins) / (right - centre)
        filters[i] = np.clip(np.minimum(rising, falling), 0, None)
    return filters


def _embedding_cosine(a: np.ndarray, b: np.ndarray) -> float | None:
    """Cosine of resemblyzer's speaker embeddings, or None when it is not installed."""
    try:
        from resemblyzer import VoiceEncoder, preprocess_wav
    except ImportError:
        return None
    encoder = VoiceEncoder(device="cpu", verbose=False)
    x, y = (encoder.embed_utterance(preprocess_wav(s.astype(np.float32), source_sr=RATE)) for s in (a, b))
    return float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-9))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _hz(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} Hz"
