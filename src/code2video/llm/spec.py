"""Parse ``--llm`` values: ``openai:gpt-4.1``, ``openai:qwen2.5-coder:7b@http://localhost:11434/v1``,
``anthropic:claude-sonnet-5-5``, ``replay:path/to/file.jsonl``."""

from __future__ import annotations

import os
from dataclasses import replace
from urllib.parse import urlparse

from code2video.errors import BadInputError
from code2video.llm.base import PROVIDERS, ModelSpec

VALID_FORMS = (
    "openai:MODEL (e.g. openai:gpt-4.1), anthropic:MODEL (e.g. anthropic:claude-sonnet-5-5), "
    "openai:MODEL@http://HOST:PORT/v1 for an OpenAI-compatible server (Ollama, vLLM, llama.cpp, "
    "OpenRouter), or replay:FILE.jsonl"
)


def parse_model_spec(spec: str) -> ModelSpec:
    """Provider is the text before the first ':', a base URL the text after the first '@'.

    A replay path is taken whole: file names may contain '@'.
    """
    provider, colon, rest = spec.strip().partition(":")
    if not colon or provider not in PROVIDERS:
        raise BadInputError(f"unknown LLM {spec!r}. Use {VALID_FORMS}.")
    if provider == "replay":
        model, base_url = rest, None
    else:
        model, at, base_url = rest.partition("@")
        if at and not _is_http_url(base_url):
            raise BadInputError(f"malformed server URL {base_url!r} in --llm {spec!r}. Use {VALID_FORMS}.")
        base_url = base_url or None
    if not model:
        raise BadInputError(f"no model named in --llm {spec!r}. Use {VALID_FORMS}.")
    return ModelSpec(provider, model, base_url)


def resolve_model_spec(spec: str) -> ModelSpec:
    """``parse_model_spec`` plus the ``PROVIDER_BASE_URL`` the SDK would use when the spec names no
    server, so that the key, the price and the label in report.json all describe the same endpoint."""
    model_spec = parse_model_spec(spec)
    env_url = os.environ.get(f"{model_spec.provider.upper()}_BASE_URL")
    return replace(model_spec, base_url=env_url) if env_url and not model_spec.base_url else model_spec


def _is_http_url(url: str) -> bool:
    parsed = urlparse(url)
    try:
        parsed.port  # raises on a port that is not a number
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.hostname)


def default_model_spec() -> str | None:
    """The model to use when none is given: whichever provider has a key in the environment."""
    if os.environ.get("OPENAI_API_KEY"):
        return "openai:gpt-4.1"
    if os.environ.get("ANTHROPIC_API_KEY"):
        return "anthropic:claude-sonnet-5-5"  # claude-sonnet-4-5 is deprecated (retired 2026-11-30)
    return None
