"""Token and cost accounting per agent, shared by the threads that code sections in parallel."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from code2video.llm.base import Usage
from code2video.llm.prices import Price


@dataclass(frozen=True)
class AgentUsage:
    """``calls`` counts every completion served, ``cached_calls`` those the disk cache answered."""

    calls: int = 0
    cached_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0

    def add(self, usage: Usage, cost_usd: float, cached: bool) -> AgentUsage:
        return AgentUsage(
            calls=self.calls + 1,
            cached_calls=self.cached_calls + cached,
            input_tokens=self.input_tokens + usage.input_tokens,
            output_tokens=self.output_tokens + usage.output_tokens,
            cost_usd=self.cost_usd + cost_usd,
        )


@dataclass(frozen=True)
class LLMUsage:
    """A snapshot for report.json (``dataclasses.asdict`` gives plain JSON).

    ``model`` is the ``--llm`` spec; ``priced`` is False when the model's price is unknown, in
    which case every ``cost_usd`` is 0 rather than a guess.
    """

    model: str
    priced: bool
    agents: dict[str, AgentUsage] = field(default_factory=dict)
    total: AgentUsage = AgentUsage()


class Ledger:
    def __init__(self, model: str, price: Price | None) -> None:
        self._price = price
        self._usage = LLMUsage(model=model, priced=price is not None)
        self._lock = threading.Lock()

    def record(self, agent: str, usage: Usage, cached: bool) -> None:
        cost = self.cost(usage)
        with self._lock:
            agents = dict(self._usage.agents)
            agents[agent] = agents.get(agent, AgentUsage()).add(usage, cost, cached)
            self._usage = replace(self._usage, agents=agents, total=self._usage.total.add(usage, cost, cached))

    def cost(self, usage: Usage) -> float:
        if self._price is None:
            return 0.0
        per_input, per_output = self._price
        return (usage.input_tokens * per_input + usage.output_tokens * per_output) / 1_000_000

    def snapshot(self) -> LLMUsage:
        with self._lock:
            return replace(self._usage, agents=dict(self._usage.agents))
