"""Moving visuals for three puzzles of the lessons: a Hamming parity grid, the Towers of Hanoi, refraction.

Each builder is named like its IR kind and takes the IR model's fields. The drawing is a set of
parts made once; ``_pose(t)`` puts them where they belong at time ``t`` of the motion (0 is the
state shown before it), so a frame only moves shapes and swaps cached Text. Every ``motion()``
replays from that start state.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    Arc,
    Circle,
    DashedLine,
    Dot,
    Line,
    Rectangle,
    RoundedRectangle,
    Square,
    Text,
    Triangle,
    VGroup,
    VMobject,
    smooth,
)

from code2video.ir import hamming_syndrome
from code2video.render.kit_mobjects import kit_color
from code2video.render.kit_motion import Moving, mix, plain_text, ramp

GROUPS = (1, 2, 4, 8)


class _Slot(VGroup):
    """Room for one of several texts at a time, shown by copying its glyphs into a fixed set of shapes.

    A play draws the parts its mobject had when it began, so texts cannot be added or removed
    during a motion; copying the outlines of cached Text keeps the parts the same and is cheap.
    """

    def __init__(self, *texts: Text, capacity: int = 0) -> None:
        capacity = max([capacity, *(len(t.family_members_with_points()) for t in texts)])
        super().__init__(*[VMobject() for _ in range(capacity)])
        self.original_text = ""  # the words shown, read by the layout probe as for a Text
        self.shown: tuple[int, float] | None = None

    def show(self, text: Text | None = None, opacity: float = 1.0) -> None:
        if self.shown == (id(text), opacity):
            return
        glyphs = text.family_members_with_points() if text is not None else []
        if len(glyphs) > len(self.submobjects):
            raise ValueError(f"{text.original_text!r} has more glyphs than its slot holds")
        for index, shape in enumerate(self.submobjects):
            if index < len(glyphs):
                shape.set_points(glyphs[index].points)
                shape.set_fill(glyphs[index].get_fill_color(), opacity).set_stroke(width=0)
            else:
                shape.clear_points()
        self.original_text = text.original_text if text is not None else ""
        self.shown = (id(text), opacity)


class _Posed(Moving):
    """A moving visual whose look at each time of its motion is set by ``_pose(t)``.

    ``_pose`` works in the builder's own coordinates (the frame centred at the origin, unscaled):
    the visual is moved back there for it, so cached parts not shown at the moment, and parts made
    during the motion, fit wherever placement has put and scaled the visual.
    """

    def show(self, t: float) -> _Posed:
        """Show the state at time ``t`` (0 to 1) of the motion."""
        scale, center = self.placed_scale(), self.frame.get_center()
        self.shift(-center).scale(1 / scale, about_point=ORIGIN)
        self._pose(t)
        return self.scale(scale, about_point=ORIGIN).shift(center)

    def _pose(self, t: float) -> None:
        raise NotImplementedError


# --- parity_grid ----------------------------------------------------------------------------

def parity_groups() -> dict[int, list[int]]:
    """Group k (1, 2, 4, 8): the positions whose binary form has bit k set."""
    return {k: [p for p in range(16) if p & k] for k in GROUPS}


def group_checks(bits: list[int]) -> list[tuple[int, int]]:
    """(k, number of ones in group k) for the four groups, in the order the checks run."""
    return [(k, sum(bits[p] for p in positions)) for k, positions in parity_groups().items()]


def checked_position(bits: list[int]) -> int:
    """The position the checks spell: odd group k puts a 1 in bit k (the same as ``hamming_syndrome``)."""
    return sum(k for k, ones in group_checks(bits) if ones % 2)


class ParityGrid(_Posed):
    """A 16-bit extended Hamming block on a 4 x 4 grid; the motion runs the four group checks."""

    kit_kind = "parity_grid"
    PARITY_TINT, OVERALL_TINT = "blue", "purple"
    CELL = 0.95
    PANEL_X = 2.05

    def __init__(self, bits: list[int], error: int | None = None) -> None:
        super().__init__(6.4, 4.4)
        if len(bits) != 16 or any(b not in (0, 1) for b in bits):
            raise ValueError("parity_grid needs 16 bits, each 0 or 1")
        if error is not None and not 0 <= error <= 15:
            raise ValueError("parity_grid error must be a position 0..15")
        self.bits, self.error = list(bits), error
        self.received = list(bits)
        if error is not None:
            self.received[error] ^= 1
        self.checks = group_checks(self.received)
        self.position = hamming_syndrome(self.received)  # where the checks point: the flipped bit
        self.cells = VGroup(*[Square(self.CELL).move_to(self._center(p)) for p in range(16)])
        corners = VGroup(*[plain_text(f"{p:04b}", 16, "gray").move_to(self._center(p) + np.array([-0.2, 0.32, 0]))
                           for p in range(16)])
        self.add(self.cells, corners)
        for p in range(16):
            if p != error:
                self.add(self._digit(p, bits[p]))
        if error is not None:
            self.flips = [self._digit(error, bits[error]), self._digit(error, self.received[error], "red"),
                          self._digit(error, bits[error], "green")]  # sent, received, corrected
            self.value = _Slot(*self.flips)
            self.add(self.value)
        self._build_panel()
        self.show(0.0)

    def _center(self, p: int) -> np.ndarray:
        row, col = divmod(p, 4)
        return np.array([-3.15 + (col + 0.5) * self.CELL, 1.9 - (row + 0.5) * self.CELL, 0.0])

    def _digit(self, p: int, bit: int, color: str = "white") -> Text:
        return plain_text(str(bit), 34, color).move_to(self._center(p) + 0.1 * DOWN)

    def _base_fill(self, p: int) -> tuple[str, float]:
        if p == 0:
            return kit_color(self.OVERALL_TINT), 0.3
        if p in GROUPS:
            return kit_color(self.PARITY_TINT), 0.3
        return kit_color("gray"), 0.0

    def _panel_text(self, text: str, y: float, size: int = 26, color: str = "white") -> Text:
        return plain_text(text, size, color).move_to([self.PANEL_X, y, 0])

    def _build_panel(self) -> None:
        self.group_titles = [self._panel_text(f"group {k}", 1.75, 28, "yellow") for k in GROUPS]
        self.group_details = [
            self._panel_text(f"{ones} {'one' if ones == 1 else 'ones'}: {'odd' if ones % 2 else 'even'}", 1.3, 22,
                             "orange" if ones % 2 else "green") for _k, ones in self.checks]
        found = "no error" if self.error is None else f"error at {self.position}"
        self.flip_title = self._panel_text(f"bit {self.error} flips", 1.75, 26, "red")
        self.end_title = self._panel_text(found, 1.75, 26, "green" if self.error is None else "red")
        closing = "all groups even" if self.error is None else "flipped back"
        self.end_detail = self._panel_text(closing, 1.3, 20, "green")
        self.title = _Slot(*self.group_titles, self.flip_title, self.end_title)
        self.detail = _Slot(*self.group_details, self.end_detail)
        xs = [1.15 + 0.32 * i for i in range(4)]  # the syndrome's digits, bit 8 on the left
        weights = VGroup(*[plain_text(str(k), 20, "gray").move_to([xs[3 - i], 0.3, 0]) for i, k in enumerate(GROUPS)])
        self.syndrome_texts = [{value: plain_text(value, 30, color).move_to([xs[3 - i], -0.15, 0])
                                for value, color in (("·", "gray"), ("0", "green"), ("1", "orange"))}
                               for i in range(4)]
        self.syndrome = [_Slot(*texts.values()) for texts in self.syndrome_texts]
        self.total_text = plain_text(f"= {self.position}", 30, "yellow").move_to([2.4, -0.15, 0], aligned_edge=LEFT)
        self.total = _Slot(self.total_text)
        legend = VGroup(self._panel_text("position", 0.75, 22, "gray"))
        keys = (("parity bits", self.PARITY_TINT), ("whole block", self.OVERALL_TINT))
        for y, (name, tint) in zip((-1.1, -1.55), keys):
            swatch = Square(0.26).set_stroke(kit_color("gray"), 1).set_fill(kit_color(tint), 0.5)
            legend.add(swatch.move_to([1.2, y, 0]), plain_text(name, 20, "gray").move_to([1.45, y, 0], aligned_edge=LEFT))
        self.add(self.title, self.detail, weights, *self.syndrome, self.total, legend)

    def _windows(self) -> list[tuple[float, float]]:
        """(start, end) of each group's check within the motion."""
        first, last = (0.14, 0.82) if self.error is not None else (0.0, 0.86)
        step = (last - first) / 4
        return [(first + i * step, first + (i + 1) * step) for i in range(4)]

    def _pose(self, t: float) -> None:
        windows = self._windows()
        active = next((i for i, (start, end) in enumerate(windows) if start <= t < end), None)
        glow = 0.0
        if active is not None:
            start, end = windows[active]
            glow = min(ramp(t, start, start + 0.2 * (end - start)), 1 - ramp(t, end - 0.15 * (end - start), end))
        for i, (start, end) in enumerate(windows):
            done = t >= start + 0.55 * (end - start)
            self.syndrome[i].show(self.syndrome_texts[i][str(self.checks[i][1] % 2) if done else "·"])
        self._pose_cells(t, active, glow)
        self._pose_readout(t, active)

    def _pose_cells(self, t: float, active: int | None, glow: float) -> None:
        members = set(parity_groups()[GROUPS[active]]) if active is not None else set()
        flipped, fixed = self.error is not None and t >= 0.06, self.error is not None and t >= 0.92
        located = ramp(t, 0.84, 0.9) if self.error is not None else 0.0
        for p, cell in enumerate(self.cells):
            color, opacity = self._base_fill(p)
            if p in members:
                color, opacity = mix(color, "yellow", glow), opacity + 0.35 * glow
            stroke, width = kit_color("gray"), 2
            if active is not None and p == GROUPS[active]:  # the group's own parity bit
                stroke, width = mix(stroke, "yellow", glow), 2 + 5 * glow
            if p == self.error and flipped:
                color, opacity = kit_color("green" if fixed else "red"), max(opacity, 0.45)
            if p == self.position and located:
                stroke, width = kit_color("green" if fixed else "red"), 2 + 5 * located
            cell.set_fill(color, opacity).set_stroke(stroke, width)
        if self.error is not None:
            self.value.show(self.flips[2 if fixed else 1 if flipped else 0])

    def _pose_readout(self, t: float, active: int | None) -> None:
        checked = self._windows()[-1][1]
        finish = ramp(t, checked, checked + 0.04)
        if active is not None:
            start, end = self._windows()[active]
            self.title.show(self.group_titles[active], round(ramp(t, start, start + 0.2 * (end - start)), 2))
            self.detail.show(self.group_details[active] if t >= start + 0.4 * (end - start) else None)
        elif t >= checked:
            self.title.show(self.end_title, round(finish, 2))
            self.detail.show(self.end_detail if self.error is None or t >= 0.92 else None)
        else:
            self.title.show(self.flip_title if self.error is not None and t >= 0.06 else None)
            self.detail.show()
        self.total.show(self.total_text if finish else None, round(finish, 2))


