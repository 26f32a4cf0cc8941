"""The body of a flattened, macro-expanded LaTeX paper -> sections, paragraphs and numbered items.

One walk over pylatexenc's node tree in document order: sectioning commands open sections,
floats and display math become numbered figures, tables, algorithms and equations (numbered as
LaTeX would), and the prose between them becomes paragraphs. References are resolved after the
walk, since a paragraph may point at a figure further down.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
)

from code2video.paper.floats import (
    TABULARS,
    algorithm_steps,
    find_environment,
    float_parts,
    table_cells,
)
from code2video.paper.mathtext import clean_math, spoken_math, to_typst
from code2video.paper.model import Algorithm, Equation, Figure, PaperSection, Table
from code2video.paper.speakable import (
    EQUATION_END,
    Prose,
    arguments,
    finish,
    raw_argument,
)

SECTION_LEVELS = {"section": 1, "subsection": 2, "subsubsection": 3}
FIGURES = ("figure", "figure*", "wrapfigure", "SCfigure")
TABLES = ("table", "table*", "wraptable")
ALGORITHMS = ("algorithm", "algorithm*", "algorithmic")
MATH_ONE_NUMBER = ("equation", "multline", "displaymath")
MATH_ROWS = ("align", "gather", "eqnarray", "alignat", "flalign")
SKIPPED = ("abstract", "thebibliography", "comment", "verbatim", "lstlisting", "minted", "tikzpicture",
           "filecontents", "titlepage", "IEEEkeywords", "keywords", "CCSXML") + TABULARS
LISTS = ("itemize", "enumerate", "description", "compactitem", "compactenum")
THEOREMS = ("theorem", "lemma", "proposition", "corollary", "definition", "remark", "example", "assumption",
            "claim", "conjecture", "proof")
MAX_SPOKEN_EQUATION_WORDS = 16  # a longer display equation is referred to, not read, inside a paragraph


class LatexReader:
    """Walks the body once, collecting sections and items; ``finish`` resolves references."""

    def __init__(self, prose: Prose, assets_dir: Path, graphics_dirs: list[Path], warnings: list[str]):
        self.prose = prose
        self.assets_dir = assets_dir
        self.graphics_dirs = graphics_dirs
        self.warnings = warnings
        self.sections: list[PaperSection] = []
        self.stack: list[PaperSection] = []
        self.buffer: list[str] = []
        self.counters = [0, 0, 0]
        self.appendix = False
        self.label_target: tuple[str, str] | None = None
        self.labels: dict[str, tuple[str, str]] = {}
        self.figures: list[Figure] = []
        self.tables: list[Table] = []
        self.equations: list[Equation] = []
        self.algorithms: list[Algorithm] = []
        self.equation_counter = 0

    # -- the walk ---------------------------------------------------------------------------

    def walk(self, nodes) -> None:
        for node in nodes or []:
            if isinstance(node, LatexMacroNode):
                self.macro(node)
            elif isinstance(node, LatexEnvironmentNode):
                self.environment(node)
            elif isinstance(node, LatexMathNode) and node.displaytype == "display":
                self.display_math(node, "displaymath")
            elif isinstance(node, LatexCharsNode):
                self.chars(node.chars)
            elif isinstance(node, LatexGroupNode) and "\\begin" in node.latex_verbatim():
                self.walk(node.nodelist)  # e.g. \twocolumn[{... a teaser figure ...}]
            elif not isinstance(node, LatexCommentNode):
                self.buffer.append(node.latex_verbatim())

    def chars(self, chars: str) -> None:
        """Blank lines end paragraphs."""
        parts = re.split(r"\n[ \t]*\n", chars)
        self.buffer.append(parts[0])
        for part in parts[1:]:
            self.flush()
            self.buffer.append(part)

    def macro(self, node: LatexMacroNode) -> None:
        name = node.macroname
        if name in SECTION_LEVELS:
            self.flush()
            self.start_section(node, SECTION_LEVELS[name])
        elif name == "appendix":
            self.appendix, self.counters = True, [0, 0, 0]
        elif name == "par":
            self.flush()
        elif name == "label":
            if self.label_target:
                self.labels[raw_argument(node).strip()] = self.label_target
        else:
            self.buffer.append(node.latex_verbatim())

    def environment(self, node: LatexEnvironmentNode) -> None:
        name = node.environmentname
        captionof = re.search(r"\\captionof\s*\{(figure|table)\}", node.latex_verbatim())
        if name in FIGURES or (captionof and captionof.group(1) == "figure" and name not in FIGURES + TABLES):
            self.figure(node)
        elif name in TABLES or captionof:
            self.table(node)
        elif name in ALGORITHMS:
            self.algorithm(node)
        elif name.rstrip("*") in MATH_ONE_NUMBER + MATH_ROWS:
            self.display_math(node, name)
        elif name in LISTS:
            self.buffer.append(node.latex_verbatim())
        elif name.rstrip("*") in THEOREMS:
            self.flush()
            self.buffer.append(name.rstrip("*").capitalize() + ": ")
            self.walk(node.nodelist)
            self.flush()
        elif name not in SKIPPED:
            self.walk(node.nodelist)  # center, minipage, quote, subequations... are containers

    def flush(self) -> None:
        """The buffered LaTeX becomes paragraphs of the current section (none before the first)."""
        latex, self.buffer = "".join(self.buffer), []
        if not self.stack or not latex.strip():
            return
        for paragraph in re.split(r"\n\s*\n", self.prose.text(latex)):
            if re.search(r"\w", paragraph):
                self.stack[-1].paragraphs.append(" ".join(paragraph.split()))

    def add_item(self, item_id: str) -> None:
        if self.stack:
            self.stack[-1].items.append(item_id)

    # -- sections ---------------------------------------------------------------------------

    def start_section(self, node: LatexMacroNode, level: int) -> None:
        args = arguments(node)
        starred = bool(args and args[0] is not None and args[0].latex_verbatim().strip() == "*")
        title = raw_argument(node)
        self.label_target = None
        if not starred:
            self.counters[level - 1] += 1
            self.counters[level:] = [0] * (3 - level)
            parts = [str(n) for n in self.counters[:level]]
            if self.appendix:
                parts[0] = string.ascii_uppercase[(self.counters[0] - 1) % 26]
            self.label_target = ("Appendix" if self.appendix else "Section", ".".join(parts))
            for label in re.findall(r"\\label\s*\{([^{}]*)\}", title):
                self.labels[label.strip()] = self.label_target
        section = PaperSection(title=self.prose.text(title), level=level)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.sections).append(section)
        self.stack.append(section)

    # -- floats -----------------------------------------------------------------------------

    def picture(self, name: str, dest: str, what: str) -> Path | None:
        """The graphic converted to a PNG in the assets folder, or None with a warning."""
        from code2video.paper.figures import FigureError, convert_figure, find_graphic

        source = find_graphic(name, self.graphics_dirs)
        if source is None:
            self.warnings.append(f"{what}: graphic {name!r} not found in the project; shown without it.")
            return None
        try:
            return convert_figure(source, self.assets_dir / dest)
        except FigureError as exc:
            self.warnings.append(f"{what}: {exc}")
            return None

    def figure(self, node: LatexEnvironmentNode) -> None:
        number = len(self.figures) + 1
        figure = Figure(id=f"fig-{number}", number=number, caption="", images=[])
        parts = float_parts(node)
        panels = [p for p in parts.panels if p.graphics]
        names = [g for p in panels for g in p.graphics]
        for index, name in enumerate(names):
            suffix = string.ascii_lowercase[index % 26] if len(names) > 1 else ""
            image = self.picture(name, f"{figure.id}{suffix}.png", f"Figure {number}")
            if image:
                figure.images.append(image)
            else:
                figure.missing.append(name)
        if not names:
            figure.missing.append("a drawing made in LaTeX")
            self.warnings.append(f"Figure {number} has no \\includegraphics (drawn in LaTeX?); kept its caption.")
        subcaptions = []
        for index, panel in enumerate(panels):
            letter = string.ascii_lowercase[index % 26]
            if panel.label:
                self.labels[panel.label] = ("Figure", f"{number}{letter}")
            if panel.caption.strip() and len(panels) > 1:
                subcaptions.append(f"({letter}) {self.prose.text(panel.caption).strip().rstrip('.')}")
        caption = self.prose.text(parts.caption).strip()
        if subcaptions:
            caption = f"{caption} {'; '.join(subcaptions)}."
        figure.caption = caption
        figure.label = parts.label
        if parts.label:
            self.labels[parts.label] = ("Figure", str(number))
        self.figures.append(figure)
        self.add_item(figure.id)

    def table(self, node: LatexEnvironmentNode) -> None:
        number = len(self.tables) + 1
        parts = float_parts(node)
        table = Table(id=f"tab-{number}", number=number, caption=self.prose.text(parts.caption), label=parts.label)
        tabular = find_environment(node.nodelist, TABULARS)
        cells = table_cells(tabular) if tabular is not None else None
        if cells:
            table.header, table.rows = cells[0], cells[1:]
        elif tabular is not None:
            self.warnings.append(f"Table {number} is too complex to show as plain cells (merged cells, nested "
                                 "tables, or more than 8 columns or 12 rows); kept its caption only.")
        elif parts.panels and parts.panels[0].graphics:
            table.image = self.picture(parts.panels[0].graphics[0], f"{table.id}.png", f"Table {number}")
        if parts.label:
            self.labels[parts.label] = ("Table", str(number))
        self.tables.append(table)
        self.add_item(table.id)

    def algorithm(self, node: LatexEnvironmentNode) -> None:
        number = len(self.algorithms) + 1
        parts = float_parts(node)
        body = find_environment(node.nodelist, ("algorithmic",)) if node.environmentname != "algorithmic" else node
        source = "".join(n.latex_verbatim() for n in (body or node).nodelist)
        source = re.sub(r"\\(?:caption|label)\s*(?:\[[^\]]*\])?\s*\{(?:[^{}]|\{[^{}]*\})*\}", " ", source)
        steps = []
        for template, pieces in algorithm_steps(source):
            texts = [" ".join(self.prose.text(piece).split()) for piece in pieces]
            step = template.format(*texts).strip()
            if re.search(r"\w", step):
                steps.append(step)
        if not steps:  # algorithm2e-style or free text: one step per line
            lines = re.split(r"\\;|\\\\|\n", source)
            steps = [t for t in (" ".join(self.prose.text(line).split()) for line in lines) if re.search(r"\w", t)]
        if parts.label:
            self.labels[parts.label] = ("Algorithm", str(number))
        self.algorithms.append(Algorithm(id=f"alg-{number}", number=number,
                                         caption=self.prose.text(parts.caption), steps=steps))
        self.add_item(f"alg-{number}")

    # -- equations --------------------------------------------------------------------------

    def number_rows(self, name: str, nodes) -> list[tuple[str | None, str | None]]:
        """(number, label) per row, numbered as LaTeX would: starred forms only by \\tag."""
        base, starred = name.rstrip("*"), name.endswith("*") or name == "displaymath"
        rows, current = [], []
        for node in nodes or []:
            if base in MATH_ROWS and isinstance(node, LatexMacroNode) and node.macroname == "\\":
                rows.append("".join(current))
                current = []
            else:
                current.append(node.latex_verbatim())
        rows.append("".join(current))
        numbered = []
        for row in (r for r in rows if r.strip()):
            tag = re.search(r"\\tag\*?\s*\{([^{}]*)\}", row)
            label = re.search(r"\\label\s*\{([^{}]*)\}", row)
            number = None
            if tag:
                number = tag.group(1).strip()
            elif not starred and not re.search(r"\\(?:nonumber|notag)(?![A-Za-z])", row):
                self.equation_counter += 1
                number = str(self.equation_counter)
            if label and number:
                self.labels[label.group(1).strip()] = ("Equation", number)
            numbered.append((number, label.group(1).strip() if label else None))
        return numbered

    def display_math(self, node, name: str) -> None:
        rows = self.number_rows(name, node.nodelist)
        latex = clean_math("".join(n.latex_verbatim() for n in node.nodelist))
        if not latex:
            return
        number = next((n for n, _label in rows if n), None)
        equation = Equation(id=f"eq-{len(self.equations) + 1}", latex=latex, typst=to_typst(latex),
                            spoken=spoken_math(latex, self.prose.unknown),
                            number=int(number) if number and number.isdigit() else None,
                            label=next((lab for _n, lab in rows if lab), None))
        self.equations.append(equation)
        self.add_item(equation.id)
        words = equation.spoken
        if len(words.split()) > MAX_SPOKEN_EQUATION_WORDS:
            words = f"Equation {number}" if number else "the equation shown"
        if "".join(self.buffer).rstrip().endswith(EQUATION_END):
            words = ". " + words  # two equations in a row are two sentences
        self.buffer.append(f" {words}{EQUATION_END} ")

    # -- after the walk ---------------------------------------------------------------------

    def finish(self) -> set[str]:
        """Resolve references in every text; returns the labels nobody defined."""
        unresolved: set[str] = set()

        def done(text: str) -> str:
            return finish(text, self.labels, unresolved)

        for section in (s for top in self.sections for s in top.walk()):
            section.title = done(section.title)
            section.paragraphs = [p for p in map(done, section.paragraphs) if re.search(r"\w", p)]
        for item in [*self.figures, *self.tables, *self.algorithms]:
            item.caption = done(item.caption)
        for algorithm in self.algorithms:
            algorithm.steps = [done(step) for step in algorithm.steps]
        return unresolved
