"""What Manim CE 0.22 calls things: old names LLMs still write, colours, keywords, fixer hints.

The colour list is read from Manim's own source file as text, so the main process never imports
Manim; the renamed-API tables were checked against Manim 0.22.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

KIT_IMPORT = "from code2video.render.kit import *"
RENAMED = {  # old manimlib / pre-0.x names -> Manim CE 0.22
    "ShowCreation": "Create", "TextMobject": "Tex", "TexMobject": "MathTex", "TexText": "Tex",
    "ShowCreationThenDestructionAround": "Circumscribe", "ShowCreationThenFadeAround": "Circumscribe",
    "ShowPassingFlashAround": "Circumscribe", "CircleIndicate": "Circumscribe", "WiggleOutThenIn": "Wiggle",
    "ShowCreationThenDestruction": "ShowPassingFlash", "ShowCreationThenFadeOut": "Create",
    "FRAME_WIDTH": "config.frame_width", "FRAME_HEIGHT": "config.frame_height",
    "FRAME_X_RADIUS": "config.frame_x_radius", "FRAME_Y_RADIUS": "config.frame_y_radius",
}
RENAMED_METHODS = {
    "get_graph": "plot", "get_derivative_graph": "plot_derivative_graph",
    "get_parametric_curve": "plot_parametric_curve", "get_implicit_curve": "plot_implicit_curve",
    "get_antiderivative_graph": "plot_antiderivative_graph",
}
RENAMED_KWARGS = {  # (callee, old keyword) -> new keyword
    ("Code", "code"): "code_string", ("Code", "file_name"): "code_file", ("Code", "style"): "formatter_style",
    ("Code", "insert_line_no"): "add_line_numbers", ("Code", "line_no_from"): "line_numbers_from",
    ("Text", "size"): "font_size", ("MarkupText", "size"): "font_size", ("Paragraph", "size"): "font_size",
    ("Square", "side"): "side_length", ("get_axis_labels", "x_label_tex"): "x_label",
    ("get_axis_labels", "y_label_tex"): "y_label", ("Circle", "r"): "radius", ("Dot", "r"): "radius",
}
RANGES = (("x_min", "x_max", "x_range"), ("y_min", "y_max", "y_range"), ("t_min", "t_max", "t_range"))
FADES = {"FadeInFrom": ("FadeIn", None), "FadeInFromDown": ("FadeIn", "UP"),
         "FadeOutAndShift": ("FadeOut", None), "FadeOutAndShiftDown": ("FadeOut", "DOWN")}
MOBJECT_METHODS = {"shift", "move_to", "scale", "rotate", "set_color", "set_fill", "set_stroke", "next_to",
                   "to_edge", "to_corner", "become", "set_opacity", "flip", "stretch", "set_x", "set_y",
                   "align_to", "arrange", "fade", "set_value", "increment_value", "scale_to_fit_width",
                   "scale_to_fit_height", "set_width", "set_height", "center"}
DIRECTIONS = {"UP": "DOWN", "DOWN": "UP", "LEFT": "RIGHT", "RIGHT": "LEFT", "UL": "DR", "DR": "UL",
              "UR": "DL", "DL": "UR", "IN": "OUT", "OUT": "IN"}
# --- colours ----------------------------------------------------------------------------------
_HUES = {"BLUE", "TEAL", "GREEN", "YELLOW", "GOLD", "RED", "MAROON", "PURPLE", "PINK", "ORANGE", "GRAY", "GREY",
         "WHITE", "BLACK", "BROWN"}
_HUE_SYNONYMS = {"CYAN": "TEAL", "AQUA": "TEAL", "TURQUOISE": "TEAL", "MAGENTA": "PINK", "FUCHSIA": "PINK",
                 "VIOLET": "PURPLE", "INDIGO": "PURPLE", "LAVENDER": "PURPLE", "NAVY": "BLUE", "SKY": "BLUE",
                 "LIME": "GREEN", "OLIVE": "GREEN", "EMERALD": "GREEN", "MINT": "GREEN", "CRIMSON": "RED",
                 "SCARLET": "RED", "SILVER": "GRAY", "AMBER": "GOLD", "TAN": "BROWN", "BEIGE": "GOLD"}
_SHADES = {"LIGHT": "B", "LIGHTER": "A", "PALE": "A", "PASTEL": "B", "BRIGHT": "B", "DARK": "D", "DARKER": "E",
           "DEEP": "E", "MEDIUM": "C", "NEON": "C", "PURE": "C", **{letter: letter for letter in "ABCDE"}}
_COLOR_LINE = re.compile(r'^([A-Z][A-Z0-9_]*) = ManimColor\("#([0-9A-Fa-f]{6})"\)', re.M)


@cache
def _color_table(module: str) -> dict[str, str]:
    """NAME -> hex from one of Manim's colour modules, read as text (Manim is not imported)."""
    spec = importlib.util.find_spec("manim")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "utils" / "color" / f"{module}.py"
    return dict(_COLOR_LINE.findall(path.read_text())) if path.exists() else {}


