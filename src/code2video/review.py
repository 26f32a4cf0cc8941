"""The critic step: measure each rendered section's layout, repair what can be repaired, verify.

A repair is tried as a dry run (no encoding), critiqued again, and kept only when it has fewer
defects; the caller then renders the kept code. Template sections are repaired by editing their
IR; LLM sections by sending the defects back to the Coder in anchor-grid terms.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from code2video import ir
from code2video.agents.critic import Defect, critique_layout, read_probe
from code2video.agents.critic.repair import repair_section
from code2video.agents.critic.vlm import VisionCritic, beat_end_times
from code2video.render import media
from code2video.render.keyframes import GridSpec, keyframes
from code2video.render.renderer import run_scene
from code2video.render.template import section_code
from code2video.settings import QUALITY_PRESETS


@dataclass
class CriticReport:
    """Per section in report.json: what the critic found, what was changed, what remains."""

    before: list[Defect] = field(default_factory=list)
    after: list[Defect] = field(default_factory=list)
    rounds: int = 0
    edits: list[str] = field(default_factory=list)
    revised: bool = False  # a revision was kept (and must be rendered)
    notes: list[str] = field(default_factory=list)  # what the VLM critic could not use, or why it was skipped


def section_defects(folder: Path, pixel_height: int) -> list[Defect]:
    """The geometric critic on the probe a render (or dry run) left in ``folder``."""
    return critique_layout(read_probe(folder / "layout.json"), pixel_height=pixel_height)


def vision_defects(critic: VisionCritic, section_id: str, folder: Path, fps: float) -> list[Defect]:
    """The vision model's defects on keyframes at beat ends, drawn with the anchor grid."""
    probe = read_probe(folder / "layout.json")
    layout = json.loads((folder / "layout.json").read_text())["layout"]
    last = media.duration(folder / "clip.mp4") - 1.5 / fps  # the scene clock can end a frame past the clip
    times = [max(0.0, min(t, last)) for t in beat_end_times(probe, fps)]
    frames = keyframes(folder / "clip.mp4", times, folder / "keyframes", grid=GridSpec.from_layout(layout))
    return critic.critique(section_id, list(zip(times, frames)), probe)


def probe_defects(code: str, scene_class: str, folder: Path, pixel_height: int, timeout: float) -> list[Defect] | None:
    """Dry-run ``code`` in ``folder`` and critique it; None when it does not run."""
    run = run_scene(code, folder, scene_class, QUALITY_PRESETS["draft"], timeout=timeout, dry_run=True)
    return section_defects(folder, pixel_height) if run.ok else None


@dataclass
class TemplateReview:
    """Repair rounds for one template-coded section."""

    section: ir.Section
    index: int
    durations: list[float]
    scene_class: str
    folder: Path
    pixel_height: int
    timeout: float
    word_starts: list[list[float]] | None = None  # the cursor's cues on slides
    report: CriticReport = field(default_factory=CriticReport)

    def run(self, defects: list[Defect], rounds: int) -> tuple[ir.Section, str] | None:
        """The repaired section and its code when a round reduced the defects, else None."""
        self.report.before = self.report.after = defects
        best: tuple[ir.Section, str] | None = None
        section = self.section
        for _ in range(rounds):
            if not self.report.after:
                break
            section, edits = repair_section(section, self.report.after)
            if not edits:
                break
            self.report.rounds += 1
            code = section_code(section, self.index, self.durations, self.word_starts)
            found = probe_defects(code, self.scene_class, self.folder / "critic", self.pixel_height, self.timeout)
            if found is None or len(found) >= len(self.report.after):
                break
            self.report.after, self.report.edits, best = found, self.report.edits + edits, (section, code)
        self.report.revised = best is not None
        return best


def review_folder(folder: Path, pixel_height: int, on_section: Callable[[str, list[Defect]], None]) -> None:
    """Critique every section of an existing output folder (the `critique` command)."""
    for section in sorted((folder / "sections").glob("*/")):
        if (section / "layout.json").exists():
            on_section(section.name, section_defects(section, pixel_height))
