"""External talking-head models (Hallo2, SadTalker, MuseTalk), each run in its own environment.

These models pin their own torch and CUDA versions, so they are never imported: ``--avatar
hallo2:/opt/hallo2/.venv/bin/python`` names the interpreter of the environment where the model is
installed, and each section runs the project's own inference script in its checkout (found beside
the interpreter, or through ``CODE2VIDEO_HALLO2_DIR``...) with the portrait and that section's
narration. The video it writes is checked (frames, length) and normalised to the job's square,
frame rate and exact length. Anything else is an AvatarError: the stage falls back for that section.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
from pathlib import Path
from typing import ClassVar

from code2video.avatar.base import AvatarBackend, AvatarError, AvatarJob, register
from code2video.avatar.video import ENCODE_ARGS, atomic_output, probe_clip, read_wav

SECRET_MARKERS = ("KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL")
VENV_FOLDERS = (".venv", "venv", ".env", "env")
OUR_PYTHON_VARS = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")  # ours would break the model's imports
LOG_FILE = "model.log"
RESULTS = "results"  # the folder in a section's work folder where the model writes


def model_env(python: Path, gpu: str | None) -> dict[str, str]:
    """Our environment without secrets (models run user-installed code), the model's bin first, its GPU."""
    env = {k: v for k, v in os.environ.items()
           if not any(m in k.upper() for m in SECRET_MARKERS) and k not in OUR_PYTHON_VARS}
    env["PATH"] = os.pathsep.join([str(python.parent), env.get("PATH", "")])
    env["PYTHONUNBUFFERED"] = "1"  # the log shows how far it got when it is stopped
    if gpu is not None:
        env["CUDA_VISIBLE_DEVICES"] = gpu
    return env


def log_tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.strip().splitlines()[-lines:]) or "(no output)"


