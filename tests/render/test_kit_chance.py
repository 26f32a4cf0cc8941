"""The chance kinds (area_split, histogram, attention): their maths, their pictures, their motion in a scene."""

from math import comb

import numpy as np
import pytest
from pydantic import ValidationError

from code2video import ir
from code2video.agents.critic import critique_layout, read_probe
from code2video.render.kit_chance import (
    area_split,
    attention,
    histogram,
    histogram_bars,
    nice_ticks,
    stage_progress,
    strongest_keys,
    sum_distribution,
    two_digits,
)
from code2video.render.media import duration
from code2video.render.renderer import run_scene
from code2video.render.template import scene_class_name, section_code
from code2video.settings import QUALITY_PRESETS

WEIGHTS = [[0.7, 0.1, 0.1, 0.1], [0.2, 0.6, 0.1, 0.1], [0.1, 0.5, 0.3, 0.1], [0.05, 0.15, 0.6, 0.2]]
SECTION = {"id": "chance", "title": "Pictures of chance", "beats": [
    {"narration": "One in a hundred people has the disease, and the test is good but not perfect.",
     "visuals": [{"id": "bayes", "kind": "area_split", "area": "B2:E5", "prior": 0.01, "likelihood": 0.9,
                  "false_alarm": 0.09, "hypothesis": "sick", "evidence": "positive"}]},
    {"narration": "Add more dice and the shape of the sum turns into a bell.", "remove": ["bayes"],
     "visuals": [{"id": "dice", "kind": "histogram", "area": "B2:E5", "counts": [1, 2, 5, 30]}]},
    {"narration": "Count heads in many coin flips.", "remove": ["dice"],
     "visuals": [{"id": "coins", "kind": "histogram", "area": "B2:E5", "faces": [0, 1], "counts": [1, 4, 20],
                  "standardize": False, "color": "green"}]},
    {"narration": "Each word looks at the words it needs.", "remove": ["coins"],
     "visuals": [{"id": "heads", "kind": "attention", "area": "B2:E5", "tokens": ["the", "cat", "sat", "down"],
                  "weights": WEIGHTS}]},
]}
KINDS = {"bayes": "area_split", "dice": "histogram", "coins": "histogram", "heads": "attention"}


# --- the maths, in process ---------------------------------------------------------------------

def shown(mobj) -> float:
    """How visible ``mobj`` is: the highest opacity of its drawn parts."""
    return max(max(p.get_fill_opacity(), p.get_stroke_opacity()) for p in mobj.family_members_with_points())


def test_the_sum_of_coin_flips_is_binomial():
    values, pmf, step = sum_distribution([0, 1], [0.3, 0.7], 6)
    assert step == 1 and list(values) == list(range(7))
    assert np.allclose(pmf, [comb(6, k) * 0.7 ** k * 0.3 ** (6 - k) for k in range(7)])


@pytest.mark.parametrize("faces, weights, draws", [([1, 2, 3, 4, 5, 6], [1 / 6] * 6, 30), ([0, 2, 10], [0.5, 0.3, 0.2], 5)])
def test_standardized_bars_have_area_one_mean_zero_and_sd_one(faces, weights, draws):
    left, right, height = histogram_bars(faces, weights, draws, standardize=True)
    area, middle = (right - left) * height, (left + right) / 2
    assert area.sum() == pytest.approx(1)
    assert middle @ area == pytest.approx(0, abs=1e-9)
    assert (middle ** 2) @ area == pytest.approx(1)


def test_raw_bars_are_the_sums_probabilities_with_the_right_mean_and_variance():
    left, right, height = histogram_bars([1, 2, 3, 4, 5, 6], [1 / 6] * 6, 5, standardize=False)
    sums = (left + right) / 2
    assert sums[0] == 5 and sums[-1] == 30 and height.sum() == pytest.approx(1)
    assert sums @ height == pytest.approx(17.5)
    assert ((sums - 17.5) ** 2) @ height == pytest.approx(5 * 35 / 12)


def test_two_digits_and_ticks_and_stages():
    assert two_digits(0.0917) == "0.092" and two_digits(0.5) == "0.5" and two_digits(0.9996) == "0.9996"
    assert nice_ticks(-4, 4, 1) == [-4, -2, 0, 2, 4]
    assert nice_ticks(29.5, 180.5, 1, 4) == [50, 100, 150]
    assert stage_progress(0, 3) == [0, 0, 0] and stage_progress(1, 3) == [1, 1, 1]
    middle = stage_progress(0.5, 2)
    assert middle[0] == 1 and 0 <= middle[1] < 1


def test_area_split_shows_the_posterior_and_the_likelihood_strips():
    v = area_split(prior=0.01, likelihood=0.9, false_alarm=0.09)
    v.show(1.0)
    expected = 0.01 * 0.9 / (0.01 * 0.9 + 0.99 * 0.09)
    readout = float(v.posterior_text.original_text.split("=")[-1])
    assert readout == pytest.approx(expected, rel=0.01) and shown(v.posterior_text) == 1
    side = v.square.height
    assert v.hits[0].height / side == pytest.approx(0.9, abs=0.01)
    assert v.hits[1].height / side == pytest.approx(0.09, abs=0.01)
    v.show(0.0)
    assert shown(v.hits) == 0 and shown(v.posterior_text) == 0


def test_attention_cells_fill_to_the_weights_row_by_row():
    v = attention(tokens=["the", "cat", "sat", "down"], weights=WEIGHTS)
    opacities = lambda: np.array([cell.get_fill_opacity() for cell in v.cells]).reshape(4, 4)
    assert not opacities().any()
    v.show(0.3)
    assert opacities()[0] == pytest.approx(WEIGHTS[0]) and not opacities()[2:].any()
    v.show(1.0)
    assert opacities() == pytest.approx(np.array(WEIGHTS))
    assert strongest_keys(WEIGHTS) == [0, 1, 1, 2]


