"""Failure parsing: recorded Manim outputs of the bench corpus, plus small inline tracebacks."""

import json
from pathlib import Path

import pytest

from code2video.render.tracebacks import Frame, is_scene_path, parse_failure

CORPUS = Path(__file__).parents[2] / "bench" / "broken_scenes"
FAULTS = json.loads((CORPUS / "faults.json").read_text())


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_recorded_output_gives_error_type_and_scene_line(name):
    fault = FAULTS[name]
    failure = parse_failure((CORPUS / name).with_suffix(".traceback.txt").read_text(), "scene.py")
    assert failure.error_type == fault["error_type"]
    assert failure.line == fault.get("reported_line", fault["line"])
    assert failure.frames and all(f.file.endswith("/scene.py") and "site-packages" not in f.file
                                  for f in failure.frames)
    assert "│" not in failure.summary and "site-packages" not in failure.summary
    assert failure.summary.startswith(failure.error_type)


def test_updater_in_nested_def_keeps_the_call_path_outermost_first():
    failure = parse_failure((CORPUS / "09_updater_nested_def.traceback.txt").read_text())
    assert [(f.function, f.line) for f in failure.frames] == [("construct", 29), ("follow", 23)]
    assert failure.message == "ValueTracker object has no attribute 'value'"
    assert "construct (line 29) -> follow (line 23)" in failure.summary


def test_fault_in_a_helper_method_is_its_innermost_frame():
    failure = parse_failure((CORPUS / "25_helper_fault.traceback.txt").read_text())
    assert [f.function for f in failure.frames] == ["construct", "build_tree", "build_level"]
    assert failure.line == 15


def test_lambda_frame_is_innermost():
    failure = parse_failure((CORPUS / "08_updater_attribute.traceback.txt").read_text())
    assert failure.frames[-1] == Frame(failure.frames[-1].file, 21, "<lambda>")


def test_library_frame_named_once_without_path_noise():
    failure = parse_failure((CORPUS / "12_mathtex_no_tex.traceback.txt").read_text())
    assert "innermost library frame: subprocess.py:" in failure.summary
    assert "'latex'" in failure.message


def test_timeout_dump_is_read_most_recent_first():
    output = (CORPUS / "23_while_true.traceback.txt").read_text()
    failure = parse_failure(output)
    assert (failure.error_type, failure.line, failure.message) == ("Timeout", 23, "render timed out after 60 s")
    assert "never ends" in failure.summary


THREAD_DUMP = """Manim Community v0.22.0
Thread 0x00007f1 (most recent call first):
  File "/usr/lib/python3.11/threading.py", line 320 in wait

Current thread 0x00007fc6df449b80 (most recent call first):
  File "/work/lib/python3.11/site-packages/manim/mobject/mobject.py", line 88 in add
  File "/out/sections/03_x/scene.py", line 31 in grow
  File "/out/sections/03_x/scene.py", line 12 in construct
  File "/work/lib/python3.11/site-packages/manim/manager.py", line 193 in construct

code2video: render timed out after 90 s
"""


def test_timeout_with_several_threads_takes_the_one_in_the_scene():
    failure = parse_failure(THREAD_DUMP)
    assert failure.error_type == "Timeout" and failure.line == 31
    assert [f.function for f in failure.frames] == ["construct", "grow"]


def test_timeout_without_scene_frames_has_no_line():
    failure = parse_failure("Stack (most recent call first):\n  File \"/x/site-packages/a.py\", line 3 in f\n"
                            "code2video: render timed out after 5 s\n")
    assert (failure.error_type, failure.line, failure.frames) == ("Timeout", None, ())


PLAIN = """Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/manim/cli/render/commands.py", line 122, in render
    scene.render()
  File "/venv/lib/python3.11/site-packages/manim/scene/scene.py", line 320, in render
    return self._get_manager().render(preview)
  File "/out/sections/02_y/scene.py", line 17, in construct
    self.play(Create(axes.get_graph(f)))
  File "/out/sections/02_y/scene.py", line 40, in <lambda>
    lambda x: x ** 2 / zero
ZeroDivisionError: division by zero
"""


