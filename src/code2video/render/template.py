"""The deterministic coder: one Lesson section -> one Manim scene file on the scene kit.

Every string from the IR enters the code through ``repr`` and every plotted expression has
passed ``ir.check_expression``, so a lesson file cannot inject code. Sections with
``layout == "slide"`` become ``SlideScene``s (full-width grid, no lecture lines), and a beat's
``focus`` moves the kit's highlight cursor in time with the narration (see ``template_focus``).
"""

from __future__ import annotations

import ast
import math
from typing import NamedTuple

from code2video import ir
from code2video.ir import EXPR_CONSTANTS, EXPR_FUNCTIONS, CELL_RE
from code2video.render.template_focus import FRAME_MS, STEP_SECONDS, focused_steps, word_start

ENTER = {"write": "Write", "fade": "FadeIn", "create": "Create", "grow": "GrowFromCenter"}
MAX_SCALE = {"text": 1.3, "formula": 1.6, "matrix": 1.6, "table": 1.5, "code": 1.5, "bullets": 1.3, "image": 2.0}
CELL_WIDTH = {"lesson": 9.3 / 6, "slide": 13.7 / 6}  # the kit's grid cells, scene units
CHAR_WIDTH = {"small": 0.178, "normal": 0.237, "large": 0.326}  # mean advance of the kit font's letters
DEFAULT_AREA = "A1:F6"
REMOVE_SECONDS = 0.5
MOTION_SHARE = 0.9  # of its time a motion plays; the rest is a still moment before the next step


class Step(NamedTuple):
    """One thing a beat does: setup lines, then animations played together.

    A motion step (``motion``) plays a moving visual's motion and gets the time the entrance
    before it would have waited, so the picture moves while the narration speaks.
    """

    setup: list[str]
    animations: list[str]
    motion: bool = False


def scene_class_name(index: int) -> str:
    return f"Section{index:02d}"


