"""The puzzle kinds (parity_grid, hanoi, refraction): right content, drawn inside their frame, clean layout."""

import math

import pytest
from pydantic import ValidationError

from code2video import ir
from code2video.agents.critic import critique_layout, read_probe
from code2video.ir import hamming_syndrome
from code2video.render.kit_puzzles import (
    checked_position,
    critical_angle,
    group_checks,
    hanoi,
    hanoi_move,
    hanoi_state,
    parity_grid,
    reflectance,
    refraction,
    refraction_angle,
)
from code2video.render.media import duration
from code2video.render.renderer import run_scene
from code2video.render.template import scene_class_name, section_code
from code2video.settings import QUALITY_PRESETS


def valid_block(data: list[int]) -> list[int]:
    """An extended Hamming block carrying ``data`` in the 11 positions that are not parity bits."""
    bits = [0] * 16
    for position, bit in zip([p for p in range(16) if p & (p - 1)], data):
        bits[position] = bit
    syndrome = hamming_syndrome(bits)
    for k in (1, 2, 4, 8):
        bits[k] = 1 if syndrome & k else 0
    bits[0] = sum(bits) % 2
    return bits


BLOCK = valid_block([1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0])
VISUALS = {
    "parity_grid": {"kind": "parity_grid", "id": "grid", "bits": BLOCK, "error": 13, "area": "B2:E5"},
    "hanoi": {"kind": "hanoi", "id": "tower", "disks": 4, "start_move": 2, "moves": 6, "area": "B2:E5",
              "enter": "create"},
    "refraction": {"kind": "refraction", "id": "ray", "n1": 1.5, "n2": 1.0, "angle": 25, "sweep_to": 70,
                   "media": ["glass", "air"], "area": "B2:E5"},
}


def section(*visuals: dict) -> ir.Section:
    return ir.Section.model_validate({"id": "puzzles", "title": "Puzzles", "beats": [
        {"narration": "Watch what happens here.", "visuals": [visual]} for visual in visuals]})


# --- the teaching content (pure maths and the builders' own state, no rendering) --------------

def solve(disks: int, source: int = 0, spare: int = 1, target: int = 2) -> list[tuple[int, int, int]]:
    """The classic recursive solution, as (disk, from, to)."""
    if disks == 0:
        return []
    return [*solve(disks - 1, source, target, spare), (disks - 1, source, target),
            *solve(disks - 1, spare, source, target)]


@pytest.mark.parametrize("disks", range(1, 7))
def test_binary_counting_gives_the_recursive_solution(disks):
    assert [hanoi_move(m, disks) for m in range(1, 2 ** disks)] == solve(disks)
    assert hanoi_state(disks, 2 ** disks - 1) == [[], [], list(range(disks - 1, -1, -1))]


def test_hanoi_ends_with_the_tower_on_the_last_peg_and_the_counter_in_binary():
    tower = hanoi(disks=3).show(1.0)
    pegs_x = [tower.disk_parts[d].get_center()[0] for d in range(3)]
    heights = [tower.disk_parts[d].get_center()[1] for d in range(3)]
    assert pegs_x == pytest.approx([pegs_x[2]] * 3) and pegs_x[2] > tower.frame.get_center()[0] + 1
    assert heights[0] > heights[1] > heights[2]  # the smallest on top
    assert tower.number.original_text == "7" and "".join(b.original_text for b in tower.bits) == "111"


def test_hanoi_counter_highlights_the_bit_of_the_disk_moving():
    tower = hanoi(disks=4, start_move=4, moves=4)
    for step in range(4):
        move = 5 + step
        tower.show((step + 0.5) / 4)
        disk = hanoi_move(move, 4)[0]
        assert tower.number.original_text == str(move)
        assert "".join(b.original_text for b in tower.bits) == f"{move:04b}"
        assert [bar.get_fill_opacity() for bar in tower.bars][3 - disk] == 1.0
        assert sum(bar.get_fill_opacity() == 1.0 for bar in tower.bars) == 1
        lifted = tower.disk_parts[disk].get_center()[1]
        assert all(lifted > part.get_top()[1] for d, part in enumerate(tower.disk_parts) if d != disk)


