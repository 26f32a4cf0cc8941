"""Math from the paper in the two forms the video needs: Typst to draw it, words to say it.

``to_typst`` converts with tex2typst and keeps the result only if Typst itself compiles it, so a
formula on screen never fails at render time. ``spoken_math`` reads LaTeX math the way a
presenter would ("x squared", "a over b", "the sum from i equals 1 to n of ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexWalker,
)

from code2video.paper.mathwords import (
    BIG_OPERATORS,
    DROP,
    SYMBOLS,
    TEXT_MACROS,
    WORD_MACROS,
    accent_words,
    char_words,
    script_words,
)

_LABELS = re.compile(r"\\(?:label|tag\*?)\s*\{[^{}]*\}|\\(?:nonumber|notag|xspace)(?![A-Za-z])")
_ENSUREMATH = re.compile(r"\\ensuremath\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_OPNAME = re.compile(r"\\operatorname\*?\s*\{([^{}]*)\}")
_MATHRM_WORD = re.compile(r"\\(?:mathrm|text|textrm)\s*\{([A-Za-z]{2,})\}")
_NORM = re.compile(r"(?:\\left\s*)?(?:\\\||\\lVert|\\Vert)(.+?)(?:\\right\s*)?(?:\\\||\\rVert|\\Vert)")
_ABS = re.compile(r"(?:\\left\s*)?(?<!\\)(?:\||\\lvert)([^|]+?)(?:\\right\s*)?(?<!\\)(?:\||\\rvert)")


def clean_math(latex: str) -> str:
    """The math without labels, tags and \\nonumber, which are bookkeeping rather than content."""
    latex = _ENSUREMATH.sub(lambda m: "{" + m.group(1) + "}", _LABELS.sub("", latex))
    return latex.strip().rstrip("\\").strip()


def _typst_source(latex: str) -> str:
    latex = clean_math(latex)
    latex = _OPNAME.sub(lambda m: "\\operatorname{" + re.sub(r"\\[,;:! ]", " ", m.group(1)).strip() + "}", latex)
    latex = _MATHRM_WORD.sub(r"\\operatorname{\1}", latex)  # upright words, not letters spaced apart
    if re.search(r"(?<!\\)&|\\\\", latex) and "\\begin{aligned}" not in latex:
        latex = "\\begin{aligned}" + latex + "\\end{aligned}"
    return latex


@lru_cache(maxsize=1024)
def to_typst(latex: str) -> str | None:
    """Typst math for ``latex`` that the typst compiler accepts, or None when conversion fails."""
    import tex2typst
    import typst

    try:
        converted = tex2typst.tex2typst(_typst_source(latex))
    except Exception:  # noqa: BLE001 - the converter raises plain ValueErrors for unsupported input
        return None
    if not converted or not converted.strip():
        return None
    document = "#set page(width: auto, height: auto, margin: 4pt)\n$ " + converted + " $\n"
    try:
        typst.compile(document.encode("utf-8"), format="svg")
    except Exception:  # noqa: BLE001 - TypstError and friends: the snippet does not compile
        return None
    return converted


class _Speaker:
    """Walks pylatexenc's math nodes and says them, remembering macros it did not know."""

    def __init__(self, unknown: set[str] | None):
        self.unknown = unknown

    def nodes(self, nodelist) -> str:
        atoms = self.atoms(nodelist)
        words: list[str] = []
        i = 0
        while i < len(atoms):
            atom = atoms[i]
            if isinstance(atom, LatexMacroNode) and atom.macroname in BIG_OPERATORS:
                phrase, i = self.big_operator(atom.macroname, atoms, i + 1)
                words.append(phrase)
                continue
            if isinstance(atom, str) and atom in "^_":
                script = self.say(atoms[i + 1]) if i + 1 < len(atoms) else ""
                words.append(script_words(atom, script))
                i += 2
                continue
            words.append(self.say(atom))
            i += 1
        return " ".join(w for w in words if w)

    def atoms(self, nodelist) -> list:
        """Nodes with character runs split into single symbols, numbers and ^ or _ markers."""
        atoms: list = []
        for node in nodelist or []:
            if isinstance(node, LatexCharsNode):
                atoms += re.findall(r"\d+(?:\.\d+)?|\S", node.chars)
            elif isinstance(node, (LatexGroupNode, LatexMacroNode, LatexEnvironmentNode, LatexMathNode)):
                atoms.append(node)  # specials (& column separators) and comments are not said
        return atoms

    def big_operator(self, name: str, atoms: list, i: int) -> tuple[str, int]:
        """``\\sum_{i=1}^{n}`` -> "the sum from i equals 1 to n of"."""
        lower = upper = ""
        while i + 1 < len(atoms) and isinstance(atoms[i], str) and atoms[i] in "^_":
            if atoms[i] == "_":
                lower = self.say(atoms[i + 1])
            else:
                upper = self.say(atoms[i + 1])
            i += 2
        phrase = BIG_OPERATORS[name]
        if lower and upper:
            phrase += f" from {lower} to {upper}"
        elif lower:
            phrase += f" over {lower}"
        return phrase + (" of" if name not in ("max", "min", "lim") or lower else ""), i

    def say(self, atom) -> str:
        if isinstance(atom, str):
            return char_words(atom)
        if isinstance(atom, LatexGroupNode):
            return self.nodes(atom.nodelist)
        if isinstance(atom, LatexMacroNode):
            return self.macro(atom)
        if isinstance(atom, LatexEnvironmentNode):
            return self.environment(atom)
        if isinstance(atom, LatexMathNode):
            return self.nodes(atom.nodelist)
        return ""

    def arg(self, node, k: int) -> str:
        args = node.nodeargd.argnlist if node.nodeargd and node.nodeargd.argnlist else []
        return self.say(args[k]) if k < len(args) and args[k] is not None else ""

    def text_arg(self, node) -> str:
        args = node.nodeargd.argnlist if node.nodeargd and node.nodeargd.argnlist else []
        source = "".join(a.latex_verbatim() for a in args if a is not None)
        text = re.sub(r"\\[,;:! ]", " ", source)
        return re.sub(r"[{}\\$^_]", " ", text).strip()

    def macro(self, node: LatexMacroNode) -> str:
        name = node.macroname
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in DROP:
            return ""
        if name in TEXT_MACROS:
            return self.text_arg(node)
        if name in WORD_MACROS:
            return WORD_MACROS[name].format(*(self.arg(node, k) for k in range(3)))
        if name in ("frac", "dfrac", "tfrac", "nicefrac", "cfrac"):
            return f"{self.arg(node, 0)} over {self.arg(node, 1)}"
        if name == "sqrt":
            root = self.arg(node, 0)
            body = self.arg(node, 1)
            return f"the square root of {body}" if not root else (
                "the cube root of " + body if root == "3" else f"the {root}-th root of {body}")
        accent = accent_words(name)
        if accent:
            return accent.format(self.arg(node, 0))
        if self.unknown is not None and len(name) > 1:
            self.unknown.add(name)
        return name if name.isalpha() else ""

    def environment(self, node: LatexEnvironmentNode) -> str:
        name = node.environmentname.rstrip("*")
        if name.endswith("matrix"):
            return "a matrix"
        return self.nodes(node.nodelist)


