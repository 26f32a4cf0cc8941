"""TeachQuiz numbers with their uncertainty: bootstrap 95% confidence intervals.

A topic has five questions, a benchmark a few dozen topics, so a gain of 0.2 can be noise; every
mean is reported with a percentile bootstrap interval (scipy), seeded so that a rerun prints the
same bounds. A topic's gain interval resamples its questions, keeping each question's before and
after together (the paired differences); the overall intervals resample topics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import bootstrap

from code2video.teachquiz.protocol import TeachQuizResult

CONFIDENCE = 0.95
RESAMPLES = 9999


@dataclass(frozen=True)
class Estimate:
    """A mean and its 95% interval."""

    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class QuizSummary:
    """Means over topics (each topic weighs the same, whatever its number of questions)."""

    topics: int
    baseline: Estimate
    unlearned: Estimate
    video: Estimate
    gain: Estimate  # video - unlearned


def interval(values: Sequence[float], seed: int = 0) -> tuple[float, float]:
    """The 95% percentile-bootstrap interval of the mean; (mean, mean) where nothing varies."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (0.0, 0.0)
    mean = float(data.mean())
    if data.size < 2 or np.all(data == data[0]):
        return (mean, mean)
    result = bootstrap((data,), np.mean, n_resamples=RESAMPLES, confidence_level=CONFIDENCE,
                       method="percentile", random_state=seed)
    low, high = float(result.confidence_interval.low), float(result.confidence_interval.high)
    if not (np.isfinite(low) and np.isfinite(high)):
        return (mean, mean)
    return (min(low, mean), max(high, mean))


def estimate(values: Sequence[float], seed: int = 0) -> Estimate:
    low, high = interval(values, seed)
    return Estimate(float(np.mean(values)) if len(values) else 0.0, low, high)


def gain_interval(result: TeachQuizResult, seed: int = 0) -> tuple[float, float]:
    """One topic's gain interval, from its per-question paired differences."""
    return interval(result.differences(), seed)


def summarize(results: Sequence[TeachQuizResult], seed: int = 0) -> QuizSummary:
    """Mean accuracies and gain over topics, each with an interval from resampling topics."""
    return QuizSummary(
        topics=len(results),
        baseline=estimate([r.accuracy("baseline") for r in results], seed),
        unlearned=estimate([r.accuracy("unlearned") for r in results], seed),
        video=estimate([r.accuracy("video") for r in results], seed),
        gain=estimate([r.gain for r in results], seed),
    )
