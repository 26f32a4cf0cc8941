"""Benchmark: every built-in lesson rendered end to end, as a new user gets it.

For each lesson: video length, words per minute of narration (the pauses after beats included) at
the chosen voice, wall time, and the layout defects the critic found before any repair. Results go to bench/results/library.json.

    python bench/bench_library.py [--quality draft] [--voice piper] [--lesson SLUG ...]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from code2video.knowledge.library import builtin_lessons
from code2video.pipeline import render_topic
from code2video.settings import load_settings

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="draft")
    parser.add_argument("--voice", default="piper")
    parser.add_argument("--lesson", action="append", help="a lesson slug (repeatable); default: all")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for item in builtin_lessons():
            if args.lesson and item.slug not in args.lesson:
                continue
            settings = load_settings(out_dir=Path(tmp) / "out", quality=args.quality, voice=args.voice,
                                     cache_dir=Path(tmp) / "cache")
            report = render_topic(item.title, settings)
            words = sum(len(b.narration.split()) for s in item.lesson.sections for b in s.beats)
            defects = [f"{s.id}: {d.kind} {d.message}" for s in report.sections if s.critic for d in s.critic.before]
            rows.append({"lesson": item.slug, "sections": len(report.sections), "words": words,
                         "video_minutes": round(report.video_seconds / 60, 2),
                         "words_per_minute": round(words / report.narration_seconds * 60, 1),
                         "wall_seconds": round(report.wall_seconds, 1), "defects": defects})
            print(f"{item.slug:26} {rows[-1]['video_minutes']:5.2f} min {rows[-1]['words_per_minute']:6.1f} wpm "
                  f"{rows[-1]['wall_seconds']:6.1f} s wall  {len(defects)} defects", flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "library.json").write_text(json.dumps({"quality": args.quality, "voice": args.voice,
                                                      "lessons": rows}, indent=2))


if __name__ == "__main__":
    main()
