"""The Lesson IR: the one typed description of a video that every stage reads.

A Lesson has Sections; a Section has Beats; a Beat is one spoken passage with an optional
lecture line and the visuals that appear or change while it is spoken. Visuals come from a
closed vocabulary (the ``kind`` field) so the template coder, the LLM coder prompt and the
critic all agree on what can be drawn.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1
ROWS = "ABCDEF"
COLUMNS = "123456"
CELL_RE = re.compile(r"^[A-F][1-6]$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ASSET_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")

Color = Literal[
    "white", "gray", "blue", "teal", "green", "yellow", "gold", "orange", "red", "pink", "purple"
]
Enter = Literal["write", "fade", "create", "grow", "none"]
Exit = Literal["fade", "none"]

# Names a plotted expression may use (besides the variable ``x``); each maps to numpy.
EXPR_FUNCTIONS = {"sin", "cos", "tan", "exp", "log", "sqrt", "abs", "floor", "arctan", "tanh"}
EXPR_CONSTANTS = {"pi", "e"}
_EXPR_NODES = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Load, ast.Constant,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Mod,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def check_expression(expr: str) -> str:
    """Plotted functions become code, so only arithmetic on ``x`` and known functions passes."""
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"expression {expr!r} is not valid: {exc.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _EXPR_NODES):
            raise ValueError(f"expression {expr!r} uses {type(node).__name__}, which is not allowed")
        if isinstance(node, ast.Name) and node.id not in EXPR_FUNCTIONS | EXPR_CONSTANTS | {"x"}:
            raise ValueError(f"expression {expr!r} uses unknown name {node.id!r}")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in EXPR_FUNCTIONS
        ):
            raise ValueError(f"expression {expr!r} calls something other than {sorted(EXPR_FUNCTIONS)}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ValueError(f"expression {expr!r} has a non-numeric constant")
    return expr


def check_speakable(text: str) -> str:
    """Narration is read aloud as written, so LaTeX in it would be spoken as symbols."""
    if re.search(r"[\\$]|\^|_\{", text):
        raise ValueError(f"narration must be speakable text without LaTeX: {text[:60]!r}")
    return text.strip()


def parse_cell(cell: str) -> tuple[int, int]:
    """'C4' -> (row 2, column 3), zero-based."""
    if not CELL_RE.match(cell):
        raise ValueError(f"anchor {cell!r} is not a grid cell A1..F6")
    return ROWS.index(cell[0]), COLUMNS.index(cell[1])


class _Visual(_Model):
    """Fields every visual shares: identity, place on the anchor grid, and animations."""

    id: str = Field(description="unique within the section; later beats refer to it")
    anchor: str | None = Field(None, description="a grid cell such as 'C4'")
    area: str | None = Field(None, description="a block of cells such as 'B2:D5'; the object is scaled to fit")
    enter: Enter = "fade"
    exit: Exit = "fade"
    replaces: str | None = Field(None, description="id of an earlier visual that morphs into this one")

    @field_validator("id")
    @classmethod
    def _slug_id(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError(f"visual id {value!r} must be a lowercase slug like 'sum-formula'")
        return value

    @field_validator("anchor")
    @classmethod
    def _valid_anchor(cls, value: str | None) -> str | None:
        if value is not None:
            parse_cell(value)
        return value

    @field_validator("area")
    @classmethod
    def _valid_area(cls, value: str | None) -> str | None:
        if value is None:
            return value
        first, _, last = value.partition(":")
        (r1, c1), (r2, c2) = parse_cell(first), parse_cell(last)
        if r2 < r1 or c2 < c1:
            raise ValueError(f"area {value!r} must go from top-left to bottom-right")
        return value

    @model_validator(mode="after")
    def _one_place(self) -> "_Visual":
        if self.anchor and self.area:
            raise ValueError(f"visual {self.id!r} has both anchor and area; give one")
        return self

    def references(self) -> list[str]:
        """Ids of earlier visuals this one needs."""
        return [self.replaces] if self.replaces else []


class TextVisual(_Visual):
    kind: Literal["text"] = "text"
    text: str
    size: Literal["small", "normal", "large"] = "normal"
    color: Color = "white"


class FormulaVisual(_Visual):
    """Math in Typst syntax (rendered offline); ``latex`` is used only when TeX is installed."""

    kind: Literal["formula"] = "formula"
    typst: str = Field(description="Typst math, e.g. 'e^(i pi) + 1 = 0'")
    latex: str | None = None
    color: Color = "white"


class PlotFunction(_Model):
    expr: str = Field(description="expression in x, e.g. 'sin(x) + x^2' written as 'sin(x) + x**2'")
    color: Color = "blue"
    label: str | None = None
    x_range: tuple[float, float] | None = None

    @field_validator("expr")
    @classmethod
    def _safe_expr(cls, value: str) -> str:
        return check_expression(value)


class PlotPoint(_Model):
    x: float
    y: float
    label: str | None = None
    color: Color = "yellow"


class PlotPolygon(_Model):
    """A filled region given by its corners in the plot's own coordinates (a square, a parallelogram)."""

    points: list[tuple[float, float]] = Field(min_length=3)
    color: Color = "teal"
    fill_opacity: float = Field(0.35, ge=0, le=1)
    label: str | None = None