@pytest.mark.parametrize("error", [None, *range(16)])
def test_parity_checks_locate_the_flipped_bit(error):
    received = list(BLOCK)
    if error is not None:
        received[error] ^= 1
    odd = [k for k, ones in group_checks(received) if ones % 2]
    assert checked_position(received) == sum(odd) == hamming_syndrome(received) == (error or 0)
    grid = parity_grid(BLOCK, error).show(1.0)
    shown = "".join(slot.original_text for slot in reversed(grid.syndrome))  # bit 8 first
    assert shown == f"{error or 0:04b}" and grid.total.original_text == f"= {error or 0}"
    if error is not None:
        assert grid.value.original_text == str(BLOCK[error])  # flipped back
        assert grid.show(0.5).value.original_text == str(1 - BLOCK[error])


def test_parity_group_of_a_position_follows_its_binary_digits():
    grid = parity_grid(BLOCK)
    for index, k in enumerate((1, 2, 4, 8)):
        start, end = grid._windows()[index]
        grid.show((start + end) / 2)
        lit = [p for p, cell in enumerate(grid.cells) if cell.get_fill_opacity() > 0.32]
        assert lit == [p for p in range(16) if p & k]
        assert grid.cells[k].get_stroke_width() > 4


@pytest.mark.parametrize("n1, n2, angle", [(1.0, 1.5, 30), (1.0, 1.33, 60), (1.5, 1.0, 30), (2.4, 1.0, 10)])
def test_refracted_ray_follows_snells_law(n1, n2, angle):
    theta2 = refraction_angle(n1, n2, angle)
    assert n1 * math.sin(math.radians(angle)) == pytest.approx(n2 * math.sin(math.radians(theta2)))
    ray = refraction(n1=n1, n2=n2, angle=angle)
    dx, dy, _ = ray.refracted.get_end() - ray.refracted.get_start()
    assert math.degrees(math.atan2(dx, -dy)) == pytest.approx(theta2, abs=0.01)
    assert ray.readouts[1].original_text == f"θ2 = {theta2:.0f}°"


def test_total_internal_reflection_past_the_critical_angle():
    critical = critical_angle(1.5, 1.0)
    assert critical == pytest.approx(41.81, abs=0.01) and critical_angle(1.0, 1.5) is None
    assert refraction_angle(1.5, 1.0, critical - 0.5) is not None and refraction_angle(1.5, 1.0, critical + 0.5) is None
    assert reflectance(1.0, 1.5, 0) == pytest.approx(0.04) and reflectance(1.5, 1.0, 60) == 1.0
    ray = refraction(n1=1.5, n2=1.0, angle=30, sweep_to=60)
    assert ray.refracted.get_stroke_opacity() == 1
    ray.show(1.0)
    assert ray.refracted.get_stroke_opacity() == 0 and ray.reflected.get_stroke_opacity() == 1
    assert ray.readouts[1].original_text == "total internal\nreflection" and ray.incidence(1.0) == 60


def test_light_is_slower_in_the_denser_medium():
    ray = refraction(n1=1.0, n2=2.0, angle=0)
    steps = []
    for t in (0.05, 0.07, 0.30, 0.32):  # the first pulse in medium 1, then in medium 2
        ray.show(t)
        steps.append(ray.pulses[0].get_center())
    fast = abs(steps[1][1] - steps[0][1])
    slow = abs(steps[3][1] - steps[2][1])
    assert steps[0][1] > 0 > steps[2][1] and fast == pytest.approx(2 * slow, rel=0.01)


@pytest.mark.parametrize("visual, message", [
    ({"kind": "parity_grid", "bits": [0] * 15}, "at least 16"),
    ({"kind": "parity_grid", "bits": [1] + [0] * 15}, "not a valid extended Hamming block"),
    ({"kind": "parity_grid", "bits": [0] * 16, "error": 16}, "less than or equal to 15"),
    ({"kind": "hanoi", "disks": 3, "start_move": 5, "moves": 3}, "solved in 7 moves"),
    ({"kind": "hanoi", "disks": 7}, "less than or equal to 6"),
    ({"kind": "refraction", "n1": 0.5}, "greater than or equal to 1"),
    ({"kind": "refraction", "angle": 95}, "less than or equal to 89"),
])
def test_bad_puzzles_are_rejected_with_a_clear_message(visual, message):
    with pytest.raises(ValidationError, match=message):
        section({"id": "x", **visual})