def _prepare(latex: str) -> str:
    latex = clean_math(latex)
    latex = _NORM.sub(lambda m: "\\cvnorm{" + m.group(1) + "}", latex)
    return _ABS.sub(lambda m: "\\cvabs{" + m.group(1) + "}", latex)


@lru_cache(maxsize=1)
def _walker_context():
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import std_macro

    db = get_default_latex_context_db()
    db.add_context_category("code2video-math", prepend=True, macros=[
        std_macro("cvnorm", False, 1), std_macro("cvabs", False, 1), std_macro("operatorname", "*{"),
        std_macro("boldsymbol", False, 1), std_macro("bm", False, 1), std_macro("dfrac", False, 2),
        std_macro("tfrac", False, 2), std_macro("cfrac", False, 2), std_macro("textnormal", False, 1),
        std_macro("mbox", False, 1), std_macro("mathring", False, 1), std_macro("binom", False, 2),
    ])
    return db


@lru_cache(maxsize=4096)
def _spoken(latex: str) -> tuple[str, frozenset[str]]:
    walker = LatexWalker(_prepare(latex), latex_context=_walker_context(), tolerant_parsing=True)
    nodes = walker.get_latex_nodes()[0]
    unknown: set[str] = set()
    words = _Speaker(unknown).nodes(nodes)
    words = re.sub(r"\s+([,;.])", r"\1", re.sub(r"\s+", " ", words)).strip(" ,;")
    return re.sub(r"[\\$^]|_\{", " ", words).strip(), frozenset(unknown)


def spoken_math(latex: str, unknown: set[str] | None = None) -> str:
    """How a presenter would say ``latex``; names of macros it could not read go into ``unknown``."""
    words, missed = _spoken(latex)
    if unknown is not None:
        unknown.update(missed)
    return words
