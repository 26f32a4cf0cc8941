"""The OpenAI backend against a local server that speaks /v1/chat/completions."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict

import pytest

from code2video.errors import BadInputError
from code2video.llm import AgentUsage, CompletionOptions, Image, LLMError, Message, open_llm

FAST = (0.01, 0.05)
PROMPT = [Message("system", "You write Manim code."), Message("user", "Draw a circle.")]


def local(server, model="gpt-4.1", **kwargs):
    kwargs.setdefault("cache_dir", None)
    kwargs.setdefault("retry_wait", FAST)
    return open_llm(f"openai:{model}@{server.url}/v1", **kwargs)


def test_normal_reply_gives_text_model_and_usage(llm_server):
    llm_server.reply(text="circle = Circle()", usage=(1000, 500), model="gpt-4.1-2025-04-14")
    llm = local(llm_server, prices={"gpt-4.1": (2.0, 8.0)})

    completion = llm.complete(PROMPT, CompletionOptions(agent="coder", section="s1"))

    assert completion.text == "circle = Circle()"
    assert completion.model == "gpt-4.1-2025-04-14"
    assert (completion.usage.input_tokens, completion.usage.output_tokens) == (1000, 500)
    assert not completion.cached
    assert llm_server.paths == ["/v1/chat/completions"]
    usage = llm.usage()
    assert usage.priced
    assert usage.agents["coder"] == AgentUsage(calls=1, input_tokens=1000, output_tokens=500, cost_usd=0.006)
    assert usage.total.cost_usd == pytest.approx(0.006)


def test_usage_is_kept_per_agent_and_totalled(llm_server):
    llm_server.reply(usage=(100, 10))
    llm_server.reply(usage=(200, 20))
    llm_server.reply(usage=(300, 30))
    llm = local(llm_server, prices={"gpt-4.1": (1.0, 10.0)})

    for agent, text in [("coder", "a"), ("coder", "b"), ("critic", "c")]:
        llm.complete([Message("user", text)], CompletionOptions(agent=agent))

    usage = llm.usage()
    assert usage.agents["coder"].calls == 2
    assert usage.agents["coder"].input_tokens == 300
    assert usage.agents["critic"].output_tokens == 30
    assert usage.total.calls == 3
    assert (usage.total.input_tokens, usage.total.output_tokens) == (600, 60)
    assert usage.total.cost_usd == pytest.approx((600 * 1.0 + 60 * 10.0) / 1e6)
    assert json.loads(json.dumps(asdict(usage)))["total"]["calls"] == 3


def test_request_body_carries_messages_settings_and_image_parts(llm_server):
    png = b"\x89PNG fake frame"
    llm = local(llm_server)
    messages = [Message("system", "Judge the frame."), Message("user", "Reply in JSON.", images=(Image(png),))]

    llm.complete(messages, CompletionOptions(agent="critic", temperature=0.5, max_tokens=321, json=True))

    body = llm_server.requests[0]
    assert body["model"] == "gpt-4.1"
    assert body["temperature"] == 0.5
    assert body["max_tokens"] == 321
    assert body["response_format"] == {"type": "json_object"}
    assert body["messages"][0] == {"role": "system", "content": "Judge the frame."}
    text_part, image_part = body["messages"][1]["content"]
    assert text_part == {"type": "text", "text": "Reply in JSON."}
    assert image_part["image_url"]["url"] == "data:image/png;base64," + base64.b64encode(png).decode()


def test_rate_limit_is_retried(llm_server):
    llm_server.reply(status=429, error="slow down")
    llm = local(llm_server)

    assert llm.complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    assert len(llm_server.requests) == 2


def test_server_errors_are_retried_until_success(llm_server):
    llm_server.reply(status=500)
    llm_server.reply(status=503)
    llm = local(llm_server)

    assert llm.complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    assert len(llm_server.requests) == 3
    assert llm.usage().total.calls == 1


def test_spent_retries_raise_llm_error_naming_the_server(llm_server):
    for _ in range(3):
        llm_server.reply(status=500, error="upstream exploded")
    llm = local(llm_server, max_retries=2)

    with pytest.raises(LLMError, match="gave up after 3 attempts") as caught:
        llm.complete(PROMPT, CompletionOptions(agent="coder"))

    assert llm_server.url in str(caught.value)
    assert "upstream exploded" in str(caught.value)
    assert len(llm_server.requests) == 3


def test_timeout_without_retries_fails(llm_server):
    llm_server.reply(delay=1.5)
    llm = local(llm_server, timeout=0.5, max_retries=0)

    with pytest.raises(LLMError, match="did not answer within 0.5 s"):
        llm.complete(PROMPT, CompletionOptions(agent="coder"))


def test_timeout_is_retried_and_recovers(llm_server):
    llm_server.reply(delay=1.5)
    llm = local(llm_server, timeout=0.5, max_retries=1)

    assert llm.complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    assert len(llm_server.requests) == 2


def test_rejected_key_fails_at_once_with_a_clear_message(llm_server):
    llm_server.reply(status=401, error="Incorrect API key provided")
    llm = local(llm_server)

    with pytest.raises(BadInputError, match="rejected the API key.*OPENAI_API_KEY"):
        llm.complete(PROMPT, CompletionOptions(agent="coder"))
    assert len(llm_server.requests) == 1


def test_unknown_model_fails_at_once_naming_the_model(llm_server):
    llm_server.reply(status=404, error="model 'qwen9' not found")
    llm = local(llm_server, model="qwen9")

    with pytest.raises(BadInputError, match="model not found: 'qwen9'.*Check the model name"):
        llm.complete(PROMPT, CompletionOptions(agent="coder"))
    assert len(llm_server.requests) == 1


def test_bad_request_is_not_retried(llm_server):
    llm_server.reply(status=400, error="context length exceeded")
    llm = local(llm_server)

    with pytest.raises(LLMError, match="context length exceeded"):
        llm.complete(PROMPT, CompletionOptions(agent="coder"))
    assert len(llm_server.requests) == 1


def test_model_that_refuses_temperature_is_asked_again_without_it(llm_server):
    llm_server.reply(status=400, error="Unsupported value: 'temperature' does not support 0.2")
    llm = local(llm_server)

    assert llm.complete(PROMPT, CompletionOptions(agent="coder")).text == "hello from the server"
    llm.complete([Message("user", "again")], CompletionOptions(agent="coder"))

    first, second, third = llm_server.requests
    assert "temperature" in first
    assert "temperature" not in second and "temperature" not in third


def test_unreachable_server_names_it_and_says_what_to_check():
    llm = open_llm("openai:m@http://127.0.0.1:9/v1", cache_dir=None, max_retries=1, retry_wait=FAST)

    with pytest.raises(LLMError, match="could not connect to the openai server at http://127.0.0.1:9") as caught:
        llm.complete(PROMPT, CompletionOptions(agent="coder"))
    assert "server is running" in str(caught.value)


def test_official_endpoint_needs_a_key():
    with pytest.raises(BadInputError, match="set OPENAI_API_KEY.*openai:MODEL@http://host:port/v1"):
        open_llm("openai:gpt-4.1", cache_dir=None)


def test_official_endpoint_takes_the_key_and_max_completion_tokens(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    provider = open_llm("openai:gpt-4.1", cache_dir=None).provider

    request = provider._request(PROMPT, CompletionOptions(agent="coder", max_tokens=99))

    assert provider._client.api_key == "sk-test"
    assert provider._client.max_retries == 0
    assert request["max_completion_tokens"] == 99 and "max_tokens" not in request


def test_local_server_works_without_a_key(llm_server):
    local(llm_server).complete(PROMPT, CompletionOptions(agent="coder"))

    assert llm_server.headers[0]["authorization"] == "Bearer no-key-needed"


def test_key_is_sent_to_a_local_server_too(llm_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-router")
    local(llm_server).complete(PROMPT, CompletionOptions(agent="coder"))

    assert llm_server.headers[0]["authorization"] == "Bearer sk-router"