# --- rendering (subprocess scenes) ------------------------------------------------------------

INSIDE_SCENE = '''from code2video.render.kit import *

CASES = [parity_grid(BITS, 6), parity_grid(BITS), hanoi(6), hanoi(3, 2, 3, False),
         refraction(1.5, 1.0, 0, 89, ("glass", "air")), refraction(1.0, 2.4, 89), refraction(2.0, 1.0, 60)]


class Inside(LessonScene):
    def construct(self):
        for area, visual in zip(["B2:E5", "A1:F6", "C3:D4", "B1:F5", "A2:D5", "B2:E5", "D4:F6"], CASES):
            self.place_area(visual, area)
            left, bottom = visual.frame.get_corner(DL)[:2]
            right, top = visual.frame.get_corner(UR)[:2]
            before = visual.get_center().copy()
            for _ in range(2):  # a second motion replays from the start
                anim = visual.motion()
                anim.begin()
                for alpha in (0, 0.13, 0.25, 0.5, 0.61, 0.75, 0.9, 1):
                    anim.interpolate(alpha)
                    for part in visual.family_members_with_points():
                        x0, y0 = part.get_corner(DL)[:2]
                        x1, y1 = part.get_corner(UR)[:2]
                        if x0 < left - 0.01 or y0 < bottom - 0.01 or x1 > right + 0.01 or y1 > top + 0.01:
                            raise AssertionError(f"{visual.kit_kind} leaves its frame at {alpha}: {part}")
                anim.finish()
            assert np.allclose(visual.get_center(), before) and visual.revision == 2
        self.play(FadeIn(CASES[0]), run_time=0.2)
        self.play(CASES[0].motion(), run_time=0.4)
        self.play(ReplacementTransform(CASES[0], CASES[1]), run_time=0.2)
        self.play(CASES[1].motion(), run_time=0.4)
'''


@pytest.mark.slow
def test_drawings_stay_inside_their_frames_while_they_move(tmp_path):
    code = INSIDE_SCENE.replace("BITS", repr(BLOCK))
    run = run_scene(code, tmp_path, "Inside", QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
    assert run.ok, run.output[-2000:]


@pytest.mark.slow
@pytest.mark.parametrize("kind", VISUALS)
def test_template_plays_the_motion_with_a_clean_layout(kind, tmp_path):
    visual = VISUALS[kind]
    code = section_code(section(visual), 1, [6.0])
    run = run_scene(code, tmp_path, scene_class_name(1), QUALITY_PRESETS["draft"], timeout=300, dry_run=True)
    assert run.ok, run.output[-2000:]
    probe = read_probe(tmp_path / "layout.json")
    seen = [o for frame in probe.frames for o in frame.objects if o.id == visual["id"]]
    assert seen and all(o.kind == kind for o in seen)
    assert seen[-1].revision > seen[0].revision
    moving = [o.box for o in seen if o.revision > 0]
    assert moving and all(box == pytest.approx(moving[0], abs=1e-3) for box in moving)
    for height in (480, 720):
        assert [d.message for d in critique_layout(probe, pixel_height=height)] == []


@pytest.mark.slow
def test_a_section_with_every_puzzle_renders_to_the_beats_length(tmp_path):
    beats = [3.0, 3.0, 3.0]
    code = section_code(section(*VISUALS.values()), 1, beats)
    run = run_scene(code, tmp_path, scene_class_name(1), QUALITY_PRESETS["draft"], timeout=300)
    assert run.ok, run.output[-2000:]
    assert abs(duration(run.clip) - sum(beats)) <= 1.5 / QUALITY_PRESETS["draft"].fps