def parity_grid(bits: list[int], error: int | None = None) -> ParityGrid:
    """A 4 x 4 Hamming block; its motion lights up the parity groups (after flipping ``error``, if given)."""
    return ParityGrid(bits, error)


# --- hanoi -------------------------------------------------------------------------------------

def trailing_zeros(m: int) -> int:
    return (m & -m).bit_length() - 1


def hanoi_move(m: int, disks: int) -> tuple[int, int, int]:
    """Move ``m`` (from 1) of the optimal solution moving the tower from peg 0 to peg 2: (disk, from, to).

    The disk (0 is the smallest) is the number of trailing zeros of m, the bit that flips to 1 when
    counting to m; it has moved m >> (disk + 1) times before, always cycling the same way round
    (0 -> 1 -> 2 when disks - disk is even, 0 -> 2 -> 1 when it is odd).
    """
    disk = trailing_zeros(m)
    turn = 1 if (disks - disk) % 2 == 0 else -1
    before = m >> (disk + 1)
    return disk, (turn * before) % 3, (turn * (before + 1)) % 3


def hanoi_state(disks: int, after: int) -> list[list[int]]:
    """The three pegs (disks bottom to top, 0 the smallest) after ``after`` moves."""
    pegs = [list(range(disks - 1, -1, -1)), [], []]
    for m in range(1, after + 1):
        disk, source, target = hanoi_move(m, disks)
        if not pegs[source] or pegs[source][-1] != disk or (pegs[target] and pegs[target][-1] < disk):
            raise AssertionError(f"move {m} of disk {disk} from peg {source} to {target} is illegal")
        pegs[target].append(pegs[source].pop())
    return pegs


