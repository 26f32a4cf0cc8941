"""The critic step of a run: measure every clip's layout, repair, re-render what was kept."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.progress import Progress

from code2video.agents.critic.vlm import VisionCritic, merge
from code2video.errors import Code2VideoError
from code2video.llm import LLM
from code2video.pipeline.llm_coding import LLMCoding
from code2video.pipeline.reports import NarratedSection
from code2video.render.autofix import scene_classes
from code2video.render.renderer import RenderResult, SectionJob, render_sections
from code2video.render.template import section_code
from code2video.review import (
    CriticReport,
    TemplateReview,
    section_defects,
    vision_defects,
)
from code2video.settings import Settings


@dataclass
class CriticStage:
    settings: Settings
    cache_dir: Path | None
    vlm: LLM | None = None  # the vision model of --critic vlm
    coding: LLMCoding | None = None  # revises LLM-written sections
    reports: dict[int, CriticReport] = field(default_factory=dict)

    def run(self, narrated: list[NarratedSection], jobs: list[SectionJob], results: list[RenderResult],
            progress: Progress) -> list[RenderResult]:
        """Repair template sections through their IR (updating ``narrated``), LLM ones through the Coder."""
        task = progress.add_task("Critic", total=len(jobs))
        revised = {}
        for item, job, result in zip(narrated, jobs, results):
            defects, notes = self.defects(item, result)
            if job.fallback is None and job.code == section_code(item.section, job.index, item.durations,
                                                                 item.word_starts):
                review = TemplateReview(item.section, job.index, item.durations, job.scene_class,
                                        result.clip.parent, self.settings.preset.height,
                                        timeout=60 + 2 * sum(item.durations), word_starts=item.word_starts)
                kept = review.run(defects, self.settings.critic_rounds)
                report = review.report
                if kept:
                    item.section = kept[0]
                    revised[job.index] = replace(job, code=kept[1], inputs=(kept[0].model_dump_json(), *job.inputs[1:]))
            else:
                report = CriticReport(before=defects, after=defects)
                if defects and self.coding and (code := self.coding.revise(item, job, report)):
                    revised[job.index] = replace(job, code=code, scene_class=scene_classes(code)[0])
            report.notes = notes
            self.reports[job.index] = report
            progress.advance(task)
        if not revised:
            return results
        rerendered = render_sections(list(revised.values()), self.settings.preset, workers=self.settings.jobs,
                                     cache_dir=self.cache_dir, timeout=self.settings.render_timeout,
                                     memory_mb=self.settings.render_memory_mb)
        by_index = {r.index: r for r in rerendered}
        return [by_index.get(r.index, r) for r in results]

    def defects(self, item: NarratedSection, result: RenderResult) -> tuple[list, list[str]]:
        """The measured defects, merged with the vision model's when --critic vlm asks for it."""
        defects = section_defects(result.clip.parent, self.settings.preset.height)
        if not self.vlm:
            return defects, []
        vision = VisionCritic(self.vlm)
        try:
            found = vision_defects(vision, item.section.id, result.clip.parent, self.settings.preset.fps)
        except Code2VideoError as exc:  # the vision review is optional: keep the measured defects
            return defects, [f"the VLM critic was skipped: {exc}"]
        return merge(defects, found), vision.notes.get(item.section.id, [])
