"""The run's report, rebuilt from every stored topic at the end of each run: results.csv (a row
per topic), summary.md (means with bootstrap intervals, the per-topic table, skips, failures,
settings) and two PNG plots (per-topic gains, time per stage)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from code2video.mmmc_benchmark.records import TopicRecord
from code2video.pipeline.reports import write_atomically

COLUMNS = ("topic", "status", "questions", "baseline_accuracy", "unlearned_accuracy", "video_accuracy", "gain",
           "gain_low", "gain_high", "wall_seconds", "render_seconds", "eval_seconds", "tokens", "cost_usd",
           "fix_rounds", "fallbacks", "message")
MEASURES = (("baseline", "baseline accuracy"), ("unlearned", "unlearned accuracy"),
            ("video", "video accuracy"), ("gain", "gain (video - unlearned)"))


@dataclass
class Outputs:
    results_csv: Path
    summary_md: Path
    plots: list[Path] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    summary: object | None = None  # scoring.QuizSummary of the done topics


def topic_row(record: TopicRecord, seed: int = 0) -> dict:
    """The results.csv row of one topic; numbers are empty for skipped and failed topics.

    ``render_seconds`` is the video's own wall time from its report.json when there is one (a
    reused video keeps what it cost to make), ``wall_seconds`` adds the evaluation."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(topic=record.topic, status=record.status, questions=record.questions, message=record.message)
    quiz = record.teachquiz()
    if quiz is None:
        return row
    from code2video.teachquiz.scoring import gain_interval

    low, high = gain_interval(quiz, seed=seed)
    efficiency = record.efficiency or {}
    usage = (record.student_llm or {}).get("total") or {}
    render = float(efficiency.get("wall_seconds", record.render_seconds))
    row.update(
        baseline_accuracy=_num(quiz.accuracy("baseline")), unlearned_accuracy=_num(quiz.accuracy("unlearned")),
        video_accuracy=_num(quiz.accuracy("video")), gain=_num(quiz.gain), gain_low=_num(low), gain_high=_num(high),
        render_seconds=_num(render, 2), eval_seconds=_num(record.eval_seconds, 2),
        wall_seconds=_num(render + record.eval_seconds, 2),
        tokens=sum(int(source.get(key, 0)) for source in (efficiency, usage) for key in ("input_tokens", "output_tokens")),
        cost_usd=_num(float(efficiency.get("cost_usd", 0.0)) + float(usage.get("cost_usd", 0.0)), 6),
        fix_rounds=int(efficiency.get("fix_rounds", 0)),
        fallbacks=int(efficiency.get("fallbacks", 0)) + int(efficiency.get("avatar_fallbacks", 0)))
    return row


def _num(value: float, digits: int = 4) -> float:
    return round(float(value), digits)


def write_outputs(out_dir: Path, records: Sequence[TopicRecord], settings: dict[str, str], seed: int = 0) -> Outputs:
    """results.csv, summary.md and plots/ from ``records`` (every finished topic of the run)."""
    rows = [topic_row(record, seed) for record in records]
    done = [record for record in records if record.status == "done"]
    summary = None
    if done:
        from code2video.teachquiz.scoring import summarize

        summary = summarize([record.teachquiz() for record in done], seed=seed)
    results = out_dir / "results.csv"
    write_atomically(results, _csv(rows))
    plots, plot_note = _plots(out_dir / "plots", done, rows)
    summary_md = out_dir / "summary.md"
    write_atomically(summary_md, render_summary(records, rows, summary, settings, plots, plot_note))
    return Outputs(results, summary_md, plots, rows, summary)