def with_top_level_values(yaml_text: str, values: dict[str, str]) -> str:
    """``yaml_text`` with the top-level scalar ``key: value`` lines set to ``values`` (appended if absent).

    Line edits keep the model's own config (model paths, sampler...) as it is without a YAML
    library; a JSON string is a valid YAML double-quoted scalar.
    """
    lines = yaml_text.splitlines()
    for key, value in values.items():
        line = f"{key}: {json.dumps(value)}"
        found = [i for i, text in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", text)]
        for i in found:
            lines[i] = line
        if not found:
            lines.append(line)
    return "\n".join(lines) + "\n"


class ExternalBackend(AvatarBackend):
    """A talking-head model run as a subprocess; subclasses declare its command line and its output.

    ``command`` holds the arguments after the interpreter, each formatted with ``{portrait}``,
    ``{audio}``, ``{config}`` (from ``write_config``) and ``{results}`` (absolute paths); the model
    runs with its checkout as working folder. ``result`` is a glob under the section's work folder:
    the newest match is the model's video. ``timeout`` (seconds per section) is the setting
    ``avatar_timeout``: the pipeline sets it on the backend.
    """

    model: ClassVar[str]  # the project's name, for messages
    needs: ClassVar[tuple[str, ...]]  # files that prove a folder is the model's checkout
    command: ClassVar[tuple[str, ...]]
    result: ClassVar[str]

    def __init__(self, arg: str = "", portrait: Path | None = None, *, timeout: float = 1800.0) -> None:
        super().__init__(arg, portrait)
        self.timeout = timeout

    @property
    def python(self) -> Path:
        return Path(os.path.abspath(os.path.expanduser(self.arg)))  # not resolved: a venv's python is a link

    @property
    def repo_variable(self) -> str:
        return f"CODE2VIDEO_{self.name.upper()}_DIR"

    def repo(self) -> Path | None:
        """The model's checkout: the environment variable, else REPO for REPO/.venv/bin/python."""
        explicit = os.environ.get(self.repo_variable)
        if explicit:
            return Path(os.path.abspath(os.path.expanduser(explicit)))
        bin_folder = self.python.parent
        if bin_folder.name in ("bin", "Scripts") and bin_folder.parent.name in VENV_FOLDERS:
            return bin_folder.parent.parent
        return None

    def problem(self) -> str | None:
        if self.portrait is None:
            return f"{self.model} animates a photo: pass --portrait PHOTO (a front-facing face, cropped square)"
        if not Path(self.portrait).is_file():
            return f"the portrait {self.portrait} does not exist; pass --portrait with a photo file"
        example = f"--avatar {self.name}:/path/to/{self.name}/.venv/bin/python"
        if not self.arg:
            return f"name the Python of the environment where {self.model} is installed: {example}"
        if not self.python.is_file():
            return f"{self.python} does not exist; name the {self.model} environment's interpreter: {example}"
        if not os.access(self.python, os.X_OK):
            return f"{self.python} is not executable; name the {self.model} environment's bin/python ({example})"
        repo = self.repo()
        if repo is None:
            return (f"cannot tell where the {self.model} checkout is from {self.python}; "
                    f"set {self.repo_variable}=/path/to/{self.name} (the cloned repository)")
        if not repo.is_dir():
            return f"the {self.model} checkout {repo} does not exist; set {self.repo_variable} to the cloned repository"
        missing = [name for name in self.needs if not (repo / name).is_file()]
        if missing:
            return (f"{repo} has no {missing[0]}: set {self.repo_variable} to the {self.model} checkout, "
                    "with its weights downloaded as its README says")
        return None

    def write_config(self, work: Path, job: AvatarJob) -> Path | None:
        """Write the section's config file into ``work`` when the model reads one; its path or None."""
        return None

    def animate(self, job: AvatarJob) -> Path:
        reason = self.problem()
        if reason:
            raise AvatarError(reason)
        samples, rate = read_wav(job.audio)
        seconds = len(samples) / rate
        work = job.out.absolute().with_name(f"{job.out.stem}.{self.name}")
        shutil.rmtree(work, ignore_errors=True)  # an old result must not pass for this run's
        (work / RESULTS).mkdir(parents=True)
        config = self.write_config(work, job)
        values = {"portrait": str(Path(self.portrait).absolute()), "audio": str(job.audio.absolute()),
                  "config": str(config or ""), "results": str(work / RESULTS)}
        self._run([str(self.python), *(part.format(**values) for part in self.command)], work, job.gpu)
        video = self._find_result(work)
        self._check(video, seconds)
        normalise(video, job, seconds)
        shutil.rmtree(work / RESULTS, ignore_errors=True)  # frames and copies; the log and config stay
        return job.out

    def _run(self, args: list[str], work: Path, gpu: str | None) -> None:
        log_path = work / LOG_FILE
        with open(log_path, "wb") as log:
            log.write(f"$ {shlex.join(args)}\n".encode())  # for a person to re-run it by hand
            log.flush()
            proc = subprocess.Popen(args, cwd=self.repo(), env=model_env(self.python, gpu), stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                status = proc.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                stop(proc)
                raise AvatarError(f"{self.model} took longer than {self.timeout:.0f} s for this section and was "
                                  f"stopped; raise avatar_timeout (CODE2VIDEO_AVATAR_TIMEOUT). Log: {log_path}") from None
            except BaseException:  # interrupted: never leave a model running on the GPU behind us
                stop(proc)
                raise
        if status != 0:
            raise AvatarError(f"{self.model} failed (exit status {status}); the end of {log_path}:\n{log_tail(log_path)}")

    def _find_result(self, work: Path) -> Path:
        videos = [path for path in work.glob(self.result) if path.is_file()]
        if not videos:
            raise AvatarError(f"{self.model} finished but wrote no video ({work / self.result}); the end of its log:\n"
                              f"{log_tail(work / LOG_FILE)}")
        return max(videos, key=lambda path: path.stat().st_mtime)

    def _check(self, video: Path, seconds: float) -> None:
        info = probe_clip(video)
        if info.frames < 1:
            raise AvatarError(f"{self.model} wrote a video without frames ({video})")
        if abs(info.duration - seconds) > max(0.5, 0.05 * seconds):
            raise AvatarError(f"{self.model}'s video lasts {info.duration:.2f} s but the narration "
                              f"{seconds:.2f} s ({video})")


def stop(proc: subprocess.Popen) -> None:
    """Stop the model and whatever it started (dataloader workers, ffmpeg...): it leads its own
    process group. After the grace period the whole group is killed, even when the model itself
    exited on SIGTERM: what it started may not have."""
    group = proc.pid
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):  # nothing of the group left
        os.killpg(group, signal.SIGKILL)
    proc.wait()


def normalise(video: Path, job: AvatarJob, seconds: float) -> None:
    """Re-encode ``video`` as ``job.out``: square, job.fps, silent H.264, exactly ``seconds`` long.

    The square is cut a little above the centre, where faces sit in portrait photos; a short
    video is padded with its last frame, a long one trimmed.
    """
    frames = max(1, round(seconds * job.fps))
    side = job.size
    filters = (f"setpts=PTS-STARTPTS,scale={side}:{side}:force_original_aspect_ratio=increase,"
               f"crop={side}:{side}:(iw-{side})/2:(ih-{side})/4,setsar=1,fps={job.fps},"
               f"tpad=stop_mode=clone:stop_duration={seconds + 1:.3f}")
    with atomic_output(job.out) as partial:
        command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(video), "-map", "0:v:0", "-an",
                   "-vf", filters, "-frames:v", str(frames), *ENCODE_ARGS, str(partial)]
        try:
            proc = subprocess.run(command, check=False, capture_output=True, text=True)
        except FileNotFoundError:
            raise AvatarError("ffmpeg not found on PATH; install it (sudo apt-get install ffmpeg)") from None
        if proc.returncode != 0:
            raise AvatarError(f"ffmpeg could not normalise {video}: {proc.stderr.strip()[-500:]}")
        written = probe_clip(partial).frames
        if written != frames:
            raise AvatarError(f"normalising {video} gave {written} frames instead of {frames}")


