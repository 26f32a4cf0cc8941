"""The moving plot kinds (linear_map, tangent, series, descent): their maths, their IR checks,
the template path under the layout probe, their drawing staying in the frame, and a real render."""

import numpy as np
import pytest

from code2video import ir
from code2video.agents.critic import critique_layout, read_probe
from code2video.render.kit_plots import (
    contour_levels,
    derivative,
    descent_path,
    ellipse,
    grid_reach,
    grid_segments,
    inside_runs,
    matrix_at,
    partial_sums,
    secant_slope,
)
from code2video.render.media import duration
from code2video.render.renderer import run_scene
from code2video.render.template import scene_class_name, section_code
from code2video.settings import QUALITY_PRESETS

BOX = (-4.0, -3.0, 4.0, 3.0)


# --- the maths -----------------------------------------------------------------------------------

def test_the_map_goes_from_identity_to_the_matrix():
    m = [[3, 1], [1, 2]]
    assert np.allclose(matrix_at(m, 0), np.eye(2)) and np.allclose(matrix_at(m, 1), m)
    assert np.allclose(matrix_at(m, 0.5), [[2, 0.5], [0.5, 1.5]])


def test_grid_lines_are_images_of_the_integer_grid_clipped_to_the_window():
    m = np.array([[1.0, 1.0], [0.0, 1.0]])  # a shear: vertical lines x = k lean over
    reach = grid_reach(m, BOX, 1.0)
    segments = grid_segments(m, BOX, 1.0, reach)
    assert len(segments) == 2 * (2 * reach + 1)
    inverse = np.linalg.inv(m)
    for index, segment in enumerate(segments):
        if segment is None:
            continue
        axis, k = divmod(index, 2 * reach + 1)
        for end in segment:
            assert BOX[0] - 1e-9 <= end[0] <= BOX[2] + 1e-9 and BOX[1] - 1e-9 <= end[1] <= BOX[3] + 1e-9
            assert (inverse @ end)[axis] == pytest.approx(k - reach)  # on the image of x (or y) = k
    horizontal = [s for s in segments[2 * reach + 1:] if s is not None]
    assert len(horizontal) == 7  # y = -3 .. 3 stay horizontal under a shear


def test_a_shrinking_map_brings_far_grid_lines_into_the_window():
    assert grid_reach(np.eye(2) * 0.5, BOX, 1.0) >= 8  # the window's corner (4, 3) comes from (8, 6)


def test_curves_are_cut_where_they_leave_the_window_and_end_on_its_edge():
    xs = np.linspace(-4, 4, 81)
    runs = inside_runs(np.column_stack([xs, xs ** 2 / 2 - 2]), BOX)  # leaves through the top at x = +-sqrt(10)
    assert len(runs) == 1
    assert runs[0][0] == pytest.approx([-np.sqrt(10), 3], abs=0.02) and runs[0][-1][1] == pytest.approx(3)
    gaps = inside_runs(np.column_stack([xs, np.where(np.abs(xs) < 1, np.nan, 0.0)]), BOX)
    assert len(gaps) == 2  # undefined values split the curve


def test_slopes_are_secants_that_become_the_derivative():
    assert secant_slope(lambda x: x ** 2, 1.0, 0.5) == pytest.approx(2.5)
    assert secant_slope(lambda x: x ** 2, 1.0, 0.0) == pytest.approx(2.0)
    assert derivative(np.sin, 0.3) == pytest.approx(np.cos(0.3), abs=1e-8)


def test_partial_sums_add_the_terms_in_turn():
    xs = np.linspace(-1, 1, 5)
    sums = partial_sums([lambda x: 1, lambda x: x, lambda x: x ** 2 / 2], xs)
    assert np.allclose(sums[0], 1) and np.allclose(sums[1], 1 + xs) and np.allclose(sums[2], 1 + xs + xs ** 2 / 2)


def test_contours_are_level_sets_that_reach_out_to_the_window():
    levels = contour_levels((1.0, 4.0), BOX)
    assert levels == sorted(levels) and len(levels) == 6
    for level in levels:
        x, y = ellipse((1.0, 4.0), level).T
        assert np.allclose(x ** 2 + 4 * y ** 2, level)
    assert levels[-1] < 1 * 4 ** 2 + 4 * 3 ** 2  # the largest still shows inside the far corner