class Hanoi(_Posed):
    """Towers of Hanoi; the motion plays moves of the optimal solution, the counter shows them in binary."""

    kit_kind = "hanoi"
    PEGS_X = (-2.05, 0.0, 2.05)
    COLORS = ("red", "orange", "yellow", "green", "teal", "blue")

    def __init__(self, disks: int = 3, start_move: int = 0, moves: int | None = None, counter: bool = True) -> None:
        super().__init__(6.4, 4.4 if counter else 3.4)
        total = 2 ** disks - 1
        if not 1 <= disks <= 6 or start_move < 0 or (moves or 0) < 0 or start_move + (moves or 0) > total:
            raise ValueError(f"hanoi: 1 to 6 disks, and {disks} disks are solved in {total} moves "
                             f"(start_move {start_move} + moves {moves} is too many)")
        self.disks, self.first = disks, start_move
        self.count = total - start_move if moves is None else moves
        self.moves = [hanoi_move(start_move + i + 1, disks) for i in range(self.count)]
        self.states = [hanoi_state(disks, start_move)]
        for _disk, source, target in self.moves:
            pegs = [list(p) for p in self.states[-1]]
            pegs[target].append(pegs[source].pop())
            self.states.append(pegs)
        self.base_top = -0.95 if counter else -1.45
        self.disk_h = min(0.45, 2.3 / disks)
        peg_h = disks * self.disk_h + 0.35
        self.lift_y = self.base_top + peg_h + 0.15 + self.disk_h / 2
        base = RoundedRectangle(width=6.2, height=0.16, corner_radius=0.06).set_fill(kit_color("gray"), 0.8)
        base.set_stroke(width=0).move_to([0, self.base_top - 0.08, 0])
        pegs = VGroup(*[Rectangle(width=0.09, height=peg_h).set_fill(kit_color("gray"), 0.9).set_stroke(width=0)
                        .move_to([x, self.base_top + peg_h / 2, 0]) for x in self.PEGS_X])
        self.disk_parts = [self._disk(d) for d in range(disks)]
        self.add(base, pegs, *self.disk_parts)
        self.counter = counter
        if counter:
            self._build_counter()
        self.show(0.0)

    def _disk(self, d: int) -> RoundedRectangle:
        width = 0.55 + (1.85 - 0.55) * (d / max(1, self.disks - 1))
        part = RoundedRectangle(width=width, height=self.disk_h * 0.86, corner_radius=0.08)
        return part.set_fill(kit_color(self.COLORS[d]), 1.0).set_stroke(kit_color("white"), 1, 0.4)

    def _build_counter(self) -> None:
        y = -1.75
        shift = (2.65 - (-0.4 + 0.45 * (self.disks - 1) + 0.15)) / 2  # centres the row 'move 13 = 001101'
        self.numbers = [plain_text(str(m), 28).move_to([-1.75 + shift, y, 0], aligned_edge=LEFT)
                        for m in range(2 ** self.disks)]
        self.number = _Slot(*self.numbers)
        self.add(plain_text("move", 24, "gray").move_to([-1.9 + shift, y, 0], aligned_edge=RIGHT), self.number,
                 plain_text("=", 28, "gray").move_to([-0.9 + shift, y, 0]))
        self.bit_texts, self.bars = [], VGroup()
        for j in range(self.disks):
            disk = self.disks - 1 - j  # the leftmost digit is the largest disk's bit
            x = -0.4 + 0.45 * j + shift
            self.bit_texts.append({"0": plain_text("0", 30, "gray").move_to([x, y, 0]),
                                   "1": plain_text("1", 30, "white").move_to([x, y, 0]),
                                   "flip": plain_text("1", 34, self.COLORS[disk]).move_to([x, y, 0])})
            self.bars.add(Rectangle(width=0.32, height=0.07).set_stroke(width=0)
                          .set_fill(kit_color(self.COLORS[disk]), 0.35).move_to([x, y - 0.3, 0]))
        self.bits = [_Slot(*texts.values()) for texts in self.bit_texts]
        self.add(*self.bits, self.bars)

    def _place(self, d: int, peg: int, level: int) -> np.ndarray:
        return np.array([self.PEGS_X[peg], self.base_top + (level + 0.5) * self.disk_h, 0.0])

    def _pose(self, t: float) -> None:
        index = min(int(t * self.count), self.count - 1) if self.count else 0
        within = t * self.count - index if self.count else 0.0
        for peg, stack in enumerate(self.states[index]):
            for level, d in enumerate(stack):
                self.disk_parts[d].move_to(self._place(d, peg, level))
        if self.count:
            disk, source, target = self.moves[index]
            start = self._place(disk, source, len(self.states[index][source]) - 1)
            end = self._place(disk, target, len(self.states[index][target]))
            self.disk_parts[disk].move_to(self._lift_over_drop(start, end, within))
        if self.counter:
            self._pose_counter(self.first + math.ceil(t * self.count - 1e-9))

    def _lift_over_drop(self, start: np.ndarray, end: np.ndarray, f: float) -> np.ndarray:
        lift = np.array([start[0], self.lift_y, 0.0])
        over = np.array([end[0], self.lift_y, 0.0])
        if f < 0.3:
            return start + (lift - start) * smooth(f / 0.3)
        if f < 0.7:
            return lift + (over - lift) * smooth((f - 0.3) / 0.4)
        return over + (end - over) * smooth((f - 0.7) / 0.3)

    def _pose_counter(self, value: int) -> None:
        self.number.show(self.numbers[value])
        flipped = trailing_zeros(value) if value else None  # the bit that just became 1: the disk moving
        for j, slot in enumerate(self.bits):
            bit = self.disks - 1 - j
            slot.show(self.bit_texts[j]["flip" if bit == flipped else str(value >> bit & 1)])
            self.bars[j].set_fill(opacity=1.0 if bit == flipped else 0.35)