class AxesVisual(_Visual):
    kind: Literal["axes"] = "axes"
    x_range: tuple[float, float, float] = (-5, 5, 1)
    y_range: tuple[float, float, float] = (-3, 3, 1)
    x_label: str | None = None
    y_label: str | None = None
    numbers: bool = True
    functions: list[PlotFunction] = Field(default_factory=list)
    points: list[PlotPoint] = Field(default_factory=list)
    polygons: list[PlotPolygon] = Field(default_factory=list)


class NumberLineVisual(_Visual):
    kind: Literal["number_line"] = "number_line"
    x_range: tuple[float, float, float] = (-5, 5, 1)
    numbers: bool = True
    points: list[PlotPoint] = Field(default_factory=list, description="y is ignored")


class ShapeVisual(_Visual):
    kind: Literal["shape"] = "shape"
    shape: Literal["circle", "square", "rectangle", "triangle", "dot", "ellipse"]
    label: str | None = None
    color: Color = "blue"
    fill_opacity: float = Field(0.0, ge=0, le=1)


class ArrowVisual(_Visual):
    """An arrow between two places, each a grid cell or the id of an earlier visual."""

    kind: Literal["arrow"] = "arrow"
    start: str
    end: str
    label: str | None = None
    color: Color = "white"

    def references(self) -> list[str]:
        return super().references() + [p for p in (self.start, self.end) if not CELL_RE.match(p)]


class PlaneVector(_Model):
    coords: tuple[float, float]
    color: Color = "yellow"
    label: str | None = None


class VectorVisual(_Visual):
    """Vectors drawn from the origin of a coordinate plane."""

    kind: Literal["vector"] = "vector"
    x_range: tuple[float, float, float] = (-4, 4, 1)
    y_range: tuple[float, float, float] = (-3, 3, 1)
    vectors: list[PlaneVector] = Field(min_length=1)
    polygons: list[PlotPolygon] = Field(default_factory=list)


class MatrixVisual(_Visual):
    kind: Literal["matrix"] = "matrix"
    rows: list[list[str]] = Field(min_length=1, description="entries as Typst math, e.g. [['a','b'],['c','d']]")
    color: Color = "white"

    @model_validator(mode="after")
    def _rectangular(self) -> "MatrixVisual":
        if len({len(row) for row in self.rows}) != 1 or not self.rows[0]:
            raise ValueError(f"matrix {self.id!r} rows must all have the same, non-zero length")
        return self


class TableVisual(_Visual):
    kind: Literal["table"] = "table"
    header: list[str] = Field(min_length=1)
    rows: list[list[str]] = Field(min_length=1)

    @model_validator(mode="after")
    def _rectangular(self) -> "TableVisual":
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError(f"table {self.id!r} rows must have as many cells as the header")
        return self


class BarChartVisual(_Visual):
    kind: Literal["bar_chart"] = "bar_chart"
    values: list[float] = Field(min_length=1)
    labels: list[str] = Field(default_factory=list)
    y_max: float | None = None
    color: Color = "blue"

    @model_validator(mode="after")
    def _labels_match(self) -> "BarChartVisual":
        if self.labels and len(self.labels) != len(self.values):
            raise ValueError(f"bar chart {self.id!r} needs one label per value")
        return self


class CodeVisual(_Visual):
    kind: Literal["code"] = "code"
    code: str
    language: str = "python"


class ImageVisual(_Visual):
    """A picture from the section's assets (a paper's figure); the kit draws a placeholder when it is missing."""

    kind: Literal["image"] = "image"
    path: str = Field(description="file name in the section's assets, e.g. 'fig-1.png'")
    caption: str | None = None
    alt: str = Field("", description="what the picture shows, said on the placeholder when the file is missing")

    @field_validator("path")
    @classmethod
    def _plain_relative(cls, value: str) -> str:
        if not ASSET_RE.match(value) or ".." in value.split("/"):
            raise ValueError(f"image path {value!r} must be a plain relative file name such as 'fig-1.png'")
        return value


class BulletsVisual(_Visual):
    """A list of short points; the highlight cursor can point at one item (``Focus.item``)."""

    kind: Literal["bullets"] = "bullets"
    items: list[str] = Field(min_length=1, max_length=8)
    size: Literal["small", "normal", "large"] = "normal"
    color: Color = "white"


