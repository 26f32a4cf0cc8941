"""The Lesson IR: the one typed description of a video that every stage reads.

A Lesson has Sections; a Section has Beats; a Beat is one spoken passage with an optional
lecture line and the visuals that appear or change while it is spoken. Visuals come from a
closed vocabulary (the ``kind`` field) so the template coder, the LLM coder prompt and the
critic all agree on what can be drawn.
"""

from __future__ import annotations

import ast
import json
import math
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


def evaluate(expr: str, x: float) -> float | None:
    """The checked expression at ``x``, or None where it is undefined or not a finite real number."""
    names = {name: getattr(math, name, None) for name in EXPR_FUNCTIONS | EXPR_CONSTANTS}
    names.update(abs=abs, arctan=math.atan, x=x)
    try:
        value = eval(compile(check_expression(expr), "<expr>", "eval"), {"__builtins__": {}}, names)  # noqa: S307
    except (ArithmeticError, ValueError, TypeError):
        return None
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


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


# --- Visuals that move while the narration speaks (the template plays their motion in the beat) ---

Range = tuple[float, float, float]
MOTION_KINDS = {"linear_map", "tangent", "series", "area_split", "histogram", "descent", "attention",
                "parity_grid", "hanoi", "refraction"}


def _in_view(x: float, y: float, x_range: Range, y_range: Range, slack: float = 1e-9) -> bool:
    return x_range[0] - slack <= x <= x_range[1] + slack and y_range[0] - slack <= y <= y_range[1] + slack


class _Viewport(_Model):
    """Plot kinds draw inside a fixed window, so their box stays put while they move."""

    x_range: Range = (-4, 4, 1)
    y_range: Range = (-3, 3, 1)

    @field_validator("x_range", "y_range")
    @classmethod
    def _increasing(cls, value: Range) -> Range:
        if value[1] <= value[0] or value[2] <= 0:
            raise ValueError(f"range {value} must be (min, max, step) with min < max and step > 0")
        if (value[1] - value[0]) / value[2] > 40:
            raise ValueError(f"range {value} has more than 40 steps; choose a larger step")
        return value


class LinearMapVisual(_Visual, _Viewport):
    """A plane carried by a 2x2 matrix: grid lines, vectors and shapes glide to their images."""

    kind: Literal["linear_map"] = "linear_map"
    matrix: tuple[tuple[float, float], tuple[float, float]] = Field(description="rows, e.g. [[3, 1], [1, 2]]")
    vectors: list[PlaneVector] = Field(default_factory=list)
    polygons: list[PlotPolygon] = Field(default_factory=list)
    spans: list[tuple[float, float]] = Field(
        default_factory=list, description="directions drawn as fixed lines through the origin (eigenvector spans)")

    def image(self, x: float, y: float) -> tuple[float, float]:
        (a, b), (c, d) = self.matrix
        return a * x + b * y, c * x + d * y

    @model_validator(mode="after")
    def _fits(self) -> "LinearMapVisual":
        points = [v.coords for v in self.vectors] + [p for poly in self.polygons for p in poly.points]
        if any(dx == 0 and dy == 0 for dx, dy in self.spans):
            raise ValueError(f"linear map {self.id!r}: a span direction cannot be (0, 0)")
        for x, y in points:
            for px, py in ((x, y), self.image(x, y)):
                if not _in_view(px, py, self.x_range, self.y_range):
                    raise ValueError(f"linear map {self.id!r}: the point ({px:g}, {py:g}) is outside the view "
                                     f"x {self.x_range[:2]}, y {self.y_range[:2]}; widen the ranges")
        return self


class TangentVisual(_Visual, _Viewport):
    """A curve with its tangent line; a secant can first close in on the tangent, then the point can slide."""

    kind: Literal["tangent"] = "tangent"
    expr: str = Field(description="the curve, an expression in x")
    start: float = Field(description="x of the touching point")
    end: float | None = Field(None, description="x the point slides to while the narration speaks")
    secant: float | None = Field(None, description="h of a secant through x and x + h that shrinks to 0 first")
    color: Color = "blue"
    x_label: str | None = None
    y_label: str | None = None

    @field_validator("expr")
    @classmethod
    def _safe_expr(cls, value: str) -> str:
        return check_expression(value)

    @model_validator(mode="after")
    def _inside(self) -> "TangentVisual":
        for x in (self.start, self.end, None if self.secant is None else self.start + self.secant):
            if x is not None and not self.x_range[0] <= x <= self.x_range[1]:
                raise ValueError(f"tangent {self.id!r}: x = {x:g} is outside x_range {self.x_range[:2]}")
            if x is not None and evaluate(self.expr, x) is None:
                raise ValueError(f"tangent {self.id!r}: {self.expr} is undefined at x = {x:g}")
        return self


