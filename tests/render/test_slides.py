"""Slides (paper mode): the full-width grid, pictures and bullets, and the cursor that follows the talk."""

import ast
import json
import re

import pytest
from PIL import Image, ImageDraw

from code2video.agents.critic import critique_layout, read_probe
from code2video.ir import Section
from code2video.render.media import duration
from code2video.render.renderer import run_scene
from code2video.render.template import section_code
from code2video.settings import QUALITY_PRESETS

LESSON_GRID_WIDTH = 6.85 - -2.45  # the kit's VISUAL_X


def slide_section() -> Section:
    """Bullets on the left, a picture and a missing picture on the right; the cursor walks 1 -> 2 -> picture."""
    return Section.model_validate({
        "id": "method", "title": "Method overview", "layout": "slide", "assets": ["fig.png", "gone.png"],
        "beats": [
            {"narration": "First we encode every input token with a small network.", "visuals": [
                {"kind": "bullets", "id": "points", "area": "A1:F3", "items": [
                    "Encode every token with a small shared network", "Pool the codes into one vector",
                    "Decode the answer"]},
                {"kind": "image", "id": "fig", "path": "fig.png", "caption": "Figure 1: the pipeline", "area": "A4:C6"},
                {"kind": "image", "id": "gone", "path": "gone.png", "caption": "Figure 2",
                 "alt": "Accuracy per model size", "area": "D4:F6"}],
             "focus": [{"target": "points", "item": 1, "word": 2}]},
            {"narration": "Then the codes are pooled into one vector.",
             "focus": [{"target": "points", "item": 2, "word": 3}]},
            {"narration": "Figure one shows the whole pipeline at a glance.", "focus": [{"target": "fig", "word": 0}]},
        ]})


def beat_body(code: str, number: int) -> list[str]:
    """The stripped lines inside beat ``number``'s ``with self.beat(...)`` block."""
    blocks = re.split(r"^\s*# Beat \d+ .*$", code, flags=re.MULTILINE)[1:]
    return [line.strip() for line in blocks[number - 1].strip().splitlines()[1:]]


def seconds(line: str, call: str) -> float:
    return float(re.search(rf"{call}\(?.*?([0-9.]+)\)$", line).group(1))


def test_a_slide_section_is_a_slide_scene_and_a_lesson_stays_a_lesson_scene(short_lesson):
    slide = section_code(slide_section(), 1, [4.0, 3.0, 3.0])
    lesson = section_code(short_lesson.sections[0], 1, [3.0, 3.0])
    bases = [[b.id for b in n.bases] for code in (slide, lesson) for n in ast.parse(code).body
             if isinstance(n, ast.ClassDef)]
    assert bases == [["SlideScene"], ["LessonScene"]]
    assert "self.focus(" not in lesson and "self.until(" not in lesson
    assert "image('assets/fig.png', caption='Figure 1: the pipeline', alt='')" in slide
    assert "bullets(['Encode every token" in slide and "max_scale=1.3" in slide


def test_the_entrances_come_first_then_the_cursor():
    body = beat_body(section_code(slide_section(), 1, [4.0, 3.0, 3.0]), 1)
    plays = [line for line in body if line.startswith("self.play(")]
    assert "self.focus(v['points'], 1)" in plays[-1]
    assert all("focus" not in line for line in plays[:-1]) and len(plays) == 5  # title, 3 visuals, cursor


def test_the_cursor_arrives_at_its_word_by_the_narrators_timings():
    starts = [[0.1 * i for i in range(10)], [0.0, 0.3, 0.6, 1.4, 1.8, 2.0, 2.2, 2.4], [0.2 * i for i in range(9)]]
    body = beat_body(section_code(slide_section(), 1, [4.0, 3.0, 3.0], starts), 2)
    assert body[0].startswith("self.until(") and body[1].startswith("self.play(self.focus(v['points'], 2)")
    assert seconds(body[0], "self.until") + seconds(body[1], "run_time=") == pytest.approx(1.4)  # word 3