def test_the_descent_path_is_the_irs():
    visual = ir.DescentVisual(id="d", curvature=(1, 3), start=(-3, 2), learning_rate=0.1, steps=5)
    path = descent_path((1, 3), (-3, 2), 0.1, 5)
    assert path == visual.path() and len(path) == 6
    assert path[1] == pytest.approx((-3 + 0.1 * 2 * 3, 2 - 0.1 * 2 * 3 * 2))


# --- IR checks ----------------------------------------------------------------------------------

@pytest.mark.parametrize("visual, message", [
    ({"kind": "linear_map", "matrix": [[3, 0], [0, 1]], "vectors": [{"coords": [2, 0]}]}, "outside the view"),
    ({"kind": "tangent", "expr": "x**2", "start": 5}, "outside x_range"),
    ({"kind": "tangent", "expr": "__import__('os')", "start": 0}, "calls something other than"),
    ({"kind": "series", "target": "exp(x)", "terms": ["1", "x"], "labels": ["one"]}, "one label per partial sum"),
    ({"kind": "series", "target": "exp(x)", "terms": ["1"]}, "at least 2"),
    ({"kind": "descent", "learning_rate": 0.3}, "leaves the view"),
    ({"kind": "descent", "curvature": [1, 0]}, "curvatures must be > 0"),
    ({"kind": "descent", "x_range": [2, -2, 1]}, "min < max"),
])
def test_bad_plot_visuals_are_rejected_with_a_clear_message(visual, message):
    with pytest.raises(ValueError, match=message):
        ir.Section.model_validate({"id": "s", "title": "T", "beats": [
            {"narration": "Look.", "visuals": [{"id": "v", **visual}]}]})


# --- scenes -------------------------------------------------------------------------------------

VISUALS = [
    {"id": "shear", "kind": "linear_map", "matrix": [[1, 1], [0, 1]], "area": "A1:F6",
     "vectors": [{"coords": [1, 0], "label": "i"}, {"coords": [0, 1], "color": "green", "label": "j"}],
     "polygons": [{"points": [[0, 0], [1, 0], [1, 1], [0, 1]], "label": "area 1"}], "spans": [[1, 0]]},
    {"id": "slope", "kind": "tangent", "expr": "x**2 / 2", "start": 1.5, "end": -2, "secant": 1.2,
     "x_range": [-3, 3, 1], "y_range": [-1, 5, 1], "x_label": "x", "y_label": "f(x)", "area": "A1:F6"},
    {"id": "taylor", "kind": "series", "target": "sin(x)", "terms": ["x", "-x**3/6", "x**5/120"],
     "x_range": [-6, 6, 1], "y_range": [-2, 2, 1], "area": "A1:F6"},
    {"id": "valley", "kind": "descent", "steps": 8, "area": "A1:F6"},
]


def _section() -> ir.Section:
    beats = [{"narration": f"Watch the {v['kind'].replace('_', ' ')} move now.", "visuals": [v],
              "remove": [VISUALS[i - 1]["id"]] if i else []} for i, v in enumerate(VISUALS)]
    return ir.Section.model_validate({"id": "plots", "title": "Moving plots", "beats": beats})


