"""Efficiency of a render, read from its report.json: time, tokens, cost, repairs and fallbacks.

Code2Video reports time and tokens per video; a benchmark run wants the same numbers summed over
its topics, plus the derived "wall seconds per minute of video" that compares runs of different
lengths.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from code2video.errors import BadInputError

REQUIRED = ("wall_seconds", "video_seconds", "stages", "sections")


@dataclass
class Efficiency:
    """One output's costs (``outputs`` = 1) or a run's totals (``aggregate``)."""

    outputs: int = 1
    wall_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    video_seconds: float = 0.0
    sections: int = 0
    sections_rendered: int = 0
    sections_cached: int = 0
    llm_calls: int = 0
    llm_cached_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    cost_priced: bool | None = None  # None: no model was used; False: some calls had no known price
    llm_sections: int = 0  # sections whose code a model wrote (and kept)
    fix_rounds: int = 0
    fallbacks: int = 0  # sections whose model-written code fell back to the template coder
    avatar_fallbacks: int = 0  # sections whose talking head fell back or failed (a warning)
    topics: list[str] = field(default_factory=list)
    wall_seconds_per_video_minute: float | None = field(init=False, default=None)  # derived, kept for asdict

    def __post_init__(self) -> None:
        minutes = self.video_seconds / 60
        self.wall_seconds_per_video_minute = round(self.wall_seconds / minutes, 2) if minutes > 0 else None

    def describe(self) -> list[tuple[str, str]]:
        stages = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.stage_seconds.items()) or "none"
        ratio = self.wall_seconds_per_video_minute
        cost = "no model" if self.cost_priced is None else (
            f"${self.cost_usd:.4f}" + ("" if self.cost_priced else " (some calls unpriced: cost incomplete)"))
        return [
            ("outputs", str(self.outputs)),
            ("wall time", f"{self.wall_seconds:.1f} s for {self.video_seconds:.1f} s of video"
                          + (f" ({ratio} s per video minute)" if ratio is not None else "")),
            ("stages", stages),
            ("sections", f"{self.sections} ({self.sections_rendered} rendered, {self.sections_cached} cached)"),
            ("LLM calls", (f"{self.llm_calls} ({self.llm_cached_calls} from cache), "
                           f"tokens in {self.input_tokens}, out {self.output_tokens}")),
            ("cost", cost),
            ("model-written sections", (f"{self.llm_sections}, fix rounds {self.fix_rounds}, "
                                        f"fallbacks to template {self.fallbacks}")),
            ("avatar fallbacks", str(self.avatar_fallbacks)),
        ]


def read_report(folder: Path) -> dict:
    """The render report of an output folder (or the report.json path itself), checked for shape."""
    path = folder if folder.is_file() else folder / "report.json"
    if not path.is_file():
        raise BadInputError(f"{path} not found: give an output folder of `code2video render` (it writes report.json).")
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path} is not valid JSON ({exc}); re-run `code2video render` to rewrite it.") from None
    missing = [key for key in REQUIRED if not isinstance(report, dict) or key not in report]
    if missing or not isinstance(report["sections"], list) or not isinstance(report["stages"], dict):
        raise BadInputError(f"{path} is not a render report (missing or malformed: {', '.join(missing) or 'sections/stages'}); "
                            "give the output folder of `code2video render`.")
    return report


def efficiency(folder: Path) -> Efficiency:
    """What producing the output in ``folder`` cost."""
    report = read_report(Path(folder))
    sections = [s for s in report["sections"] if isinstance(s, dict)]
    total = ((report.get("llm") or {}).get("total")) or {}
    fixes = [s["fix"] for s in sections if isinstance(s.get("fix"), dict)]
    return Efficiency(
        wall_seconds=float(report["wall_seconds"]),
        stage_seconds={name: float(seconds) for name, seconds in report["stages"].items()},
        video_seconds=float(report["video_seconds"]),
        sections=len(sections),
        sections_rendered=sum(s.get("status") == "rendered" for s in sections),
        sections_cached=sum(s.get("status") == "cached" for s in sections),
        llm_calls=int(total.get("calls", 0)),
        llm_cached_calls=int(total.get("cached_calls", 0)),
        input_tokens=int(total.get("input_tokens", 0)),
        output_tokens=int(total.get("output_tokens", 0)),
        cost_usd=float(total.get("cost_usd", 0.0)),
        cost_priced=bool(report["llm"].get("priced")) if report.get("llm") else None,
        llm_sections=sum(s.get("coder") == "llm" for s in sections),
        fix_rounds=sum(int(f.get("fix_rounds", 0)) for f in fixes),
        fallbacks=sum(f.get("outcome") == "fell_back" for f in fixes),
        avatar_fallbacks=sum(bool((s.get("avatar") or {}).get("warning")) for s in sections),
        topics=[str(report.get("topic", Path(folder).name))],
    )


def aggregate(items: Sequence[Efficiency]) -> Efficiency:
    """Totals over a run; the per-minute ratio of the totals is the run's duration-weighted mean."""
    stages: dict[str, float] = {}
    for item in items:
        for name, seconds in item.stage_seconds.items():
            stages[name] = round(stages.get(name, 0.0) + seconds, 3)
    priced = [item.cost_priced for item in items if item.cost_priced is not None]

    def total(name: str):
        return sum(getattr(item, name) for item in items)

    return Efficiency(
        outputs=total("outputs"), wall_seconds=round(total("wall_seconds"), 3), stage_seconds=stages,
        video_seconds=round(total("video_seconds"), 3), sections=total("sections"),
        sections_rendered=total("sections_rendered"), sections_cached=total("sections_cached"),
        llm_calls=total("llm_calls"), llm_cached_calls=total("llm_cached_calls"), input_tokens=total("input_tokens"),
        output_tokens=total("output_tokens"), cost_usd=round(total("cost_usd"), 6),
        cost_priced=all(priced) if priced else None, llm_sections=total("llm_sections"),
        fix_rounds=total("fix_rounds"), fallbacks=total("fallbacks"), avatar_fallbacks=total("avatar_fallbacks"),
        topics=[topic for item in items for topic in item.topics],
    )


def mean_per_output(run: Efficiency) -> dict[str, float]:
    """Means per output of the additive numbers, for a summary table."""
    count = max(run.outputs, 1)
    return {name: round(getattr(run, name) / count, 3) for name in
            ("wall_seconds", "video_seconds", "llm_calls", "input_tokens", "output_tokens", "cost_usd", "fix_rounds")}
