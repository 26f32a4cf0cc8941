"""LaTeX prose -> text a presenter can read aloud.

Two steps, because references can point forward: ``Prose.text`` converts LaTeX with pylatexenc
(citations dropped, footnotes dropped, inline math said in words, references left as markers),
and ``finish`` resolves the markers once every label is numbered, expands abbreviations and
guarantees the IR's narration rule (no backslash, no $, no ^, no ``_{``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc import latexwalker
from pylatexenc.latex2text import (
    EnvironmentTextSpec,
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import std_environment, std_macro

from code2video.paper.mathtext import spoken_math

REF_OPEN, REF_CLOSE = "\ue000", "\ue001"
EQUATION_END = "\ue002"  # where a display equation ended inside a paragraph
_REF_MACROS = ("ref", "eqref", "cref", "Cref", "autoref", "nameref", "vref", "subref", "cpageref")
_NAMED_REFS = ("cref", "Cref", "autoref", "nameref")
_CITE_NAMES = ("citet", "textcite", "citeauthor", "Citet", "Citeauthor", "citealt")
_CITE_DROP = ("cite", "citep", "citealp", "citeyear", "citeyearpar", "parencite", "autocite", "nocite",
              "footcite", "citenum", "Cite", "Citep", "citetext", "citep*", "citeyear*")
_IGNORED = ("footnote", "footnotemark", "footnotetext", "thanks", "label", "maketitle", "tableofcontents",
            "listoffigures", "listoftables", "bibliography", "bibliographystyle", "printbibliography",
            "addbibresource", "index", "glossary", "vspace", "hspace", "vskip", "hskip", "vfill", "hfill",
            "newpage", "clearpage", "cleardoublepage", "pagebreak", "linebreak", "centering", "raggedright",
            "raggedleft", "noindent", "indent", "smallskip", "medskip", "bigskip", "small", "footnotesize",
            "scriptsize", "tiny", "large", "Large", "LARGE", "huge", "Huge", "normalsize", "normalfont",
            "bfseries", "itshape", "ttfamily", "rmfamily", "sffamily", "scshape", "mdseries", "upshape",
            "appendix", "url", "includegraphics", "graphicspath", "setlength", "addtolength", "setcounter",
            "addtocounter", "pagestyle", "thispagestyle", "protect", "phantomsection", "balance",
            "nocite", "leavevmode", "relax", "null", "strut", "ignorespaces", "unskip", "newline",
            "FloatBarrier", "keywords", "IEEEoverridecommandlockouts", "IEEEpeerreviewmaketitle",
            "acmConference", "copyrightyear", "acmYear", "setcopyright", "ccsdesc", "settopmatter", "hline",
            "toprule", "midrule", "bottomrule", "cline", "cmidrule", "resizebox", "scalebox",
            "captionsetup", "item")

_WALKER_MACROS = [
    ("textsuperscript", "{"), ("textsubscript", "{"), ("href", "{{"), ("thanks", "{"), ("caption", "*[{"),
    ("subcaption", "*[{"), ("subfloat", "[[{"), ("subcaptionbox", "*[{[[{"), ("includegraphics", "*[[{"),
    ("affiliation", "[{"), ("affil", "[{"), ("institute", "{"), ("address", "[{"), ("IEEEauthorblockN", "{"),
    ("IEEEauthorblockA", "{"), ("email", "{"), ("inst", "{"), ("orcid", "{"), ("graphicspath", "{"),
    ("Cref", "*{"), ("autoref", "*{"), ("nameref", "*{"), ("subref", "*{"), ("vref", "*{"),
    ("textcite", "*[[{"), ("parencite", "*[[{"), ("autocite", "*[[{"), ("footcite", "[[{"),
    ("footnotetext", "[{"), ("footnotemark", "["), ("cmidrule", "[{"), ("resizebox", "{{"),
    ("scalebox", "{"), ("captionsetup", "[{"), ("author", "[{"), ("title", "[{"), ("texttt", "{"),
    ("paragraph", "*[{"), ("subparagraph", "*[{"), ("captionof", "*{[{"), ("bibliographystyle", "{"), ("addbibresource", "[{"), ("printbibliography", "["), ("pagestyle", "{"),
    ("thispagestyle", "{"), ("index", "{"), ("glossary", "{"), ("acmConference", "[{{{"), ("ccsdesc", "[{"),
    ("setcopyright", "{"), ("copyrightyear", "{"), ("acmYear", "{"),
]
_WALKER_ENVIRONMENTS = [
    ("subfigure", "[[[{"), ("subtable", "[[[{"), ("minipage", "[[[{"), ("wrapfigure", "[{[{"),
    ("algorithm", "["), ("algorithm*", "["), ("algorithmic", "["), ("thebibliography", "{"),
    ("tabular*", "{[{"), ("tabulary", "{{"), ("longtable", "[{"), ("SCfigure", "[["),
]


@lru_cache(maxsize=1)
def walker_context():
    """pylatexenc's parser table plus the argument shapes of macros that papers commonly use."""
    db = latexwalker.get_default_latex_context_db()
    db.add_context_category("code2video", prepend=True,
                            macros=[std_macro(name, spec) for name, spec in _WALKER_MACROS],
                            environments=[std_environment(name, spec) for name, spec in _WALKER_ENVIRONMENTS])
    return db


