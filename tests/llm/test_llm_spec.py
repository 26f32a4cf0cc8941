"""--llm values, the default model, prices, and the plain data types."""

from __future__ import annotations

import pytest

from code2video.errors import BadInputError
from code2video.llm import (
    CompletionOptions,
    Image,
    Message,
    ModelSpec,
    default_model_spec,
    open_llm,
    parse_model_spec,
)
from code2video.llm.prices import PRICES, find_price, price_for


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("openai:gpt-4.1", ModelSpec("openai", "gpt-4.1", None)),
        ("anthropic:claude-sonnet-4-5", ModelSpec("anthropic", "claude-sonnet-4-5", None)),
        (
            "openai:qwen2.5-coder:7b@http://localhost:11434/v1",
            ModelSpec("openai", "qwen2.5-coder:7b", "http://localhost:11434/v1"),
        ),
        (
            "openai:meta-llama/llama-3.3-70b@https://openrouter.ai/api/v1",
            ModelSpec("openai", "meta-llama/llama-3.3-70b", "https://openrouter.ai/api/v1"),
        ),
        ("replay:runs/a@b.jsonl", ModelSpec("replay", "runs/a@b.jsonl", None)),
        ("  openai:gpt-4o \n", ModelSpec("openai", "gpt-4o", None)),
    ],
)
def test_valid_specs(spec, expected):
    assert parse_model_spec(spec) == expected


def test_spec_prints_back_as_written():
    spec = "openai:qwen2.5-coder:7b@http://localhost:11434/v1"
    assert str(parse_model_spec(spec)) == spec


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("gpt-4.1", "unknown LLM"),
        ("gemini:pro", "unknown LLM"),
        ("openai:", "no model"),
        ("openai:@http://localhost:8000/v1", "no model"),
        ("replay:", "no model"),
        ("openai:m@localhost:11434", "malformed server URL"),
        ("openai:m@ftp://host/v1", "malformed server URL"),
        ("openai:m@http://host:port/v1", "malformed server URL"),
        ("openai:m@", "malformed server URL"),
    ],
)
def test_bad_specs_list_the_valid_forms(spec, problem):
    with pytest.raises(BadInputError, match=problem) as caught:
        parse_model_spec(spec)
    assert "openai:MODEL@http://HOST:PORT/v1" in str(caught.value)
    assert "replay:FILE.jsonl" in str(caught.value)


def test_default_model_follows_the_keys_present(monkeypatch):
    assert default_model_spec() is None
    monkeypatch.setenv("ANTHROPIC_API_KEY", "a")
    assert default_model_spec() == "anthropic:claude-sonnet-5-5"
    monkeypatch.setenv("OPENAI_API_KEY", "o")
    assert default_model_spec() == "openai:gpt-4.1"


def test_price_lookup_exact_then_longest_dash_prefix():
    table = {"gpt-4o": (2.5, 10.0), "gpt-4o-mini": (0.15, 0.6)}
    assert find_price("gpt-4o", table) == (2.5, 10.0)
    assert find_price("gpt-4o-mini-2024-07-18", table) == (0.15, 0.6)
    assert find_price("gpt-4o-2024-08-06", table) == (2.5, 10.0)
    assert find_price("gpt-4omni", table) is None


def test_list_prices_cover_the_default_models():
    assert price_for(ModelSpec("openai", "gpt-4.1")) == PRICES["gpt-4.1"]
    assert price_for(ModelSpec("anthropic", "claude-sonnet-5-5")) == PRICES["claude-sonnet-5-5"]
    assert price_for(ModelSpec("anthropic", "claude-sonnet-4-5-20250929")) == PRICES["claude-sonnet-4-5"]
    assert price_for(ModelSpec("openai", "some-new-model")) is None


def test_custom_server_is_unpriced_unless_the_user_prices_it():
    local = ModelSpec("openai", "gpt-4.1", "http://localhost:8000/v1")
    assert price_for(local) is None
    assert price_for(local, {"gpt-4.1": (0.5, 0.5)}) == (0.5, 0.5)


def test_user_prices_override_and_extend_the_table():
    assert price_for(ModelSpec("openai", "gpt-4.1"), {"gpt-4.1": (9.0, 9.0)}) == (9.0, 9.0)
    assert price_for(ModelSpec("openai", "my-finetune"), {"my-finetune": (1.0, 2.0)}) == (1.0, 2.0)


def test_unpriced_model_reports_zero_cost(llm_server):
    llm = open_llm(f"openai:llama3@{llm_server.url}/v1", cache_dir=None)

    llm.complete([Message("user", "hi")], CompletionOptions(agent="student"))

    usage = llm.usage()
    assert not usage.priced
    assert usage.total.input_tokens == 120 and usage.total.cost_usd == 0


def test_bad_user_price_is_bad_input(llm_server):
    with pytest.raises(BadInputError, match="two non-negative numbers"):
        open_llm(f"openai:m@{llm_server.url}/v1", cache_dir=None, prices={"m": (1.0, -2.0)})


def test_image_media_type_follows_the_suffix(tmp_path):
    (tmp_path / "frame.JPG").write_bytes(b"jpeg bytes")
    (tmp_path / "frame.webp").write_bytes(b"webp bytes")

    assert Image.from_path(tmp_path / "frame.JPG") == Image(b"jpeg bytes", "image/jpeg")
    assert Image.from_path(str(tmp_path / "frame.webp")).media_type == "image/webp"
    with pytest.raises(BadInputError, match=".png"):
        Image.from_path(tmp_path / "frame.bmp")


def test_unknown_agent_and_misplaced_images_are_programming_errors():
    with pytest.raises(ValueError, match="unknown agent 'planner'"):
        CompletionOptions(agent="planner")
    with pytest.raises(ValueError, match="only user messages"):
        Message("system", "x", images=(Image(b"png"),))
    with pytest.raises(ValueError, match="role"):
        Message("tool", "x")
