"""Make scenes render without TeX: LaTeX to Typst math, and rewrites of TeX-only mobjects.

Machines without TeX render formulas with Manim's Typst mobjects. ``latex_to_typst`` covers
fractions, roots, scripts, Greek letters, common operators, accents and matrices, and returns None
for anything else (the caller then falls back to plain Text). ``no_tex_edits`` finds the calls
that would start LaTeX (MathTex, Tex, numbers on axes, DecimalNumber, axis labels, brace labels,
Matrix) and says what to put in their place.
"""

from __future__ import annotations

import ast
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
_TEXT_GROUP = re.compile(r"(\\(?:text|textrm|mathrm|mbox)\{)([^{}]*)\}")
_KEPT_SPACE = "\ue000"  # a space inside \text{...}; math tokens drop real whitespace
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|\d+(?:\.\d+)?|\s+|.", re.S)


class _Unsupported(Exception):
    pass


def undo_escapes(text: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in text)


def latex_to_typst(latex: str) -> str | None:
    """Typst math for ``latex`` (math mode), or None when it uses something we do not convert."""
    latex = _TEXT_GROUP.sub(lambda m: m[1] + m[2].replace(" ", _KEPT_SPACE) + "}", undo_escapes(latex))
    tokens = [t for t in _TOKEN.findall(latex) if not t.isspace()]
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
    text = re.sub(r"\\(?:begin|end)\{\w+\*?\}|\\\\|&", " ", undo_escapes(latex))
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
    return '"' + "".join(words).replace(_KEPT_SPACE, " ").replace('"', '\\"') + '"'


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


# --- rewriting TeX-only calls ---------------------------------------------------------------
_TEX_ONLY_KWARGS = {"tex_to_color_map", "substrings_to_isolate", "arg_separator", "tex_template",
                    "tex_environment", "organize_left_to_right"}
_LABEL_METHODS = {  # method -> (positional indexes, keyword names, default label when none given)
    "get_axis_labels": ((0, 1), ("x_label", "y_label"), ("x", "y")),
    "get_x_axis_label": ((0,), ("label",), ()), "get_y_axis_label": ((0,), ("label",), ()),
    "get_graph_label": ((1,), ("label",), ("f(x)",)),
}
_NUMBER_KEYS = {"include_numbers", "numbers_to_include"}


def _name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def math_mobject(latex: str) -> str:
    """Code for a TeX-free mobject showing ``latex`` (math mode)."""
    typst = latex_to_typst(latex)
    return f"MathTypst({typst!r})" if typst is not None else f"Text({plain_text(latex)!r})"


def _call(code: str, name: str, args: list[str], node: ast.Call, extra: list[str] = (), drop=()) -> str:
    kws = [ast.get_source_segment(code, k) for k in node.keywords if k.arg not in drop]
    return f"{name}({', '.join([*args, *kws, *extra])})"


def _tex_call(code: str, node: ast.Call, math: bool) -> str:
    """MathTex(...) -> MathTypst(...); Tex(...) -> Text or Typst; non-literal strings -> Text."""
    texts = [_literal(a) for a in node.args]
    if not node.args or None in texts:
        if len(node.args) == 1 and isinstance(node.args[0], ast.JoinedStr):
            args = ast.get_source_segment(code, node.args[0])
        else:
            args = " + ".join(f"str({ast.get_source_segment(code, a)})" for a in node.args) or "''"
        return _call(code, "Text", [args], node, drop=_TEX_ONLY_KWARGS)
    joined = " ".join(texts)
    if math:
        typst = latex_to_typst(joined)
        name, value = ("MathTypst", typst) if typst is not None else ("Text", plain_text(joined))
    elif "$" not in joined and "\\" not in undo_escapes(joined):
        name, value = "Text", joined
    else:
        typst = tex_text_to_typst(joined)
        name, value = ("Typst", typst) if typst is not None else ("Text", plain_text(joined))
    return _call(code, name, [repr(value)], node, drop=_TEX_ONLY_KWARGS)


