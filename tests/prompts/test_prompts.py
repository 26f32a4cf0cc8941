"""Prompts are package data; a value the template needs but was not given is an error, not a blank."""

import pytest
from jinja2 import UndefinedError

from code2video import ir
from code2video.prompts import render_prompt
from code2video.prompts.ir_guide import visual_vocabulary


def test_missing_value_raises():
    with pytest.raises(UndefinedError):
        render_prompt("fixer_scope", error="NameError", hints=[], scope_kind="statement", start=3, end=3,
                      scope_code="x = 1", attempt=1)  # no context


def test_fixer_prompt_names_the_scope_and_hints():
    text = render_prompt("fixer_scope", error="NameError: name 'Circel' is not defined", hints=["did you mean Circle?"],
                         scope_kind="beat", start=10, end=14, scope_code="with self.beat(2.0):\n    c = Circel()",
                         context="10 | with self.beat(2.0):", attempt=2)
    assert "Rewrite the beat at lines 10-14 (attempt 2" in text and "- did you mean Circle?" in text


def test_vocabulary_covers_every_visual_kind_with_its_fields():
    vocabulary = visual_vocabulary()
    for kind in ir.VISUAL_KINDS:
        assert f"kind {kind!r}" in vocabulary
    assert "vectors: list of {coords: [float, float] (required)" in vocabulary
