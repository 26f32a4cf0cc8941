import pytest

from code2video.knowledge.library import builtin_lessons, find_lesson

REQUIRED = {
    "Binary counting and its application to the Towers of Hanoi puzzle",
    "Euler's Formula and e^(πi) = -1",
    "The determinant",
    "Bayes' theorem and the geometry of changing probabilistic beliefs",
}


def test_the_four_foundation_lessons_are_built_in():
    assert REQUIRED <= {item.title for item in builtin_lessons()}


@pytest.mark.parametrize("query, title", [
    ("The determinant", "The determinant"),
    ("the DETERMINANT!!", "The determinant"),
    ("determinent", "The determinant"),
    ("Euler's identity", "Euler's Formula and e^(πi) = -1"),
    ("eulers formula", "Euler's Formula and e^(πi) = -1"),
    ("Eulér’s Formula and e^(πi) = -1", "Euler's Formula and e^(πi) = -1"),
    ("Bayes theorem", "Bayes' theorem and the geometry of changing probabilistic beliefs"),
    ("towers of hanoi and binary counting", "Binary counting and its application to the Towers of Hanoi puzzle"),
])
def test_lookup_is_forgiving(query, title):
    found = find_lesson(query)
    assert found is not None and found.title == title


@pytest.mark.parametrize("query", [
    "Photosynthesis", "The French revolution", "Riemann zeta function", "Fractal dimension",
    # MMMC topics that share a few words with a lesson's name but are about something else
    "Planar graph duality and Euler's Characteristic Formula", "Higher order derivatives",
    "Qubits, state vectors, and Grover's algorithm in quantum computing",
    "Ternary counting, constrained Towers of Hanoi, and Sierpinski triangle graph traversal",
])
def test_unrelated_topics_match_nothing(query):
    assert find_lesson(query) is None
