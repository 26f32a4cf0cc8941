"""Convert the simple LaTeX that LLM-written scenes put in MathTex/Tex into Typst math.

Machines without TeX render formulas with Manim's Typst mobjects; this covers fractions, roots,
scripts, Greek letters, common operators, accents and matrices, and returns None for anything
else (the caller then falls back to plain Text).
"""

from __future__ import annotations

import re

_SYMBOLS = {
    **{g: g for g in ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
                      "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()},
    "varepsilon": "epsilon", "varphi": "phi", "vartheta": "theta.alt", "varrho": "rho.alt", "varsigma": "sigma.alt",
    "cdot": "dot", "times": "times", "div": "div", "pm": "plus.minus", "mp": "minus.plus", "ast": "*",
    "le": "<=", "leq": "<=", "ge": ">=", "geq": ">=", "ne": "!=", "neq": "!=", "approx": "approx",
    "equiv": "equiv", "sim": "tilde.op", "propto": "prop", "infty": "infinity", "to": "->", "rightarrow": "->",
    "leftarrow": "<-", "Rightarrow": "=>", "implies": "=>", "Leftrightarrow": "<=>", "iff": "<=>",
    "mapsto": "|->", "in": "in", "notin": "in.not", "subset": "subset", "subseteq": "subset.eq",
    "cup": "union", "cap": "sect", "forall": "forall", "exists": "exists", "partial": "diff", "nabla": "nabla",
    "sum": "sum", "prod": "product", "int": "integral", "iint": "integral.double", "oint": "integral.cont",
    "ldots": "dots", "dots": "dots", "cdots": "dots.c", "vdots": "dots.v", "ell": "ell", "emptyset": "emptyset",
    "neg": "not", "land": "and", "wedge": "and", "lor": "or", "vee": "or", "langle": "angle.l",
    "rangle": "angle.r", "perp": "perp", "parallel": "parallel", "angle": "angle", "circ": "circle.stroked.small",
    "prime": "prime", "degree": "degree", "quad": "quad", "qquad": "wide", "cdotp": "dot", "star": "star",
    **{f: f for f in ("sin cos tan sec csc cot arcsin arccos arctan sinh cosh tanh log ln exp lim max min det gcd "
                      "inf sup arg deg dim exp").split()},
}
_ONE_ARG = {"sqrt": "sqrt", "vec": "arrow", "overrightarrow": "arrow", "hat": "hat", "widehat": "hat",
            "bar": "overline", "overline": "overline", "tilde": "tilde", "dot": "dot", "ddot": "dot.double",
            "underline": "underline", "mathbf": "bold", "boldsymbol": "bold", "mathit": "italic",
            "mathcal": "cal", "mathfrak": "frak", "mathsf": "sans", "abs": "abs"}
_TEXT_ARG = ("text", "textrm", "mathrm", "operatorname", "textbf", "textit", "mbox")
_DROP = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle",
         "limits", "nolimits", "textstyle", "!"}
