"""The test paper (tests/data/paper) read from LaTeX: structure, numbering, references, speakable text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from code2video.ir import check_speakable
from code2video.paper.model import Paper
from code2video.paper.reader import read_paper

PAPER = Path(__file__).parents[1] / "data" / "paper"


@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> Paper:
    return read_paper(PAPER, tmp_path_factory.mktemp("read") / "assets")


def all_text(paper: Paper) -> list[str]:
    texts = [paper.title, paper.abstract]
    for section in paper.all_sections():
        texts += [section.title, *section.paragraphs]
    texts += [f.caption for f in paper.figures] + [t.caption for t in paper.tables]
    texts += [a.caption for a in paper.algorithms] + [s for a in paper.algorithms for s in a.steps]
    return texts


def test_title_authors_and_affiliations(paper):
    assert paper.title == "Sparse Anchor Attention for Long Videos"
    assert [a.name for a in paper.authors] == ["Mara Ellison", "Tobias Renn", "Priya Natarajan"]
    assert paper.authors[0].affiliations == ["Northlake Institute of Technology"]
    assert paper.authors[1].affiliations == ["Halvard University"]
    assert paper.authors[2].affiliations == ["Northlake Institute of Technology"]
    assert paper.affiliations == ["Northlake Institute of Technology", "Halvard University"]
    assert paper.source == PAPER / "main.tex"


def test_abstract_is_plain_and_keeps_no_comment(paper):
    assert paper.abstract.startswith("Long videos overwhelm dense attention")
    assert "Sparse Anchor Attention (SAA)" in paper.abstract  # \method expanded
    assert "93 percent" in paper.abstract
    assert "comment" not in paper.abstract


def test_sections_in_order_with_levels(paper):
    assert [(s.title, s.level) for s in paper.all_sections()] == [
        ("Introduction", 1), ("Method", 1), ("Anchor Selection", 2), ("Sparse Attention", 2),
        ("Experiments", 1), ("Conclusion", 1)]
    method = paper.sections[1]
    assert [c.title for c in method.children] == ["Anchor Selection", "Sparse Attention"]
    assert len(paper.sections[0].paragraphs) == 3


def test_figures_numbered_with_converted_images(paper):
    assert [(f.id, f.number, f.label) for f in paper.figures] == [
        ("fig-1", 1, "fig:overview"), ("fig-2", 2, "fig:memory"), ("fig-3", 3, "fig:qualitative")]
    assert [[p.name for p in f.images] for f in paper.figures] == [
        ["fig-1.png"], ["fig-2.png"], ["fig-3a.png", "fig-3b.png"]]
    for figure in paper.figures:
        assert not figure.missing
        for image in figure.images:
            with Image.open(image) as opened:
                assert opened.format == "PNG" and opened.width > 10
    assert paper.figures[1].caption.startswith("Peak memory against video length.")
    assert "(a) Football match; (b) Cooking video." in paper.figures[2].caption


def test_table_header_and_rows(paper):
    (table,) = paper.tables
    assert (table.id, table.number, table.label) == ("tab-1", 1, "tab:results")
    assert table.caption == "Accuracy (percent) and peak memory on the long-video benchmarks."
    assert table.header == ["Method", "Accuracy", "Memory (GB)", "Frames per second"]
    assert table.rows == [["Dense attention", "71.4", "38.2", "12"], ["Strided attention", "66.0", "9.1", "41"],
                          ["Clip pooling", "64.8", "6.5", "55"], ["SAA (ours)", "69.9", "4.0", "47"]]
    assert table.image is None


def test_equations_numbered_with_typst_and_speech(paper):
    assert [(e.id, e.number, e.label) for e in paper.equations] == [
        ("eq-1", 1, "eq:saliency"), ("eq-2", 2, "eq:attention"), ("eq-3", 3, "eq:weights")]
    for equation in paper.equations:
        assert equation.typst is not None
        assert "\\label" not in equation.latex
        check_speakable(equation.spoken)
    assert r"\mathbf{y}_i = \sum_{j \in \mathcal{A}}" in paper.equations[1].latex  # \vect expanded
    assert paper.equations[0].spoken == "s sub t x sub i equals sigma w transpose g x sub i"
    assert "the sum from i equals 1 to n of" in paper.equations[2].spoken
    assert paper.sections[1].children[1].items == ["eq-2", "eq-3", "alg-1"]


def test_algorithm_steps(paper):
    (algorithm,) = paper.algorithms
    assert (algorithm.id, algorithm.number, algorithm.caption) == ("alg-1", 1, "One SAA layer")
    assert algorithm.steps == [
        "Input: frame features x sub 1, and so on, x sub n",
        "compute scores s sub i for every frame",
        "A becomes indices of the K largest scores",
        "For each frame i:",
        "y sub i becomes attention of x sub i over the anchors",
        "Return y sub 1, and so on, y sub n",
    ]


def test_macros_expanded_in_paragraphs(paper):
    intro = paper.sections[0].paragraphs
    assert "We build on this observation with SAA, summarised in Figure 1." in intro[1]
    assert "Each frame attends only to K anchor frames" in intro[1]  # \numanchors in math


def test_citations_dropped_and_references_resolved(paper):
    intro = paper.sections[0].paragraphs
    assert intro[0].endswith("lectures, surgeries and sports broadcasts. Dense self-attention compares every "
                             "frame with every other frame, so its memory grows as n squared for n frames, "
                             "which quickly exceeds the memory of a single accelerator.")
    assert intro[1].startswith("As Hale et al. observe")  # \citet with an author in refs.bib
    assert "(Section 2)" in intro[2] and "(Section 3)" in intro[2]
    experiments = " ".join(paper.sections[2].paragraphs)
    assert "Table 1 reports accuracy and memory, and Figure 2 shows" in experiments
    assert "The anchors in Figure 3b fall" in experiments
    anchors = paper.sections[1].children[0].paragraphs[0]
    assert "the highest score in Equation 1 become anchors" in anchors
    assert "camera-ready" not in " ".join(all_text(paper))  # the footnote


def test_every_text_is_speakable(paper):
    for text in all_text(paper):
        assert check_speakable(text) == text
        assert not re.search(r"\b(e\.g|i\.e|Fig|Eq)\.", text)
        assert "\ue000" not in text and "\ue002" not in text


def test_clean_paper_has_no_warnings(paper):
    assert paper.warnings == []
