"""The Coder sends each section with its beat budgets and returns the code from the reply."""

import json
import time

from code2video.agents.coder import Coder, SectionBrief
from code2video.llm import LLM, Completion, LLMProvider, ModelSpec, Usage
from fakes import scripted_llm


def _briefs(lesson):
    return [SectionBrief(i, s, [2.5 + i, 3.25], f"Section{i:02d}") for i, s in enumerate(lesson.sections, 1)]


def test_each_section_is_coded_with_its_durations_and_ir(short_lesson):
    replies = [f"Here you go:\n```python\nclass Section0{i}(LessonScene):\n    pass\n```\nEnjoy!" for i in (1, 2)]
    llm, provider = scripted_llm({"coder": replies})
    codes = Coder(llm, short_lesson.topic, workers=1).write_all(_briefs(short_lesson))
    assert codes == ["class Section01(LessonScene):\n    pass\n", "class Section02(LessonScene):\n    pass\n"]
    first = provider.prompts("coder")[0]
    assert "class Section01(LessonScene):" in first and json.dumps([3.5, 3.25]) in first
    assert '"id": "squares"' in first and "n^2 = n dot n" in first
    system = provider.requests[0][1][0].content
    assert "place_area" in system and "MathTex" in system  # the kit reference, with what to avoid
    assert [options.section for options, _ in provider.requests] == ["squares", "roots"]


class SlowFirstSection(LLMProvider):
    """Answers the first section last, so results in order prove the Coder reorders them."""

    name = "slow-first"

    def complete(self, messages, options):
        time.sleep(0.3 if options.section == "squares" else 0.0)
        return Completion(f"```python\nSECTION = {options.section!r}\n```", Usage(), "test")


def test_concurrent_coding_keeps_section_order(short_lesson):
    llm = LLM(SlowFirstSection(), ModelSpec("slow-first", "test"))
    codes = Coder(llm, short_lesson.topic, workers=2).write_all(_briefs(short_lesson))
    assert codes == ["SECTION = 'squares'\n", "SECTION = 'roots'\n"]


def test_a_reply_without_code_becomes_a_file_the_repair_loop_sees_fail(short_lesson):
    llm, _ = scripted_llm({"coder": ["   "]})
    code = Coder(llm, short_lesson.topic).write(_briefs(short_lesson)[0])
    assert code.startswith("#") and "class" not in code


def test_a_failed_call_leaves_the_section_to_the_template(short_lesson):
    llm, _ = scripted_llm({"coder": []})  # the provider raises LLMError, as after spent retries
    coder = Coder(llm, short_lesson.topic)
    assert coder.write(_briefs(short_lesson)[1]) is None
    assert "no more replies" in coder.failures[2]
