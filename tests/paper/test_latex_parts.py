"""The LaTeX reader's parts on small inputs: macros, math, speakable text, authors, floats, numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from code2video.ir import check_speakable
from code2video.paper.frontmatter import authors_of
from code2video.paper.macros import collect_macros, expand_macros
from code2video.paper.mathtext import spoken_math, to_typst
from code2video.paper.reader import read_paper
from code2video.paper.speakable import Prose, finish


def plain(latex: str) -> str:
    return finish(Prose().text(latex), {}, set())


def read_body(tmp_path: Path, body: str, preamble: str = "", files: dict[str, bytes] | None = None):
    root = tmp_path / "p"
    root.mkdir()
    for name, data in (files or {}).items():
        (root / name).write_bytes(data)
    (root / "main.tex").write_text("\\documentclass{article}\n" + preamble + "\n\\begin{document}\n" + body
                                   + "\n\\end{document}\n")
    return read_paper(root, tmp_path / "assets")


def test_macro_definitions_and_expansion():
    text, macros = collect_macros(r"""\newcommand{\method}{SAA}\newcommand\vect[1]{\mathbf{#1}}
\renewcommand*{\norm}[2][2]{\|#2\|_{#1}}\def\R{\mathbb{R}}\def\pair#1#2{(#1, #2)}
\DeclareMathOperator*{\argmax}{arg\,max}\providecommand{\method}{IGNORED}\let\eps\varepsilon
\method, \methodology, $\vect{x} \in \R^n$, $\norm{v}$, $\norm[1]{w}$, \pair{a}b, $\argmax_x \eps$""")
    assert sorted(macros) == ["R", "argmax", "eps", "method", "norm", "pair", "vect"]
    warnings: list[str] = []
    expanded = expand_macros(text, macros, warnings).strip()
    assert expanded == (r"SAA, \methodology, $\mathbf{x} \in \mathbb{R}^n$, $\|v\|_{2}$, $\|w\|_{1}$, (a, b), "
                        r"$\operatorname{arg\,max}_x \varepsilon$")
    assert warnings == []


def test_recursive_macro_is_a_warning_not_a_hang():
    text, macros = collect_macros(r"\newcommand{\loop}{a \loop}\newcommand{\ping}{\pong}\newcommand{\pong}{\ping}"
                                  r"Go \loop and \ping.")
    warnings: list[str] = []
    expanded = expand_macros(text, macros, warnings)
    assert "\\loop" not in expanded and "\\ping" not in expanded
    assert len(warnings) == 1 and "\\loop" in warnings[0] and "expand forever" in warnings[0]


@pytest.mark.parametrize("latex,spoken", [
    ("x^2", "x squared"), (r"\frac{a}{b}", "a over b"), ("x_i", "x sub i"), (r"\alpha + \beta", "alpha plus beta"),
    (r"W^{-1} A^\top", "W inverse A transpose"), (r"\sqrt{d}", "the square root of d"),
    (r"\sum_{i=1}^{n} x_i", "the sum from i equals 1 to n of x sub i"), (r"\|x\|_2 \leq 1", "the norm of x sub 2 is at most 1"),
    (r"\hat{y} \neq y", "y hat is not equal to y"), (r"\max_{j} s_j", "the max over j of s sub j"),
    (r"\mathbb{R}^{n \times d}", "R to the power n times d"), (r"\mathrm{softmax}(z)", "softmax z"),
    (r"a &= b \\ &= c \nonumber", "a equals b, and equals c"), (r"\Custom(x)", "Custom x"),
])
def test_spoken_math(latex, spoken):
    assert spoken_math(latex) == spoken
    check_speakable(spoken)


def test_spoken_math_reports_unknown_macros():
    unknown: set[str] = set()
    spoken_math(r"\Attn(Q) + \alpha", unknown)
    assert unknown == {"Attn"}


def test_to_typst_validates_by_compiling():
    assert to_typst(r"\frac{a}{b} + x^2") == "a/b + x^2"
    assert to_typst(r"a &= b \\ c &= d") is not None  # align rows
    assert to_typst(r"\Undefined(x)") is None  # converts, but Typst does not know "Undefined"
    assert to_typst(r"\frac{") is None


def test_speakable_text_rules():
    text = plain(r"We use SAA~\cite{a}, e.g.\ on 1--5 minute clips (50\% faster) \citep{b,c}, "
                 r"i.e.\ fast; see Fig.~3 and \url{http://x.org/a_b}.\footnote{A note.} Let $x_{i}^{2}$ be it.")
    assert text == ("We use SAA, for example, on 1 to 5 minute clips (50 percent faster), that is, fast; see Figure 3 "
                    "and. Let x sub i squared be it.")
    check_speakable(text)


def test_references_fold_into_the_authors_words():
    labels = {"f1": ("Figure", "1"), "f2": ("Figure", "2"), "t": ("Table", "4"), "e": ("Equation", "7"),
              "s": ("Section", "3.2"), "a": ("Appendix", "A")}
    unresolved: set[str] = set()
    text = finish(Prose().text(r"Figures~\ref{f1} and~\ref{f2}, Tab.~\ref{t}, Eq.~(\ref{e}), \eqref{e}, "
                               r"\cref{f1,f2}, \S\ref{s}, \autoref{a}, \autoref{a} and \ref{nowhere}."), labels, unresolved)
    # \ref and \eqref print bare numbers, so "Eq. (7), (7)" is said "Equation 7, 7"; \cref names every one
    assert text == "Figures 1 and 2, Table 4, Equation 7, 7, Figures 1 and 2, Section 3.2, Appendix A, Appendix A and."
    assert unresolved == {"nowhere"}


def test_itemize_becomes_sentences():
    assert plain(r"Steps: \begin{itemize}\item first \item \textbf{second} one\end{itemize}") == \
        "Steps: first. second one."


@pytest.mark.parametrize("latex,expected", [
    (r"\author{Ann Lee \\ Univ A \\ \texttt{ann@a.edu} \and Bo Chu \\ Dept X \\ Univ B}",
     [("Ann Lee", ["Univ A"]), ("Bo Chu", ["Dept X, Univ B"])]),
    (r"\author[1]{Ann Lee}\author[1,2]{Bo Chu}\affil[1]{Univ A}\affil[2]{Lab B}",
     [("Ann Lee", ["Univ A"]), ("Bo Chu", ["Univ A", "Lab B"])]),
    ((r"\author{Ann Lee}\affiliation{\institution{Univ A}\city{X}\country{Y}}\author{Bo Chu}\author{Cy Dee}"
     r"\affiliation{\institution{Lab B}}"), [("Ann Lee", ["Univ A"]), ("Bo Chu", ["Lab B"]), ("Cy Dee", ["Lab B"])]),
    ((r"\author{\IEEEauthorblockN{Ann Lee}\IEEEauthorblockA{Univ A\\City} \and \IEEEauthorblockN{Bo Chu}"
     r"\IEEEauthorblockA{Lab B}}"), [("Ann Lee", ["Univ A, City"]), ("Bo Chu", ["Lab B"])]),
    (r"\author{Ann Lee\inst{1} \and Bo Chu\inst{2}}\institute{Univ A \and Lab B}",
     [("Ann Lee", ["Univ A"]), ("Bo Chu", ["Lab B"])]),
    (r"\author{Ann Lee\thanks{Univ A} \And Bo Chu\thanks{Equal contribution.}}", [("Ann Lee", ["Univ A"]),
                                                                                ("Bo Chu", [])]),
    (r"\author{Ann Lee$^{1,2}$ \quad Bo Chu$^{2,*}$ \\ $^1$Univ A \quad $^2$Lab B \\ \texttt{\{ann,bo\}@x.org}}",
     [("Ann Lee", ["Univ A", "Lab B"]), ("Bo Chu", ["Lab B"])]),
    (r"\author{Ann Lee, Bo Chu and Cy Dee \\ Univ A}", [("Ann Lee", ["Univ A"]), ("Bo Chu", ["Univ A"]),
                                                       ("Cy Dee", ["Univ A"])]),
])
def test_author_shapes(latex, expected):
    authors = authors_of(latex, lambda text: finish(Prose().text(text), {}, set()))
    assert [(a.name, a.affiliations) for a in authors] == expected


def test_equation_numbering_follows_latex(tmp_path):
    body = r"""\section{M}
\begin{align}
a &= b \label{eq:a} \\
c &= d \nonumber \\
e &= f \label{eq:e}
\end{align}
\begin{equation*} g = h \end{equation*}
\[ i = j \]
\begin{gather} k = l \tag{K} \label{eq:k} \end{gather}
\begin{equation} m = n \label{eq:m} \end{equation}
See \eqref{eq:a}, \eqref{eq:e}, \eqref{eq:k} and \eqref{eq:m}."""
    paper = read_body(tmp_path, body)
    assert [(e.number, e.label) for e in paper.equations] == [(1, "eq:a"), (None, None), (None, None),
                                                              (None, "eq:k"), (3, "eq:m")]
    assert paper.sections[0].paragraphs == [
        ("a equals b, and c equals d, and e equals f. g equals h. i equals j. k equals l. m equals n. "
        "See Equation 1, 2, K and 3.")]


def test_sections_starred_appendix_and_theorems(tmp_path):
    body = r"""Text before the first section is ignored.
\section*{Preface} Unnumbered.
\section{Main}\label{sec:main}
\begin{theorem} Every frame matters. \end{theorem}
\subsubsection{Deep} Deep text.
\appendix
\section{Proofs}\label{sec:proofs}
\subsection{More}\label{sec:more}
See \cref{sec:main}, \ref{sec:proofs} and \autoref{sec:more}."""
    paper = read_body(tmp_path, body)
    assert [(s.title, s.level) for s in paper.all_sections()] == [
        ("Preface", 1), ("Main", 1), ("Deep", 3), ("Proofs", 1), ("More", 2)]
    assert paper.sections[1].paragraphs == ["Theorem: Every frame matters."]
    assert paper.sections[2].children[0].paragraphs == ["See Section 1, Appendix A and Appendix A.1."]


def test_complex_table_keeps_caption_with_a_warning(tmp_path):
    body = r"""\section{R}
\begin{table}\caption{Merged.}\begin{tabular}{cc}\multicolumn{2}{c}{Both} \\ a & b \end{tabular}\end{table}
\begin{table}\caption{Wide.}\begin{tabular}{ccccccccc}1&2&3&4&5&6&7&8&9\end{tabular}\end{table}"""
    paper = read_body(tmp_path, body)
    assert [(t.caption, t.header, t.rows, t.image) for t in paper.tables] == [
        ("Merged.", [], [], None), ("Wide.", [], [], None)]
    assert sum("too complex" in w for w in paper.warnings) == 2


def test_subfloats_and_table_pictures(tmp_path):
    from PIL import Image

    for name in ("a.png", "b.png", "t.png"):
        Image.new("RGB", (40, 30), "navy").save(tmp_path / name)
    files = {name: (tmp_path / name).read_bytes() for name in ("a.png", "b.png", "t.png")}
    body = r"""\section{R}
\begin{figure}\subfloat[Left\label{fig:l}]{\includegraphics{a}}\subfloat[Right]{\includegraphics{b.png}}
\caption{Two.}\label{fig:two}\end{figure}
\begin{table}\includegraphics{t}\caption{As a picture.}\end{table}
See \ref{fig:l} and \ref{fig:two}."""
    paper = read_body(tmp_path, body, files=files)
    (figure,) = paper.figures
    assert [p.name for p in figure.images] == ["fig-1a.png", "fig-1b.png"]
    assert figure.caption == "Two. (a) Left; (b) Right."
    assert paper.tables[0].image.name == "tab-1.png" and paper.tables[0].caption == "As a picture."
    assert paper.sections[0].paragraphs == ["See Figure 1a and 1."]


def test_citet_without_bibliography_is_dropped(tmp_path):
    paper = read_body(tmp_path, r"\section{A} As shown by \citet{nobody}, it works \cite{x}.")
    assert paper.sections[0].paragraphs == ["As shown by, it works."]


def test_spaces_after_bare_macros_and_xspace():
    text, macros = collect_macros(r"\newcommand{\ours}{SAA\xspace}\ours is written in \LaTeX and \ours.")
    assert plain(expand_macros(text, macros, [])) == "SAA is written in LaTeX and SAA."


def test_table_rules_are_not_cells(tmp_path):
    body = r"""\section{R}
\begin{table}\caption{T.}\begin{tabular}{@{}l|c@{}}\toprule \textbf{Model} & $\alpha$ \\ \midrule
A & 90.1$\pm$0.2 \\ \cmidrule(lr){1-2} B & 0.2 \\ \addlinespace[2pt] \bottomrule\end{tabular}\end{table}"""
    (table,) = read_body(tmp_path, body).tables
    assert (table.header, table.rows) == (["Model", "\u03b1"], [["A", "90.1\u00b10.2"], ["B", "0.2"]])


def test_algorithm2e_bodies_become_steps(tmp_path):
    body = r"""\section{A}
\begin{algorithm}\KwIn{data $D$}\While{not converged}{update $\theta$\; check it\;}\KwRet{$\theta$}
\caption{Train}\end{algorithm}"""
    (algorithm,) = read_body(tmp_path, body).algorithms
    assert algorithm.caption == "Train"
    assert algorithm.steps == ["Input: data D", "While not converged:", "update theta", "check it", "Return theta"]


def test_teaser_with_captionof_is_figure_one(tmp_path):
    body = r"""\twocolumn[{\maketitle\begin{center}\includegraphics{teaser}\captionof{figure}{Teaser.}\end{center}}]
\section{Intro} See Figure~\ref{fig:main}.
\begin{figure}\includegraphics{main}\caption{Main.}\label{fig:main}\end{figure}"""
    paper = read_body(tmp_path, body)
    assert [(f.number, f.caption) for f in paper.figures] == [(1, "Teaser."), (2, "Main.")]
    assert paper.sections[0].paragraphs == ["See Figure 2."]
    assert paper.sections[0].items == ["fig-2"]
