"""The LLM wrapper: disk cache, retries, usage ledger and prices, with a fake provider and the
local server."""

from __future__ import annotations

import threading

import pytest

from code2video.llm import (
    LLM,
    AgentUsage,
    Completion,
    CompletionOptions,
    Image,
    LLMError,
    LLMProvider,
    Message,
    ModelSpec,
    TransientLLMError,
    Usage,
    open_llm,
)

CODER = CompletionOptions(agent="coder", section="s1")
ASK = [Message("user", "Draw a square.")]


class CountingProvider(LLMProvider):
    """Answers with the call number; fails transiently for the first ``failures`` calls."""

    name = "counting"

    def __init__(self, failures: int = 0) -> None:
        self.calls = 0
        self.failures = failures
        self._lock = threading.Lock()

    def complete(self, messages, options):
        with self._lock:
            self.calls += 1
            if self.calls <= self.failures:
                raise TransientLLMError(f"flaky {self.calls}")
            return Completion(text=f"reply {self.calls}", usage=Usage(10, 2), model="counting-1")


def wrap(provider, **kwargs):
    return LLM(provider, ModelSpec("counting", "count-1"), retry_wait=(0.001, 0.002), **kwargs)


def test_second_identical_call_is_served_from_disk(llm_server, tmp_path):
    llm = open_llm(f"openai:gpt-4.1@{llm_server.url}/v1", cache_dir=tmp_path)

    first = llm.complete(ASK, CODER)
    second = llm.complete(ASK, CODER)

    assert len(llm_server.requests) == 1
    assert second.text == first.text and second.cached and not first.cached
    assert second.usage == Usage()
    coder = llm.usage().agents["coder"]
    assert (coder.calls, coder.cached_calls, coder.input_tokens) == (2, 1, 120)
    assert len(list((tmp_path / "llm").glob("*.json"))) == 1


def test_cache_survives_a_new_llm_and_ignores_agent_and_section(tmp_path):
    wrap(CountingProvider(), cache_dir=tmp_path).complete(ASK, CODER)
    provider = CountingProvider()
    llm = wrap(provider, cache_dir=tmp_path)

    hit = llm.complete(ASK, CompletionOptions(agent="fixer", section="s9"))

    assert hit.cached and hit.text == "reply 1" and hit.model == "counting-1"
    assert provider.calls == 0
    assert llm.usage().agents["fixer"] == AgentUsage(calls=1, cached_calls=1)


@pytest.mark.parametrize(
    "changed",
    [
        ([Message("user", "Draw a circle.")], CODER),
        ([Message("system", "Be terse."), *ASK], CODER),
        ([Message("user", "Draw a square.", images=(Image(b"frame"),))], CODER),
        (ASK, CompletionOptions(agent="coder", temperature=0.9)),
        (ASK, CompletionOptions(agent="coder", max_tokens=10)),
        (ASK, CompletionOptions(agent="coder", json=True)),
    ],
)
def test_anything_that_shapes_the_reply_misses_the_cache(tmp_path, changed):
    provider = CountingProvider()
    llm = wrap(provider, cache_dir=tmp_path)
    llm.complete(ASK, CODER)

    assert not llm.complete(*changed).cached
    assert provider.calls == 2


def test_image_bytes_are_part_of_the_key(tmp_path):
    provider = CountingProvider()
    llm = wrap(provider, cache_dir=tmp_path)

    llm.complete([Message("user", "judge", images=(Image(b"frame 1"),))], CODER)
    llm.complete([Message("user", "judge", images=(Image(b"frame 2"),))], CODER)

    assert provider.calls == 2


def test_another_model_misses_the_cache(tmp_path):
    LLM(CountingProvider(), ModelSpec("counting", "a"), cache_dir=tmp_path).complete(ASK, CODER)
    provider = CountingProvider()

    LLM(provider, ModelSpec("counting", "b"), cache_dir=tmp_path).complete(ASK, CODER)

    assert provider.calls == 1


def test_no_cache_dir_means_no_cache(tmp_path):
    provider = CountingProvider()
    llm = wrap(provider, cache_dir=None)

    llm.complete(ASK, CODER)
    llm.complete(ASK, CODER)

    assert provider.calls == 2
    assert llm.usage().total.cached_calls == 0


def test_corrupt_cache_file_is_asked_again_and_rewritten(tmp_path):
    wrap(CountingProvider(), cache_dir=tmp_path).complete(ASK, CODER)
    [entry] = (tmp_path / "llm").glob("*.json")
    entry.write_text("{half a file")
    provider = CountingProvider()

    assert not wrap(provider, cache_dir=tmp_path).complete(ASK, CODER).cached
    assert provider.calls == 1
    assert wrap(CountingProvider(), cache_dir=tmp_path).complete(ASK, CODER).cached
    assert not list((tmp_path / "llm").glob("*.tmp"))


def test_transient_failures_are_retried_up_to_max_retries():
    provider = CountingProvider(failures=2)

    assert wrap(provider, max_retries=2).complete(ASK, CODER).text == "reply 3"
    assert provider.calls == 3


def test_spent_retries_become_llm_error_with_the_last_reason():
    provider = CountingProvider(failures=5)

    with pytest.raises(LLMError, match="gave up after 3 attempts: flaky 3") as caught:
        wrap(provider, max_retries=2).complete(ASK, CODER)
    assert not isinstance(caught.value, TransientLLMError)
    assert provider.calls == 3


def test_failed_calls_cost_nothing_in_the_ledger():
    llm = wrap(CountingProvider(failures=5), max_retries=0)

    with pytest.raises(LLMError, match="1 attempt, retries off"):
        llm.complete(ASK, CODER)
    assert llm.usage().total == AgentUsage()


def test_ledger_is_exact_under_threads(tmp_path):
    llm = wrap(CountingProvider(), price=(1.0, 1.0))

    def worker(agent):
        for i in range(50):
            llm.complete([Message("user", f"{agent} {i}")], CompletionOptions(agent=agent))

    threads = [threading.Thread(target=worker, args=(agent,)) for agent in ("coder", "fixer", "critic", "coder")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    usage = llm.usage()
    assert usage.agents["coder"].calls == 100
    assert usage.total.calls == 200
    assert usage.total.input_tokens == 2000
    assert usage.total.cost_usd == pytest.approx(200 * 12 / 1e6)


def test_usage_snapshot_does_not_change_afterwards():
    llm = wrap(CountingProvider())
    before = llm.usage()

    llm.complete(ASK, CODER)

    assert before.total.calls == 0 and before.agents == {}
    assert llm.usage().model == "counting:count-1"
