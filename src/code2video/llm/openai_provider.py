"""OpenAI chat completions through the official SDK; also any OpenAI-compatible server
(Ollama, vLLM, llama.cpp server, OpenRouter) given as ``openai:MODEL@http://host:port/v1``.

The SDK is imported when a provider is built, so importing this package stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from code2video.errors import BadInputError
from code2video.llm.base import (
    Completion,
    CompletionOptions,
    LLMError,
    LLMProvider,
    Message,
    ModelSpec,
    Usage,
    register,
)
from code2video.llm.failures import Endpoint, sdk_failure

KEY_ENV = "OPENAI_API_KEY"
NO_KEY_NEEDED = "no-key-needed"  # local servers ignore the key, but the SDK insists on one


@register
class OpenAIProvider(LLMProvider):
    name = "openai"

    def __init__(self, spec: ModelSpec, *, timeout: float = 120.0) -> None:
        key = os.environ.get(KEY_ENV)
        if not key and not spec.base_url:
            raise BadInputError(
                f"no OpenAI API key: set {KEY_ENV}, or pass --llm openai:MODEL@http://host:port/v1 "
                "for a local server."
            )
        import openai

        self._sdk = openai
        self._client = openai.OpenAI(
            api_key=key or NO_KEY_NEEDED, base_url=spec.base_url, max_retries=0, timeout=timeout
        )
        self._spec = spec
        self._endpoint = Endpoint("openai", str(self._client.base_url), spec.model, KEY_ENV, timeout)
        self._send_temperature = True

    def complete(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        try:
            response = self._create(self._request(messages, options))
        except self._sdk.APIError as exc:
            raise sdk_failure(exc, self._sdk, self._endpoint) from exc
        if not response.choices:
            raise LLMError(f"{self._endpoint} returned no answer for model {self._spec.model!r}. Try again.")
        usage = response.usage
        return Completion(
            text=response.choices[0].message.content or "",
            usage=Usage(usage.prompt_tokens, usage.completion_tokens) if usage else Usage(),
            model=response.model or self._spec.model,
        )

    def _request(self, messages: Sequence[Message], options: CompletionOptions) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self._spec.model,
            "messages": [_message(m) for m in messages],
        }
        # OpenAI's own reasoning models take only max_completion_tokens; other servers know max_tokens.
        request["max_tokens" if self._spec.base_url else "max_completion_tokens"] = options.max_tokens
        if self._send_temperature:
            request["temperature"] = options.temperature
        # OpenAI refuses JSON mode unless a message says "JSON"; a prompt that does not, is not asking for it.
        if options.json and any("json" in m.content.lower() for m in messages):
            request["response_format"] = {"type": "json_object"}
        return request

    def _create(self, request: dict[str, Any]) -> Any:
        try:
            return self._client.chat.completions.create(**request)
        except self._sdk.BadRequestError as exc:
            if "temperature" not in request or "temperature" not in str(exc):
                raise
        # Reasoning models (o-series, gpt-5) accept only their default temperature: ask without one.
        self._send_temperature = False
        del request["temperature"]
        return self._client.chat.completions.create(**request)


def _message(message: Message) -> dict[str, Any]:
    if not message.images:
        return {"role": message.role, "content": message.content}
    parts: list[dict[str, Any]] = [{"type": "text", "text": message.content}]
    for image in message.images:
        url = f"data:{image.media_type};base64,{image.base64()}"
        parts.append({"type": "image_url", "image_url": {"url": url}})
    return {"role": message.role, "content": parts}
