"""Turn either SDK's exceptions into our errors, each saying what to do next, and retry the transient ones.

Both official SDKs share the names ``APIError``, ``APIStatusError``, ``APIConnectionError`` and
``APITimeoutError``, so one translation serves both; the SDK module is passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TypeVar

from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

from code2video.errors import BadInputError, Code2VideoError
from code2video.llm.base import LLMError, TransientLLMError

T = TypeVar("T")


def call_with_retries(fn: Callable[[], T], attempts: int, wait: tuple[float, float]) -> T:
    """``fn()``, called again after each TransientLLMError, ``attempts`` times in all; the last one is raised.

    ``wait`` is (first, longest) in seconds: the n-th retry waits a random time up to
    ``min(longest, first * 2**n)`` (jittered exponential backoff).
    """
    first, longest = wait
    retrying = Retrying(
        retry=retry_if_exception_type(TransientLLMError),
        stop=stop_after_attempt(attempts),
        wait=wait_random_exponential(multiplier=first, max=longest),
        reraise=True,
    )
    return retrying(fn)


@dataclass(frozen=True)
class Endpoint:
    """What an error message needs to name: the server, the model, and where the key comes from."""

    provider: str
    url: str
    model: str
    key_env: str
    timeout: float

    def __str__(self) -> str:
        return f"the {self.provider} server at {self.url}"


def sdk_failure(exc: Exception, sdk: ModuleType, endpoint: Endpoint) -> Code2VideoError:
    """The error to raise for an exception from ``sdk``'s client."""
    if isinstance(exc, sdk.APITimeoutError):
        return TransientLLMError(
            f"{endpoint} did not answer within {endpoint.timeout:g} s. Try again, raise the timeout, "
            "or use a smaller model."
        )
    if isinstance(exc, sdk.APIConnectionError):
        return TransientLLMError(
            f"could not connect to {endpoint} ({exc.__cause__ or exc}). "
            "Check that the server is running and that the URL is right."
        )
    if isinstance(exc, sdk.APIStatusError):
        return status_failure(exc.status_code, _detail(exc), endpoint)
    return LLMError(f"{endpoint} sent a reply that could not be read ({exc}). Check the server URL.")


def status_failure(status: int, detail: str, endpoint: Endpoint) -> Code2VideoError:
    """Map an HTTP error status to an error: 408/429/5xx are transient, the rest are final."""
    if status == 401:
        return BadInputError(f"{endpoint} rejected the API key (401: {detail}). Check {endpoint.key_env}.")
    if status == 403:
        return BadInputError(
            f"{endpoint} denied access to model {endpoint.model!r} (403: {detail}). "
            "Check that your API key may use this model."
        )
    if status == 404:
        return BadInputError(
            f"model not found: {endpoint.model!r} at {endpoint} (404: {detail}). "
            "Check the model name and the server URL."
        )
    if status == 429:
        return TransientLLMError(
            f"{endpoint} is rate-limiting requests (429: {detail}). Wait a few minutes and rerun, "
            "or run fewer jobs in parallel (--jobs)."
        )
    if status == 408 or status >= 500:
        return TransientLLMError(
            f"{endpoint} failed with HTTP {status} ({detail}). Try again later or use another model."
        )
    return LLMError(
        f"{endpoint} rejected the request (HTTP {status}: {detail}). If the prompt is too long "
        "for this model, use one with a larger context."
    )


def _detail(exc: Exception) -> str:
    """The server's own words: OpenAI and Anthropic both put them in ``error.message``."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])[:300]
        if isinstance(error, str):
            return error[:300]
    return str(getattr(exc, "message", exc))[:300]
