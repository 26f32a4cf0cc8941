"""The extractive planner and the deck -> Lesson step, on a digest built in code."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from code2video.paper.deck import (
    Deck,
    ScriptLine,
    Slide,
    build_lesson,
    check_references,
)
from code2video.paper.extractive import plan_deck, role_of, slide_count
from code2video.paper.sentences import (
    best_sentences,
    bullet_of,
    rank_sentences,
    split_sentences,
)

from .paper_fixture import digest


@pytest.fixture
def paper(tmp_path):
    return digest(tmp_path / "assets")


def test_sentences_split_without_breaking_abbreviations():
    text = "Prior methods, e.g. dense attention, are slow. Fig. 2 shows this. We fix it in 3 steps."
    assert split_sentences(text) == ["Prior methods, e.g. dense attention, are slow.", "Fig. 2 shows this.",
                                     "We fix it in 3 steps."]


def test_ranking_prefers_the_claim_over_a_side_remark():
    sentences = ["Videos are long.", "In this paper, we propose anchor attention for long videos.",
                 "The weather was cold during the recording of some videos."]
    assert rank_sentences(sentences)[0][2] == sentences[1]
    assert best_sentences(sentences, 2) == sentences[1:]  # the best two, in the paper's order


def test_bullets_are_short_and_drop_lead_ins():
    bullet = bullet_of("In this paper, we propose anchor attention, which lets each frame attend to a few "
                       "anchor frames only and keeps the cost linear in the video length.")
    assert bullet.startswith("We propose anchor attention")
    assert len(bullet.split()) <= 13


def test_roles_come_from_titles_then_position():
    from code2video.paper.model import PaperSection
    assert role_of(PaperSection("Related Work", 1), 1, 5) == "related"
    assert role_of(PaperSection("Our Approach", 1), 1, 5) == "method"
    assert role_of(PaperSection("Wrap-up", 1), 4, 5) == "conclusion"


def test_extractive_deck_walks_the_paper_in_talk_order(paper):
    deck = plan_deck(paper, minutes=5)
    kinds = [s.kind for s in deck.slides]
    titles = [s.title for s in deck.slides]
    assert kinds[0] == "title" and titles[-1] == "Conclusion"
    assert titles[1:3] == ["Overview", "Motivation"]
    assert {"figure", "table", "equation"} <= set(kinds)
    assert [s.figure for s in deck.slides if s.figure] == ["fig-1", "fig-2"]
    assert len(deck.slides) <= slide_count(5)
    figure_slide = next(s for s in deck.slides if s.figure == "fig-2")
    assert figure_slide.script[0].text == "Our method is four times faster at the same accuracy, as Figure 2 shows."
    assert all(line.focus == "figure" for line in figure_slide.script)
    equation_slide = next(s for s in deck.slides if s.kind == "equation")
    assert equation_slide.script[-1].text.startswith("In words: s sub t equals")


def test_a_shorter_talk_keeps_fewer_slides_and_the_important_ones(paper):
    short, long = plan_deck(paper, minutes=1), plan_deck(paper, minutes=5)
    assert len(short.slides) == slide_count(1) < len(long.slides)
    assert short.slides[0].kind == "title"
    assert sum(len(line.text.split()) for s in short.slides for line in s.script) < \
        sum(len(line.text.split()) for s in long.slides for line in s.script)


def test_deck_becomes_one_slide_section_per_slide_with_the_cursor(paper):
    deck = plan_deck(paper, minutes=5)
    lesson = build_lesson(deck, paper, minutes=5)
    assert [s.title for s in lesson.sections] == [s.title for s in deck.slides]
    assert all(s.layout == "slide" for s in lesson.sections)
    for slide, section in zip(deck.slides, lesson.sections):
        assert [b.narration for b in section.beats] == [line.text for line in slide.script]
        assert all(not b.visuals for b in section.beats[1:])
    bullets = next(s for s in lesson.sections if s.title == "Motivation")
    assert [f.item for b in bullets.beats for f in b.focus] == list(range(1, len(bullets.beats) + 1))
    figure = next(s for s in lesson.sections if s.assets == ["fig-2.png"])
    focus = figure.beats[0].focus[0]
    assert focus.target == "main" and figure.beats[0].narration.split()[focus.word] == "Figure"
    title = lesson.sections[0]
    assert title.beats[0].visuals[0].text == "Ada Park, Ben Ortiz"
    assert title.beats[0].visuals[1].text == "North Lab; South University"


def test_deck_rejects_what_the_slides_cannot_show():
    with pytest.raises(ValidationError, match="points at bullet 3"):
        Slide(kind="bullets", title="T", bullets=["a", "b"], script=[ScriptLine(text="Hi.", focus="bullet:3")])
    with pytest.raises(ValidationError, match="needs its figure id"):
        Slide(kind="figure", title="T", script=[ScriptLine(text="Hi.")])
    with pytest.raises(ValidationError, match="speakable"):
        ScriptLine(text=r"The loss is $\sum x$.")
    with pytest.raises(ValidationError, match="focus"):
        ScriptLine(text="Hi.", focus="the left part")


def test_unknown_ids_are_reported_for_the_model(paper):
    deck = Deck(slides=[Slide(kind="figure", title="T", figure="fig-9", script=[ScriptLine(text="Look.")])])
    assert check_references(deck, paper) == ["slide 1 uses figure 'fig-9'; usable ids: ['fig-1', 'fig-2']"]


def test_a_table_row_the_table_does_not_have_is_reported(paper):
    deck = Deck(slides=[Slide(kind="table", title="T", table="tab-1",
                              script=[ScriptLine(text="Look.", focus="table-row:3")])])
    assert check_references(deck, paper) == ["slide 1 points at row 3 of tab-1, which has 2"]