@pytest.mark.slow
def test_the_template_plays_each_kind_cleanly_under_the_probe(tmp_path):
    run = run_scene(section_code(_section(), 1, [3.0] * len(VISUALS)), tmp_path, scene_class_name(1),
                    QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
    assert run.ok, run.output[-2000:]
    probe = read_probe(tmp_path / "layout.json")
    for visual in VISUALS:
        seen = [o for frame in probe.frames for o in frame.objects if o.kind == visual["kind"]]
        assert seen, visual["kind"]
        assert max(o.revision for o in seen) > min(o.revision for o in seen)  # the motion counted
        assert len({o.box for o in seen if o.revision > 0}) == 1  # the box stays put while it moves
    for height in (480, 720):
        assert critique_layout(probe, pixel_height=height) == []


INSIDE_SCENE = '''from code2video.render.kit import *


def check_inside(v, where):
    left, bottom = v.frame.get_corner(DL)[:2] - 1e-3
    right, top = v.frame.get_corner(UR)[:2] + 1e-3
    for part in v.get_family()[1:]:
        if len(part.points) and (part.get_stroke_opacity() > 0 or part.get_fill_opacity() > 0):
            (x0, y0), (x1, y1) = part.get_corner(DL)[:2], part.get_corner(UR)[:2]
            assert left <= x0 and x1 <= right and bottom <= y0 and y1 <= top, (where, type(part).__name__)


class Inside(LessonScene):
    def construct(self):
        m = np.array([[2.0, 1.0], [0.0, 1.5]])  # not symmetric, so M and its transpose differ
        visuals = [
            linear_map(x_range=(-4, 4, 1), y_range=(-3, 3, 1), matrix=m, spans=[(1, 1), (1, -1)],
                       vectors=[{"coords": (1.0, 1.0), "label": "v"}, (1.0, -1.0)],
                       polygons=[{"points": [(0, 0), (1, 0), (1, 1), (0, 1)], "label": "det"}]),
            tangent(x_range=(-3, 3, 1), y_range=(-1, 4, 1), expr=lambda x: np.exp(x) / 3, start=-2.0, end=2.5,
                    secant=2.0, x_label="x", y_label="y"),
            tangent(x_range=(-3, 3, 1), y_range=(-2, 2, 1), expr=lambda x: np.sin(x), start=0.5),
            series(x_range=(-5, 5, 1), y_range=(-2, 3, 1), target=lambda x: np.exp(x / 2),
                   terms=[lambda x: 1, lambda x: x / 2, lambda x: x ** 2 / 8, lambda x: x ** 3 / 48]),
            descent(x_range=(-2, 5, 1), y_range=(-1, 3, 1), curvature=(0.5, 2.0), start=(4.5, 2.5), steps=6),
        ]
        lm, tan, still, ser, des = visuals
        for v in visuals:
            self.place_area(v, "B2:E5")
            anim = v.motion()
            anim.begin()
            for alpha in (0, 0.25, 0.5, 0.75, 1):
                anim.interpolate(alpha)
                check_inside(v, (v.kit_kind, alpha))
            anim.finish()
            v.motion()  # a second motion is fine
        # linear_map: the vectors' tips and the square's corners end at their images under M
        for arrow, coords in zip(lm.arrows, [(1.0, 1.0), (1.0, -1.0)]):
            assert np.allclose(arrow.get_end(), lm.c2p(*(m @ coords)), atol=1e-6)
        corners = lm.shapes[0].get_vertices()[:4]
        assert np.allclose(corners[2], lm.c2p(3, 1.5), atol=1e-6)  # (1, 1) went to M (1, 1)
        # tangent: the drawn line's slope equals f'(end), the dot sits on the curve
        start, end = tan.line.get_start(), tan.line.get_end()
        sx, sy = tan.plot_size[0] / 6, tan.plot_size[1] / 5
        slope = (end[1] - start[1]) / sy / ((end[0] - start[0]) / sx)
        assert abs(slope - np.exp(2.5) / 3) < 1e-3 * np.exp(2.5), slope
        assert np.allclose(tan.dot.get_center(), tan.c2p(2.5, np.exp(2.5) / 3), atol=1e-6)
        assert tan.readout_slot[0].original_text == f"slope = {np.exp(2.5) / 3:.2f}"
        # series: the last curve is the full partial sum
        xs = np.linspace(-5, 5, 9)
        full = 1 + xs / 2 + xs ** 2 / 8 + xs ** 3 / 48
        points = ser.curve.points
        for x, y in zip(xs, full):
            if -2 < y < 3:
                nearest = points[np.argmin(np.abs(points[:, 0] - ser.c2p(x, 0)[0]))]
                assert abs(nearest[1] - ser.c2p(x, y)[1]) < 0.02, (x, y)
        # descent: the marks sit on the path, the ball at its end
        path = ir.DescentVisual(id="d", x_range=(-2, 5, 1), y_range=(-1, 3, 1), curvature=(0.5, 2.0),
                                start=(4.5, 2.5), steps=6).path()
        for mark, point in zip(des.marks, path[1:]):
            assert np.allclose(mark.get_center(), des.c2p(*point), atol=1e-6)
        assert np.allclose(des.ball.get_center(), des.c2p(*path[-1]), atol=1e-6)
        with self.beat(1.0):
            self.add(*visuals)
'''


@pytest.mark.slow
def test_the_drawings_stay_in_their_frames_and_teach_the_right_numbers(tmp_path):
    source = "from code2video import ir\n" + INSIDE_SCENE
    run = run_scene(source, tmp_path, "Inside", QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
    assert run.ok, run.output[-3000:]


@pytest.mark.slow
def test_a_section_with_every_plot_kind_renders(tmp_path):
    durations = [2.2] * len(VISUALS)
    run = run_scene(section_code(_section(), 1, durations), tmp_path, scene_class_name(1),
                    QUALITY_PRESETS["draft"], timeout=300)
    assert run.ok and run.clip, run.output[-2000:]
    assert abs(duration(run.clip) - sum(durations)) <= 1.5 / QUALITY_PRESETS["draft"].fps