def hanoi(disks: int = 3, start_move: int = 0, moves: int | None = None, counter: bool = True) -> Hanoi:
    """Towers of Hanoi after ``start_move`` moves; its motion plays the next ``moves`` (all the rest when None)."""
    return Hanoi(disks, start_move, moves, counter)


# --- refraction --------------------------------------------------------------------------------

def refraction_angle(n1: float, n2: float, angle: float) -> float | None:
    """Snell's law n1 sin θ1 = n2 sin θ2, in degrees; None past the critical angle (total internal reflection)."""
    sine = n1 * math.sin(math.radians(angle)) / n2
    return None if sine > 1 else math.degrees(math.asin(sine))


def critical_angle(n1: float, n2: float) -> float | None:
    """The incidence angle past which all light is reflected (only going into a less dense medium)."""
    return math.degrees(math.asin(n2 / n1)) if n1 > n2 else None


def reflectance(n1: float, n2: float, angle: float) -> float:
    """The share of light reflected (Fresnel, unpolarised): small near the normal, 1 past the critical angle."""
    refracted = refraction_angle(n1, n2, angle)
    if refracted is None:
        return 1.0
    c1, c2 = math.cos(math.radians(angle)), math.cos(math.radians(refracted))
    s = ((n1 * c1 - n2 * c2) / (n1 * c1 + n2 * c2)) ** 2
    p = ((n1 * c2 - n2 * c1) / (n1 * c2 + n2 * c1)) ** 2
    return (s + p) / 2


