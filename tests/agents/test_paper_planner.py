"""The LLM paper planner through scripted replies: a deck is validated against the paper."""

from __future__ import annotations

import json

import pytest
from fakes import scripted_llm
from paper.paper_fixture import digest

from code2video.agents.paper_planner import PaperPlanner, paper_digest
from code2video.agents.planner import PlanError

DECK = {"slides": [
    {"kind": "title", "title": "Anchor Attention", "script": [
        {"text": "Hello, I am Ada, and this is our work on anchor attention.", "focus": "authors"}]},
    {"kind": "figure", "title": "Four times faster", "figure": "fig-2", "bullets": ["Same accuracy"], "script": [
        {"text": "As this figure shows, we are four times faster.", "focus": "figure"},
        {"text": "And we lose no accuracy.", "focus": "bullet:1"}]},
]}


@pytest.fixture
def paper(tmp_path):
    return digest(tmp_path / "assets")


def test_the_deck_is_parsed_and_the_prompt_holds_the_paper(paper):
    llm, provider = scripted_llm({"planner.paper": [json.dumps(DECK)]})
    deck = PaperPlanner(llm).plan(paper, minutes=3)
    assert [s.kind for s in deck.slides] == ["title", "figure"]
    prompt = provider.prompts("planner.paper")[0]
    assert '"id": "fig-2"' in prompt and "Anchor Attention for Long Lecture Videos" in prompt
    assert "about 450 spoken words" in prompt


def test_an_unknown_figure_and_latex_in_the_script_go_back_to_the_model(paper):
    wrong = json.loads(json.dumps(DECK))
    wrong["slides"][1]["figure"] = "fig-7"
    latex = json.loads(json.dumps(DECK))
    latex["slides"][0]["script"][0]["text"] = r"We minimise $\mathcal{L}$."
    llm, provider = scripted_llm({"planner.paper": [json.dumps(wrong), json.dumps(latex), json.dumps(DECK)]})
    deck = PaperPlanner(llm).plan(paper, minutes=3)
    assert deck.slides[1].figure == "fig-2"
    repairs = provider.prompts("planner.paper")
    assert "fig-7" in repairs[1] and "usable ids: ['fig-1', 'fig-2']" in repairs[1]
    assert "speakable" in repairs[2]


def test_a_model_that_never_gives_a_deck_raises_a_plan_error(paper):
    llm, _ = scripted_llm({"planner.paper": ["no json here"] * 3})
    with pytest.raises(PlanError, match="no valid paper after 3 tries"):
        PaperPlanner(llm).plan(paper, minutes=3)


def test_the_digest_keeps_within_its_word_budget(paper):
    text = json.loads(paper_digest(paper, max_words=20))
    kept = sum(len(s["text"].split()) for s in text["sections"])
    assert kept == 20
    assert [e["id"] for e in text["equations"]] == ["eq-1"]
