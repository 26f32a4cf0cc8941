"""Loading and validating the MMMC files (read from ../shared/mmmc at test time), and topic selection."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mmmc_sample import MMMC

from code2video.errors import BadInputError
from code2video.mmmc_benchmark.data import (
    QUESTIONS_FILE,
    TOPICS_FILE,
    find_topic,
    load_mmmc,
    select_topics,
)

pytestmark = pytest.mark.skipif(not (MMMC / QUESTIONS_FILE).is_file(), reason="the MMMC sample data is not here")


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "mmmc"
    folder.mkdir()
    for name in (TOPICS_FILE, QUESTIONS_FILE):
        shutil.copyfile(MMMC / name, folder / name)
        (folder / name).chmod(0o644)
    return folder


def edit_questions(folder: Path, change) -> None:
    path = folder / QUESTIONS_FILE
    bank = json.loads(path.read_text(encoding="utf-8"))
    change(bank)
    path.write_text(json.dumps(bank), encoding="utf-8")


def test_loads_the_released_files():
    data = load_mmmc(MMMC)
    assert len(data.topics) == 117 and data.topics[0] == "Euler's Formula and e^(πi) = -1"
    assert len(data.questions) == 18
    assert all(len(quiz) == 5 for quiz in data.questions.values())
    first = data.questions["The inscribed square or rectangle problem in topology"][0]
    assert first.answer == "B" and list(first.options) == ["A", "B", "C", "D"]


def test_slugs_are_unique_and_stable():
    data = load_mmmc(MMMC)
    slugs = [data.slug(topic) for topic in data.topics]
    assert len(set(slugs)) == len(slugs)
    assert data.slug("Fractal dimension") == "fractal-dimension"
    assert data.digest("Fractal dimension") == load_mmmc(MMMC).digest("Fractal dimension")
    assert data.digest("Fractal dimension") != data.digest("Riemann zeta function")


def test_missing_folder_and_files(tmp_path):
    with pytest.raises(BadInputError, match="not a folder"):
        load_mmmc(tmp_path / "nowhere")
    folder = copy_data(tmp_path)
    (folder / QUESTIONS_FILE).unlink()
    with pytest.raises(BadInputError, match=f"{QUESTIONS_FILE} is missing"):
        load_mmmc(folder)


def test_not_json_and_wrong_shapes(tmp_path):
    folder = copy_data(tmp_path)
    (folder / TOPICS_FILE).write_text("[\"a\", ", encoding="utf-8")
    with pytest.raises(BadInputError, match="not valid JSON"):
        load_mmmc(folder)
    (folder / TOPICS_FILE).write_text(json.dumps({"topics": ["a"]}), encoding="utf-8")
    with pytest.raises(BadInputError, match="list of topic strings"):
        load_mmmc(folder)
    (folder / TOPICS_FILE).write_text(json.dumps(["a", 3]), encoding="utf-8")
    with pytest.raises(BadInputError, match="entry 2"):
        load_mmmc(folder)
    shutil.copyfile(MMMC / TOPICS_FILE, folder / TOPICS_FILE)
    (folder / QUESTIONS_FILE).write_text(json.dumps([{"question": "q"}]), encoding="utf-8")
    with pytest.raises(BadInputError, match="JSON object mapping each topic"):
        load_mmmc(folder)
    (folder / QUESTIONS_FILE).write_text(json.dumps({"Fractal dimension": {"question": "q"}}), encoding="utf-8")
    with pytest.raises(BadInputError, match="'Fractal dimension' must map to a list"):
        load_mmmc(folder)


@pytest.mark.parametrize(("change", "problem"), [
    (lambda q: q.update(answer="E"), "answer 'E' is not one of the options A, B, C, D"),
    (lambda q: q.update(question="  "), "the question text is empty"),
    (lambda q: q["options"].pop("A"), "options must be lettered A, B, C"),
    (lambda q: q.pop("answer"), "answer: Field required"),
    (lambda q: q["options"].update(C=q["options"]["B"]), "two options have the same text"),
])
def test_a_bad_question_names_its_topic_and_number(tmp_path, change, problem):
    folder = copy_data(tmp_path)
    edit_questions(folder, lambda bank: change(bank["Riemann zeta function"][2]))
    with pytest.raises(BadInputError) as caught:
        load_mmmc(folder)
    message = str(caught.value)
    assert "topic 'Riemann zeta function', question 3" in message
    assert problem in message


def test_a_question_that_is_not_an_object(tmp_path):
    folder = copy_data(tmp_path)
    edit_questions(folder, lambda bank: bank["Windmill problem"].__setitem__(0, "What is it?"))
    with pytest.raises(BadInputError, match="topic 'Windmill problem', question 1 must be an object"):
        load_mmmc(folder)


def test_default_selection_is_every_topic_with_questions_in_list_order():
    data = load_mmmc(MMMC)
    topics, warnings = select_topics(data)
    assert topics == [t for t in data.topics if t in data.questions]
    assert len(topics) == 18 and len(warnings) == 117 - 18
    assert all("no questions" in w for w in warnings)
    assert "Euler's Formula and e^(πi) = -1" in warnings[0]


def test_first_n_topics():
    data = load_mmmc(MMMC)
    first_with_questions = data.topics.index("The inscribed square or rectangle problem in topology")
    topics, warnings = select_topics(data, count=first_with_questions + 1)
    assert topics == ["The inscribed square or rectangle problem in topology"]
    assert len(warnings) == first_with_questions
    with pytest.raises(BadInputError, match="at least 1"):
        select_topics(data, count=0)


def test_topic_file(tmp_path):
    data = load_mmmc(MMMC)
    listed = tmp_path / "topics.txt"
    listed.write_text("# my picks\n\nFractal dimension\n  Windmill problem  \nProof of Snell's law\n", encoding="utf-8")
    topics, warnings = select_topics(data, topic_file=listed)
    assert topics == ["Fractal dimension", "Windmill problem"]
    assert warnings == ["skipped \"Proof of Snell's law\": no questions for it in questions_by_topic_10.json"]


def test_unknown_topic_names_the_closest(tmp_path):
    data = load_mmmc(MMMC)
    listed = tmp_path / "topics.txt"
    listed.write_text("Fractal dimensions\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="'Fractal dimensions' is not an MMMC topic. Closest: 'Fractal dimension'"):
        select_topics(data, topic_file=listed)
    listed.write_text("# nothing\n\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="names no topic"):
        select_topics(data, topic_file=listed)
    with pytest.raises(BadInputError, match="not a file"):
        select_topics(data, topic_file=tmp_path / "missing.txt")
    with pytest.raises(BadInputError, match="not both"):
        select_topics(data, count=2, topic_file=listed)


def test_find_topic_ignores_case_and_punctuation_and_names_the_closest():
    data = load_mmmc(MMMC)
    assert find_topic(data, "fractal  DIMENSION") == "Fractal dimension"
    assert find_topic(data, "MOSER'S circle problem!") == "Moser's circle problem"
    with pytest.raises(BadInputError, match=r"no topic 'Fractal dimensions'\. Closest: 'Fractal dimension'"):
        find_topic(data, "Fractal dimensions")
