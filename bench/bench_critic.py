"""Benchmark: the geometric critic on a labelled corpus of small scenes (bench/critic_scenes).

Every scene is dry-run once (one Manim process at a time; its layout.json is cached under
bench/results/critic_probes/, keyed by the scene file's hash, so reruns are fast) and the critic
reads the probe at 720p. A detected defect matches a label when the kinds agree and the label's
objects are among the defect's objects; each label is matched at most once, so a second report
of an already-matched defect counts as a false positive (the Coder would be told twice).

Reports per defect kind and overall: true positives, false positives, false negatives,
precision and recall; and the probe's cost: the wall time of the same dry runs with the probe
switched on and off (a handful of scenes, alternating, a few repeats), as a ratio.
Results go to bench/results/critic.json.

    python bench/bench_critic.py [--repeats 3] [--cost-scenes 4] [--no-cost]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from code2video.agents.critic import DEFECT_KINDS, Defect, critique_layout, read_probe
from code2video.render.kit_info import PROBE_ENV
from code2video.render.renderer import run_scene
from code2video.settings import QUALITY_PRESETS

CORPUS = Path(__file__).parent / "critic_scenes"
LABELS = CORPUS / "labels.json"
RESULTS = Path(__file__).parent / "results"
PROBES = RESULTS / "critic_probes"
SCENE_CLASS = "Section01"
PIXEL_HEIGHT = 720

KIT_FILE = Path(importlib.util.find_spec("code2video.render.kit").origin)  # found without importing Manim


def probe_path(scene: Path, timeout: float = 60) -> Path:
    """The scene's layout.json, dry-running it only when its current text has no cached probe."""
    digest = hashlib.sha256(scene.read_bytes() + KIT_FILE.read_bytes()).hexdigest()[:16]  # kit changes count
    cached = PROBES / f"{scene.stem}-{digest}.json"
    if cached.exists():
        return cached
    with tempfile.TemporaryDirectory() as tmp:
        run = run_scene(scene.read_text(encoding="utf-8"), Path(tmp), SCENE_CLASS, QUALITY_PRESETS["draft"],
                        timeout=timeout, dry_run=True)
        if not run.ok:
            raise RuntimeError(f"{scene.name} failed its dry run:\n{run.output[-1500:]}")
        PROBES.mkdir(parents=True, exist_ok=True)
        for stale in PROBES.glob(f"{scene.stem}-*.json"):
            stale.unlink()
        shutil.copy(Path(tmp) / "layout.json", cached)
    return cached


def match(defects: list[Defect], labels: list[dict]) -> tuple[list[tuple], list[Defect], list[dict]]:
    """(matched (defect, label) pairs, unmatched defects, unmatched labels) for one scene."""
    left, matched, spurious = list(labels), [], []
    for defect in defects:
        hit = next((lab for lab in left if lab["kind"] == defect.kind and set(lab["objects"]) <= set(defect.objects)),
                   None)
        if hit is None:
            spurious.append(defect)
        else:
            left.remove(hit)
            matched.append((defect, hit))
    return matched, spurious, left


def score(tp: int, fp: int, fn: int) -> dict:
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None}


def evaluate(scenes: list[Path], labels: dict[str, list[dict]]) -> dict:
    counts = {kind: [0, 0, 0] for kind in DEFECT_KINDS}
    per_scene = {}
    for scene in scenes:
        defects = critique_layout(read_probe(probe_path(scene)), pixel_height=PIXEL_HEIGHT)
        matched, spurious, missed = match(defects, labels[scene.name])
        for defect, _ in matched:
            counts[defect.kind][0] += 1
        for defect in spurious:
            counts[defect.kind][1] += 1
        for label in missed:
            counts[label["kind"]][2] += 1
        per_scene[scene.name] = {
            "labels": labels[scene.name],
            "false_positives": [{"kind": d.kind, "objects": list(d.objects), "message": d.message} for d in spurious],
            "false_negatives": missed,
        }
    by_kind = {kind: score(*c) for kind, c in counts.items()}
    overall = score(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return {"by_kind": by_kind, "overall": overall, "scenes": per_scene}


def dry_run_seconds(scene: Path, probe: bool) -> float:
    """Wall time of one plain Manim dry run of ``scene``, with or without the layout probe."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(scene, Path(tmp) / "scene.py")
        env = {k: v for k, v in os.environ.items() if k != PROBE_ENV}
        if probe:
            env[PROBE_ENV] = str(Path(tmp) / "layout.json")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "manim", "render", "-ql", "--dry_run", "--progress_bar", "none",
                        "-v", "WARNING", "--media_dir", str(Path(tmp) / "media"), "scene.py", SCENE_CLASS],
                       cwd=tmp, env=env, check=True, capture_output=True)
        return time.perf_counter() - started


def probe_cost(scenes: list[Path], repeats: int) -> dict:
    on = off = 0.0
    for _ in range(repeats):
        for scene in scenes:  # alternate, so drift in the machine's speed hits both alike
            off += dry_run_seconds(scene, probe=False)
            on += dry_run_seconds(scene, probe=True)
    runs = repeats * len(scenes)
    return {"scenes": [s.name for s in scenes], "repeats": repeats, "mean_seconds_without_probe": round(off / runs, 3),
            "mean_seconds_with_probe": round(on / runs, 3), "ratio": round(on / off, 3)}


def print_table(results: dict) -> None:
    print(f"{'kind':16}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    rows = [*results["by_kind"].items(), ("overall", results["overall"])]
    for kind, s in rows:
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        print(f"{kind:16}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{fmt(s['precision']):>11}{fmt(s['recall']):>8}")
    for name, scene in results["scenes"].items():
        for d in scene["false_positives"]:
            print(f"  FP {name}: {d['kind']} {d['objects']}")
        for lab in scene["false_negatives"]:
            print(f"  FN {name}: {lab['kind']} {lab['objects']}")
    cost = results.get("probe_cost")
    if cost:
        print(f"probe cost: {cost['mean_seconds_with_probe']} s with vs {cost['mean_seconds_without_probe']} s "
              f"without per dry run, ratio {cost['ratio']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cost-scenes", type=int, default=4)
    parser.add_argument("--no-cost", action="store_true", help="skip the probe-cost timing")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text())
    scenes = sorted(CORPUS.glob("*.py"))
    unlabelled = {s.name for s in scenes} ^ set(labels)
    if unlabelled:
        sys.exit(f"scenes and labels.json disagree on: {sorted(unlabelled)}")
    results = {"pixel_height": PIXEL_HEIGHT, "scenes_total": len(scenes),
               "scenes_clean": sum(not labels[s.name] for s in scenes), **evaluate(scenes, labels)}
    if not args.no_cost:
        results["probe_cost"] = probe_cost(scenes[::max(1, len(scenes) // args.cost_scenes)][:args.cost_scenes],
                                           args.repeats)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "critic.json").write_text(json.dumps(results, indent=2))
    print_table(results)


if __name__ == "__main__":
    main()