def manim_colors() -> dict[str, str]:
    return _color_table("manim_colors")


def closest_color(name: str) -> str | None:
    """The Manim colour constant nearest to an unknown colour-like name (``LIGHT_BLUE`` -> ``BLUE_B``)."""
    colors, tokens = manim_colors(), name.upper().split("_")
    if not colors or name in colors or not all(t in _HUES or t in _HUE_SYNONYMS or t in _SHADES for t in tokens):
        return None
    if f"PURE_{name}" in colors:
        return f"PURE_{name}"
    hues = [_HUE_SYNONYMS.get(t, t) for t in tokens if t in _HUES or t in _HUE_SYNONYMS]
    if not hues:
        return None
    hue = "GRAY" if hues[-1] == "GREY" else hues[-1]
    family = [c for c in colors if hue in c.split("_") and not c.startswith(("LOGO_", "PURE_"))]
    wanted = _color_table("XKCD").get(name.replace("_", "")) or _color_table("X11").get(name.replace("_", ""))
    if wanted and family:
        return min(family, key=lambda c: _distance(colors[c], wanted))
    shade = next((_SHADES[t] for t in reversed(tokens) if t in _SHADES), None)
    for candidate in (f"{hue}_{shade}", f"{'LIGHT' if shade in 'AB' else 'DARK'}_{hue}" if shade else "", hue):
        if candidate in colors:
            return candidate
    return family[0] if family else None


def _distance(first: str, second: str) -> float:
    a, b = (tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) for h in (first, second))
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5




