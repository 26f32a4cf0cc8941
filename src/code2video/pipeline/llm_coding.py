"""The LLM coding step: the Coder writes each section, the fix loop repairs it or falls back."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from rich.progress import Progress

from code2video.agents.coder import Coder, SectionBrief
from code2video.agents.fixer import Fixer
from code2video.llm import LLM
from code2video.pipeline.reports import NarratedSection
from code2video.render.autofix import (
    FixAttempt,
    FixRecord,
    FixRequest,
    Repair,
    repair_cached,
    scene_classes,
)
from code2video.render.kit_info import tex_available
from code2video.render.renderer import SectionJob
from code2video.render.template import scene_class_name
from code2video.review import CriticReport, probe_defects
from code2video.settings import Settings

MakeJob = Callable[[int, NarratedSection, str, str], SectionJob]


class LLMCoding:
    """Writes, repairs and (after the critic) revises the code of every section with one model."""

    def __init__(self, llm: LLM, topic: str, settings: Settings, cache_dir: Path | None) -> None:
        self.llm, self.topic, self.settings, self.cache_dir = llm, topic, settings, cache_dir
        self.fixes: dict[int, FixRecord] = {}

    def jobs(self, narrated: list[NarratedSection], templates: list[SectionJob], make_job: MakeJob,
             progress: Progress) -> list[SectionJob]:
        """The Coder writes every section, then each is checked and repaired (or falls back)."""
        task = progress.add_task("Coding", total=2 * len(narrated))
        coder = Coder(self.llm, self.topic, workers=max(2, self.settings.jobs))
        briefs = [SectionBrief(i, n.section, n.durations, scene_class_name(i)) for i, n in enumerate(narrated, 1)]
        codes = coder.write_all(briefs)
        progress.advance(task, len(codes))
        with ThreadPoolExecutor(max_workers=self.settings.jobs) as pool:
            repaired = list(pool.map(self.repair, narrated, templates, codes))
        progress.advance(task, len(codes))
        finals = [code for code, _ in repaired]
        for template, (_, record) in zip(templates, repaired):
            if record:
                self.fixes[template.index] = record
            if template.index in coder.failures:
                self.fixes[template.index] = FixRecord("fell_back", 0, [FixAttempt(
                    "LLMError", coder.failures[template.index], None, "fell back: the coder got no reply")])
        return [template if code == template.code else
                replace(make_job(template.index, item, code, scene_classes(code)[0]), fallback=template)
                for item, template, code in zip(narrated, templates, finals)]

    def repair(self, narrated: NarratedSection, template: SectionJob, code: str | None) -> tuple[str, FixRecord | None]:
        """The code to render for one section (the repaired LLM code, or the template's) and its history."""
        if code is None:
            return template.code, None
        fixer = Fixer(self.llm)

        def fix(request: FixRequest) -> str:
            return fixer.rewrite(section_id=narrated.section.id, error=request.error, scope_kind=request.scope.kind,
                                 start=request.scope.start, end=request.scope.end, scope_code=request.scope_code,
                                 context=request.context, hints=request.hints, attempt=request.attempt)

        repair = Repair(narrated.folder.resolve(), fix, max_rounds=self.settings.max_fix_rounds,
                        timeout=60 + 2 * sum(narrated.durations), memory_mb=self.settings.render_memory_mb,
                        tex_available=tex_available())
        return repair_cached(repair, code, template.code, self.cache_dir), repair.record

    def revise(self, item: NarratedSection, job: SectionJob, report: CriticReport) -> str | None:
        """Send an LLM section's layout defects back to the Coder; the revision must run and do better."""
        coder, brief = Coder(self.llm, self.topic), SectionBrief(job.index, item.section, item.durations,
                                                                 job.scene_class)
        code, best = job.code, None
        for _ in range(self.settings.critic_rounds):
            revised = coder.revise(brief, code, report.after) if report.after else None
            if revised is None:
                break
            report.rounds += 1
            final, _ = self.repair(item, job.fallback, revised)
            found = None if final == job.fallback.code else probe_defects(
                final, scene_classes(final)[0], job.folder.resolve() / "critic", self.settings.preset.height,
                timeout=60 + 2 * sum(item.durations))
            if found is None or len(found) >= len(report.after):
                break
            report.after, report.edits, code, best = found, [*report.edits, "the Coder revised the layout"], final, final
        report.revised = best is not None
        return best