_SPACES = {",": "thin", ";": "med", ":": "med", " ": " ", "quad": "quad"}
_MATRICES = {"pmatrix": '"("', "bmatrix": '"["', "vmatrix": '"|"', "Bmatrix": '"{"', "matrix": "#none"}
# Python turns "\frac" in a non-raw string into a form feed and "\t" into a tab: undo it.
_ESCAPES = {"\x07": "\\a", "\x08": "\\b", "\x0c": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x0b": "\\v"}
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|\d+(?:\.\d+)?|\s+|.", re.S)


class _Unsupported(Exception):
    pass


def undo_escapes(text: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in text)


def latex_to_typst(latex: str) -> str | None:
    """Typst math for ``latex`` (math mode), or None when it uses something we do not convert."""
    tokens = [t for t in _TOKEN.findall(undo_escapes(latex)) if not t.isspace()]
    try:
        out, rest = _sequence(tokens, stop=None)
    except (_Unsupported, IndexError):
        return None
    return " ".join(out).strip() if not rest else None


def tex_text_to_typst(text: str) -> str | None:
    """Typst markup for a Tex text-mode string whose math sits between ``$`` signs."""
    parts = undo_escapes(text).split("$")
    if len(parts) % 2 == 0:
        return None
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            math = latex_to_typst(part)
            if math is None:
                return None
            out.append(f"${math}$")
        else:
            if "\\" in part:
                return None
            out.append(re.sub(r"([#*_`<>@\[\]])", r"\\\1", part))
    return "".join(out)


def plain_text(latex: str) -> str:
    """A readable plain-text stand-in for a formula we could not convert."""
    text = undo_escapes(latex)
    text = re.sub(r"\\(?:frac|dfrac|tfrac)\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: _PRETTY.get(m.group(1), m.group(1)), text)
    return " ".join(text.replace("{", "").replace("}", "").replace("$", "").replace("\\", " ").split())


_PRETTY = {"cdot": "·", "times": "×", "pi": "π", "theta": "θ", "alpha": "α", "beta": "β", "le": "≤", "leq": "≤",
           "ge": "≥", "geq": "≥", "neq": "≠", "infty": "∞", "to": "→", "rightarrow": "→", "sum": "Σ",
           "int": "∫", "sqrt": "√", "approx": "≈", "pm": "±", "lambda": "λ", "mu": "μ", "sigma": "σ"}


def _sequence(tokens: list[str], stop: str | None) -> tuple[list[str], list[str]]:
    """Convert tokens up to ``stop`` (consumed); returns (typst pieces, remaining tokens)."""
    out: list[str] = []
    while tokens:
        token = tokens.pop(0)
        if token == stop:
            return out, tokens
        if token in "^_":
            if not out:
                out.append('""')
            script = _script(tokens)
            out[-1] += " degree" if script == "circle.stroked.small" and token == "^" else token + script
            continue
        out.append(_atom(token, tokens))
    if stop is not None:
        raise _Unsupported(f"missing {stop}")
    return [piece for piece in out if piece], tokens


def _group(tokens: list[str]) -> str:
    """The next argument: a braced group or a single token, converted."""
    token = tokens.pop(0)
    if token == "{":
        inner, _ = _sequence(tokens, "}")
        return " ".join(inner)
    return _atom(token, tokens)


def _script(tokens: list[str]) -> str:
    body = _group(tokens)
    return body if len(body) == 1 or body.isdigit() or body in _SYMBOLS.values() else f"({body})"


def _atom(token: str, tokens: list[str]) -> str:
    if token.startswith("\\"):
        return _command(token[1:], tokens)
    if token == "{":
        inner, _ = _sequence(tokens, "}")
        return " ".join(inner)
    if token in "}&":
        raise _Unsupported(token)
    if token == "/":
        return "\\/"
    if token in "#$\"'`~@;":
        return {"'": "'", "~": " "}.get(token) or _unsupported(token)
    return token


def _unsupported(token: str) -> str:
    raise _Unsupported(token)


def _command(name: str, tokens: list[str]) -> str:
    if name in _DROP:
        return ""
    if name in _SPACES:
        return _SPACES[name]
    if name in ("{", "}", "%", "|", "_", "\\"):
        return {"{": "\\{", "}": "\\}", "|": "||", "%": "%", "_": "\\_", "\\": "\\"}[name]
    if name in ("frac", "dfrac", "tfrac", "cfrac"):
        return f"({_group(tokens)})/({_group(tokens)})"
    if name == "binom":
        return f"binom({_group(tokens)}, {_group(tokens)})"
    if name == "sqrt" and tokens and tokens[0] == "[":
        tokens.pop(0)
        index, _ = _sequence(tokens, "]")
        return f"root({' '.join(index)}, {_group(tokens)})"
    if name in _ONE_ARG:
        return f"{_ONE_ARG[name]}({_group(tokens)})"
    if name == "mathbb":
        letter = _group(tokens)
        return letter * 2 if len(letter) == 1 and letter.isupper() else f"bb({letter})"
    if name in _TEXT_ARG:
        return _text_arg(tokens)
    if name == "begin":
        return _matrix(tokens)
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    raise _Unsupported(name)


def _text_arg(tokens: list[str]) -> str:
    if tokens.pop(0) != "{":
        raise _Unsupported("text")
    words = []
    while tokens[0] != "}":
        words.append(tokens.pop(0))
    tokens.pop(0)
    return '"' + "".join(words).replace('"', '\\"') + '"'


def _matrix(tokens: list[str]) -> str:
    """``\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}`` -> ``mat(delim: "(", a, b; c, d)``."""
    env = _raw_group(tokens)
    if env not in _MATRICES:
        raise _Unsupported(env)
    rows, row, cell = [], [], []
    while True:
        token = tokens.pop(0)
        if token == "\\end":
            _raw_group(tokens)
            break
        if token in ("&", "\\\\"):
            row.append(" ".join(cell))
            cell = []
            if token == "\\\\":
                rows.append(row)
                row = []
            continue
        cell.append(_atom(token, tokens))
    if cell or row:
        rows.append([*row, " ".join(cell)])
    body = "; ".join(", ".join(c or '""' for c in r) for r in rows if any(r))
    return f"mat(delim: {_MATRICES[env]}, {body})"


def _raw_group(tokens: list[str]) -> str:
    if tokens.pop(0) != "{":
        raise _Unsupported("begin")
    name = []
    while tokens[0] != "}":
        name.append(tokens.pop(0))
    tokens.pop(0)
    return "".join(name)
