"""replay:FILE.jsonl serves recorded replies in order, per agent and section."""

from __future__ import annotations

import json
import threading

import pytest

from code2video.errors import BadInputError
from code2video.llm import CompletionOptions, LLMError, Message, open_llm

ASK = [Message("user", "anything")]


def replay_file(tmp_path, *records, name="run.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


def ask(llm, agent, section=None):
    return llm.complete(ASK, CompletionOptions(agent=agent, section=section)).text


def test_replies_come_in_file_order_per_agent(tmp_path):
    path = replay_file(
        tmp_path,
        {"agent": "planner.outline", "content": "outline"},
        {"agent": "coder", "content": "code 1"},
        {"agent": "coder", "content": "code 2"},
        {"agent": "critic", "content": "looks fine"},
    )
    llm = open_llm(f"replay:{path}", cache_dir=tmp_path / "cache")

    assert ask(llm, "critic") == "looks fine"
    assert ask(llm, "coder") == "code 1"
    assert ask(llm, "planner.outline") == "outline"
    assert ask(llm, "coder") == "code 2"
    assert not (tmp_path / "cache").exists()  # replay is never cached


def test_section_lines_serve_only_their_section(tmp_path):
    path = replay_file(
        tmp_path,
        {"agent": "coder", "section": "s2", "content": "code for s2"},
        {"agent": "coder", "content": "code for anyone"},
        {"agent": "coder", "section": "s1", "content": "code for s1"},
    )
    llm = open_llm(f"replay:{path}", cache_dir=None)

    assert ask(llm, "coder", "s1") == "code for anyone"
    assert ask(llm, "coder", "s1") == "code for s1"
    assert ask(llm, "coder", "s2") == "code for s2"


def test_completion_is_marked_replay_with_no_tokens(tmp_path):
    llm = open_llm(f"replay:{replay_file(tmp_path, {'agent': 'judge', 'content': '7'})}", cache_dir=None)

    completion = llm.complete(ASK, CompletionOptions(agent="judge"))

    assert completion.model == "replay"
    assert (completion.usage.input_tokens, completion.usage.output_tokens) == (0, 0)
    usage = llm.usage()
    assert usage.total.calls == 1 and usage.total.cost_usd == 0 and not usage.priced


def test_running_out_says_which_agent_and_section(tmp_path):
    path = replay_file(tmp_path, {"agent": "coder", "section": "s1", "content": "x"})
    llm = open_llm(f"replay:{path}", cache_dir=None)

    with pytest.raises(LLMError) as caught:
        ask(llm, "coder", "s2")

    assert str(caught.value).startswith(
        f"replay file {path} has no more replies for agent 'coder' (section 's2'); it held 1 for that agent"
    )


def test_exhaustion_is_not_retried(tmp_path):
    llm = open_llm(f"replay:{replay_file(tmp_path, {'agent': 'coder', 'content': 'x'})}", cache_dir=None)
    ask(llm, "coder")

    with pytest.raises(LLMError, match="no more replies for agent 'coder'; it held 1"):
        ask(llm, "coder")


def test_threads_each_get_a_different_line(tmp_path):
    path = replay_file(tmp_path, *({"agent": "coder", "content": f"code {i}"} for i in range(40)))
    llm = open_llm(f"replay:{path}", cache_dir=None)
    served: list[str] = []

    def worker():
        for _ in range(10):
            served.append(ask(llm, "coder"))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(served) == sorted(f"code {i}" for i in range(40))


def test_blank_lines_are_skipped_but_counted(tmp_path):
    path = replay_file(tmp_path, {"agent": "coder", "content": "a"}, "", "{not json")

    with pytest.raises(BadInputError, match="line 3 is not valid JSON"):
        open_llm(f"replay:{path}", cache_dir=None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"agent": "painter", "content": "x"}', "unknown agent 'painter'"),
        ('{"agent": "coder"}', 'needs a string "content"'),
        ('{"agent": "coder", "content": "x", "section": 3}', '"section" that is not a string'),
        ('{"agent": "coder", "content": "x", "sectoin": "s1"}', "unknown keys \\['sectoin'\\]"),
        ('["coder", "x"]', "must be a JSON object"),
    ],
)
def test_bad_lines_are_refused_when_opened(tmp_path, line, message):
    path = replay_file(tmp_path, {"agent": "coder", "content": "fine"}, line)

    with pytest.raises(BadInputError, match=f"line 2 .*{message}"):
        open_llm(f"replay:{path}", cache_dir=None)


def test_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInputError, match="cannot read replay file .*nothere.jsonl"):
        open_llm(f"replay:{tmp_path / 'nothere.jsonl'}", cache_dir=None)
