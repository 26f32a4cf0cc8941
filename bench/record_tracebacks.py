"""Record the real render output of every broken scene in bench/broken_scenes.

Each file is dry-run rendered (``construct`` runs completely, nothing is encoded) by the renderer's
own launcher, ``code2video.render.renderer.run_scene``, as ``scene.py`` in a temporary section
folder, so the output is exactly what the auto-fix loop sees: rich tracebacks, and on a timeout
the child's faulthandler dump followed by ``code2video: render timed out after N s``. The output
is saved next to the scene as ``NN_name.traceback.txt``; the auto-fix tests and benchmark read it.

    python bench/record_tracebacks.py [--only 07] [--timeout 60]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from code2video.render.renderer import run_scene
from code2video.render.tracebacks import parse_failure
from code2video.settings import QUALITY_PRESETS

CORPUS = Path(__file__).parent / "broken_scenes"


def scene_class(code: str) -> str:
    match = re.search(r"^class (\w+)\(", code, re.M)
    return match.group(1) if match else "Section01"


def dry_run(code: str, timeout: float) -> tuple[bool, str]:
    """(rendered fine, combined output) of one dry run in a fresh temporary section folder."""
    with tempfile.TemporaryDirectory(prefix="c2v-bench-") as tmp:
        run = run_scene(code, Path(tmp) / "section", scene_class(code), QUALITY_PRESETS["draft"],
                        timeout=timeout, dry_run=True)
    return run.ok, run.output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="record only files whose name starts with this")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    faults = json.loads((CORPUS / "faults.json").read_text())
    for name, fault in faults.items():
        if args.only and not name.startswith(args.only):
            continue
        ok, output = dry_run((CORPUS / name).read_text(), args.timeout)
        (CORPUS / name).with_suffix(".traceback.txt").write_text(output, encoding="utf-8")
        failure = parse_failure(output, "scene.py")
        agrees = "ok " if (failure.error_type, failure.line) == (fault["error_type"], fault["line"]) else "!! "
        print(f"{agrees}{name:32} rendered={ok!s:5} {failure.error_type:18} line {failure.line} "
              f"(expected {fault['error_type']} line {fault['line']})", flush=True)


if __name__ == "__main__":
    main()