def known_macro(name: str) -> bool:
    """Whether pylatexenc's parser or text tables (with this reader's additions) know ``name``."""
    return walker_context().get_macro_spec(name) is not None or _text_context().get_macro_spec(name) is not None


def parse(latex: str) -> list:
    """The node list of a LaTeX fragment; tolerant, since papers are not always well-formed."""
    walker = latexwalker.LatexWalker(latex, latex_context=walker_context(), tolerant_parsing=True)
    return walker.get_latex_nodes()[0]


def arguments(node) -> list:
    return list(node.nodeargd.argnlist) if node.nodeargd and node.nodeargd.argnlist else []


def raw_argument(node, index: int = -1) -> str:
    """An argument's LaTeX source without its braces ('' if absent)."""
    args = arguments(node)
    if not args or args[index] is None:
        return ""
    arg = args[index]
    if isinstance(arg, latexwalker.LatexGroupNode):
        return "".join(n.latex_verbatim() for n in arg.nodelist)
    return arg.latex_verbatim()


class Prose(LatexNodes2Text):
    """pylatexenc's converter, taught what a talk needs: refs as markers, citations gone, math said."""

    def __init__(self, cite_names: dict[str, str] | None = None, unknown: set[str] | None = None):
        super().__init__(latex_context=_text_context(), math_mode="text", strict_latex_spaces="based-on-source")
        self.cite_names = cite_names or {}
        self.unknown = unknown if unknown is not None else set()

    def text(self, latex: str) -> str:
        try:
            return self.nodelist_to_text(parse(latex))
        except (latexwalker.LatexWalkerError, KeyError, IndexError, TypeError, ValueError):
            # pylatexenc gave up on odd input: keep the words, drop the markup, rather than fail the paper
            words = re.sub(r"\\[A-Za-z@]+\*?|\\.|[{}$^_&~#]", " ", latex)
            return re.sub(r"[ \t]+", " ", words)

    def macro_node_to_text(self, node):
        name = node.macroname
        if name in _REF_MACROS:  # \cref and \autoref print the kind themselves: "!" says so
            named = "!" if name in _NAMED_REFS else ""
            return f" {REF_OPEN}{named}{raw_argument(node).strip()}{REF_CLOSE}"
        if name in _CITE_NAMES:
            keys = [k.strip() for k in raw_argument(node).split(",")]
            names = [self.cite_names[k] for k in keys if k in self.cite_names]
            return " " + " and ".join(names) if names else ""
        if name in _CITE_DROP:
            return ""
        if self.latex_context.get_macro_spec(name) is None:
            self.unknown.add(name)
        return super().macro_node_to_text(node)

    def math_node_to_text(self, node):
        inner = "".join(n.latex_verbatim() for n in node.nodelist)
        return " " + spoken_math(inner, self.unknown) + " "

    def last_argument(self, node) -> str:
        args = [a for a in arguments(node) if a is not None]
        return self.nodelist_to_text([args[-1]]).strip() if args else ""

    def list_to_text(self, node) -> str:
        """itemize/enumerate: one sentence per \\item."""
        items: list[list] = []
        for child in node.nodelist:
            if isinstance(child, latexwalker.LatexMacroNode) and child.macroname == "item":
                items.append([child])
            elif items:
                items[-1].append(child)
        sentences = []
        for item in items:
            label = raw_argument(item[0], 0) if arguments(item[0]) else ""
            text = " ".join(self.nodelist_to_text(item[1:]).split())
            if label:
                text = f"{self.latex_to_text(label).strip()}: {text}"
            if text:
                sentences.append(text if text[-1] in ".!?:;" else text + ".")
        return " " + " ".join(sentences) + " "


@lru_cache(maxsize=1)
def _text_context():
    db = get_default_latex_context_db()
    macros = [MacroTextSpec(name, discard=True) for name in _IGNORED]
    macros += [MacroTextSpec("textsuperscript", "%(1)s"), MacroTextSpec("textsubscript", "%(1)s"),
               MacroTextSpec("href", "%(2)s"), MacroTextSpec("\\", " "), MacroTextSpec("par", "\n\n"),
               MacroTextSpec("paragraph", lambda n, l2tobj: l2tobj.last_argument(n) + ". "), MacroTextSpec("LaTeX", "LaTeX"),
               MacroTextSpec("TeX", "TeX"), MacroTextSpec("texttt", "%(1)s"),
               MacroTextSpec("%", "%"), MacroTextSpec("&", " and "), MacroTextSpec("S", "Section "), MacroTextSpec("xspace", " "),
               MacroTextSpec("captionof", "")]
    lists = [EnvironmentTextSpec(name, simplify_repl=lambda n, l2tobj: l2tobj.list_to_text(n))
             for name in ("itemize", "enumerate", "description", "compactitem", "compactenum")]
    db.add_context_category("code2video", prepend=True, macros=macros, environments=lists)
    return db


