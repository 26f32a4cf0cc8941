"""``LLM``: what agents call. One provider plus a disk cache, retries and a usage ledger.

Agents on several threads share one ``LLM``; the ledger locks and the cache writes atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from code2video.errors import BadInputError
from code2video.llm.base import (
    PROVIDERS,
    Completion,
    CompletionOptions,
    LLMError,
    LLMProvider,
    Message,
    ModelSpec,
    TransientLLMError,
)
from code2video.llm.cache import CompletionCache, request_key
from code2video.llm.failures import call_with_retries
from code2video.llm.prices import Price, price_for
from code2video.llm.spec import resolve_model_spec
from code2video.llm.usage import Ledger, LLMUsage


class LLM:
    """Retries transient failures with jittered exponential backoff.

    ``retry_wait`` is (first, longest) wait in seconds: the n-th retry waits a random time up to
    ``min(longest, first * 2**n)``.
    """

    def __init__(
        self,
        provider: LLMProvider,
        spec: ModelSpec,
        *,
        cache_dir: Path | None = None,
        max_retries: int = 4,
        price: Price | None = None,
        retry_wait: tuple[float, float] = (1.0, 30.0),
    ) -> None:
        self.spec = spec
        self.provider = provider
        self.max_retries = max_retries
        self.retry_wait = retry_wait
        use_cache = cache_dir is not None and provider.cacheable
        self._cache = CompletionCache(cache_dir / "llm") if use_cache else None
        self._ledger = Ledger(str(spec), price)

    def complete(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        cache = self._cache
        key = request_key(self.spec, messages, options) if cache else ""
        if cache and (hit := cache.get(key)):
            self._ledger.record(options.agent, hit.usage, cached=True)
            return hit
        completion = self._complete_with_retries(messages, options)
        if cache:
            cache.put(key, completion)
        self._ledger.record(options.agent, completion.usage, cached=False)
        return completion

    def forget(self, messages: Sequence[Message], options: CompletionOptions) -> None:
        """Drop a cached reply the caller found unusable, so a later run asks the model again."""
        if self._cache:
            self._cache.drop(request_key(self.spec, messages, options))

    def usage(self) -> LLMUsage:
        return self._ledger.snapshot()

    def _complete_with_retries(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        attempts = self.max_retries + 1
        try:
            return call_with_retries(lambda: self.provider.complete(messages, options), attempts, self.retry_wait)
        except TransientLLMError as exc:
            tries = f"{attempts} attempts" if attempts > 1 else "1 attempt, retries off"
            raise LLMError(f"gave up after {tries}: {exc}") from exc


def open_llm(
    spec: str,
    *,
    cache_dir: Path | None,
    timeout: float = 120.0,
    max_retries: int = 4,
    prices: Mapping[str, tuple[float, float]] | None = None,
    retry_wait: tuple[float, float] = (1.0, 30.0),
) -> LLM:
    """Build the ``LLM`` for a ``--llm`` value; bad specs and missing keys fail here, before any work.

    ``prices`` (USD per million input/output tokens, by model name) override and extend the list
    prices in ``prices.py``.
    """
    model_spec = resolve_model_spec(spec)
    for model, price in (prices or {}).items():
        if len(price) != 2 or any(not isinstance(p, (int, float)) or p < 0 for p in price):
            raise BadInputError(f"price for {model!r} must be two non-negative numbers (USD per million "
                                f"input and output tokens), not {price!r}.")
    provider = PROVIDERS[model_spec.provider](model_spec, timeout=timeout)
    return LLM(
        provider,
        model_spec,
        cache_dir=cache_dir,
        max_retries=max_retries,
        price=price_for(model_spec, prices),
        retry_wait=retry_wait,
    )