def _csv(rows: Sequence[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def overall(summary) -> list[tuple[str, float, float, float]]:
    """(label, mean, low, high) for each measure of a QuizSummary."""
    found = []
    for name, label in MEASURES:
        stat = getattr(summary, name)
        found.append((label, stat.mean, stat.low, stat.high))
    return found


def render_summary(records: Sequence[TopicRecord], rows: Sequence[dict], summary, settings: dict[str, str],
                   plots: Sequence[Path], plot_note: str = "") -> str:
    done = [row for row in rows if row["status"] == "done"]
    skipped = [r for r in records if r.status == "skipped"]
    failed = [r for r in records if r.status == "failed"]
    lines = ["# MMMC benchmark: TeachQuiz", "",
             f"{_count(len(done), 'topic')} evaluated, {len(skipped)} skipped, {len(failed)} failed.", ""]
    if summary is not None:
        lines += ["## Overall", "", "Means over topics with 95% bootstrap intervals (topics resampled).", "",
                  "| measure | mean | 95% interval |", "|---|---|---|"]
        lines += [f"| {label} | {mean:.3f} | [{low:.3f}, {high:.3f}] |" for label, mean, low, high in overall(summary)]
        lines += ["", "## Run totals", "", "Making the videos (summed from their report.json files), then the quiz.",
                  "", "| measure | value |", "|---|---|"]
        lines += [f"| {label} | {_cell(value)} |" for label, value in run_totals(records)] + [""]
        lines += ["## Per topic", "", "| topic | questions | baseline | unlearned | video | gain | gain 95% | wall s |",
                  "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {_cell(row['topic'])} | {row['questions']} | {row['baseline_accuracy']:.3f} | "
                  f"{row['unlearned_accuracy']:.3f} | {row['video_accuracy']:.3f} | {row['gain']:+.3f} | "
                  f"[{row['gain_low']:+.3f}, {row['gain_high']:+.3f}] | {row['wall_seconds']:.1f} |" for row in done]
        lines.append("")
    for title, group in (("Skipped topics", skipped), ("Failed topics", failed)):
        if group:
            lines += [f"## {title}", ""] + [f"- {r.topic}: {r.message}" for r in group] + [""]
    lines += ["## Settings", "", "| setting | value |", "|---|---|"]
    lines += [f"| {key} | {_cell(value)} |" for key, value in settings.items()] + [""]
    if plots or plot_note:
        lines += ["## Plots", ""] + [f"![{p.stem}](plots/{p.name})" for p in plots] + ([plot_note] if plot_note else [])
    return "\n".join(lines).rstrip() + "\n"


def run_totals(records: Sequence[TopicRecord]) -> list[tuple[str, str]]:
    """The run's efficiency: the videos' costs aggregated, plus the evaluation's time and the llm
    student's calls, over the evaluated topics."""
    from code2video.teachquiz.efficiency import aggregate, mean_per_output

    done = [record for record in records if record.status == "done"]
    made = aggregate([_efficiency(record.efficiency) for record in done if record.efficiency])
    rows = made.describe()
    if made.outputs:
        means = mean_per_output(made)
        rows.append(("per video", (f"{means['wall_seconds']:.1f} s, {means['input_tokens'] + means['output_tokens']:.0f} "
                                  f"tokens, ${means['cost_usd']:.4f}")))
    evaluation = sum(record.eval_seconds for record in done)
    rows.append(("evaluation", f"{evaluation:.1f} s ({evaluation / max(len(done), 1):.1f} s a topic)"))
    usage = [(record.student_llm or {}).get("total") or {} for record in done]
    if any(usage):
        rows.append(("student LLM", (f"{sum(int(u.get('calls', 0)) for u in usage)} calls, tokens in "
                                    f"{sum(int(u.get('input_tokens', 0)) for u in usage)}, out "
                                    f"{sum(int(u.get('output_tokens', 0)) for u in usage)}, "
                                    f"${sum(float(u.get('cost_usd', 0.0)) for u in usage):.4f}")))
    return rows


def _efficiency(stored: dict):
    """An Efficiency back from its stored asdict() (derived fields are recomputed)."""
    from code2video.teachquiz.efficiency import Efficiency

    names = {f.name for f in fields(Efficiency) if f.init}
    return Efficiency(**{key: value for key, value in stored.items() if key in names})


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _plots(folder: Path, done: Sequence[TopicRecord], rows: Sequence[dict]) -> tuple[list[Path], str]:
    if not done:
        return [], ""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return [], "Plots need matplotlib: pip install 'code2video[eval]'."
    folder.mkdir(parents=True, exist_ok=True)
    by_topic = {row["topic"]: row for row in rows}
    names = [_short(r.topic) for r in done]
    return [_gains_plot(Figure, folder / "gains.png", names, [by_topic[r.topic] for r in done]),
            _stages_plot(Figure, folder / "stages.png", names, done)], ""


def _short(topic: str, width: int = 42) -> str:
    return topic if len(topic) <= width else topic[: width - 1] + "…"


def _save(figure, path: Path) -> Path:
    partial = path.with_name(path.stem + ".part.png")
    figure.savefig(partial, format="png", dpi=110, bbox_inches="tight")
    os.replace(partial, path)
    return path


def _gains_plot(figure_class, path: Path, names: list[str], rows: list[dict]) -> Path:
    gains = [row["gain"] for row in rows]
    errors = [[g - row["gain_low"] for g, row in zip(gains, rows)], [row["gain_high"] - g for g, row in zip(gains, rows)]]
    figure = figure_class(figsize=(8, 1.2 + 0.35 * len(names)))
    axes = figure.subplots()
    places = list(range(len(names)))[::-1]
    axes.barh(places, gains, xerr=errors, color=["#3a7d44" if g >= 0 else "#b03a2e" for g in gains],
              capsize=3, ecolor="#333333")
    axes.set_yticks(places, names, fontsize=8)
    axes.axvline(0, color="#555555", linewidth=0.8)
    axes.set_xlim(-1.05, 1.05)
    axes.set_xlabel("gain: video accuracy - unlearned accuracy (95% interval)")
    axes.set_title("TeachQuiz gain per topic")
    return _save(figure, path)


def _stages_plot(figure_class, path: Path, names: list[str], done: Sequence[TopicRecord]) -> Path:
    stages = [dict((r.efficiency or {}).get("stage_seconds") or {}) for r in done]
    for stage, record in zip(stages, done):
        stage["evaluate"] = record.eval_seconds
    order = list(dict.fromkeys(name for stage in stages for name in stage))
    figure = figure_class(figsize=(8, 1.2 + 0.35 * len(names)))
    axes = figure.subplots()
    places = list(range(len(names)))[::-1]
    left = [0.0] * len(names)
    for name in order:
        widths = [float(stage.get(name, 0.0)) for stage in stages]
        axes.barh(places, widths, left=left, label=name)
        left = [a + b for a, b in zip(left, widths)]
    axes.set_yticks(places, names, fontsize=8)
    axes.set_xlabel("seconds")
    axes.set_title("Time per stage and topic")
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _save(figure, path)