def _label_call(code: str, node: ast.Call) -> str | None:
    positions, keywords, defaults = _LABEL_METHODS[node.func.attr]
    args = [ast.get_source_segment(code, a) for a in node.args]
    changed = False
    for position in positions:
        if position < len(node.args) and _literal(node.args[position]) is not None:
            args[position], changed = math_mobject(_literal(node.args[position])), True
    kws = []
    for kw in node.keywords:
        text = _literal(kw.value) if kw.arg in keywords else None
        kws.append(f"{kw.arg}={math_mobject(text)}" if text is not None else ast.get_source_segment(code, kw))
        changed = changed or text is not None
    given = {kw.arg for kw in node.keywords} | {keywords[i] for i, p in enumerate(positions) if p < len(node.args)}
    for keyword, default in zip(keywords, defaults):
        if keyword not in given:
            kws.append(f"{keyword}={math_mobject(default)}")
            changed = True
    func = ast.get_source_segment(code, node.func)
    return f"{func}({', '.join([*args, *kws])})" if changed else None


def _matrix_call(code: str, node: ast.Call) -> str | None:
    rows = node.args[0] if node.args else None
    if not isinstance(rows, ast.List | ast.Tuple) or not all(isinstance(r, ast.List | ast.Tuple) for r in rows.elts):
        return None
    cells = []
    for row in rows.elts:
        if not all(isinstance(c, ast.Constant) for c in row.elts):
            return None
        cells.append(", ".join(latex_to_typst(str(c.value)) or f'"{c.value}"' for c in row.elts))
    color = "".join(", " + ast.get_source_segment(code, k) for k in node.keywords if k.arg == "color")
    body = 'mat(delim: "[", ' + "; ".join(cells) + ")"
    return f"MathTypst({body!r}{color})"


def _number_dict(code: str, node: ast.Dict) -> str | None:
    keys = [_literal(k) for k in node.keys if k is not None]
    if not _NUMBER_KEYS & set(keys) or "label_constructor" in keys:
        return None
    return "{" + ", ".join([*(f"{ast.get_source_segment(code, k)}: {ast.get_source_segment(code, v)}"
                              if k is not None else f"**{ast.get_source_segment(code, v)}"
                              for k, v in zip(node.keys, node.values)), "'label_constructor': Text"]) + "}"


def no_tex_edits(code: str, tree: ast.AST, bound: set[str]) -> list[tuple[ast.AST, str]]:
    """(node, replacement) pairs that keep LaTeX out of the render."""
    edits: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and (text := _number_dict(code, node)):
            edits.append((node, text))
        if not isinstance(node, ast.Call) or _name(node) in bound:
            continue
        name, method = _name(node), isinstance(node.func, ast.Attribute)
        kws = {k.arg for k in node.keywords}
        if name in ("MathTex", "SingleStringMathTex", "Tex", "Title") and not method:
            edits.append((node, _tex_call(code, node, math=name != "Tex" and name != "Title")))
        elif name in ("DecimalNumber", "Integer") and not method and "mob_class" not in kws:
            edits.append((node, _call(code, name, [ast.get_source_segment(code, a) for a in node.args], node,
                                      ["mob_class=Text"])))
        elif name in ("NumberLine", "BraceLabel", "BraceText", "add_numbers") and "label_constructor" not in kws \
                and (name != "NumberLine" or kws & _NUMBER_KEYS):
            func = ast.get_source_segment(code, node.func)
            edits.append((node, _call(code, func, [ast.get_source_segment(code, a) for a in node.args], node,
                                      ["label_constructor=Text"])))
        elif method and name in _LABEL_METHODS and (text := _label_call(code, node)):
            edits.append((node, text))
        elif method and name in ("get_tex", "get_text") and node.args and all(_literal(a) for a in node.args):
            brace = ast.get_source_segment(code, node.func.value)
            words = " ".join(_literal(a) for a in node.args)
            edits.append((node, f"{math_mobject(words) if name == 'get_tex' else repr_text(words)}"
                                f".next_to({brace}.get_tip(), {brace}.get_direction())"))
        elif method and name == "add_coordinates":
            edits.append((node, ast.get_source_segment(code, node.func.value)))
        elif name in ("Matrix", "IntegerMatrix", "DecimalMatrix") and (text := _matrix_call(code, node)):
            edits.append((node, text))
    return edits


def repr_text(words: str) -> str:
    """Code for a Text of ``words``, with any LaTeX markup made readable."""
    plain = plain_text(words) if "$" in words or "\\" in undo_escapes(words) else words
    return f"Text({plain!r})"