def test_without_timings_the_word_is_placed_by_its_index():
    body = beat_body(section_code(slide_section(), 1, [4.0, 3.2, 3.0]), 2)
    arrival = 3.2 * 3 / 8  # word 3 of 8 words
    assert seconds(body[0], "self.until") + seconds(body[1], "run_time=") == pytest.approx(arrival, abs=0.001)


def test_timings_that_do_not_match_the_words_fall_back_to_the_estimate():
    estimated = section_code(slide_section(), 1, [4.0, 3.2, 3.0])
    assert section_code(slide_section(), 1, [4.0, 3.2, 3.0], [[0.0], [0.0, 0.1], []]) == estimated


def test_a_late_word_is_clamped_so_the_beat_never_overruns():
    section = slide_section()
    section.beats[1].focus.append(section.beats[1].focus[0].model_copy(update={"item": 3, "word": 7}))
    body = beat_body(section_code(section, 1, [4.0, 1.5, 3.0], [[], [0.1 * i for i in range(7)] + [1.49], []]), 2)
    moves = [line for line in body if "self.focus" in line]
    untils = [seconds(line, "self.until") for line in body if line.startswith("self.until(")]
    assert len(moves) == 2 and untils[-1] + seconds(moves[-1], "run_time=") < 1.5


def test_word_starts_must_match_the_beats():
    with pytest.raises(ValueError, match="3 beats"):
        section_code(slide_section(), 1, [4.0, 3.0, 3.0], [[0.0]])


def test_removing_the_marked_visual_takes_the_cursor_with_it():
    section = slide_section()
    section.beats[2].focus = []
    section.beats[2].remove = ["points"]
    body = beat_body(section_code(section, 1, [4.0, 3.0, 3.0]), 3)
    assert body[0].startswith("self.play(FadeOut(v['points']), self.unfocus()")