class HighlightVisual(_Visual):
    """Draws attention to an earlier visual; 'indicate' and 'flash' leave nothing behind."""

    kind: Literal["highlight"] = "highlight"
    target: str
    style: Literal["box", "underline", "indicate", "circle"] = "box"
    color: Color = "yellow"

    def references(self) -> list[str]:
        return super().references() + [self.target]


Visual = Annotated[
    Union[
        TextVisual, FormulaVisual, AxesVisual, NumberLineVisual, ShapeVisual, ArrowVisual,
        VectorVisual, MatrixVisual, TableVisual, BarChartVisual, CodeVisual, HighlightVisual, ImageVisual,
        BulletsVisual,
    ],
    Field(discriminator="kind"),
]
VISUAL_KINDS = [
    "text", "formula", "axes", "number_line", "shape", "arrow", "vector", "matrix", "table",
    "bar_chart", "code", "highlight", "image", "bullets",
]


class Focus(_Model):
    """Where the highlight cursor points while a beat is spoken (slides use it to follow the talk)."""

    target: str = Field(description="id of a visual on screen")
    item: int | None = Field(None, ge=1, description="1-based bullet item or table row within the target")
    word: int = Field(0, ge=0, description="index of the narration word at which the cursor arrives")


class Beat(_Model):
    narration: str = Field(min_length=1, description="speakable text: no LaTeX, no markup")
    caption: str | None = Field(None, description="short lecture line shown in the left column")
    visuals: list[Visual] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list, description="ids faded out as the beat starts")
    focus: list[Focus] = Field(default_factory=list, description="cursor moves during this beat, in order")

    @field_validator("narration")
    @classmethod
    def _speakable(cls, value: str) -> str:
        return check_speakable(value)


class Section(_Model):
    id: str
    title: str = Field(min_length=1)
    goal: str = ""
    beats: list[Beat] = Field(min_length=1)
    assets: list[str] = Field(default_factory=list, description="files the section's images use")
    layout: Literal["lesson", "slide"] = Field(
        "lesson", description="lesson: lecture-line column and grid; slide: the grid spans the full width")

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError(f"section id {value!r} must be a lowercase slug like 'worked-example'")
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> "Section":
        """Every id a beat mentions must name a visual on screen at that moment."""
        seen: set[str] = set()
        on_screen: set[str] = set()
        for number, beat in enumerate(self.beats, 1):
            for ref in beat.remove:
                if ref not in on_screen:
                    raise ValueError(f"section {self.id!r} beat {number} removes {ref!r}, which is not on screen")
                on_screen.discard(ref)
            for visual in beat.visuals:
                for ref in visual.references():
                    if ref not in on_screen:
                        raise ValueError(
                            f"section {self.id!r} beat {number}: {visual.id!r} refers to {ref!r}, "
                            "which is not on screen"
                        )
                if visual.id in seen:
                    raise ValueError(f"section {self.id!r} uses visual id {visual.id!r} twice")
                seen.add(visual.id)
                on_screen.discard(visual.replaces)
                if not (visual.kind == "highlight" and visual.style == "indicate"):
                    on_screen.add(visual.id)
                if visual.kind == "image" and visual.path not in self.assets:
                    raise ValueError(f"section {self.id!r}: image {visual.id!r} uses {visual.path!r}, "
                                     "which is not in the section's assets")
            self._check_focus(number, beat, on_screen)
        return self

    def _check_focus(self, number: int, beat: Beat, on_screen: set[str]) -> None:
        visuals = {v.id: v for b in self.beats for v in b.visuals}
        words = len(beat.narration.split())
        for focus in beat.focus:
            where = f"section {self.id!r} beat {number}: the cursor"
            if focus.target not in on_screen:
                raise ValueError(f"{where} points at {focus.target!r}, which is not on screen")
            items = getattr(visuals[focus.target], "items", None) or getattr(visuals[focus.target], "rows", None)
            if focus.item is not None and (items is None or focus.item > len(items)):
                raise ValueError(f"{where} points at item {focus.item} of {focus.target!r}, which has no such item")
            if focus.word >= words:
                raise ValueError(f"{where} moves at word {focus.word}, but the narration has {words} words")


class Lesson(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    topic: str = Field(min_length=1)
    audience: str = "general"
    language: str = "en"
    target_minutes: float | None = None
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_sections(self) -> "Lesson":
        ids = [s.id for s in self.sections]
        if len(ids) != len(set(ids)):
            raise ValueError("section ids must be unique")
        return self

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False)

    @classmethod
    def from_json(cls, text: str) -> "Lesson":
        return cls.model_validate_json(text)


def json_schema() -> str:
    """The Lesson JSON schema, for LLM prompts and external tools."""
    return json.dumps(Lesson.model_json_schema(), indent=2)
