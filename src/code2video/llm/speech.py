"""Text to speech through the official OpenAI SDK: the HTTP side of the ``openai`` narration voice.

It shares the chat provider's rules so both fail alike: the key comes from OPENAI_API_KEY, a
base URL (``@http://host:port/v1`` or OPENAI_BASE_URL) reaches an OpenAI-compatible speech
server that may need no key, SDK errors become our errors, and 429/5xx/timeouts are retried.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from code2video.errors import BadInputError
from code2video.llm.base import LLMError, TransientLLMError
from code2video.llm.failures import Endpoint, call_with_retries, sdk_failure
from code2video.llm.openai_provider import KEY_ENV, NO_KEY_NEEDED

BASE_URL_ENV = "OPENAI_BASE_URL"
MAX_RETRIES = 4
RETRY_WAIT = (1.0, 30.0)  # (first, longest) wait in seconds, as for chat
MAX_INPUT = 4096  # characters OpenAI accepts in one request

# OpenAI documents ``speed`` for tts-1 and tts-1-hd; its gpt-4o TTS models ignore it.
SPEED_IGNORED_PREFIXES = ("gpt-4o",)


def accepts_speed(model: str) -> bool:
    """Whether the server honours the ``speed`` field for this model (other servers are trusted to)."""
    return not model.startswith(SPEED_IGNORED_PREFIXES)


def speech_problem(base_url: str | None) -> str | None:
    """Why no speech request can be made, with the fix; None when one can."""
    base_url = base_url or os.environ.get(BASE_URL_ENV)
    if base_url:
        parsed = urlparse(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            return f"malformed speech server URL {base_url!r}; use http://HOST:PORT/v1"
        return None
    if not os.environ.get(KEY_ENV):
        return (f"no OpenAI API key: set {KEY_ENV}, or use --voice openai:VOICE@http://HOST:PORT/v1 "
                "for an OpenAI-compatible speech server")
    return None


class SpeechClient:
    """One model on one server; ``speak`` returns the audio file the server sends (WAV asked for)."""

    def __init__(self, model: str, base_url: str | None = None, *, timeout: float = 120.0,
                 max_retries: int | None = None, retry_wait: tuple[float, float] | None = None) -> None:
        reason = speech_problem(base_url)
        if reason:
            raise BadInputError(reason)
        import openai

        self._sdk = openai
        self._client = openai.OpenAI(
            api_key=os.environ.get(KEY_ENV) or NO_KEY_NEEDED,
            base_url=base_url or os.environ.get(BASE_URL_ENV) or None,
            max_retries=0,
            timeout=timeout,
        )
        self.model = model
        self.max_retries = MAX_RETRIES if max_retries is None else max_retries
        self.retry_wait = retry_wait or RETRY_WAIT
        self._endpoint = Endpoint("openai", str(self._client.base_url), model, KEY_ENV, timeout)

    def speak(self, text: str, voice: str, speed: float | None = None) -> bytes:
        """WAV bytes of ``voice`` reading ``text``; ``speed`` is sent only when given."""
        if len(text) > MAX_INPUT:
            raise BadInputError(f"a narration passage of {len(text)} characters is longer than the "
                                f"{MAX_INPUT} a speech request takes; split it into shorter beats.")
        attempts = self.max_retries + 1
        try:
            return call_with_retries(lambda: self._request(text, voice, speed), attempts, self.retry_wait)
        except TransientLLMError as exc:
            raise LLMError(f"gave up on speech after {attempts} attempts: {exc}") from exc

    def _request(self, text: str, voice: str, speed: float | None) -> bytes:
        fields = {"speed": speed} if speed is not None else {}
        try:
            response = self._client.audio.speech.create(
                model=self.model, voice=voice, input=text, response_format="wav", **fields
            )
        except self._sdk.APIError as exc:
            raise sdk_failure(exc, self._sdk, self._endpoint) from exc
        return response.content
