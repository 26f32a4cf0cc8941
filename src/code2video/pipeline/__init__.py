"""The only package that knows the whole order: input -> lesson -> narration -> code -> clips -> video."""

from code2video.pipeline.paper import render_paper
from code2video.pipeline.reports import NarratedSection, RunReport, SectionReport
from code2video.pipeline.run import Run
from code2video.pipeline.topic import (
           plan_lesson,
           render_topic,
           resolve_topic,
           vision_model,
)

__all__ = ["NarratedSection", "Run", "RunReport", "SectionReport", "plan_lesson", "render_paper", "render_topic",
           "resolve_topic", "vision_model"]
