"""Benchmark: the test paper (tests/data/paper) to a presentation video at draft and standard quality.

Reports wall time per stage (read, plan, narrate, code, render, critic, compose), the video
length and the real-time factor, each from a cold cache. Results go to bench/results/paper.json.

    python bench/bench_paper.py [--paper tests/data/paper] [--qualities draft standard] [--voice piper]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from code2video.pipeline import render_paper
from code2video.settings import load_settings

RESULTS = Path(__file__).parent / "results"
TEST_PAPER = Path(__file__).parents[1] / "tests" / "data" / "paper"


def run_once(paper: Path, quality: str, voice: str, minutes: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(out_dir=Path(tmp) / "out", quality=quality, voice=voice,
                                 cache_dir=Path(tmp) / "cache")
        report = render_paper(paper, settings, minutes=minutes)
    return {
        "quality": quality, "voice": voice, "jobs": settings.jobs, "slides": len(report.sections),
        "video_seconds": report.video_seconds, "wall_seconds": report.wall_seconds,
        "real_time_factor": round(report.wall_seconds / report.video_seconds, 3), "stages": report.stages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper", type=Path, default=TEST_PAPER)
    parser.add_argument("--qualities", nargs="+", default=["draft", "standard"])
    parser.add_argument("--voice", default="piper")
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args()
    runs = [run_once(args.paper, quality, args.voice, args.minutes) for quality in args.qualities]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "paper.json").write_text(json.dumps({"paper": str(args.paper), "runs": runs}, indent=2))
    for run in runs:
        stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in run["stages"].items())
        print(f"{run['quality']:9} {run['slides']} slides, video {run['video_seconds']:.1f} s, "
              f"wall {run['wall_seconds']:.1f} s (RTF {run['real_time_factor']}); stages: {stages}")


if __name__ == "__main__":
    main()