_KIND_WORDS = {
    "Figure": r"Figures?|Figs?\.|Fig|figures?|figs?\.", "Table": r"Tables?|Tabs?\.|tables?|tabs?\.",
    "Equation": r"Equations?|Eqns?\.|Eqs?\.|Eq|equations?|eqns?\.|eqs?\.",
    "Section": r"Sections?|Secs?\.|Sects?\.|§|sections?|secs?\.", "Algorithm": r"Algorithms?|Algs?\.|algorithms?",
    "Appendix": r"Appendix|Appendices|App\.|appendix",
}
_PLURAL = {"Appendix": "Appendices"}
_ABBREVIATIONS = [
    (r"\be\.\s?g\.,?", "for example,"), (r"\bi\.\s?e\.,?", "that is,"), (r"\bw\.r\.t\.", "with respect to"),
    (r"\bcf\.", "compare"), (r"\bvs\.", "versus"), (r"\bresp\.", "respectively"), (r"\bapprox\.", "approximately"),
    (r"\bFigs\.", "Figures"), (r"\bFig\.", "Figure"), (r"\bEqs\.", "Equations"), (r"\bEqn?\.", "Equation"),
    (r"\bSecs?\.", "Section"), (r"\bTab\.", "Table"), (r"\bAlg\.", "Algorithm"), (r"\bApp\.", "Appendix"),
]
_MARKER = re.compile(
    r"(?:(?<![A-Za-z])(?P<word>" + "|".join(_KIND_WORDS.values()) + r")[\s\xa0]*(?P<paren>\()?[\s\xa0]*)?"
    + REF_OPEN + r"(?P<labels>[^" + REF_CLOSE + r"]*)" + REF_CLOSE + r"(?(paren)\s*\))")
_JOINERS = re.compile(r"^[\s\xa0]*(?:,|and|or|to|,\s*and|--|–|-)[\s\xa0]*\(?[\s\xa0]*$")


def _resolve(match: re.Match, labels: dict[str, tuple[str, str]], state: dict) -> str:
    named = match.group("labels").startswith("!")
    keys = [k.strip() for k in match.group("labels").lstrip("!").split(",") if k.strip()]
    found = [labels[k] for k in keys if k in labels]
    state["unresolved"].update(k for k in keys if k not in labels)
    if not found:
        return " " if not match.group("word") else match.group("word")
    kind = found[0][0]
    numbers = [number for _kind, number in found]
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    between = state["text"][state["last_end"]:match.start()]
    if state["last_kind"] == kind and not match.group("word") and not named and _JOINERS.match(between):
        out = listed  # "Figures 2 and 3": the kind is already said
    else:
        word = match.group("word") or ""
        plural = len(numbers) > 1 or (word.rstrip(".").endswith("s") and word not in ("§",))
        out = (_PLURAL.get(kind, kind + "s") if plural else kind) + " " + listed
    state["last_kind"], state["last_end"] = kind, match.end()
    return out


def resolve_references(text: str, labels: dict[str, tuple[str, str]], unresolved: set[str]) -> str:
    """Reference markers -> "Figure 2", "Tables 1 and 2", folding in the author's own "Fig."."""
    state = {"text": text, "last_kind": None, "last_end": 0, "unresolved": unresolved}
    return _MARKER.sub(lambda m: _resolve(m, labels, state), text)


def tidy(text: str) -> str:
    """Abbreviations spelled out, leftovers of dropped citations removed, and the narration rule enforced."""
    for pattern, words in _ABBREVIATIONS:
        text = re.sub(pattern, words, text)
    text = text.replace("\xa0", " ").replace("\u2009", " ")
    text = re.sub(r"(\d)\s*[–-]{1,2}\s*(\d)", r"\1 to \2", text)
    text = re.sub(r"(\d)\s*%", r"\1 percent", text).replace("%", " percent")
    text = re.sub(EQUATION_END + r"\s*(?=[A-Z]|$)", ". ", text.strip())  # the equation ended a sentence
    text = re.sub(r"[\\$^]|_\{|[" + REF_OPEN + REF_CLOSE + EQUATION_END + "]", " ", text)
    text = re.sub(r"\(\s*[,;]?\s*\)|\[\s*[,;]?\s*\]", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r",\s*([.;:])", r"\1", text)
    text = re.sub(r"\.\s*\.(?!\.)", ".", text)
    return text.strip()


def finish(text: str, labels: dict[str, tuple[str, str]], unresolved: set[str]) -> str:
    return tidy(resolve_references(text, labels, unresolved))