def _ray(theta: float, up: bool, right: bool) -> np.ndarray:
    """Unit direction at ``theta`` degrees from the normal."""
    rad = math.radians(theta)
    return np.array([math.sin(rad) * (1 if right else -1), math.cos(rad) * (1 if up else -1), 0.0])


class Refraction(_Posed):
    """A ray bending at the boundary of two media; the motion sweeps the angle or sends light along it."""

    kit_kind = "refraction"
    LENGTH = 2.0
    PULSES = 5

    def __init__(self, n1: float = 1.0, n2: float = 1.5, angle: float = 30, sweep_to: float | None = None,
                 media: tuple[str, str] = ("air", "glass")) -> None:
        super().__init__(6.4, 4.4)
        if not (1 <= n1 <= 4 and 1 <= n2 <= 4) or not all(0 <= a <= 89 for a in (angle, sweep_to or 0)):
            raise ValueError("refraction: n1 and n2 from 1 to 4, angles from 0 to 89 degrees")
        self.n1, self.n2, self.angle, self.sweep_to = n1, n2, angle, sweep_to
        for y, n, name in ((1.1, n1, media[0]), (-1.1, n2, media[1])):
            medium = Rectangle(width=6.4, height=2.2).set_stroke(width=0).move_to([0, y, 0])
            self.add(medium.set_fill(kit_color("blue"), min(0.4, 0.06 + 0.2 * (n - 1))))
            sign = 1 if y > 0 else -1
            self.add(plain_text(name, 24).move_to([-3.05, sign * 1.85, 0], aligned_edge=LEFT),
                     plain_text(f"n = {n:.2f}", 22, "gray").move_to([-3.05, sign * 1.45, 0], aligned_edge=LEFT))
        self.add(Line([-3.2, 0, 0], [3.2, 0, 0]).set_stroke(kit_color("white"), 2, 0.7),
                 DashedLine([0, 1.95, 0], [0, -1.95, 0], dash_length=0.12).set_stroke(kit_color("gray"), 2))
        self.incident = Line(LEFT, ORIGIN).set_stroke(kit_color("yellow"), 5)
        self.refracted = Line(ORIGIN, RIGHT).set_stroke(kit_color("yellow"), 5)
        self.reflected = Line(ORIGIN, RIGHT).set_stroke(kit_color("yellow"), 4)
        self.heads = VGroup(*[Triangle().scale(0.1).set_stroke(width=0) for _ in range(3)])
        self.arcs = VGroup(Arc(0.65), Arc(0.65)).set_stroke(kit_color("white"), 2)
        self.texts: dict[tuple[str, str, float], Text] = {}
        self.total_text = self._readout("total internal\nreflection", "orange", -1.7)
        self.readouts = [_Slot(capacity=8), _Slot(self.total_text, capacity=8)]  # θ1 above, θ2 below
        self.pulses = VGroup(*[VGroup(Circle(0.17).set_stroke(width=0).set_fill(kit_color("white"), 0.3),
                                      Dot(radius=0.08, color=kit_color("white"))) for _ in range(self.PULSES)])
        self.add(self.reflected, self.refracted, self.incident, self.heads, self.arcs, *self.readouts, self.pulses)
        critical = critical_angle(n1, n2)
        if critical is not None:
            self.add(plain_text(f"θc = {critical:.0f}°", 22, "gray").move_to([3.1, 1.42, 0], aligned_edge=RIGHT))
        self.show(0.0)

    def _readout(self, text: str, color: str, y: float) -> Text:
        """Cached, so a sweep makes each value's Text once; right-aligned, so a new value grows to the left."""
        key = (text, color, y)
        if key not in self.texts:
            self.texts[key] = plain_text(text, 24, color).move_to([3.1, y, 0], aligned_edge=RIGHT)
        return self.texts[key]

    def incidence(self, t: float) -> float:
        """The angle of incidence at time ``t`` of the motion."""
        if self.sweep_to is None:
            return self.angle
        return self.angle + (self.sweep_to - self.angle) * smooth(t)

    def _pose(self, t: float) -> None:
        theta1 = self.incidence(t)
        theta2 = refraction_angle(self.n1, self.n2, theta1)
        total = theta2 is None
        share = reflectance(self.n1, self.n2, theta1)
        o, length = ORIGIN, self.LENGTH
        self.incident.put_start_and_end_on(o + length * _ray(theta1, up=True, right=False), o)
        self.reflected.put_start_and_end_on(o, o + length * _ray(theta1, up=True, right=True))
        self.refracted.put_start_and_end_on(o, o + length * _ray(90 if total else theta2, up=False, right=True))
        self.reflected.set_stroke(opacity=0.2 + 0.8 * share)
        self.refracted.set_stroke(opacity=0 if total else 1)
        for head, line, opacity in zip(self.heads, (self.incident, self.refracted, self.reflected),
                                       (1, 0 if total else 1, 0.2 + 0.8 * share)):
            direction = line.get_unit_vector()
            head.become(Triangle().scale(0.1).rotate(math.atan2(direction[1], direction[0]) - math.pi / 2)
                        .move_to(line.point_from_proportion(0.4 if line is self.incident else 0.6)).set_stroke(width=0)
                        .set_fill(kit_color("yellow"), opacity))
        self.arcs[0].become(Arc(0.65, math.pi / 2, math.radians(theta1)).set_stroke(kit_color("yellow"), 2))
        self.arcs[1].become(Arc(0.65, -math.pi / 2, math.radians(theta2 or 0)).set_stroke(kit_color("teal"), 2,
                                                                                          0 if total else 1))
        self.readouts[0].show(self._readout(f"θ1 = {theta1:.0f}°", "yellow", 1.85))
        self.readouts[1].show(self.total_text if total else self._readout(f"θ2 = {theta2:.0f}°", "teal", -1.85))
        self._pose_pulses(t, total)

    def _pose_pulses(self, t: float, total: bool) -> None:
        """Light sent along the ray: pulses leave at equal intervals and move at c/n (bunching up where n is larger)."""
        if self.sweep_to is not None:
            for pulse in self.pulses:
                pulse.set_opacity(0)
            return
        second = self.reflected if total else self.refracted
        slow = (self.n1, self.n1 if total else self.n2)  # time per unit length is proportional to n
        path_time = 0.5
        gap = (1 - path_time) / (self.PULSES - 1)
        for j, pulse in enumerate(self.pulses):
            s = (t - j * gap) / path_time  # share of the path's travel time gone
            if not 0 < s < 1:
                pulse.set_opacity(0)
                pulse.move_to(self.incident.get_start())
                continue
            share1 = slow[0] / sum(slow)
            if s < share1:
                point = self.incident.point_from_proportion(s / share1)
            else:
                point = second.point_from_proportion((s - share1) / (1 - share1))
            pulse.move_to(point)
            pulse[0].set_fill(opacity=0.3)
            pulse[1].set_fill(opacity=1)


def refraction(n1: float = 1.0, n2: float = 1.5, angle: float = 30, sweep_to: float | None = None,
               media: tuple[str, str] = ("air", "glass")) -> Refraction:
    """Light crossing from medium 1 into medium 2; its motion sweeps the angle to ``sweep_to`` or sends pulses."""
    return Refraction(n1, n2, angle, sweep_to, tuple(media))


__all__ = ["Hanoi", "ParityGrid", "Refraction", "hanoi", "parity_grid", "refraction"]