def test_histogram_ends_with_the_last_count_and_replays_from_the_first():
    v = histogram(faces=[0, 1], counts=[1, 4, 20], standardize=False)
    tall = lambda: sum(bar.height > 1e-3 for bar in v.bars)
    assert tall() == 2
    v.show(1.0)
    assert tall() == len(v.shapes[-1][v.shapes[-1][:, 2] > 0])
    assert shown(v.names[-1]) == 1 and shown(v.names[0]) == 0
    v.motion().interpolate(0)
    assert tall() == 2 and shown(v.names[0]) == 1


def test_histogram_names_its_axis():
    texts = lambda v: {m.original_text for m in v.get_family() if hasattr(m, "original_text")}
    assert "number of heads" in texts(histogram(faces=[0, 1], counts=[3], standardize=False, x_label="number of heads"))
    assert "sum of the draws" in texts(histogram(faces=[0, 1], counts=[3], standardize=False))


@pytest.mark.parametrize("visual, message", [
    ({"kind": "area_split", "prior": 0, "likelihood": 0.9, "false_alarm": 0.1}, "strictly between 0 and 1"),
    ({"kind": "area_split", "prior": 0.1, "likelihood": 1.5, "false_alarm": 0.1}, "strictly between 0 and 1"),
    ({"kind": "histogram", "counts": [1, 500]}, "1-200 draws"),
    ({"kind": "histogram", "counts": [1], "faces": [0, 1], "weights": [0.5, 0.6]}, "not 1"),
    ({"kind": "histogram", "counts": [1], "faces": [1, 1]}, "distinct"),
    ({"kind": "attention", "tokens": ["a", "b"], "weights": [[1.0]]}, "2 x 2"),
    ({"kind": "attention", "tokens": ["a", "b"], "weights": [[0.5, 0.2], [0.5, 0.5]]}, "sum to 1"),
])
def test_ir_rejects_bad_chance_visuals(visual, message):
    with pytest.raises(ValidationError, match=message):
        ir.Beat.model_validate({"narration": "words", "visuals": [{"id": "v", **visual}]})


# --- in a scene --------------------------------------------------------------------------------

FRAME_SCENE = '''from code2video.render.kit import *


def inside(v):
    left, bottom = v.frame.get_corner(DL)[:2]
    right, top = v.frame.get_corner(UR)[:2]
    for part in v.family_members_with_points():
        if part is v.frame or max(part.get_fill_opacity(), part.get_stroke_opacity()) == 0:
            continue
        (x0, y0), (x1, y1) = part.get_corner(DL)[:2], part.get_corner(UR)[:2]
        if x0 < left - 0.02 or y0 < bottom - 0.02 or x1 > right + 0.02 or y1 > top + 0.02:
            raise AssertionError(f"{v.kit_kind}: a {type(part).__name__} leaves the frame")


class Frames(LessonScene):
    def construct(self):
        for v in [area_split(prior=0.01, likelihood=0.9, false_alarm=0.99, hypothesis="disease"),
                  area_split(prior=0.97, likelihood=0.02, false_alarm=0.5),
                  histogram(counts=[1, 3, 30, 200]), histogram(faces=[0, 1], weights=[0.9, 0.1], counts=[1, 50]),
                  histogram(faces=[-1, 1], counts=[10], standardize=False),
                  attention(tokens=["a", "longer", "sentence", "of", "several", "tokens", "to", "fit"],
                            weights=[[1 / 8] * 8] * 8)]:
            self.place_area(v, "A2:F6")
            self.add(v)
            for _ in range(2):
                anim = v.motion()
                anim.begin()
                for alpha in (0, 0.25, 0.5, 0.75, 1):
                    anim.interpolate(alpha)
                    inside(v)
                anim.finish()
            self.play(v.motion(), run_time=0.5)
            self.remove(v)
'''


@pytest.mark.slow
def test_the_drawing_stays_inside_the_frame_while_it_moves(tmp_path):
    run = run_scene(FRAME_SCENE, tmp_path, "Frames", QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
    assert run.ok, run.output[-3000:]


@pytest.mark.slow
def test_the_template_plays_them_with_a_steady_box_and_a_clean_layout(tmp_path):
    section = ir.Section.model_validate(SECTION)
    code = section_code(section, 1, [4.0] * len(section.beats))
    run = run_scene(code, tmp_path, scene_class_name(1), QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
    assert run.ok, run.output[-3000:]
    probe = read_probe(tmp_path / "layout.json")
    for key, kind in KINDS.items():
        seen = [o for frame in probe.frames for o in frame.objects if o.id == key]
        assert seen and {o.kind for o in seen} == {kind}
        assert seen[-1].revision > seen[0].revision
        assert all(np.allclose(o.box, seen[0].box, atol=1e-3) for o in seen)
    for height in (480, 720):
        assert critique_layout(probe, pixel_height=height) == []


@pytest.mark.slow
def test_a_real_draft_render_lasts_as_long_as_its_beats(tmp_path):
    section = ir.Section.model_validate(SECTION)
    beats = [1.6, 2.0, 1.8, 2.2]
    run = run_scene(section_code(section, 1, beats), tmp_path, scene_class_name(1), QUALITY_PRESETS["draft"],
                    timeout=300)
    assert run.ok and run.clip is not None, run.output[-3000:]
    assert abs(duration(run.clip) - sum(beats)) <= 1.5 / QUALITY_PRESETS["draft"].fps
