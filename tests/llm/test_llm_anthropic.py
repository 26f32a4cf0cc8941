"""The Anthropic backend against a local server that speaks /v1/messages."""

from __future__ import annotations

import base64

import pytest

from code2video.errors import BadInputError
from code2video.llm import CompletionOptions, Image, LLMError, Message, open_llm

pytestmark = pytest.mark.filterwarnings("ignore:The model .* is deprecated:DeprecationWarning")

FAST = (0.01, 0.05)
PROMPT = [Message("system", "You write Manim code."), Message("user", "Draw a circle.")]


@pytest.fixture
def keyed(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")


def local(server, model="claude-sonnet-4-5", **kwargs):
    kwargs.setdefault("cache_dir", None)
    kwargs.setdefault("retry_wait", FAST)
    return open_llm(f"anthropic:{model}@{server.url}", **kwargs)


def test_normal_reply_gives_text_usage_and_list_price_cost(llm_server, keyed):
    llm_server.reply(text="Circle()", usage=(2000, 100), model="claude-sonnet-4-5-20250929")
    llm = local(llm_server, prices={"claude-sonnet-4-5": (3.0, 15.0)})

    completion = llm.complete(PROMPT, CompletionOptions(agent="planner.outline"))

    assert completion.text == "Circle()"
    assert completion.model == "claude-sonnet-4-5-20250929"
    assert (completion.usage.input_tokens, completion.usage.output_tokens) == (2000, 100)
    assert llm_server.paths == ["/v1/messages"]
    assert "sk-ant-test" in str(llm_server.headers[0])  # x-api-key or a bearer header, by SDK version
    usage = llm.usage()
    assert usage.priced
    assert usage.agents["planner.outline"].cost_usd == pytest.approx((2000 * 3 + 100 * 15) / 1e6)


def test_system_messages_go_to_the_system_parameter(llm_server, keyed):
    messages = [Message("system", "Be brief."), Message("system", "Use Manim."), Message("user", "Go.")]

    local(llm_server).complete(messages, CompletionOptions(agent="coder", temperature=0.3, max_tokens=77))

    body = llm_server.requests[0]
    assert body["system"] == "Be brief.\n\nUse Manim."
    assert body["messages"] == [{"role": "user", "content": "Go."}]
    assert body["max_tokens"] == 77
    assert body["temperature"] == 0.3
    assert body["model"] == "claude-sonnet-4-5"


def test_images_are_base64_blocks_before_the_text(llm_server, keyed):
    jpeg = b"\xff\xd8 fake jpeg"
    message = Message("user", "What is on screen?", images=(Image(jpeg, "image/jpeg"),))

    local(llm_server).complete([message], CompletionOptions(agent="critic"))

    image_block, text_block = llm_server.requests[0]["messages"][0]["content"]
    assert image_block == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()},
    }
    assert text_block == {"type": "text", "text": "What is on screen?"}
    assert "system" not in llm_server.requests[0]


def test_json_request_asks_for_json_in_the_system_prompt(llm_server, keyed):
    local(llm_server).complete(PROMPT, CompletionOptions(agent="planner.outline", json=True))

    assert llm_server.requests[0]["system"].endswith("Answer with one JSON object and nothing else.")


def test_overloaded_server_is_retried(llm_server, keyed):
    llm_server.reply(status=529, error="Overloaded")
    llm_server.reply(status=429, error="rate limited")

    assert local(llm_server).complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    assert len(llm_server.requests) == 3


def test_rate_limit_past_the_retries_says_what_to_do(llm_server, keyed):
    for _ in range(2):
        llm_server.reply(status=429, error="rate limited")

    with pytest.raises(LLMError, match="gave up after 2 attempts.*rate-limiting.*Wait"):
        local(llm_server, max_retries=1).complete(PROMPT, CompletionOptions(agent="coder"))


def test_timeout_is_retried_and_recovers(llm_server, keyed):
    llm_server.reply(delay=1.5)

    llm = local(llm_server, timeout=0.5, max_retries=2)

    assert llm.complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    assert len(llm_server.requests) == 2


def test_rejected_key_fails_at_once(llm_server, keyed):
    llm_server.reply(status=401, error="invalid x-api-key")

    with pytest.raises(BadInputError, match="rejected the API key.*ANTHROPIC_API_KEY"):
        local(llm_server).complete(PROMPT, CompletionOptions(agent="coder"))
    assert len(llm_server.requests) == 1


def test_model_that_refuses_temperature_is_asked_again_without_it(llm_server, keyed):
    llm_server.reply(status=400, error="temperature is deprecated for this model")

    assert local(llm_server).complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    assert "temperature" in llm_server.requests[0]
    assert "temperature" not in llm_server.requests[1]


def test_official_endpoint_needs_a_key():
    with pytest.raises(BadInputError, match="set ANTHROPIC_API_KEY"):
        open_llm("anthropic:claude-sonnet-4-5", cache_dir=None)


def test_official_endpoint_takes_the_key(keyed):
    provider = open_llm("anthropic:claude-sonnet-4-5", cache_dir=None).provider

    assert provider._client.api_key == "sk-ant-test"
    assert provider._client.max_retries == 0
