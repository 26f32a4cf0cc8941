"""Bootstrap intervals and the benchmark summary."""

from __future__ import annotations

import json
import math
from dataclasses import asdict

from code2video.teachquiz.protocol import StateResult, TeachQuizResult
from code2video.teachquiz.questions import Question
from code2video.teachquiz.scoring import Estimate, gain_interval, interval, summarize
from code2video.teachquiz.students import StudentAnswer

QUESTION = Question(question="Q?", options={"A": "a", "B": "b", "C": "c", "D": "d"}, answer="A")


def result(topic: str, **correct: list[bool]) -> TeachQuizResult:
    states = {state: StateResult(state, [StudentAnswer("A" if c else "B", "model") for c in marks], marks)
              for state, marks in correct.items()}
    return TeachQuizResult(topic, "test", 0, [QUESTION] * len(next(iter(correct.values()))), states)


def test_an_interval_contains_the_mean_and_is_reproducible():
    values = [0, 1, 1, 0, 1, 1, 1, 0, 1, 0]
    low, high = interval(values, seed=3)
    assert low < 0.6 < high
    assert 0.0 <= low and high <= 1.0
    assert interval(values, seed=3) == (low, high)


def test_an_interval_narrows_with_more_data():
    pattern = [1.0, 0.0, 1.0, 1.0, 0.0]
    small, large = interval(pattern * 4), interval(pattern * 40)
    assert (small[1] - small[0]) > 2 * (large[1] - large[0]) > 0
    assert large[0] < 0.6 < large[1]


def test_degenerate_input_gives_the_mean_twice_never_nan():
    assert interval([0.4]) == (0.4, 0.4)
    assert interval([1.0, 1.0, 1.0]) == (1.0, 1.0)
    assert interval([]) == (0.0, 0.0)
    assert not any(math.isnan(x) for x in interval([0.0, 0.0, 1e-12]))


def test_a_topic_gain_interval_comes_from_its_paired_differences():
    quiz = result("T", unlearned=[False, True, False, False, True], video=[True, True, True, False, True],
                  baseline=[True] * 5)
    assert quiz.differences() == [1.0, 0.0, 1.0, 0.0, 0.0]
    low, high = gain_interval(quiz)
    assert low <= quiz.gain == 0.4 <= high
    assert (low, high) == interval([1.0, 0.0, 1.0, 0.0, 0.0])


def test_the_summary_averages_topics_with_intervals():
    one = result("one", baseline=[True, True, False, False], unlearned=[True, False, False, False],
                 video=[True, True, True, False])
    two = result("two", baseline=[True, True, True, True], unlearned=[True, True, False, False],
                 video=[True, True, False, False])
    summary = summarize([one, two], seed=1)
    assert summary.topics == 2
    assert summary.baseline.mean == 0.75  # (0.5 + 1.0) / 2
    assert summary.unlearned.mean == 0.375  # (0.25 + 0.5) / 2
    assert summary.video.mean == 0.625  # (0.75 + 0.5) / 2
    assert summary.gain.mean == 0.25  # (0.5 + 0.0) / 2
    for estimate in (summary.baseline, summary.unlearned, summary.video, summary.gain):
        assert estimate.low <= estimate.mean <= estimate.high
    assert summary.gain == Estimate(0.25, 0.0, 0.5)  # two topics: the resampled means are 0, 0.25, 0.5
    assert summarize([one, two], seed=1) == summary
    assert json.loads(json.dumps(asdict(summary)))["gain"]["mean"] == 0.25
