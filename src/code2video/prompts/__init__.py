"""Prompt templates: package data rendered with jinja2 ``StrictUndefined`` (a missing value raises)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("code2video", "prompts"), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)


def render_prompt(name: str, **values: object) -> str:
    """Render ``prompts/<name>.j2`` with ``values``."""
    return _environment().get_template(f"{name}.j2").render(**values).strip() + "\n"
