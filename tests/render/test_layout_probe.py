"""The layout probe sees every visible object (named or not) with its kind, text and cells, in a dry run."""

import json

import pytest

from code2video.render.renderer import run_scene
from code2video.settings import QUALITY_PRESETS

pytestmark = pytest.mark.slow

SCENE = '''from code2video.render.kit import *


class Probe(LessonScene):
    def construct(self):
        with self.beat(2.0):
            self.play(self.title_animation("Probe"), run_time=0.5)
            law = self.name("law", formula("a^2 + b^2 = c^2"))
            self.place(law, "B2")
            note = Text("unnamed words", font_size=28)
            self.place(note, "E5")
            self.play(FadeIn(law, note), Create(self.place(Circle(radius=0.4), "C4")), run_time=0.5)
        with self.beat(1.0):
            self.play(FadeOut(note), run_time=0.3)
'''


def test_probe_reports_named_and_unnamed_objects_with_text(tmp_path):
    run = run_scene(SCENE, tmp_path, "Probe", QUALITY_PRESETS["draft"], timeout=60, dry_run=True)
    assert run.ok, run.output[-2000:]
    frames = json.loads((tmp_path / "layout.json").read_text())["frames"]
    busiest = max(frames, key=lambda f: len(f["objects"]))
    by_kind = {o["kind"]: o for o in busiest["objects"]}
    assert by_kind["formula"]["id"] == "law" and by_kind["formula"]["text"] == "a^2 + b^2 = c^2"
    assert "B2" in by_kind["formula"]["cells"] and not any(c[0] in "DEF" for c in by_kind["formula"]["cells"])
    assert by_kind["text"]["text"] == "unnamed words" and "E5" in by_kind["text"]["cells"]
    assert "C4" in by_kind["circle"]["cells"] and "text" not in by_kind["circle"]
    assert {o["id"] for o in busiest["objects"]} >= {"title", "law"}
    assert not any(o.get("text") == "unnamed words" for o in frames[-1]["objects"])  # gone after FadeOut
    assert frames[-1]["t"] == pytest.approx(3.0, abs=0.1)


def test_probe_carries_the_layout_beats_and_glyph_sizes(tmp_path):
    run_scene(SCENE, tmp_path, "Probe", QUALITY_PRESETS["draft"], timeout=60, dry_run=True)
    probe = json.loads((tmp_path / "layout.json").read_text())
    assert probe["layout"]["title_band"] == [3.0, 4.0] and probe["layout"]["pixel_height"] == 480
    assert [f["beat"] for f in probe["frames"]][0] == 1 and probe["frames"][-1]["beat"] == 2
    words = next(o for f in probe["frames"] for o in f["objects"] if o.get("text") == "unnamed words")
    assert 0.1 < words["glyph_height"] < 0.4  # font size 28: glyphs about a quarter unit tall
