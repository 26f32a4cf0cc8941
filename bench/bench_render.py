"""Benchmark: one built-in lesson at standard quality, against plain `manim render` of the same scenes.

Reports wall time per stage, video length, real-time factor (wall / video length), and our
overhead relative to the lower bound: the generated scene files rendered one after another by
Manim alone. Results go to bench/results/render.json.

    python bench/bench_render.py [--topic "The determinant"] [--quality standard] [--voice piper]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from code2video.pipeline import render_topic
from code2video.settings import load_settings

RESULTS = Path(__file__).parent / "results"


def plain_manim_seconds(sections_dir: Path, flag: str) -> float:
    """Render each generated scene.py with Manim alone, sequentially, with Manim's cache off."""
    total = 0.0
    for folder in sorted(p for p in sections_dir.iterdir() if p.is_dir()):
        scene_class = "Section" + folder.name.split("_", 1)[0]
        with tempfile.TemporaryDirectory() as media:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "manim", "render", f"-q{flag}", "--progress_bar", "none",
                            "-v", "WARNING", "--disable_caching", "--media_dir", media, "scene.py", scene_class],
                           cwd=folder, check=True, capture_output=True)
            total += time.perf_counter() - started
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", default="The determinant")
    parser.add_argument("--quality", default="standard")
    parser.add_argument("--voice", default="piper")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(out_dir=Path(tmp) / "out", quality=args.quality, voice=args.voice,
                                 cache_dir=Path(tmp) / "cache")
        report = render_topic(args.topic, settings)
        baseline = plain_manim_seconds(Path(report.output_dir) / "sections", settings.preset.manim_flag)
    figures = {
        "topic": report.topic,
        "quality": args.quality,
        "voice": args.voice,
        "jobs": settings.jobs,
        "video_seconds": report.video_seconds,
        "wall_seconds": report.wall_seconds,
        "stages": report.stages,
        "real_time_factor": round(report.wall_seconds / report.video_seconds, 3),
        "plain_manim_sequential_seconds": round(baseline, 3),
        "overhead_vs_plain_manim": round(report.wall_seconds / baseline, 3),
        "sections": [asdict(s) for s in report.sections],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "render.json").write_text(json.dumps(figures, indent=2))
    for key in ("video_seconds", "wall_seconds", "real_time_factor", "plain_manim_sequential_seconds",
                "overhead_vs_plain_manim"):
        print(f"{key:32} {figures[key]}")
    for stage, seconds in report.stages.items():
        print(f"{'stage ' + stage:32} {seconds}")


if __name__ == "__main__":
    main()
