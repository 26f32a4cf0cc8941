"""Claude through the official ``anthropic`` SDK's Messages API.

System messages go to the ``system`` parameter (the API has no system role). The SDK (1.x and
later) dropped ``temperature`` from its signature; the API still takes it, so it goes in
``extra_body``. The SDK is imported when a provider is built: it takes seconds to import.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from code2video.errors import BadInputError
from code2video.llm.base import Completion, CompletionOptions, LLMProvider, Message, ModelSpec, Usage, register
from code2video.llm.failures import Endpoint, sdk_failure

KEY_ENV = "ANTHROPIC_API_KEY"
NO_KEY_NEEDED = "no-key-needed"  # for Anthropic-compatible proxies that ignore the key
JSON_HINT = "Answer with one JSON object and nothing else."


@register
class AnthropicProvider(LLMProvider):
    name = "anthropic"

    def __init__(self, spec: ModelSpec, *, timeout: float = 120.0) -> None:
        key = os.environ.get(KEY_ENV)
        if not key and not spec.base_url:
            raise BadInputError(f"no Anthropic API key: set {KEY_ENV}, or use another --llm (see --help).")
        import anthropic

        self._sdk = anthropic
        self._client = anthropic.Anthropic(
            api_key=key or NO_KEY_NEEDED, base_url=spec.base_url, max_retries=0, timeout=timeout
        )
        self._spec = spec
        self._endpoint = Endpoint("anthropic", str(self._client.base_url), spec.model, KEY_ENV, timeout)
        self._send_temperature = True

    def complete(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        try:
            response = self._create(self._request(messages, options))
        except self._sdk.APIError as exc:
            raise sdk_failure(exc, self._sdk, self._endpoint) from exc
        text = "".join(block.text for block in response.content if block.type == "text")
        usage = Usage(response.usage.input_tokens, response.usage.output_tokens)
        return Completion(text=text, usage=usage, model=response.model or self._spec.model)

    def _request(self, messages: Sequence[Message], options: CompletionOptions) -> dict[str, Any]:
        system = [m.content for m in messages if m.role == "system"]
        if options.json:
            system.append(JSON_HINT)  # no JSON mode without a schema: say it in words
        request: dict[str, Any] = {
            "model": self._spec.model,
            "max_tokens": options.max_tokens,
            "messages": [_message(m) for m in messages if m.role != "system"],
        }
        if system:
            request["system"] = "\n\n".join(system)
        if self._send_temperature:
            request["extra_body"] = {"temperature": options.temperature}
        return request

    def _create(self, request: dict[str, Any]) -> Any:
        try:
            return self._client.messages.create(**request)
        except self._sdk.BadRequestError as exc:
            if "extra_body" not in request or "temperature" not in str(exc):
                raise
        # Newer Claude models accept only their default temperature: ask without one.
        self._send_temperature = False
        del request["extra_body"]
        return self._client.messages.create(**request)


def _message(message: Message) -> dict[str, Any]:
    if not message.images:
        return {"role": message.role, "content": message.content}
    blocks: list[dict[str, Any]] = [
        {"type": "image", "source": {"type": "base64", "media_type": image.media_type, "data": image.base64()}}
        for image in message.images
    ]
    blocks.append({"type": "text", "text": message.content})  # images first, as Anthropic advises
    return {"role": message.role, "content": blocks}