class SeriesVisual(_Visual, _Viewport):
    """Partial sums of a series of functions drawn one after another, closing in on the target."""

    kind: Literal["series"] = "series"
    target: str = Field(description="the function the series converges to, an expression in x")
    terms: list[str] = Field(min_length=2, max_length=12, description="the series' terms, each an expression in x")
    labels: list[str] = Field(default_factory=list, description="a caption per partial sum, e.g. 'degree 3'")
    color: Color = "yellow"

    @field_validator("target")
    @classmethod
    def _safe_target(cls, value: str) -> str:
        return check_expression(value)

    @field_validator("terms")
    @classmethod
    def _safe_terms(cls, value: list[str]) -> list[str]:
        return [check_expression(term) for term in value]

    @model_validator(mode="after")
    def _labels_match(self) -> "SeriesVisual":
        if self.labels and len(self.labels) != len(self.terms):
            raise ValueError(f"series {self.id!r} needs one label per partial sum ({len(self.terms)})")
        return self


def _probability(value: float) -> float:
    if not 0 < value < 1:
        raise ValueError(f"probability {value:g} must be strictly between 0 and 1")
    return value


class AreaSplitVisual(_Visual):
    """Bayes as area: a unit square split by the prior, then by the evidence's likelihoods; the
    evidence keeps its share and the posterior is the hypothesis' part of what remains."""

    kind: Literal["area_split"] = "area_split"
    prior: float = Field(description="P(H), the share of the square on the left")
    likelihood: float = Field(description="P(E | H)")
    false_alarm: float = Field(description="P(E | not H)")
    hypothesis: str = "H"
    evidence: str = "E"

    _check = field_validator("prior", "likelihood", "false_alarm")(lambda cls, v: _probability(v))

    def posterior(self) -> float:
        hit = self.prior * self.likelihood
        return hit / (hit + (1 - self.prior) * self.false_alarm)


class HistogramVisual(_Visual):
    """The exact distribution of a sum of n draws, for each n in ``counts`` in turn (the CLT, the binomial)."""

    kind: Literal["histogram"] = "histogram"
    faces: list[int] = Field(default_factory=lambda: [1, 2, 3, 4, 5, 6], min_length=2,
                             description="the values one draw can take (a die: 1..6, a coin: 0, 1)")
    weights: list[float] | None = Field(None, description="their probabilities; equal when omitted")
    counts: list[int] = Field(min_length=1, max_length=8, description="draws summed at each stage, e.g. [1, 2, 5, 30]")
    standardize: bool = Field(True, description="z-scores and densities, with the normal curve drawn over them")
    x_label: str | None = Field(None, description="the x axis' name when not standardized, e.g. 'number of "
                                "heads' (default: 'sum of the draws')")
    color: Color = "blue"

    @model_validator(mode="after")
    def _valid(self) -> "HistogramVisual":
        if len(set(self.faces)) != len(self.faces):
            raise ValueError(f"histogram {self.id!r}: faces must be distinct")
        if self.weights is not None:
            if len(self.weights) != len(self.faces) or any(w < 0 for w in self.weights):
                raise ValueError(f"histogram {self.id!r} needs one non-negative weight per face")
            if abs(sum(self.weights) - 1) > 1e-6:
                raise ValueError(f"histogram {self.id!r}: weights sum to {sum(self.weights):g}, not 1")
        if any(not 1 <= n <= 200 for n in self.counts):
            raise ValueError(f"histogram {self.id!r}: each count must be 1-200 draws")
        if (max(self.faces) - min(self.faces)) * max(self.counts) > 20000:
            raise ValueError(f"histogram {self.id!r}: the sums would take over 20000 values; use faces closer "
                             "together or fewer draws")
        return self


class DescentVisual(_Visual, _Viewport):
    """Gradient descent on the loss L(x, y) = a x^2 + b y^2: contour ellipses and the point's steps."""

    kind: Literal["descent"] = "descent"
    curvature: tuple[float, float] = Field((1.0, 4.0), description="(a, b), both > 0")
    start: tuple[float, float] = (-3.5, 2.0)
    learning_rate: float = Field(0.1, gt=0)
    steps: int = Field(12, ge=1, le=60)
    color: Color = "orange"

    def path(self) -> list[tuple[float, float]]:
        """The points gradient descent visits, the start first."""
        (a, b), (x, y) = self.curvature, self.start
        points = [(x, y)]
        for _ in range(self.steps):
            x, y = x - self.learning_rate * 2 * a * x, y - self.learning_rate * 2 * b * y
            points.append((x, y))
        return points

    @model_validator(mode="after")
    def _stays_in_view(self) -> "DescentVisual":
        if min(self.curvature) <= 0:
            raise ValueError(f"descent {self.id!r}: both curvatures must be > 0")
        for x, y in self.path():
            if not _in_view(x, y, self.x_range, self.y_range):
                raise ValueError(f"descent {self.id!r} leaves the view at ({x:.3g}, {y:.3g}); a smaller "
                                 "learning_rate, fewer steps or wider ranges keep it visible")
        return self


