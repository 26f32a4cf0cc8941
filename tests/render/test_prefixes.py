"""Deterministic pre-fixes, the LaTeX-to-Typst conversion and the fixer hints."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from code2video.render.manim_names import closest_color, manim_colors
from code2video.render.notex import latex_to_typst, tex_text_to_typst
from code2video.render.prefixes import apply_prefixes, hints_for
from code2video.render.sandbox import check_code
from code2video.render.tracebacks import Failure, parse_failure

CORPUS = Path(__file__).parents[2] / "bench" / "broken_scenes"
FAULTS = json.loads((CORPUS / "faults.json").read_text())
HEAD = "from code2video.render.kit import *\n\n\nclass Section01(LessonScene):\n    def construct(self):\n"


def scene(*body: str) -> str:
    return HEAD + "".join(f"        {line}\n" for line in body)


def failure(error_type: str, message: str, line: int | None) -> Failure:
    return Failure(error_type, message, line, (), f"{error_type}: {message}")


@pytest.mark.parametrize("fix, before, after", [
    ("renamed-api", "self.play(ShowCreation(c))", "self.play(Create(c))"),
    ("renamed-api", "w = FRAME_WIDTH / 2", "w = config.frame_width / 2"),
    ("renamed-api", "self.play(ShowCreationThenDestructionAround(c))", "self.play(Circumscribe(c))"),
    ("renamed-method", "g = axes.get_graph(f, color=RED)", "g = axes.plot(f, color=RED)"),
    ("renamed-kwargs", "t = Text('a', size=0.5)", "t = Text('a', font_size=24)"),
    ("renamed-kwargs", "c = Code(code='x', style='vim')", "c = Code(code_string='x', formatter_style='vim')"),
    ("renamed-kwargs", "a = Axes(x_min=0, x_max=5, tips=False)", "a = Axes(x_range=[0, 5], tips=False)"),
    ("renamed-kwargs", "p = ParametricFunction(f, t_min=0, t_max=1)", "p = ParametricFunction(f, t_range=[0, 1])"),
    ("fade-shift", "self.play(FadeInFrom(t, LEFT))", "self.play(FadeIn(t, shift=RIGHT))"),
    ("fade-shift", "self.play(FadeInFromDown(t), run_time=1)", "self.play(FadeIn(t, shift=UP), run_time=1)"),
    ("fade-shift", "self.play(FadeOutAndShift(t, 2 * UP))", "self.play(FadeOut(t, shift=2 * UP))"),
    ("fade-shift", "self.play(FadeIn(t, UP))", "self.play(FadeIn(t, shift=UP))"),
    ("fade-shift", "self.play(FadeInFromLarge(t, scale_factor=3))", "self.play(FadeIn(t, scale=3))"),
    ("play-method", "self.play(sq.shift, 2 * UP, run_time=1)", "self.play(sq.animate.shift(2 * UP), run_time=1)"),
    ("colors", "c = Circle(color=LIGHT_BLUE)", "c = Circle(color=BLUE_B)"),
    ("colors", "c = Circle(color=DARK_GREEN)", "c = Circle(color=GREEN_E)"),
    ("colors", "c = Circle(color=ORANGE_E)", "c = Circle(color=ORANGE)"),
    ("colors", "c = Circle(color=GREY_BLUE)", "c = Circle(color=BLUE_E)"),
    ("no-tex", r'e = MathTex(r"\frac{a}{b}", color=RED, tex_to_color_map={"a": RED})',
     "e = MathTypst('(a)/(b)', color=RED)"),
    ("no-tex", 'e = MathTex("\\frac{1}{2}")', "e = MathTypst('(1)/(2)')"),  # "\f" is a form feed in Python
    ("no-tex", r'e = MathTex(r"\begin{cases} 1 \end{cases}")', "e = Text('1')"),
    ("no-tex", 'e = MathTex(f"x = {x:.2f}")', "e = Text(f\"x = {x:.2f}\")"),
    ("no-tex", 't = Tex("plain words")', "t = Text('plain words')"),
    ("no-tex", r't = Tex(r"area $\pi r^2$")', "t = Typst('area $pi r^2$')"),
    ("no-tex", "t = TextMobject('hi')", "t = Text('hi')"),
    ("no-tex", "d = DecimalNumber(3.14, num_decimal_places=1)",
     "d = DecimalNumber(3.14, num_decimal_places=1, mob_class=Text)"),
    ("no-tex", "a = Axes(axis_config={'include_numbers': True})",
     "a = Axes(axis_config={'include_numbers': True, 'label_constructor': Text})"),
    ("no-tex", "n = NumberLine(x_range=[0, 5, 1], include_numbers=True)",
     "n = NumberLine(x_range=[0, 5, 1], include_numbers=True, label_constructor=Text)"),
    ("no-tex", "l = axes.get_axis_labels()",
     "l = axes.get_axis_labels(x_label=MathTypst('x'), y_label=MathTypst('y'))"),
    ("no-tex", "l = axes.get_graph_label(g, 'f(x)')", "l = axes.get_graph_label(g, MathTypst('f ( x )'))"),
    ("no-tex", "b = brace.get_tex('n')", "b = MathTypst('n').next_to(brace.get_tip(), brace.get_direction())"),
    ("no-tex", "m = Matrix([[1, 0], [0, 1]])", "m = MathTypst('mat(delim: \"[\", 1, 0; 0, 1)')"),
    ("no-tex", "p = NumberPlane().add_coordinates()", "p = NumberPlane()"),
])
def test_each_fix_rewrites_its_fault(fix, before, after):
    code, applied = apply_prefixes(scene(before, "self.wait(1)"))
    assert fix in applied
    assert f"        {after}\n" in code
    ast.parse(code)


def test_kit_import_and_lesson_scene_base():
    code = "from manim import *\n\n\nclass Section01(Scene):\n    def construct(self):\n        self.wait(1)\n"
    fixed, applied = apply_prefixes(code)
    assert applied == ["kit-import", "lesson-scene-base"]
    assert fixed.startswith("from manim import *\nfrom code2video.render.kit import *\n")
    assert "class Section01(LessonScene):" in fixed
    no_imports, applied = apply_prefixes('"""Doc."""\nclass A(LessonScene):\n    pass\n')
    assert applied == ["kit-import"] and no_imports.splitlines()[1] == "from code2video.render.kit import *"


def test_config_dict_becomes_class_attributes():
    code = HEAD.replace("    def construct", '    CONFIG = {"radius": 2, "color": BLUE}\n\n    def construct') \
        + "        self.wait(self.radius)\n"
    fixed, applied = apply_prefixes(code)
    assert applied == ["config-dict"]
    assert "    radius = 2\n    color = BLUE\n" in fixed


def test_strings_comments_and_own_names_are_left_alone():
    code = scene("LIGHT_BLUE = '#88ccff'  # ShowCreation here is a comment",
                 "s = 'ShowCreation(x) and MathTex and LIGHT_BLUE'",
                 "c = Circle(color=LIGHT_BLUE)")
    assert apply_prefixes(code, tex_available=True) == (code, [])


def test_clean_code_is_unchanged_and_fixes_are_idempotent():
    clean = scene("self.play(Create(Circle(color=BLUE)), run_time=1)")
    assert apply_prefixes(clean) == (clean, [])
    once, applied = apply_prefixes(scene("self.play(ShowCreation(Circle(color=LIGHT_BLUE)))"))
    assert applied and apply_prefixes(once) == (once, [])


def test_tex_is_kept_when_installed_unless_the_render_says_otherwise():
    code = scene('e = MathTex("x^2")')
    assert apply_prefixes(code, tex_available=True) == (code, [])
    missing = failure("FileNotFoundError", "[Errno 2] No such file or directory: 'latex'", 6)
    assert "MathTypst('x^2')" in apply_prefixes(code, missing, tex_available=True)[0]


def test_bad_keyword_is_dropped_only_as_a_last_resort():
    code = scene('t = Text("a", font_size=30, align="center")')
    error = failure("TypeError", "Mobject.__init__() got an unexpected keyword argument 'align'", 6)
    fixed, applied = apply_prefixes(code, error)
    assert applied == ["drop-bad-kwarg"] and 't = Text("a", font_size=30)' in fixed
    assert apply_prefixes(code) == (code, [])  # no failure, no guess
    stale = scene('t = Text("a", align="center")', "self.play(ShowCreation(t))")
    assert apply_prefixes(stale, error)[1] == ["renamed-api"]


def test_text_fixes_need_the_failure_that_names_them():
    indented = scene("a = 1", "  b = 2", "c = 3")
    fixed, applied = apply_prefixes(indented, failure("IndentationError", "unexpected indent", 7))
    assert applied == ["indentation"] and "\n        b = 2\n" in fixed
    unindent = scene("for i in range(2):", "        a = 1", "      b = 2")
    fixed, applied = apply_prefixes(unindent, failure("IndentationError", "unindent does not match any outer "
                                                      "indentation level", 8))
    assert applied == ["indentation"] and "\n                b = 2\n" in fixed  # the nearest open level
    colon = scene("for i in range(2)  # loop", "    self.wait(1)")
    fixed, applied = apply_prefixes(colon, failure("SyntaxError", "expected ':'", 6))
    assert applied == ["syntax"] and "for i in range(2):  # loop" in fixed
    unclosed = scene("self.play(Write(t), run_time=1", "self.wait(1)")
    fixed, applied = apply_prefixes(unclosed, failure("SyntaxError", "'(' was never closed", 6))
    assert "self.play(Write(t), run_time=1)\n" in fixed
    assert apply_prefixes(unclosed) == (unclosed, [])


def test_tabs_are_read_as_python_reads_them():
    code = scene("with self.beat(1):", "    a = 1", "\tb = 2").replace("        \tb", "\t    b")
    fixed, applied = apply_prefixes(code, failure("TabError", "inconsistent use of tabs", 8))
    assert applied == ["tabs"] and "\n            a = 1\n            b = 2\n" in fixed


@pytest.mark.parametrize("name, expected", [
    ("LIGHT_BLUE", "BLUE_B"), ("DARK_GREEN", "GREEN_E"), ("ORANGE_E", "ORANGE"), ("GREY_BLUE", "BLUE_E"),
    ("CYAN", "PURE_CYAN"), ("DARK_PURPLE", "PURPLE_E"), ("BLUE", None), ("UP", None), ("DEFAULT_FONT_SIZE", None),
])
def test_closest_color(name, expected):
    assert closest_color(name) == expected


def test_colour_names_come_from_manim_source_without_importing_manim():
    code = "import sys; from code2video.render.manim_names import manim_colors; " \
           "print(len(manim_colors()), 'manim' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 80 and out[1] == "False"
    assert manim_colors()["BLUE_B"] == "9CDCEB"


@pytest.mark.parametrize("latex, typst", [
    (r"\frac{a}{b}", "(a)/(b)"), (r"x^2 + y^{10}", "x^2 + y^10"), (r"e^{i\pi} + 1 = 0", "e^(i pi) + 1 = 0"),
    (r"\sqrt[3]{x}", "root(3, x)"), (r"ad - bc", "a d - b c"), (r"90^\circ", "90 degree"),
    (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", 'mat(delim: "(", a, b; c, d)'),
    (r"\sum_{i=1}^{n} i", "sum_(i = 1)^n i"), (r"\text{Area} = \pi r^2", '"Area" = pi r^2'),
    (r"\mathbb{R}^2", "RR^2"), (r"a \cdot b \leq c", "a dot b <= c"), (r"\vec{v}", "arrow(v)"),
    (r"\text{for all } x > 0", '"for all " x > 0'),
])
def test_latex_to_typst(latex, typst):
    assert latex_to_typst(latex) == typst


@pytest.mark.parametrize("latex", [
    r"\frac{n(n+1)}{2}", r"\int_0^1 x^2\,dx", r"\lim_{x \to 0} \frac{\sin x}{x}", r"\left( \frac{a}{b} \right)^2",
    r"\{1, 2\}", r"x_{n+1} = x_n - \frac{f(x_n)}{f'(x_n)}",
])
def test_converted_formulas_compile_with_typst(latex):
    typst = pytest.importorskip("typst")
    source = latex_to_typst(latex)
    typst.compile(f"#set page(width: auto, height: auto)\n$ {source} $".encode(), format="svg")


def test_unsupported_latex_is_refused():
    assert latex_to_typst(r"\begin{cases} 1 \end{cases}") is None
    assert latex_to_typst(r"\textcolor{red}{x}") is None
    assert tex_text_to_typst("cost is $5") is None


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_corpus_prefixes_claim_only_what_they_can_fix(name):
    code = (CORPUS / name).read_text()
    recorded = parse_failure((CORPUS / name).with_suffix(".traceback.txt").read_text())
    fixed, applied = apply_prefixes(code, recorded, tex_available=False)
    if FAULTS[name]["prefixable"]:
        assert applied
        ast.parse(fixed)
        assert check_code(fixed) == []
    else:
        assert applied == [] and fixed == code


def test_hints_by_error_type_and_message():
    code = scene('t = Text("a", align="center")')
    keyword = hints_for(failure("TypeError", "Mobject.__init__() got an unexpected keyword argument 'align'", 6), code)
    assert any(h.startswith("Text has no keyword 'align'; it accepts: text, color, font_size") for h in keyword)
    assert any("every beat must fit its duration" in h for h in hints_for(failure("Timeout", "timed out", 6), code))
    assert any("4-space" in h for h in hints_for(failure("IndentationError", "unexpected indent", 6), code))
    renamed = failure("NameError", "name 'ShowCreation' is not defined", 6)
    assert any("use Create" in h for h in hints_for(renamed, code))
    assert any("use BLUE_B" in h for h in hints_for(failure("NameError", "name 'LIGHT_BLUE' is not defined", 6), code))
    getter = failure("TypeError", "Mobject.__getattr__.<locals>.getter() takes 1 positional argument", 6)
    assert any("plot" in h for h in hints_for(getter, code))
    latex = failure("FileNotFoundError", "[Errno 2] No such file or directory: 'latex'", 6)
    assert any("MathTypst" in h for h in hints_for(latex, code))
    assert hints_for(failure("RuntimeError", "odd", 6), code) == []
