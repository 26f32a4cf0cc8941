"""The Coder's reference documents the whole kit, steers away from LaTeX, and its examples render."""

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from code2video import ir
from code2video.knowledge.reference import coder_reference, reference_examples
from code2video.render.media import duration
from code2video.render.renderer import SectionJob, render_one
from code2video.render.sandbox import check_code
from code2video.settings import QUALITY_PRESETS

KIT_MODULES = ["code2video.render.kit", "code2video.render.kit_mobjects"]
MOVING_MODULES = ["code2video.render.kit_motion", "code2video.render.kit_plots", "code2video.render.kit_chance",
                  "code2video.render.kit_puzzles"]

# Manim classes and options that run LaTeX (checked against manim 0.22 on a machine without TeX).
NEEDS_LATEX = [
    "MathTex", "Tex", "SingleStringMathTex", "Title", "BulletedList", "DecimalNumber", "Integer",
    "Variable", "ChangingDecimal", "ChangeDecimalToValue", "Matrix", "IntegerMatrix", "DecimalMatrix",
    "MobjectMatrix", "MathTable", "IntegerTable", "DecimalTable", "BarChart", "TransformMatchingTex",
    "include_numbers", "add_coordinates",
]


def public_kit_names() -> set[str]:
    """Public functions of the kit modules and public methods of their classes, read from source."""
    names = set()
    for module in KIT_MODULES:
        tree = ast.parse(Path(importlib.util.find_spec(module).origin).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                names.add(node.name)
                names |= {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
    return {name for name in names if not name.startswith("_")}


def split_avoid_section(text: str) -> tuple[str, str]:
    """(the 'Avoid' section, everything else), split at the level-2 headings."""
    sections = re.split(r"^(?=## )", text, flags=re.MULTILINE)
    avoid = [s for s in sections if s.startswith("## ") and "Avoid" in s.splitlines()[0]]
    assert len(avoid) == 1, "the reference needs exactly one '## ... Avoid ...' section"
    return avoid[0], "".join(s for s in sections if s is not avoid[0])


def code_in(markdown: str) -> str:
    """The code of a markdown text: fenced blocks and `inline` spans (prose may say 'Title band')."""
    blocks = re.findall(r"^```\w*\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)
    without_blocks = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return "\n".join(blocks + re.findall(r"`([^`\n]+)`", without_blocks))


def scene_class(code: str) -> str:
    classes = [node for node in ast.parse(code).body if isinstance(node, ast.ClassDef)]
    assert len(classes) == 1 and classes[0].bases[0].id == "LessonScene"
    return classes[0].name


def beat_seconds(code: str) -> float:
    """The sum of the literal durations given to ``self.beat(...)``."""
    return sum(node.args[0].value for node in ast.walk(ast.parse(code))
               if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "beat")


def exported_names(module: str) -> list[str]:
    """A kit module's ``__all__``, read from source (scenes get these through the kit's star import)."""
    tree = ast.parse(Path(importlib.util.find_spec(module).origin).read_text())
    return next(ast.literal_eval(node.value) for node in tree.body
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__")


def test_the_reference_documents_every_moving_visual_builder():
    names = [name for module in MOVING_MODULES for name in exported_names(module)]
    assert set(ir.MOTION_KINDS) <= set(names)  # one builder per moving kind, named like it
    text = coder_reference()
    assert [name for name in names if not re.search(rf"\b{name}\b", text)] == []


def test_the_reference_documents_every_public_kit_name():
    text = coder_reference()
    names = public_kit_names()
    assert {"place", "place_area", "beat", "formula", "axes_plot"} <= names  # the parse found the kit
    missing = sorted(name for name in names if not re.search(rf"\b{name}\b", text))
    assert not missing, f"kit names the Coder reference does not mention: {missing}"


def test_latex_classes_appear_only_in_the_avoid_section():
    avoid, rest = split_avoid_section(coder_reference())
    for name in NEEDS_LATEX:
        assert re.search(rf"\b{name}\b", avoid), f"{name} needs LaTeX but is not listed under Avoid"
        assert not re.search(rf"\b{name}\b", code_in(rest)), f"{name} needs LaTeX but is used outside Avoid"


def test_examples_are_complete_scene_files():
    examples = reference_examples()
    assert 3 <= len(examples) <= 4
    for code in examples:
        assert code.startswith("from code2video.render.kit import *\n")
        scene_class(code)
        assert 20 <= len(code.splitlines()) <= 60
        assert beat_seconds(code) > 0
        assert check_code(code) == []  # the same AST sandbox that LLM-written scenes must pass


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(reference_examples())))
def test_example_scene_renders(index, tmp_path):
    code = reference_examples()[index]
    job = SectionJob(index + 1, tmp_path / f"example{index + 1}", code, scene_class(code))
    result = render_one(job, QUALITY_PRESETS["draft"], cache_dir=None, timeout=120)
    assert result.clip.exists()
    assert abs(duration(result.clip) - beat_seconds(code)) <= 1.5 / QUALITY_PRESETS["draft"].fps