class AttentionVisual(_Visual):
    """An attention weight matrix: row i is how much token i attends to each token (rows sum to 1)."""

    kind: Literal["attention"] = "attention"
    tokens: list[Annotated[str, Field(min_length=1, max_length=14)]] = Field(min_length=2, max_length=8)
    weights: list[list[float]] = Field(description="one row per token (the query), one column per token (the key)")
    color: Color = "teal"

    @model_validator(mode="after")
    def _rows_are_distributions(self) -> "AttentionVisual":
        size = len(self.tokens)
        if len(self.weights) != size or any(len(row) != size for row in self.weights):
            raise ValueError(f"attention {self.id!r}: weights must be {size} x {size}, one row and column per token")
        for number, row in enumerate(self.weights, 1):
            if any(w < 0 for w in row) or abs(sum(row) - 1) > 0.02:
                raise ValueError(f"attention {self.id!r}: row {number} must be non-negative and sum to 1 "
                                 f"(softmax weights), not {sum(row):g}")
        return self


def hamming_syndrome(bits: list[int]) -> int:
    """XOR of the positions of the 1 bits: 0 for a valid block, else the position of a single error."""
    syndrome = 0
    for position, bit in enumerate(bits):
        if bit:
            syndrome ^= position
    return syndrome


class ParityGridVisual(_Visual):
    """A 16-bit Hamming block on a 4 x 4 grid (position 0 is overall parity; 1, 2, 4, 8 are parity bits).

    The motion lights up the four parity groups in turn; with ``error`` it first flips that bit and
    the group checks then spell out its position."""

    kind: Literal["parity_grid"] = "parity_grid"
    bits: list[int] = Field(min_length=16, max_length=16, description="positions 0..15, row by row")
    error: int | None = Field(None, ge=1, le=15, description="position flipped by noise during the motion "
                              "(not 0: the four group checks cannot see the overall parity bit)")

    @model_validator(mode="after")
    def _valid_block(self) -> "ParityGridVisual":
        if any(bit not in (0, 1) for bit in self.bits):
            raise ValueError(f"parity grid {self.id!r}: bits must be 0 or 1")
        if hamming_syndrome(self.bits) != 0 or sum(self.bits) % 2:
            raise ValueError(f"parity grid {self.id!r}: the bits are not a valid extended Hamming block "
                             "(every parity group and the whole block must hold an even number of 1s)")
        return self


class HanoiVisual(_Visual):
    """Towers of Hanoi: the optimal solution's moves play in turn, with the move count in binary."""

    kind: Literal["hanoi"] = "hanoi"
    disks: int = Field(3, ge=1, le=6)
    start_move: int = Field(0, ge=0, description="the state shown first: after this many moves")
    moves: int | None = Field(None, ge=0, description="moves played during the narration; all the rest when omitted")
    counter: bool = Field(True, description="show the move number in binary")

    @model_validator(mode="after")
    def _within_solution(self) -> "HanoiVisual":
        total = 2 ** self.disks - 1
        if self.start_move + (self.moves or 0) > total:
            raise ValueError(f"hanoi {self.id!r}: {self.disks} disks are solved in {total} moves")
        return self


class RefractionVisual(_Visual):
    """A ray crossing from medium 1 to medium 2 and bending by Snell's law, n1 sin θ1 = n2 sin θ2;
    past the critical angle it is totally reflected."""

    kind: Literal["refraction"] = "refraction"
    n1: float = Field(1.0, ge=1, le=4)
    n2: float = Field(1.5, ge=1, le=4)
    angle: float = Field(30, ge=0, le=89, description="angle of incidence from the normal, degrees")
    sweep_to: float | None = Field(None, ge=0, le=89, description="the angle of incidence sweeps to this")
    media: tuple[str, str] = ("air", "glass")


Visual = Annotated[
    Union[
        TextVisual, FormulaVisual, AxesVisual, NumberLineVisual, ShapeVisual, ArrowVisual,
        VectorVisual, MatrixVisual, TableVisual, BarChartVisual, CodeVisual, HighlightVisual, ImageVisual,
        BulletsVisual, LinearMapVisual, TangentVisual, SeriesVisual, AreaSplitVisual, HistogramVisual,
        DescentVisual, AttentionVisual, ParityGridVisual, HanoiVisual, RefractionVisual,
    ],
    Field(discriminator="kind"),
]
VISUAL_KINDS = [
    "text", "formula", "axes", "number_line", "shape", "arrow", "vector", "matrix", "table",
    "bar_chart", "code", "highlight", "image", "bullets", *sorted(MOTION_KINDS),
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
