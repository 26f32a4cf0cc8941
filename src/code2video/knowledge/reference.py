"""The Coder's reference: how to write Manim scene files on the scene kit, as one markdown page.

The page goes verbatim into the Coder's and the Fixer's prompts; its example scenes are also
rendered by the test suite, so every example the model imitates is known to work.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SCENE_CLASS = re.compile(r"^class \w+\(LessonScene\):", re.MULTILINE)


@cache
def coder_reference() -> str:
    """The reference page (markdown)."""
    return (resources.files("code2video.knowledge") / "coder_reference.md").read_text(encoding="utf-8")


def reference_examples() -> list[str]:
    """The complete example scenes in the page: its ```python blocks that define a LessonScene."""
    blocks = _PYTHON_BLOCK.findall(coder_reference())
    return [block for block in blocks if _SCENE_CLASS.search(block)]