STYLE_KWARGS = "color fill_color fill_opacity stroke_color stroke_width stroke_opacity"
ANIMATION_KWARGS = "run_time rate_func lag_ratio"
KWARGS = {  # keyword arguments Manim 0.22 accepts, for the fixer's hints
    "Text": "text color font_size font slant weight line_spacing t2c t2w gradient width height",
    "MarkupText": "text color font_size font slant weight line_spacing justify gradient",
    "MathTypst": "math_expression color font_size typst_preamble height",
    "Typst": "typst_code color font_size typst_preamble height",
    "Axes": "x_range y_range x_length y_length axis_config x_axis_config y_axis_config tips",
    "NumberLine": "x_range length unit_size include_ticks tick_size include_tip include_numbers font_size "
                  "label_direction label_constructor decimal_number_config numbers_to_include numbers_to_exclude",
    "NumberPlane": "x_range y_range x_length y_length background_line_style faded_line_style faded_line_ratio",
    "Code": "code_file code_string language formatter_style tab_width add_line_numbers line_numbers_from "
            "background background_config paragraph_config",
    "Circle": "radius arc_center " + STYLE_KWARGS, "Square": "side_length " + STYLE_KWARGS,
    "Rectangle": "width height grid_xstep grid_ystep " + STYLE_KWARGS,
    "Arrow": "start end buff stroke_width tip_length max_tip_length_to_length_ratio max_stroke_width_to_length_ratio "
             "color",
    "Line": "start end buff path_arc " + STYLE_KWARGS, "Dot": "point radius " + STYLE_KWARGS,
    "DecimalNumber": "number num_decimal_places mob_class include_sign group_with_commas unit font_size color",
    "Table": "table row_labels col_labels include_outer_lines v_buff h_buff element_to_mobject line_config",
    "BarChart": "values bar_names y_range x_length y_length bar_colors bar_width bar_fill_opacity",
    "plot": "function x_range use_vectorized colorscale color",
    "FadeIn": "*mobjects shift target_position scale " + ANIMATION_KWARGS,
    "FadeOut": "*mobjects shift target_position scale " + ANIMATION_KWARGS,
    "Create": "mobject " + ANIMATION_KWARGS, "Write": "vmobject reverse " + ANIMATION_KWARGS,
    "Transform": "mobject target_mobject path_arc " + ANIMATION_KWARGS,
    "Indicate": "mobject scale_factor color " + ANIMATION_KWARGS,
    "Circumscribe": "mobject shape fade_in fade_out time_width buff color stroke_width " + ANIMATION_KWARGS,
    "Brace": "mobject direction buff sharpness", "SurroundingRectangle": "mobject color buff corner_radius",
}

MESSAGE_HINTS = [  # (error type or "", pattern in the message, hint)
    ("", r"'(latex|dvisvgm)'|LaTeX", "TeX is not installed: write formulas with formula('typst math') or "
     "MathTypst('x^2 + (a)/(b)'), words with Text(...); DecimalNumber(..., mob_class=Text); axis numbers with "
     "axis_config={'include_numbers': True, 'label_constructor': Text}"),
    ("", r"longer than any beat", "keep every animation and wait inside its beat's duration"),
    ("TypeError", r"getter\(\)", "that method does not exist in Manim CE 0.22 (Mobject turned the unknown "
     "get_* name into a getter): Axes.plot(func, x_range=[a, b]) replaced get_graph"),
    ("AttributeError", r"get_graph", "Axes.plot(func, x_range=[a, b]) replaced get_graph"),
    ("AttributeError", r"'NoneType' object", "a helper returned None: return the mobject it builds"),
    ("AttributeError", r"camera.*frame|'frame'", "LessonScene has no moving camera: move the mobjects instead"),
    ("AttributeError", r"has no attribute 'animate'", ".animate exists on mobjects only; build the mobject first"),
    ("IndexError", "", "submobject counts differ from what you expect (Text and MathTypst split into glyphs, "
     "a VGroup holds only what you added): keep references to the parts instead of indexing"),
    ("ValueError", r"shape|broadcast|dimension", "points in Manim are 3-D: use np.array([x, y, 0]) or axes.c2p(x, y)"),
    ("KeyError", "", "a dict entry (such as v['id']) is read before it is assigned or under another key"),
    ("TypeError", r"positional argument", "the call has the wrong number of arguments: check the signature"),
    ("TypeError", r"Unexpected argument .* passed to Scene.play", "Scene.play takes animations or mob.animate "
     "calls: self.play(mob.animate.shift(UP)), not self.play(mob.shift, UP)"),
    ("Timeout", "", "a wait or loop never ends; every beat must fit its duration"),
    ("IndentationError", "", "return the whole scope with consistent 4-space indentation"),
    ("TabError", "", "return the whole scope with consistent 4-space indentation"),
    ("SyntaxError", "", "return the scope as complete, valid Python: close every bracket and string"),
    ("NoSceneClass", "", "define exactly one `class SectionNN(LessonScene):` with `def construct(self):`"),
    ("SandboxViolation", "", "use only manim, the scene kit, numpy, math and random; no files, processes or network"),
]