def test_plain_traceback_skips_manims_own_scene_py():
    failure = parse_failure(PLAIN)
    assert (failure.error_type, failure.message, failure.line) == ("ZeroDivisionError", "division by zero", 40)
    assert [f.line for f in failure.frames] == [17, 40]
    assert "line 122" not in failure.summary


CHAINED = PLAIN.replace("ZeroDivisionError: division by zero", """ZeroDivisionError: division by zero

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/out/sections/02_y/scene.py", line 25, in construct
    raise ValueError("bad shape")
ValueError: bad shape""")


def test_chained_exceptions_use_the_last_one():
    failure = parse_failure(CHAINED)
    assert (failure.error_type, failure.message, failure.line) == ("ValueError", "bad shape", 25)


def test_chained_exception_without_scene_frames_falls_back_to_the_earlier_one():
    output = PLAIN + "\nThe above exception was the direct cause of the following exception:\n\n" \
        "Traceback (most recent call last):\n  File \"/venv/site-packages/manim/x.py\", line 9, in g\n" \
        "manim.utils.SomeError: wrapped\n"
    failure = parse_failure(output)
    assert (failure.error_type, failure.line) == ("SomeError", 40)


def test_plain_syntax_error_has_no_function():
    output = ('Traceback (most recent call last):\n  File "<frozen importlib._bootstrap_external>", line 936, in exec\n'
              '  File "/tmp/s/scene.py", line 10\n    eq = Text("a"\n             ^\n'
              "SyntaxError: '(' was never closed\n")
    failure = parse_failure(output)
    assert (failure.error_type, failure.line, failure.frames[0].function) == ("SyntaxError", 10, "<module>")


WRAPPED = """\x1b[31m╭──────────────── Traceback (most recent call last) ────────────────╮\x1b[0m
│ /work/main/.venv/lib/python3.11/site-packages/manim/manager.py:193 in construct                  │
│                                                                                                  │
│ /tmp/t1/out/a-very-long-lesson-slug-about-determinants-and-areas/sections/02_computing-it-a-d-mi │
│ nus-b-c/scene.py:10 in construct                                                                 │
│                                                                                                  │
│    9 │   │   │   self.play(self.title_animation(), run_time=0.5)                                 │
│ ❱ 10 │   │   │   eq = Foo()                                                                      │
│                                                                                                  │
│ /work/main/.venv/lib/python3.11/site-packages/manim/utils/tex_file_writing.py:65 in              │
│ tex_to_svg_file                                                                                  │
╰──────────────────────────────────────────────────────────────────────────────────────────────────╯
NameError: name 'Foo' is not defined
"""


def test_rich_path_wrapped_over_two_box_lines():
    failure = parse_failure(WRAPPED)
    assert failure.line == 10
    assert failure.frames[0].file.endswith("02_computing-it-a-d-minus-b-c/scene.py")
    assert "tex_file_writing.py:65 in tex_to_svg_file" in failure.summary


def test_absolute_scene_file_is_matched_exactly():
    other = PLAIN.replace("/out/sections/02_y/scene.py\", line 40", "/elsewhere/scene.py\", line 40")
    failure = parse_failure(other, "/out/sections/02_y/scene.py")
    assert failure.line == 17


def test_no_scene_class_and_unknown_output():
    missing = parse_failure("[11/21/26] ERROR   module_ops.py:103\n   Section01 is not in the script\n")
    assert missing.error_type == "NoSceneClass" and missing.line is None
    assert parse_failure("Manim Community v0.22.0\nsegfault somewhere\n").error_type == "Unknown"


def test_is_scene_path():
    assert is_scene_path("/out/sections/01_a/scene.py")
    assert not is_scene_path("/x/.venv/lib/python3.11/site-packages/manim/scene/scene.py")
    assert not is_scene_path("/x/other.py")