def numpy_expression(expr: str) -> str:
    """'sin(x) + pi' -> 'np.sin(x) + np.pi' (the expression was already checked by the IR)."""

    class ToNumpy(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            if node.id in EXPR_FUNCTIONS | EXPR_CONSTANTS:
                return ast.copy_location(ast.Attribute(ast.Name("np", ast.Load()), node.id, ast.Load()), node)
            return node

    return ast.unparse(ToNumpy().visit(ast.parse(ir.check_expression(expr), mode="eval")))


def _text_width(text: str, area: str | None, layout: str = "lesson") -> int:
    """Characters per line so wrapped text has about the area's aspect ratio."""
    if not area:
        return 32
    first, _, last = area.partition(":")
    (r1, c1), (r2, c2) = ir.parse_cell(first), ir.parse_cell(last or first)
    aspect = (c2 - c1 + 1) * CELL_WIDTH[layout] / ((r2 - r1 + 1) * 1.12)
    return max(12, min(48, round(math.sqrt(2.2 * aspect * len(text)))))


def _bullets_width(visual: ir.BulletsVisual, layout: str) -> int:
    """Characters per line so the items fill their area's width at their natural size."""
    first, _, last = (visual.area or visual.anchor or DEFAULT_AREA).partition(":")
    columns = ir.parse_cell(last or first)[1] - ir.parse_cell(first)[1] + 1
    usable = columns * CELL_WIDTH[layout] - 0.24  # the kit's area margins
    return max(16, min(70, int(usable / CHAR_WIDTH[visual.size]) - 2))  # 2: the marker's indent


def build_expression(visual: ir._Visual, layout: str = "lesson") -> str | None:
    """Python that builds the visual's mobject; None for an 'indicate' highlight (animation only)."""
    v = visual
    match v.kind:
        case "text":
            return f"label({v.text!r}, size={v.size!r}, color={v.color!r}, width={_text_width(v.text, v.area, layout)})"
        case "formula":
            return f"formula({v.typst!r}, latex={v.latex!r}, color={v.color!r})"
        case "axes":
            funcs = ", ".join(
                f"(lambda x: {numpy_expression(f.expr)}, {f.color!r}, {f.label!r}, {f.x_range!r})"
                for f in v.functions
            )
            points = ", ".join(f"({p.x!r}, {p.y!r}, {p.label!r}, {p.color!r})" for p in v.points)
            return (f"axes_plot({v.x_range!r}, {v.y_range!r}, functions=[{funcs}], points=[{points}], "
                    f"polygons={_polygons(v.polygons)}, x_label={v.x_label!r}, y_label={v.y_label!r}, "
                    f"numbers={v.numbers!r})")
        case "number_line":
            points = ", ".join(f"({p.x!r}, 0, {p.label!r}, {p.color!r})" for p in v.points)
            return f"number_line({v.x_range!r}, points=[{points}], numbers={v.numbers!r})"
        case "shape":
            return f"shape({v.shape!r}, {v.label!r}, color={v.color!r}, fill_opacity={v.fill_opacity!r})"
        case "arrow":
            ends = f"{_endpoint(v.start, layout)}, {_endpoint(v.end, layout)}"
            return f"arrow_between({ends}, {v.label!r}, color={v.color!r})"
        case "vector":
            vectors = ", ".join(f"({a.coords[0]!r}, {a.coords[1]!r}, {a.color!r}, {a.label!r})" for a in v.vectors)
            return f"vector_plane({v.x_range!r}, {v.y_range!r}, vectors=[{vectors}], polygons={_polygons(v.polygons)})"
        case "matrix":
            return f"matrix({v.rows!r}, color={v.color!r})"
        case "table":
            return f"table({v.header!r}, {v.rows!r})"
        case "bar_chart":
            return f"bar_chart({v.values!r}, {v.labels!r}, y_max={v.y_max!r}, color={v.color!r})"
        case "code":
            return f"code_block({v.code!r}, language={v.language!r})"
        case "image":
            return f"image({'assets/' + v.path!r}, caption={v.caption!r}, alt={v.alt!r})"
        case "bullets":
            return (f"bullets({v.items!r}, size={v.size!r}, color={v.color!r}, "
                    f"width={_bullets_width(v, layout)})")
        case "highlight":
            if v.style == "indicate":
                return None
            return f"highlight(v[{v.target!r}], style={v.style!r}, color={v.color!r})"
        case _ if v.kind in ir.MOTION_KINDS:
            return _moving_expression(v)
    raise ValueError(f"no template for visual kind {v.kind!r}")


def _moving_expression(v: ir._Visual) -> str:
    """A moving visual's kit builder (named like its kind) called with the IR's own fields."""
    fields = v.model_dump(exclude={*ir._Visual.model_fields, "kind"})
    code = {name: repr(value) for name, value in fields.items()}
    for name in {"expr", "target"} & fields.keys():
        code[name] = f"lambda x: {numpy_expression(fields[name])}"
    if "terms" in fields:
        code["terms"] = "[" + ", ".join(f"lambda x: {numpy_expression(t)}" for t in fields["terms"]) + "]"
    return f"{v.kind}(" + ", ".join(f"{name}={value}" for name, value in code.items()) + ")"


def _polygons(polygons: list[ir.PlotPolygon]) -> str:
    return "[" + ", ".join(f"({p.points!r}, {p.color!r}, {p.fill_opacity!r}, {p.label!r})" for p in polygons) + "]"


def _endpoint(place: str, layout: str) -> str:
    if not CELL_RE.match(place):
        return f"v[{place!r}]"
    return f"self.cell_center({place!r})" if layout == "slide" else f"cell_center({place!r})"


def _placement(visual: ir._Visual, expr: str) -> str:
    """Wrap the builder in the kit's placement call (arrows and highlights place themselves)."""
    if visual.kind in ("arrow", "highlight"):
        return expr
    if visual.anchor:
        return f"self.place({expr}, {visual.anchor!r})"
    if visual.replaces and not visual.area:
        return f"place_like({expr}, v[{visual.replaces!r}])"
    area = visual.area or DEFAULT_AREA
    return f"self.place_area({expr}, {area!r}, max_scale={MAX_SCALE.get(visual.kind, 4.0)})"


def _visual_steps(visual: ir._Visual, layout: str) -> list[Step]:
    """The steps of one visual entering the scene (and then moving, for a moving kind)."""
    expr = build_expression(visual, layout)
    if expr is None:
        return [Step([], [f"indicate(v[{visual.target!r}], color={visual.color!r})"])]
    setup = [f"v[{visual.id!r}] = self.name({visual.id!r}, {_placement(visual, expr)})"]
    if visual.replaces:
        steps = [Step(setup, [f"ReplacementTransform(v[{visual.replaces!r}], v[{visual.id!r}])"])]
    elif visual.enter == "none":
        steps = [Step(setup + [f"self.add(v[{visual.id!r}])"], [])]
    else:
        enter = "fade" if visual.kind == "image" and visual.enter in ("write", "create") else visual.enter  # pixels
        steps = [Step(setup, [f"{ENTER[enter]}(v[{visual.id!r}])"])]
    if visual.kind in ir.MOTION_KINDS:
        steps.append(Step([], [f"v[{visual.id!r}].motion()"], motion=True))
    return steps


class _Beats:
    """Writes a section's beats in order, remembering where the cursor is between them."""

    def __init__(self, section: ir.Section, word_starts: list[list[float]] | None) -> None:
        self.layout = section.layout
        self.exits = {visual.id: visual.exit for beat in section.beats for visual in beat.visuals}
        self.word_starts = word_starts
        self.cursor_on: str | None = None  # id of the visual the cursor marks

    def lines(self, number: int, beat: ir.Beat, duration: float) -> list[str]:
        lines = [f"# Beat {number} ({duration:.2f} s): {beat.narration[:70]!r}", f"with self.beat({duration:.3f}):"]
        body: list[str] = []
        remaining = duration
        fading = [f"FadeOut(v[{ref!r}])" for ref in beat.remove if self.exits[ref] == "fade"]
        body += [f"self.remove(v[{ref!r}])" for ref in beat.remove if self.exits[ref] == "none"]
        if self.cursor_on in beat.remove:
            fading.append("self.unfocus()")  # the cursor leaves with what it marked
            self.cursor_on = None
        if fading:
            run = min(REMOVE_SECONDS, 0.15 * duration)
            body.append(f"self.play({', '.join(fading)}, run_time={run:.3f})")
            remaining -= run
        steps = self._steps(number, beat)
        if beat.focus:
            body += focused_steps(steps, self._moves(number, beat, duration), duration - remaining, duration)
        else:
            body += _spread(steps, remaining)
        return lines + ["    " + line for line in body or ["pass"]]

    def _steps(self, number: int, beat: ir.Beat) -> list[Step]:
        """The beat's steps: the title and lecture line first, then each visual."""
        steps: list[Step] = []
        caption = beat.caption and self.layout != "slide"  # slides have no lecture-line column
        opening = (["self.title_animation()"] if number == 1 else []) + (
            [f"*self.caption_animation({beat.caption!r})"] if caption else [])
        if opening:
            steps.append(Step([], opening))
        for visual in beat.visuals:
            steps += _visual_steps(visual, self.layout)
            if visual.replaces and visual.replaces == self.cursor_on:
                self.cursor_on = visual.id  # the cursor stays on the morphed visual
        return steps

    def _moves(self, number: int, beat: ir.Beat, duration: float) -> list[tuple[str, float]]:
        """(cursor animation, arrival in seconds from the beat's start) per Focus, in order."""
        starts = self.word_starts[number - 1] if self.word_starts is not None else None
        moves = []
        for focus in beat.focus:
            item = f", {focus.item!r}" if focus.item is not None else ""
            moves.append((f"self.focus(v[{focus.target!r}]{item})",
                          word_start(beat.narration, focus.word, duration, starts)))
            self.cursor_on = focus.target
        return moves


def _spread(steps: list[Step], remaining: float) -> list[str]:
    """Steps spread evenly over the beat (the lesson rhythm: one thing, then a pause); a motion
    plays through its own slot and the pause of the entrance before it."""
    body: list[str] = []
    slot = remaining / max(1, len(steps))
    run = min(STEP_SECONDS, 0.6 * slot)
    pause = 0.0  # still time owed before the next animation
    for step in steps:
        body += step.setup
        if step.motion:
            length = max(FRAME_MS / 1000, pause + slot - FRAME_MS / 1000)  # a play may end up to a frame late
            body.append(f"self.play({', '.join(step.animations)}, run_time={MOTION_SHARE * length:.3f})")
            pause = (1 - MOTION_SHARE) * length
            continue
        if not step.animations:
            pause += slot
            continue
        if pause >= 0.001:
            body.append(f"self.wait({pause:.3f})")
        body.append(f"self.play({', '.join(step.animations)}, run_time={run:.3f})")
        pause = slot - run
    return body


def section_code(section: ir.Section, index: int, durations: list[float],
                 word_starts: list[list[float]] | None = None) -> str:
    """The scene file for ``section``; ``durations`` are the beats' lengths in seconds.

    ``word_starts[b][w]`` is when word ``w`` of beat ``b`` starts, in seconds from the beat's start
    (the narrator's timings); cursor moves are timed by it, or estimated when it is None.
    """
    if len(durations) != len(section.beats):
        raise ValueError(f"section {section.id!r} has {len(section.beats)} beats but {len(durations)} durations")
    if word_starts is not None and len(word_starts) != len(section.beats):
        raise ValueError(f"section {section.id!r} has {len(section.beats)} beats but {len(word_starts)} "
                         "lists of word start times")
    beats = _Beats(section, word_starts)
    body = ["v = {}  # visuals by IR id"]
    for number, (beat, duration) in enumerate(zip(section.beats, durations), 1):
        body += beats.lines(number, beat, duration)
    header = [
        f"# Section {index}: {' '.join(section.title.split())} (written by code2video's template coder)",
        "from code2video.render.kit import *",
        "",
        "",
        f"class {scene_class_name(index)}({'SlideScene' if section.layout == 'slide' else 'LessonScene'}):",
        f"    section_title = {section.title!r}",
        "",
        "    def construct(self):",
    ]
    return "\n".join(header + ["        " + line if line else "" for line in body]) + "\n"
