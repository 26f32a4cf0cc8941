"""Deterministic pre-fixes: common faults in LLM-written scenes, repaired with no model call.

Each fix is small and named; ``apply_prefixes`` runs them in order and reports which changed the
code. Rewrites work on syntax-tree positions, so strings and comments stay as they were. Text
fixes for code that does not parse (indentation, a missing colon or bracket) only run when the
failure points at them. Manim is never imported here (see ``manim_names``).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable

from code2video.render import notex
from code2video.render.manim_names import (
    DIRECTIONS, FADES, KIT_IMPORT, KWARGS, MESSAGE_HINTS, MOBJECT_METHODS, RANGES, RENAMED, RENAMED_KWARGS,
    RENAMED_METHODS, closest_color,
)
from code2video.render.tracebacks import Failure

Edit = tuple[ast.AST, str]  # replace this node's source with the text
Context = tuple[Failure | None, bool]  # (failure, tex available)


# --- editing by syntax-tree positions -----------------------------------------------------
def apply_edits(code: str, edits: list[Edit]) -> str:
    """Replace each node's source span with its text; an edit overlapping a later one is skipped
    (the fixes run again until nothing changes)."""
    lines = code.splitlines(keepends=True)
    starts = [0]
    for text in lines:
        starts.append(starts[-1] + len(text))

    def offset(line: int, col: int) -> int:
        return starts[line - 1] + len(lines[line - 1].encode()[:col].decode(errors="ignore"))

    spans = sorted(((offset(n.lineno, n.col_offset), offset(n.end_lineno, n.end_col_offset), text)
                    for n, text in edits), key=lambda span: span[:2], reverse=True)
    limit = len(code) + 1
    for start, end, text in spans:
        if end <= limit:
            code, limit = code[:start] + text + code[end:], start
    return code


def _bound_names(tree: ast.AST) -> set[str]:
    """Names the file defines itself (assignments, defs, classes, imports, parameters)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def callee(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


# --- fixes on code that does not parse ------------------------------------------------------
def _fix_tabs(code: str, ctx: Context) -> str | None:
    """Tabs in indentation -> spaces: 8 columns (how Python reads a tab) when that parses, else 4."""
    if not re.search(r"^ *\t", code, re.M):
        return None
    for size in (8, 4):
        new = re.sub(r"^[ \t]+", lambda m: m.group(0).expandtabs(size), code, flags=re.M)
        if _parses(new):
            return new
    return new


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _fix_indentation(code: str, ctx: Context) -> str | None:
    """Snap an unexpectedly indented (or dedented) line and its block to a level that exists."""
    failure = ctx[0]
    if not failure or failure.error_type != "IndentationError" or not failure.line:
        return None
    lines = code.splitlines()
    index = failure.line - 1
    above = [i for i in range(index) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    if not above or index >= len(lines):
        return None
    if "unexpected indent" in failure.message:
        target = _indent(lines[above[-1]])
    elif "unindent does not match" in failure.message:
        levels, level = [], _indent(lines[above[-1]])
        for i in reversed(above):  # the indentation levels still open above the line
            if _indent(lines[i]) <= level:
                level = _indent(lines[i])
                levels.append(level)
        target = min(levels, key=lambda lv: (abs(lv - _indent(lines[index])), lv))
    else:
        return None
    old, delta = _indent(lines[index]), target - _indent(lines[index])
    end = index + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > old):
        end += 1
    for i in range(index, end):
        if lines[i].strip():
            lines[i] = " " * max(0, _indent(lines[i]) + delta) + lines[i].lstrip()
    return "\n".join(lines) + ("\n" if code.endswith("\n") else "")


_COMPOUND = re.compile(r"^\s*(for|while|if|elif|else|with|def|class|try|except|finally|async)\b")


def _fix_syntax(code: str, ctx: Context) -> str | None:
    """A missing ':' after a block header, or brackets left open on a one-line statement."""
    failure = ctx[0]
    if not failure or failure.error_type != "SyntaxError" or not failure.line:
        return None
    lines = code.splitlines()
    index = failure.line - 1
    if index >= len(lines):
        return None
    body, comment = _split_comment(lines[index])
    if failure.message.startswith("expected ':'") and _COMPOUND.match(body) and not body.endswith(":"):
        lines[index] = body + ":" + comment
    elif "was never closed" in failure.message:
        following = next((t for t in lines[index + 1:] if t.strip()), "")
        closers = _missing_closers(body)
        if not closers or _indent(following) > _indent(body):
            return None
        lines[index] = body + closers + comment
    else:
        return None
    return "\n".join(lines) + ("\n" if code.endswith("\n") else "")


def _split_comment(line: str) -> tuple[str, str]:
    match = re.match(r"^((?:[^#'\"]|'[^']*'|\"[^\"]*\")*)(#.*)?$", line)
    body, comment = (match.group(1), match.group(2) or "") if match else (line, "")
    return body.rstrip(), ("  " + comment if comment else "")


def _missing_closers(text: str) -> str:
    stack: list[str] = []
    pairs = {"(": ")", "[": "]", "{": "}"}
    for char in re.sub(r"'[^']*'|\"[^\"]*\"", "", text):
        if char in pairs:
            stack.append(pairs[char])
        elif char in pairs.values() and stack and stack[-1] == char:
            stack.pop()
    return "".join(reversed(stack))


# --- fixes on the syntax tree -----------------------------------------------------------------
def _fix_kit_import(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    if not tree.body or any(isinstance(n, ast.ImportFrom) and n.module == "code2video.render.kit" for n in tree.body):
        return []
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    after = next((n for n in imports if isinstance(n, ast.ImportFrom) and n.module == "manim"), None)
    after = after or next((n for n in reversed(imports) if n.lineno < _first_def(tree)), None)
    if after is None and tree.body and isinstance(tree.body[0], ast.Expr):
        after = tree.body[0]  # the module docstring
    if after is None:
        return [(_at(1, 0, 1, 0), KIT_IMPORT + "\n")]
    return [(_at(after.end_lineno, after.end_col_offset, after.end_lineno, after.end_col_offset),
             "\n" + KIT_IMPORT)]


def _first_def(tree: ast.Module) -> int:
    return min([n.lineno for n in tree.body if isinstance(n, ast.ClassDef | ast.FunctionDef)] or [10**9])


def _fix_scene_base(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    return [(base, "LessonScene") for node in tree.body if isinstance(node, ast.ClassDef)
            for base in node.bases if isinstance(base, ast.Name) and base.id == "Scene"]


def _fix_renamed(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    bound = _bound_names(tree)
    return [(node, RENAMED[node.id]) for node in ast.walk(tree) if isinstance(node, ast.Name)
            and node.id in RENAMED and node.id not in bound and isinstance(node.ctx, ast.Load)]


def _fix_methods(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    bound = _bound_names(tree)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in RENAMED_METHODS and node.func.attr not in bound:
            value = ast.get_source_segment(code, node.func.value)
            edits.append((node.func, f"{value}.{RENAMED_METHODS[node.func.attr]}"))
    return edits


def _fix_kwargs(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    """Renamed keywords, and old ``x_min=a, x_max=b`` pairs as ``x_range=[a, b]``."""
    bound, edits = _bound_names(tree), []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or callee(node) in bound:
            continue
        for kw in node.keywords:
            new = RENAMED_KWARGS.get((callee(node), kw.arg))
            if new:
                value = ast.get_source_segment(code, kw.value)
                number = kw.value.value if isinstance(kw.value, ast.Constant) else None
                if new == "font_size" and isinstance(number, int | float) and number < 5:
                    value = f"{number * 48:g}"  # manimlib's size 1 was about font size 48
                edits.append((kw, f"{new}={value}"))
        names = {kw.arg: kw for kw in node.keywords}
        for low, high, target in RANGES:
            if low in names and high in names and target not in names:
                pair = f"{target}=[{ast.get_source_segment(code, names[low].value)}, " \
                       f"{ast.get_source_segment(code, names[high].value)}]"
                edits += [(names[low], pair), _drop(node, names[high])]
    return edits


def _fix_fades(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    """FadeInFrom(m, LEFT) -> FadeIn(m, shift=RIGHT); FadeIn(m, UP) -> FadeIn(m, shift=UP)."""
    edits, bound = [], _bound_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id in bound:
            continue
        name, args = node.func.id, [ast.get_source_segment(code, a) for a in node.args]
        rest = "".join(", " + ast.get_source_segment(code, k) for k in node.keywords if k.arg != "scale_factor")
        if name in FADES and args:
            new, shift = FADES[name]
            edits.append((node, f"{new}({args[0]}, shift={shift or _fade_shift(new, node, args)}{rest})"))
        elif name == "FadeInFromLarge" and args:
            scale = [ast.get_source_segment(code, k.value) for k in node.keywords if k.arg == "scale_factor"]
            edits.append((node, f"FadeIn({args[0]}, scale={(scale or args[1:] or ['2'])[0]}{rest})"))
        elif name in ("FadeIn", "FadeOut") and len(node.args) == 2 and _is_direction(node.args[1]) \
                and not any(k.arg == "shift" for k in node.keywords):
            edits.append((node, f"{name}({args[0]}, shift={args[1]}{rest})"))
    return edits


def _fade_shift(new: str, node: ast.Call, args: list[str]) -> str:
    """manimlib faded in *from* a direction (CE shifts *along* it) and out *towards* one."""
    given = node.args[1] if len(node.args) > 1 else None
    if new == "FadeOut":
        return args[1] if given else "DOWN"
    if given is None:
        return "UP"
    if isinstance(given, ast.Name) and given.id in DIRECTIONS:
        return DIRECTIONS[given.id]
    return f"-({args[1]})"


def _is_direction(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in DIRECTIONS
    if isinstance(node, ast.BinOp):
        return _is_direction(node.left) or _is_direction(node.right)
    return isinstance(node, ast.UnaryOp) and _is_direction(node.operand)


def _fix_play_method(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    """manimlib's ``self.play(mob.shift, UP)`` -> ``self.play(mob.animate.shift(UP))``."""
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and callee(node) == "play" and len(node.args) >= 2:
            first = node.args[0]
            if isinstance(first, ast.Attribute) and first.attr in MOBJECT_METHODS:
                target = ast.get_source_segment(code, first.value)
                args = ", ".join(ast.get_source_segment(code, a) for a in node.args[1:])
                edits.append((_span(node.args[0], node.args[-1]), f"{target}.animate.{first.attr}({args})"))
    return edits


def _at(line: int, col: int, end_line: int, end_col: int) -> ast.AST:
    """A bare node that only marks a span of the source (byte columns, as ``ast`` counts them)."""
    span = ast.Constant(None)
    span.lineno, span.col_offset, span.end_lineno, span.end_col_offset = line, col, end_line, end_col
    return span


def _span(first: ast.AST, last: ast.AST) -> ast.AST:
    return _at(first.lineno, first.col_offset, last.end_lineno, last.end_col_offset)


def _drop(call: ast.Call, kw: ast.keyword) -> Edit:
    """Remove one keyword argument together with the comma that joins it to its neighbour."""
    parts = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))
    index = parts.index(kw)
    if index > 0:
        before = parts[index - 1]
        return _at(before.end_lineno, before.end_col_offset, kw.end_lineno, kw.end_col_offset), ""
    if len(parts) > 1:
        return _at(kw.lineno, kw.col_offset, parts[1].lineno, parts[1].col_offset), ""
    return kw, ""


def _fix_config_dict(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    """manimlib's ``CONFIG = {"radius": 2}`` class dict -> plain class attributes."""
    edits = []
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and [getattr(t, "id", None) for t in stmt.targets] == ["CONFIG"] \
                    and isinstance(stmt.value, ast.Dict) and all(
                        isinstance(k, ast.Constant) and str(k.value).isidentifier() for k in stmt.value.keys):
                pad = " " * stmt.col_offset
                lines = [f"{k.value} = {ast.get_source_segment(code, v)}" for k, v in
                         zip(stmt.value.keys, stmt.value.values)]
                edits.append((stmt, ("\n" + pad).join(lines) or "pass"))
    return edits


def _fix_bad_kwarg(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    """On 'unexpected keyword argument k', drop ``k=`` from the one call on the failing line using it."""
    failure = ctx[0]
    match = re.search(r"unexpected keyword argument '(\w+)'", failure.message) if failure else None
    if not match or not failure.line or "getter()" in failure.message:  # getter(): a missing method
        return []
    uses = [(node, kw) for node in ast.walk(tree) if isinstance(node, ast.Call) for kw in node.keywords
            if kw.arg == match.group(1) and node.lineno <= failure.line <= node.end_lineno]
    return [_drop(*uses[0])] if len(uses) == 1 else []


def _fix_colors(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    bound, edits = _bound_names(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id.isupper() \
                and node.id not in bound and (new := closest_color(node.id)):
            edits.append((node, new))
    return edits


def _fix_no_tex(code: str, tree: ast.Module, ctx: Context) -> list[Edit]:
    failure, tex = ctx
    tex_missing = failure is not None and re.search(r"'(latex|dvisvgm|xelatex)'|LaTeX", failure.message)
    return notex.no_tex_edits(code, tree, _bound_names(tree)) if not tex or tex_missing else []


# --- running the fixes ------------------------------------------------------------------------
TEXT_FIXES: list[tuple[str, Callable[[str, Context], str | None]]] = [
    ("tabs", _fix_tabs), ("indentation", _fix_indentation), ("syntax", _fix_syntax),
]
TREE_FIXES: list[tuple[str, Callable[[str, ast.Module, Context], list[Edit]]]] = [
    ("kit-import", _fix_kit_import), ("lesson-scene-base", _fix_scene_base), ("renamed-api", _fix_renamed),
    ("renamed-method", _fix_methods), ("renamed-kwargs", _fix_kwargs), ("fade-shift", _fix_fades),
    ("play-method", _fix_play_method), ("config-dict", _fix_config_dict), ("colors", _fix_colors),
    ("no-tex", _fix_no_tex), ("drop-bad-kwarg", _fix_bad_kwarg),
]


def apply_prefixes(code: str, failure: Failure | None = None, *, tex_available: bool = False
                   ) -> tuple[str, list[str]]:
    """(new code, names of the fixes that changed it); ``[]`` means the code is unchanged."""
    ctx: Context = (failure, tex_available)
    applied: list[str] = []
    for name, fix in TEXT_FIXES:
        new = fix(code, ctx)
        if new is not None and new != code:
            code = new
            applied.append(name)
    for name, tree_fix in TREE_FIXES:
        if name == "drop-bad-kwarg" and applied:
            break  # a last resort, and the failure may be stale once anything else changed
        for _ in range(5):  # nested rewrites (a fix inside a fix) take another pass
            try:
                tree = _parse(code)
            except (SyntaxError, ValueError):
                return code, applied
            edits = tree_fix(code, tree, ctx)
            new = apply_edits(code, edits) if edits else code
            if new == code or not _parses(new):
                break
            code = new
            if name not in applied:
                applied.append(name)
    return code, applied


def _parse(code: str) -> ast.Module:
    """ast.parse without the warnings LLM code triggers (invalid escapes such as "\\pi")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(code)


def _parses(code: str) -> bool:
    try:
        _parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


# --- hints for the fixer's prompt -----------------------------------------------------------
def hints_for(failure: Failure, code: str) -> list[str]:
    """Short, targeted advice for the fixer, by error type and message."""
    hints = [hint for kind, pattern, hint in MESSAGE_HINTS
             if kind in ("", failure.error_type) and (not pattern or re.search(pattern, failure.message))]
    name = re.search(r"name '(\w+)' is not defined", failure.message)
    if name:
        old = name.group(1)
        new = RENAMED.get(old) or closest_color(old)
        hints.append(f"{old} is not in Manim CE 0.22: use {new}" if new else
                     f"{old} is not defined: define it first, or use a Manim CE 0.22 / scene-kit name")
    keyword = re.search(r"unexpected keyword argument '(\w+)'", failure.message)
    if keyword and "getter()" not in failure.message:
        hints.append(_keyword_hint(keyword.group(1), failure, code))
    return hints


def _keyword_hint(keyword: str, failure: Failure, code: str) -> str:
    """Name the accepted keywords of the call on the failing line that used ``keyword``."""
    owner = re.match(r"(\w+)\.__init__\(\)|(\w+)\(\)", failure.message)
    names = [owner.group(1) or owner.group(2)] if owner else []
    try:
        tree = _parse(code)
    except (SyntaxError, ValueError):
        tree = None
    if tree and failure.line:
        names = [callee(n) for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno <= failure.line
                 <= n.end_lineno and any(k.arg == keyword for k in n.keywords)] + names
    for name in names:
        if name in KWARGS:
            return f"{name} has no keyword {keyword!r}; it accepts: {', '.join(KWARGS[name].split())}"
    return f"no keyword {keyword!r} there in Manim CE 0.22: drop it or use the documented name"
