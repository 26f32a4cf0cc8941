"""List prices in USD per million (input, output) tokens, for the cost line in report.json.

These are the providers' published list prices when this table was written; they change, and
batch or cached-input discounts are ignored. Pass your own with ``open_llm(prices=...)``.
"""

from __future__ import annotations

from collections.abc import Mapping

from code2video.llm.base import ModelSpec

Price = tuple[float, float]

PRICES: dict[str, Price] = {
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "o3": (2.00, 8.00),
    "o4-mini": (1.10, 4.40),
    "claude-sonnet-5-5": (2.00, 10.00),
    "claude-sonnet-5": (2.00, 10.00),
    "claude-sonnet-4-6": (3.00, 15.00),
    "claude-sonnet-4-5": (3.00, 15.00),
    "claude-sonnet-4": (3.00, 15.00),
    "claude-opus-4-5": (5.00, 25.00),
    "claude-opus-4-1": (15.00, 75.00),
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-3-5-haiku": (0.80, 4.00),
}


def find_price(model: str, table: Mapping[str, Price]) -> Price | None:
    """The exact model's price, else the longest entry that ``model`` extends with ``-``.

    So dated names such as ``gpt-4.1-2025-04-14`` find ``gpt-4.1``, but ``gpt-5.1`` does not
    silently take the price of ``gpt-5``.
    """
    if model in table:
        return table[model]
    prefixes = [name for name in table if model.startswith(name + "-")]
    return table[max(prefixes, key=len)] if prefixes else None


def price_for(spec: ModelSpec, user_prices: Mapping[str, Price] | None = None) -> Price | None:
    """What ``spec``'s tokens cost; None means unknown (reported as cost 0, not priced).

    A custom base URL serves someone else's (often free, local) model under any name, so only a
    price the user gave counts there. Replay spends no tokens.
    """
    if spec.provider == "replay":
        return None
    table = dict(user_prices or {}) if spec.base_url else {**PRICES, **(user_prices or {})}
    return find_price(spec.model, table)