def write_figure(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.new("RGBA", (320, 200), (0, 0, 0, 0))  # transparent: the kit puts it on white
    draw = ImageDraw.Draw(picture)
    draw.rectangle([20, 20, 300, 180], outline=(0, 0, 0, 255), width=6)
    draw.line([20, 180, 300, 20], fill=(200, 0, 0, 255), width=6)
    picture.save(path)


def last_frame_of(frames, beat):
    return [f for f in frames if f["beat"] == beat][-1]


def contains(outer, inner, tolerance=1e-3):
    return (outer[0] <= inner[0] + tolerance and outer[1] <= inner[1] + tolerance
            and outer[2] >= inner[2] - tolerance and outer[3] >= inner[3] - tolerance)


@pytest.mark.slow
def test_a_slide_renders_with_its_pictures_and_a_cursor_that_follows_the_talk(tmp_path):
    folder = tmp_path / "slide"
    write_figure(folder / "assets" / "fig.png")  # gone.png stays missing: a placeholder, not a crash
    beats = [2.4, 1.6, 1.6]
    run = run_scene(section_code(slide_section(), 1, beats), folder, "Section01", QUALITY_PRESETS["draft"], timeout=120)
    assert run.ok, run.output[-2000:]
    assert abs(duration(run.clip) - sum(beats)) <= 1.5 / QUALITY_PRESETS["draft"].fps
    probe = json.loads((folder / "layout.json").read_text())
    assert probe["layout"]["visual_x"] == [-6.85, 6.85] and probe["layout"]["column_x"] == [-6.85, -6.85]
    frames = probe["frames"]
    objects = [{o["id"]: o for o in last_frame_of(frames, beat)["objects"]} for beat in (1, 2, 3)]
    points, fig = objects[0]["points"], objects[0]["fig"]
    assert "Figure missing" in objects[0]["gone"]["text"] and "Accuracy per model size" in objects[0]["gone"]["text"]
    marked = [(o["cursor"]["target"]["id"], o["cursor"]["target"]["item"]) for o in objects]
    assert marked == [("points", 1), ("points", 2), ("fig", None)]
    for beat in objects:
        assert beat["cursor"]["kind"] == "highlight" and contains(beat["cursor"]["box"], beat["cursor"]["target"]["box"])
    first, second = (o["cursor"]["target"]["box"] for o in objects[:2])
    assert contains(points["box"], first) and contains(points["box"], second)
    assert first[3] == pytest.approx(points["box"][3], abs=0.01) and second[3] < first[1]  # item 1 on top, 2 below
    assert contains(objects[2]["cursor"]["box"], fig["box"])
    assert critique_layout(read_probe(folder / "layout.json")) == []


@pytest.mark.slow
def test_the_slide_grid_spans_the_full_width_and_an_unreadable_picture_is_a_placeholder(tmp_path):
    folder = tmp_path / "wide"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "broken.png").write_bytes(b"not a picture at all")
    section = Section.model_validate({
        "id": "wide", "title": "Wide", "layout": "slide", "assets": ["broken.png"], "beats": [
            {"narration": "Wide points.", "visuals": [{"kind": "bullets", "id": "box", "area": "A1:F6", "items": [
                "A point long enough to need the whole width of a slide to stay on one line", "And a second point"]}]},
            {"narration": "A broken picture.", "remove": ["box"], "visuals": [
                {"kind": "image", "id": "pic", "path": "broken.png", "alt": "a plot", "area": "A1:F6"}]}]})
    run = run_scene(section_code(section, 1, [1.0, 1.0]), folder, "Section01", QUALITY_PRESETS["draft"],
                    timeout=120, dry_run=True)
    assert run.ok, run.output[-2000:]
    frames = json.loads((folder / "layout.json").read_text())["frames"]
    box = {o["id"]: o for o in last_frame_of(frames, 1)["objects"]}["box"]["box"]
    assert box[2] - box[0] > LESSON_GRID_WIDTH + 1
    picture = {o["id"]: o for o in last_frame_of(frames, 2)["objects"]}["pic"]
    assert picture["text"].startswith("Figure missing")


KIT_SCENE = '''from code2video.render.kit import *


class KitSlide(SlideScene):
    section_title = "Results"

    def construct(self):
        with self.beat(2.0):
            self.play(self.title_animation(), *self.caption_animation("no column on a slide"), run_time=0.4)
            grid = self.name("grid", self.place_area(table(["model", "score"], [["small", "1"], ["large", "2"]]),
                                                     "A1:F3", max_scale=1.0))
            self.play(FadeIn(grid), run_time=0.4)
            self.until(1.2)
            self.play(self.focus(grid, 2), run_time=0.4)
        with self.beat(1.0):
            self.play(FadeOut(grid), self.unfocus(), run_time=0.4)
'''


@pytest.mark.slow
def test_the_cursor_marks_a_table_row_and_leaves_with_it(tmp_path):
    run = run_scene(KIT_SCENE, tmp_path, "KitSlide", QUALITY_PRESETS["draft"], timeout=60, dry_run=True)
    assert run.ok, run.output[-2000:]
    frames = json.loads((tmp_path / "layout.json").read_text())["frames"]
    marked = next(f for f in frames if any(o["id"] == "cursor" for o in f["objects"]))
    objects = {o["id"]: o for o in marked["objects"]}
    assert marked["t"] == pytest.approx(1.6, abs=0.07)  # until(1.2), then a 0.4 s glide
    row = objects["cursor"]["target"]["box"]
    table_box = objects["grid"]["box"]
    assert objects["cursor"]["target"]["item"] == 2 and contains(table_box, row)
    assert row[3] < (table_box[1] + table_box[3]) / 2  # data row 2 is the bottom row (the header is not counted)
    assert not any(o["id"].startswith("caption-") for f in frames for o in f["objects"])
    assert {o["id"] for o in frames[-1]["objects"]} == {"title"}
