"""The parts of floats: a figure's panels and caption, a table's cells, an algorithm's steps.

Pure functions over pylatexenc nodes; the reader numbers the floats, converts the pictures and
turns the captions into speakable text. A table becomes header + rows only when it is simple (no
\\multirow/\\multicolumn/\\makecell, no nested tabular, at most 8 columns and 12 data rows); a
complex one keeps its caption with no cells and no image (the reader warns), because a half-read
grid on a slide is worse than none. A table that is itself a picture (\\includegraphics) keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import (
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexSpecialsNode,
)

from code2video.paper.macros import read_group
from code2video.paper.speakable import arguments, parse, raw_argument

MAX_COLUMNS = 8
MAX_ROWS = 12  # data rows under the header
TABULARS = ("tabular", "tabular*", "tabularx", "tabulary", "longtable", "array")
_PANEL_ENVS = ("subfigure", "subtable", "minipage")
_PANEL_MACROS = ("subfloat", "subcaptionbox")
_RULES = ("hline", "toprule", "midrule", "bottomrule", "cline", "cmidrule", "addlinespace", "rowcolor",
          "specialrule", "hhline", "arrayrulecolor", "centering", "small", "footnotesize", "scriptsize")
_RULE_COMMANDS = re.compile(
    r"\\(?:cmidrule|cline)\s*(?:\[[^\]]*\])?\s*(?:\([^)]*\))?\s*\{[^{}]*\}"
    r"|\\(?:specialrule)\s*\{[^{}]*\}\s*\{[^{}]*\}\s*\{[^{}]*\}|\\hhline\s*\{[^{}]*\}"
    r"|\\addlinespace\s*(?:\[[^\]]*\])?|\\(?:hline|toprule|midrule|bottomrule)(?![A-Za-z])\s*(?:\[[^\]]*\])?")
_COMPLEX = ("multirow", "multicolumn", "makecell", "diagbox")


@dataclass
class Panel:
    graphics: list[str] = field(default_factory=list)  # \includegraphics names
    caption: str = ""  # LaTeX of the subcaption
    label: str | None = None


@dataclass
class FloatParts:
    caption: str = ""  # LaTeX of the float's own caption
    label: str | None = None
    panels: list[Panel] = field(default_factory=list)


def _children(node) -> list:
    """Everything inside a node: its body and its arguments, in source order."""
    kids = [a for a in arguments(node) if a is not None] if isinstance(node, (LatexMacroNode,
                                                                              LatexEnvironmentNode)) else []
    return kids + list(getattr(node, "nodelist", None) or [])


def _collect(nodes, parts: FloatParts, panel: Panel | None) -> None:
    for node in nodes or []:
        if isinstance(node, LatexEnvironmentNode) and node.environmentname in _PANEL_ENVS and _has_graphics(node):
            inner = FloatParts()
            _collect(node.nodelist, inner, None)
            parts.panels.append(Panel([g for p in inner.panels for g in p.graphics], inner.caption, inner.label))
        elif isinstance(node, LatexMacroNode) and node.macroname in _PANEL_MACROS:
            inner = FloatParts()
            _collect(_children(node), inner, None)
            caption = raw_argument(node, 2) if node.macroname == "subcaptionbox" else _subfloat_caption(node)
            label = inner.label or _label_in(caption)
            parts.panels.append(Panel([g for p in inner.panels for g in p.graphics], inner.caption or caption, label))
        elif isinstance(node, LatexMacroNode) and node.macroname == "includegraphics":
            parts.panels.append(Panel([raw_argument(node).strip()]))
        elif isinstance(node, LatexMacroNode) and node.macroname in ("caption", "subcaption", "captionof"):
            parts.caption = raw_argument(node)
            parts.label = parts.label or _label_in(parts.caption)
        elif isinstance(node, LatexMacroNode) and node.macroname == "label":
            parts.label = parts.label or raw_argument(node).strip()
        elif isinstance(node, (LatexEnvironmentNode, LatexGroupNode, LatexMacroNode)):
            _collect(_children(node), parts, panel)


def _subfloat_caption(node) -> str:
    """\\subfloat[caption]{..} or \\subfloat[list entry][caption]{..}: the last optional argument."""
    given = [i for i, arg in enumerate(arguments(node)[:2]) if arg is not None]
    return raw_argument(node, given[-1]) if given else ""


def _has_graphics(node) -> bool:
    return "\\includegraphics" in node.latex_verbatim()


def _label_in(latex: str) -> str | None:
    match = re.search(r"\\label\s*\{([^{}]*)\}", latex)
    return match.group(1).strip() if match else None


def float_parts(node) -> FloatParts:
    """Caption, label and picture panels of a figure (or table) environment."""
    parts = FloatParts()
    _collect(node.nodelist, parts, None)
    return parts


def find_environment(nodes, names: tuple[str, ...]):
    """The first environment named in ``names`` anywhere below ``nodes``."""
    for node in nodes or []:
        if isinstance(node, LatexEnvironmentNode) and node.environmentname in names:
            return node
        if isinstance(node, (LatexEnvironmentNode, LatexGroupNode, LatexMacroNode)):
            found = find_environment(_children(node), names)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=1)
def _cell_text() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def cell_text(nodes) -> str:
    """A cell as plain text for the screen: math as Unicode symbols, no markup."""
    text = _cell_text().nodelist_to_text(nodes)
    return " ".join(re.sub(r"[\\$]|_\{", " ", text).split())


def table_cells(tabular: LatexEnvironmentNode) -> list[list[str]] | None:
    """Rows of cell texts, or None when the table is too complex to show as plain cells."""
    source = tabular.latex_verbatim()
    if re.search(r"\\(" + "|".join(_COMPLEX) + r")(?![A-Za-z])", source):
        return None
    tabular = find_environment(parse(_RULE_COMMANDS.sub(" ", source)), TABULARS) or tabular
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list = []
    for node in tabular.nodelist:
        if isinstance(node, LatexSpecialsNode) and node.specials_chars == "&":
            row.append(cell_text(cell))
            cell = []
        elif isinstance(node, LatexMacroNode) and node.macroname in ("\\", "tabularnewline"):
            rows.append([*row, cell_text(cell)])
            row, cell = [], []
        elif isinstance(node, LatexEnvironmentNode) and node.environmentname in TABULARS:
            return None  # a table inside a cell
        elif not (isinstance(node, LatexMacroNode) and node.macroname in _RULES):
            cell.append(node)
    rows.append([*row, cell_text(cell)])
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows or max(len(r) for r in rows) > MAX_COLUMNS or len(rows) - 1 > MAX_ROWS:
        return None
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


_ALG_PHRASES = {
    "If": "If {0}, then:", "ElsIf": "Otherwise, if {0}:", "Else": "Otherwise:", "For": "For {0}:",
    "ForAll": "For all {0}:", "While": "While {0}:", "Repeat": "Repeat:", "Until": "Until {0}.",
    "Loop": "Loop:", "Require": "Input: {0}", "Ensure": "Output: {0}", "Input": "Input: {0}",
    "Output": "Output: {0}", "KwIn": "Input: {0}", "KwOut": "Output: {0}", "KwData": "Data: {0}",
    "KwResult": "Result: {0}", "Return": "Return {0}", "KwRet": "Return {0}", "Function": "Function {0} of {1}:",
    "Procedure": "Procedure {0} of {1}:", "State": "{0}", "Statex": "{0}", "ForEach": "For each {0}:",
    "eIf": "If {0}, then:", "uIf": "If {0}, then:", "lIf": "If {0}, then:", "ElseIf": "Otherwise, if {0}:",
}
_ALG_SKIPPED = ("EndIf", "EndFor", "EndWhile", "EndLoop", "EndFunction", "EndProcedure", "Comment", "tcp", "tcc")
_ALG_ARGS = {"If": 1, "ElsIf": 1, "For": 1, "ForAll": 1, "While": 1, "Until": 1, "Function": 2, "Procedure": 2,
             "KwIn": 1, "KwOut": 1, "KwData": 1, "KwResult": 1, "KwRet": 1, "ForEach": 1, "eIf": 1, "uIf": 1,
             "lIf": 1, "ElseIf": 1}
_ALG_SELF = ("State", "Statex", "Require", "Ensure", "Input", "Output", "Return", "Until")  # the rest is the step
_ALG_SPLIT = re.compile(r"\\(" + "|".join(sorted([*_ALG_PHRASES, *_ALG_SKIPPED], key=len, reverse=True))
                        + r")(?![A-Za-z])")


def _statement(keyword: str, rest: str) -> list[tuple[str, list[str]]]:
    """One keyword's step, then the statements of an algorithm2e body that follows it (split on \\;)."""
    args, pos = [], 0
    for _ in range(_ALG_ARGS.get(keyword, 0)):
        group = read_group(rest, pos)
        if group is None:
            break
        args.append(group[0])
        pos = group[1]
    tail = re.sub(r"\\(?:Comment|tcp\*?|tcc\*?)\s*(?:\[[^\]]*\])?\s*\{.*", "", rest[pos:], flags=re.DOTALL)
    if keyword in _ALG_SELF:
        return [(_ALG_PHRASES[keyword], args or [tail.strip()])]
    steps = [(_ALG_PHRASES.get(keyword, "{0}"), args)]
    for statement in re.split(r"\\;", tail):
        statement = statement.strip().strip("{}").strip()
        if statement:
            steps.append(("{0}", [statement]))
    return steps


def algorithm_steps(source: str) -> list[tuple[str, list[str]]]:
    """(phrase template, LaTeX parts) per statement of an algorithm body; End* lines and comments dropped."""
    source = re.sub(r"\\Call\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"\1 of \2", source)
    pieces = _ALG_SPLIT.split(source)
    steps: list[tuple[str, list[str]]] = []
    for keyword, rest in zip(pieces[1::2], pieces[2::2], strict=True):
        if keyword not in _ALG_SKIPPED:
            steps += _statement(keyword, rest)
    return steps
