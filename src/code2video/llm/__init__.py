"""LLM providers (OpenAI, Anthropic, any OpenAI-compatible server, replay files) behind one
``LLM`` that caches, retries and counts tokens and cost.

Importing this package registers every provider; the SDKs themselves load only when one is built.
"""

from code2video.llm import anthropic_provider, openai_provider, replay  # noqa: F401  (registers them)
from code2video.llm.base import (
    AGENTS,
    PROVIDERS,
    Completion,
    CompletionOptions,
    Image,
    LLMError,
    LLMProvider,
    Message,
    ModelSpec,
    TransientLLMError,
    Usage,
    register,
)
from code2video.llm.client import LLM, open_llm
from code2video.llm.prices import PRICES
from code2video.llm.spec import default_model_spec, parse_model_spec, resolve_model_spec
from code2video.llm.usage import AgentUsage, LLMUsage

__all__ = [
    "AGENTS",
    "LLM",
    "PRICES",
    "PROVIDERS",
    "AgentUsage",
    "Completion",
    "CompletionOptions",
    "Image",
    "LLMError",
    "LLMProvider",
    "LLMUsage",
    "Message",
    "ModelSpec",
    "TransientLLMError",
    "Usage",
    "default_model_spec",
    "open_llm",
    "parse_model_spec",
    "register",
    "resolve_model_spec",
]
