"""Stand-ins for Hallo2, SadTalker and MuseTalk checkouts, and small avatar jobs, for the adapter tests.

A fake "interpreter" is an executable Python script in REPO/.venv/bin/python. It parses the real
command line (and per-section config) of the model it imitates, records what it saw, and writes a
short colour video with ffmpeg where the real model would, or misbehaves as its ``mode`` says.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from code2video.avatar import AvatarBackend, AvatarError, AvatarJob

FPS, SIZE = 25, 64

REPO_FILES = {
    "hallo2": {"scripts/inference_long.py": "", "pretrained_models/hallo2/net.pth": "",
               "configs/inference/long.yaml": ("source_image: ./examples/reference_images/1.jpg\n"
                                               "driving_audio: ./examples/driving_audios/1.wav\n"
                                               "data:\n  source_image:\n    width: 512\n"
                                               "save_path: ./output_long/debug/\ncache_path: ./.cache\n"
                                               "base_model_path: ./pretrained_models/stable-diffusion-v1-5\n")},
    "sadtalker": {"inference.py": ""},
    "musetalk": {"scripts/inference.py": "", "models/musetalkV15/unet.pth": ""},
}

SCRIPT = r'''#!{python}
import json, os, signal, subprocess, sys, time, wave
from pathlib import Path

MODEL, MODE, RECORD, MEET = {model!r}, {mode!r}, {record!r}, {meet!r}


def arg(name):
    return sys.argv[sys.argv.index(name) + 1]


def config_values(path):
    values = {{}}
    for line in Path(path).read_text().splitlines():
        key, sep, value = line.strip().partition(":")
        if sep and value.strip():
            values[key] = json.loads(value) if value.strip().startswith('"') else value.strip()
    return values


def log(**entry):
    with open(RECORD, "a") as handle:
        handle.write(json.dumps(entry) + "\n")


if MODEL == "hallo2":
    assert sys.argv[1] == "scripts/inference_long.py", sys.argv
    config = config_values(arg("--config"))
    image, audio = arg("--source_image"), arg("--driving_audio")
    out = Path(config["save_path"]) / Path(image).stem / "merge_video.mp4"
elif MODEL == "sadtalker":
    assert sys.argv[1] == "inference.py" and "--still" in sys.argv, sys.argv
    image, audio = arg("--source_image"), arg("--driven_audio")
    out = Path(arg("--result_dir")) / (time.strftime("%Y_%m_%d_%H.%M.%S") + ".mp4")
else:
    assert sys.argv[1:3] == ["-m", "scripts.inference"], sys.argv
    task = config_values(arg("--inference_config"))
    image, audio = task["video_path"], task["audio_path"]
    out = Path(arg("--result_dir")) / arg("--version") / task["result_name"]

start, met = time.time(), None
with wave.open(audio) as speech:
    seconds = speech.getnframes() / speech.getframerate()
if MEET:  # wait (a while) until MEET runs have started: proves they run at the same time
    with open(RECORD + ".starts", "a") as handle:
        handle.write(os.environ.get("CUDA_VISIBLE_DEVICES", "") + "\n")
    while not (met := len(Path(RECORD + ".starts").read_text().split()) >= MEET) and time.time() < start + 20:
        time.sleep(0.05)
    time.sleep(0.2)
if MODE in ("hang", "stubborn-worker"):
    if MODE == "stubborn-worker":  # the worker ignores SIGTERM (inherited), the model itself obeys it
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    child = subprocess.Popen(["sleep", "60"])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    log(pid=os.getpid(), child=child.pid)
    time.sleep(60)
if MODE == "fail":
    print("RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB")
    sys.exit(1)
out.parent.mkdir(parents=True, exist_ok=True)
if MODE == "garbage":
    out.write_bytes(b"this is not a video")
elif MODE != "silent":
    length = seconds + {{"long": 3.0, "short": -0.3}}.get(MODE, 0.0)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=blue:s=96x80:r=25:d={{length:.3f}}",
                    "-i", audio, "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", str(out)], check=True)
log(argv=sys.argv, cwd=os.getcwd(), gpu=os.environ.get("CUDA_VISIBLE_DEVICES"), met=met,
    secrets=sorted(k for k in os.environ if k in ("OPENAI_API_KEY", "HF_TOKEN")), start=start, end=time.time())
'''


@dataclass(frozen=True)
class FakeModel:
    python: Path
    repo: Path
    record: Path

    def calls(self) -> list[dict]:
        """What each run of the fake saw (hanging runs record their process ids instead)."""
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]


def fake_model(root: Path, model: str, mode: str = "ok", meet: int = 0) -> FakeModel:
    """A checkout of ``model`` in ``root`` whose .venv/bin/python behaves as ``mode`` says."""
    repo = root / f"{model}-{mode}"
    for name, text in REPO_FILES[model].items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    python = repo / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True, exist_ok=True)
    record = root / f"{model}-{mode}.jsonl"
    python.write_text(SCRIPT.format(python=sys.executable, model=model, mode=mode, record=str(record), meet=meet))
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return FakeModel(python, repo, record)


def portrait(root: Path) -> Path:
    """The fakes never look at the photo; a file is enough."""
    path = root / "me.png"
    path.write_bytes(b"\x89PNG fake portrait")
    return path


def write_wav(path: Path, seconds: float, rate: int = 16000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    samples = (3000 * np.sin(2 * np.pi * 220 * t)).astype("<i2")
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(samples.tobytes())
    return path


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float


def job(root: Path, name: str = "01_intro", seconds: float = 1.2, gpu: str | None = None) -> AvatarJob:
    folder = root / "sections" / name
    audio = write_wav(folder / "narration.wav", seconds)
    words = [Word("hello", 0.1, 0.5), Word("there", 0.6, seconds - 0.1)]
    return AvatarJob(audio, words, folder / "avatar.mp4", FPS, SIZE, gpu)


def frames_for(seconds: float) -> int:
    return round(seconds * FPS)


def audio_streams(path: Path) -> int:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=index",
                          "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True).stdout
    return len(out.split())


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


class BrokenBackend(AvatarBackend):
    name = "broken-test"

    def animate(self, job: AvatarJob) -> Path:
        raise AvatarError("no face found in the portrait")