@register
class Hallo2Backend(ExternalBackend):
    """fudan-generative-vision/hallo2: ``scripts/inference_long.py`` reads a YAML config (model paths
    relative to the checkout, ``save_path``); it writes ``save_path/<portrait stem>/merge_video.mp4``."""

    name = "hallo2"
    model = "Hallo2"
    needs = ("scripts/inference_long.py", "configs/inference/long.yaml", "pretrained_models/hallo2/net.pth")
    command = ("scripts/inference_long.py", "--config", "{config}",
               "--source_image", "{portrait}", "--driving_audio", "{audio}")
    result = f"{RESULTS}/*/merge_video.mp4"

    def write_config(self, work: Path, job: AvatarJob) -> Path:
        base = (self.repo() / "configs/inference/long.yaml").read_text(encoding="utf-8")
        config = work / "long.yaml"
        config.write_text(with_top_level_values(base, {
            "source_image": str(Path(self.portrait).absolute()), "driving_audio": str(job.audio.absolute()),
            "save_path": str(work / RESULTS), "cache_path": str(work / RESULTS / "cache")}), encoding="utf-8")
        return config


@register
class SadTalkerBackend(ExternalBackend):
    """OpenTalker/SadTalker: ``inference.py`` writes ``<result_dir>/<timestamp>.mp4``. ``--still
    --preprocess full`` keeps the whole photo and a steady head, as its README advises for portraits."""

    name = "sadtalker"
    model = "SadTalker"
    needs = ("inference.py",)
    command = ("inference.py", "--driven_audio", "{audio}", "--source_image", "{portrait}",
               "--result_dir", "{results}", "--still", "--preprocess", "full")
    result = f"{RESULTS}/*.mp4"


@register
class MuseTalkBackend(ExternalBackend):
    """TMElyralab/MuseTalk 1.5: ``python -m scripts.inference`` reads tasks (video_path, audio_path,
    result_name) from a YAML config and writes ``<result_dir>/v15/<result_name>``; a photo works as
    the video."""

    name = "musetalk"
    model = "MuseTalk"
    needs = ("scripts/inference.py", "models/musetalkV15/unet.pth")
    command = ("-m", "scripts.inference", "--inference_config", "{config}", "--result_dir", "{results}",
               "--unet_model_path", "models/musetalkV15/unet.pth", "--unet_config", "models/musetalkV15/musetalk.json",
               "--version", "v15")
    result = f"{RESULTS}/v15/talk.mp4"

    def write_config(self, work: Path, job: AvatarJob) -> Path:
        task = {"video_path": str(Path(self.portrait).absolute()), "audio_path": str(job.audio.absolute()),
                "result_name": "talk.mp4"}
        config = work / "musetalk.yaml"
        config.write_text("task_0:\n" + "".join(f"  {k}: {json.dumps(v)}\n" for k, v in task.items()),
                          encoding="utf-8")
        return config
