"""The paper's own simple macros, expanded before parsing so the text reads as the author meant.

Handles \\newcommand, \\renewcommand, \\providecommand (``[n]`` arguments, an optional default for
#1), \\def with undelimited parameters, \\let and \\DeclareMathOperator. Expansion repeats to a
bounded depth, so a recursive macro becomes a warning instead of a hang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ROUNDS = 12
MAX_GROWTH = 20  # expanded text may be at most this many times the original length (plus 1 MB)

_NEWCOMMAND = re.compile(r"\\(newcommand|renewcommand|providecommand)\s*\*?\s*")
_DEF = re.compile(r"\\[gex]?def\s*\\([A-Za-z@]+)([^{]*)")
_LET = re.compile(r"\\let\s*\\([A-Za-z@]+)\s*=?\s*(\\[A-Za-z@]+|\\.|[^\s\\])")
_MATHOP = re.compile(r"\\DeclareMathOperator(\*?)\s*")
_NAME = re.compile(r"\s*(?:\{\s*\\([A-Za-z@]+|.)\s*\}|\\([A-Za-z@]+|.))")


@dataclass
class Macro:
    name: str
    nargs: int
    body: str
    default: str | None = None  # the default of an optional first argument


def read_group(text: str, pos: int, open_: str = "{", close: str = "}") -> tuple[str, int] | None:
    """The balanced group starting at ``pos`` (after spaces): its content and the index after it."""
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    if pos >= len(text) or text[pos] != open_:
        return None
    depth, i = 0, pos
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char in "{" + open_:
            depth += 1
        elif char in "}" + close:
            depth -= 1
            if depth == 0:
                return text[pos + 1:i], i + 1
        i += 1
    return None


def read_argument(text: str, pos: int) -> tuple[str, int]:
    """One mandatory TeX argument: a braced group, a control word, or one character."""
    group = read_group(text, pos)
    if group is not None:
        return group
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    if pos >= len(text):
        return "", pos
    word = re.match(r"\\(?:[A-Za-z@]+|.)", text[pos:])
    if word:
        return word.group(0), pos + word.end()
    return text[pos], pos + 1


def _parse_newcommand(text: str, match: re.Match) -> tuple[Macro, int] | None:
    name = _NAME.match(text, match.end())
    if not name:
        return None
    pos, nargs, default = name.end(), 0, None
    count = read_group(text, pos, "[", "]")
    if count is not None and count[0].strip().isdigit():
        nargs, pos = int(count[0].strip()), count[1]
        optional = read_group(text, pos, "[", "]")
        if optional is not None:
            default, pos = optional
    body = read_group(text, pos)
    if body is None:
        return None
    return Macro(name.group(1) or name.group(2), nargs, body[0], default), body[1]


def _parse_def(text: str, match: re.Match) -> tuple[Macro | None, int] | None:
    params = match.group(2).strip()
    body = read_group(text, match.end())
    if body is None:
        return None
    if params and not re.fullmatch(r"(#\d)+", params.replace(" ", "")):
        return None, body[1]  # delimited parameters: beyond "simple"; leave the macro undefined
    return Macro(match.group(1), params.count("#"), body[0]), body[1]


def _parse_mathop(text: str, match: re.Match) -> tuple[Macro, int] | None:
    name = _NAME.match(text, match.end())
    body = read_group(text, name.end()) if name else None
    if not name or body is None:
        return None
    return Macro(name.group(1) or name.group(2), 0, f"\\operatorname{{{body[0]}}}"), body[1]


def collect_macros(text: str) -> tuple[str, dict[str, Macro]]:
    """Remove the macro definitions from ``text`` and return them by name, in document order."""
    macros: dict[str, Macro] = {}
    pattern = re.compile("|".join(f"(?P<{k}>{p.pattern})" for k, p in
                                  (("new", _NEWCOMMAND), ("def", _DEF), ("let", _LET), ("op", _MATHOP))))
    out, pos = [], 0
    for match in pattern.finditer(text):
        if match.start() < pos:
            continue
        kind = match.lastgroup
        inner = {"new": _NEWCOMMAND, "def": _DEF, "let": _LET, "op": _MATHOP}[kind].match(text, match.start())
        if kind == "let":
            parsed = (Macro(inner.group(1), 0, inner.group(2)), inner.end())
        else:
            parsed = {"new": _parse_newcommand, "def": _parse_def, "op": _parse_mathop}[kind](text, inner)
        if parsed is None:
            continue
        macro, end = parsed
        out.append(text[pos:match.start()])
        pos = end
        if macro is not None and not (kind == "new" and inner.group(1) == "providecommand" and macro.name in macros):
            macros[macro.name] = macro
    out.append(text[pos:])
    return "".join(out), macros


def _apply(macro: Macro, text: str, pos: int) -> tuple[str, int]:
    """The expansion of one use of ``macro`` whose arguments start at ``pos``, and where they end."""
    args: list[str] = []
    if macro.nargs and macro.default is not None:
        optional = read_group(text, pos, "[", "]")
        args.append(optional[0] if optional else macro.default)
        pos = optional[1] if optional else pos
    while len(args) < macro.nargs:
        arg, pos = read_argument(text, pos)
        args.append(arg)
    body = re.sub(r"##|#([1-9])", lambda m: "#" if m.group(0) == "##" else
                  (args[int(m.group(1)) - 1] if int(m.group(1)) <= len(args) else ""), macro.body)
    return body, pos


def expand_macros(text: str, macros: dict[str, Macro], warnings: list[str]) -> str:
    """Expand every use of ``macros`` in ``text``, again and again, up to a bounded depth."""
    if not macros:
        return text
    names = sorted(macros, key=len, reverse=True)
    use = re.compile(r"\\(" + "|".join(re.escape(n) for n in names) + r")(?![A-Za-z@])")
    limit = MAX_GROWTH * len(text) + 1_000_000
    for _round in range(MAX_ROUNDS):
        out, pos, changed = [], 0, False
        for match in use.finditer(text):
            if match.start() < pos:
                continue
            body, end = _apply(macros[match.group(1)], text, match.end())
            out += [text[pos:match.start()], body]
            pos, changed = end, True
        if not changed:
            return text
        text = "".join(out) + text[pos:]
        if len(text) > limit:
            break
    left = sorted({m.group(1) for m in use.finditer(text)})
    if left:
        listed = ", ".join("\\" + name for name in left)
        warnings.append(f"macros that seem to expand forever (stopped after {MAX_ROUNDS} rounds): {listed}")
        text = use.sub(" ", text)
    return text
