"""Moving visuals about chance: Bayes as area, the distribution of a sum, an attention matrix.

Each visual is drawn as a function of its motion's progress (``show(alpha)``): the start state
is ``show(0)``, the motion is one UpdateFromAlphaFunc, so a second ``motion()`` replays it from
the start. Every part exists from the beginning (hidden ones at zero opacity) inside the
invisible frame, so the box stays put and nothing is rebuilt per frame.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Line,
    Rectangle,
    RoundedRectangle,
    Text,
    VGroup,
    VMobject,
)

from code2video.ir import AreaSplitVisual
from code2video.render.kit_mobjects import _number, kit_color
from code2video.render.kit_motion import Moving, mix, plain_text, ramp

HOLD = 0.4  # a still moment after each stage, as a share of the stage's own length


def stage_progress(alpha: float, count: int, hold: float = HOLD) -> list[float]:
    """How far (0..1) each of ``count`` stages has got at ``alpha``; each is followed by a short hold."""
    clock = alpha * count * (1 + hold)
    return [float(np.clip(clock - k * (1 + hold), 0.0, 1.0)) for k in range(count)]


def two_digits(value: float) -> str:
    """A probability with 2 significant digits, in plain decimals (never rounded to a bare 0 or 1)."""
    for precision in (2, 3, 4):
        text = np.format_float_positional(value, precision=precision, unique=False, fractional=False, trim="-")
        if text not in ("0", "1"):
            break
    return text


def _remember(mobj):
    """Note the full opacities of ``mobj``'s parts, so ``_reveal`` can fade them in and out."""
    for part in mobj.family_members_with_points():
        part.kit_full = (part.get_fill_opacity(), part.get_stroke_opacity())
    return mobj


def _reveal(mobj, share: float) -> None:
    for part in mobj.family_members_with_points():
        fill, stroke = part.kit_full
        part.set_fill(opacity=fill * share).set_stroke(opacity=stroke * share)


class _Staged(Moving):
    """A moving visual whose whole picture is a function of the motion's progress."""

    def to_scene(self, points) -> np.ndarray:
        """Points drawn in the built visual's coordinates, where the visual is now."""
        return self.frame.get_center() + self.placed_scale() * np.asarray(points, dtype=float)



# --- area_split ------------------------------------------------------------------------------

SIDE = 3.8  # the square's side
MIN_COLUMN = 0.1  # the narrowest a column or evidence strip is drawn (its label states the true value)


class AreaSplit(_Staged):
    """Bayes as area: split the square by the prior, fill each column's evidence, dim the rest,
    read off the hypothesis' share of the evidence."""

    kit_kind = "area_split"

    def __init__(self, prior: float, likelihood: float, false_alarm: float, hypothesis: str = "H",
                 evidence: str = "E") -> None:
        super().__init__(7.4, 5.0)
        self.posterior = AreaSplitVisual.model_construct(prior=prior, likelihood=likelihood,
                                                         false_alarm=false_alarm).posterior()
        left, bottom = -3.55, -1.95
        self.square = Rectangle(width=SIDE, height=SIDE).set_stroke(kit_color("white"), 2)
        self.square.move_to([left + SIDE / 2, bottom + SIDE / 2, 0])
        whole = plain_text("all possibilities", 20, "gray").next_to(self.square, DOWN, buff=0.15)
        split = left + float(np.clip(prior * SIDE, MIN_COLUMN, SIDE - MIN_COLUMN))
        self.columns = VGroup(self._region(left, split, SIDE, "blue", 0.5),
                              self._region(split, left + SIDE, SIDE, "gray", 0.25))
        self.divider = Line([split, bottom, 0], [split, bottom + SIDE, 0]).set_stroke(kit_color("white"), 3)
        self.heads = self._column_labels(hypothesis, split)
        self.hits = VGroup(self._region(left, split, likelihood * SIDE, "yellow", 0.85),
                           self._region(split, left + SIDE, false_alarm * SIDE, "yellow", 0.85))
        self.hit_labels = self._evidence_labels(evidence)
        ratio = (f"{two_digits(prior * likelihood)} / ({two_digits(prior * likelihood)} + "
                 f"{two_digits((1 - prior) * false_alarm)})")
        readouts = [self._readout(f"P({hypothesis}) = {prior:g}", "blue"),
                    self._readout(f"P({evidence} | {hypothesis}) = {likelihood:g}", "yellow"),
                    self._readout(f"P({evidence} | not {hypothesis}) = {false_alarm:g}", "yellow"),
                    self._readout(f"P({hypothesis} | {evidence}) = {two_digits(self.posterior)}", "white", 24),
                    self._readout(ratio, "gray")]
        self.readouts = VGroup(*readouts).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
        self.readouts[3].shift(0.25 * DOWN)
        self.readouts[4].shift(0.25 * DOWN)
        self.readouts.move_to([0.55, 0, 0], aligned_edge=LEFT)
        self.posterior_text = self.readouts[3]
        self.add(self.columns, self.hits, self.divider, self.square, whole, self.heads, self.hit_labels, self.readouts)
        for part in (self.columns, self.hits, self.divider, self.heads, self.hit_labels, self.readouts):
            _remember(part)
        self.show(0.0)

    def _region(self, x0: float, x1: float, height: float, color: str, opacity: float) -> Rectangle:
        bottom = self.square.get_bottom()[1]
        width = max(x1 - x0, MIN_COLUMN)
        box = Rectangle(width=width, height=max(height, 1e-3)).set_stroke(kit_color(color), 1.5, 0.9)
        box.set_fill(kit_color(color), opacity).move_to([x0 + width / 2, bottom, 0], aligned_edge=DOWN)
        box.kit_height = box.height
        return box

    def _column_labels(self, hypothesis: str, split: float) -> VGroup:
        """The column names above the square, kept apart and inside it; a thin column gets a leader line."""
        left, right = self.square.get_left()[0], self.square.get_right()[0]
        top = self.square.get_top()[1]
        labels = VGroup()
        for name, x0, x1, color in ((hypothesis, left, split, "blue"), (f"not {hypothesis}", split, right, "gray")):
            word = plain_text(name, 22, color).move_to([(x0 + x1) / 2, top + 0.32, 0])
            word.shift(RIGHT * max(0.0, left - word.get_left()[0]) + LEFT * max(0.0, word.get_right()[0] - right))
            labels.add(word)
            if word.width > x1 - x0:
                labels.add(Line([(x0 + x1) / 2, top, 0], [(x0 + x1) / 2, word.get_bottom()[1] - 0.04, 0])
                           .set_stroke(kit_color(color), 2))
        return labels

    def _evidence_labels(self, evidence: str) -> VGroup:
        """The evidence's name on each strip it fits in (inside, else just above); the widest strip always has one."""
        labels = VGroup()
        widest = max(self.hits, key=lambda strip: strip.width)
        for strip in self.hits:
            word = plain_text(evidence, 22)
            if word.width + 0.1 > strip.width and strip is not widest:
                continue
            if strip.kit_height > word.height + 0.15:
                labels.add(word.set_color("#11141c").move_to(strip))
            else:
                labels.add(word.next_to(strip, UP, buff=0.08))
        return labels

    def _readout(self, words: str, color: str, size: int = 20) -> Text:
        text = plain_text(words.replace(" = ", "\n= ") if len(words) > 24 else words, size, color,
                     "BOLD" if size > 20 else "NORMAL")
        return text.scale_to_fit_width(2.9) if text.width > 2.9 else text

    def show(self, alpha: float) -> None:
        split, fill, dim, answer = (ramp(p) for p in stage_progress(alpha, 4))
        for part in (self.divider, self.heads, self.readouts[0]):
            _reveal(part, split)
        self.divider.put_start_and_end_on(*self._divider_ends(split))
        _reveal(self.columns, split * (1 - 0.75 * dim))
        for strip in self.hits:
            self._grow(strip, fill)
        _reveal(self.hits, min(1.0, 4 * fill))
        for part in (self.hit_labels, self.readouts[1], self.readouts[2]):
            _reveal(part, fill)
        _reveal(self.readouts[3], answer)
        _reveal(self.readouts[4], answer)

    def _divider_ends(self, share: float):
        x = self.divider.get_x()
        top, bottom = self.square.get_top()[1], self.square.get_bottom()[1]
        return np.array([x, top, 0]), np.array([x, top - max(share, 1e-3) * (top - bottom), 0])

    def _grow(self, strip: Rectangle, share: float) -> None:
        """The strip at ``share`` of its full height, standing on the square's floor."""
        strip.stretch_to_fit_height(max(share * strip.kit_height, 1e-3) * self.placed_scale())
        strip.align_to(self.square, DOWN)


def area_split(prior: float, likelihood: float, false_alarm: float, hypothesis: str = "H",
               evidence: str = "E") -> AreaSplit:
    """Bayes' rule as areas of a unit square; ``motion()`` plays the four stages (a replay starts over)."""
    return AreaSplit(prior, likelihood, false_alarm, hypothesis, evidence)


# --- histogram -------------------------------------------------------------------------------

PLOT_LEFT, PLOT_WIDTH = -2.9, 6.1  # the bars' window in the frame
BASE, PLOT_HEIGHT = -1.55, 3.25
Z_LIMIT = 4.0  # standardized view: z from -4 to 4
VISIBLE = 0.01  # bars lower than this (scene units) are not drawn


def sum_distribution(faces, weights, draws: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(values, probabilities, lattice step) of the sum of ``draws`` independent draws, exactly."""
    faces = np.asarray(faces, dtype=int)
    low, step = faces.min(), int(np.gcd.reduce(faces - faces.min())) or 1
    one = np.zeros((faces.max() - low) // step + 1)
    np.add.at(one, (faces - low) // step, weights)
    pmf = np.array([1.0])
    for _ in range(draws):
        pmf = np.convolve(pmf, one)
    return draws * low + step * np.arange(len(pmf)), pmf, step


def histogram_bars(faces, weights, draws: int, standardize: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left edges, right edges, heights) of the bars: z-scores and densities (areas sum to 1) when
    standardized, else sums and probabilities."""
    values, pmf, step = sum_distribution(faces, weights, draws)
    if not standardize:
        return values - step / 2, values + step / 2, pmf
    mean = float(values @ pmf)
    sd = float(np.sqrt(((values - mean) ** 2) @ pmf)) or 1.0
    z, half = (values - mean) / sd, step / sd / 2
    return z - half, z + half, pmf * sd / step


def nice_ticks(low: float, high: float, step_of: float = 0, count: int = 5) -> list[float]:
    """Round tick values inside [low, high], about ``count`` of them, multiples of ``step_of`` if given."""
    raw = (high - low) / count
    power = 10 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step_of:
        step = max(step_of, round(step / step_of) * step_of)
    first = np.ceil(low / step - 1e-9) * step
    return [float(v) for v in np.arange(first, high + 1e-9, step)]


class Histogram(_Staged):
    """The exact distribution of a sum, morphing from one number of draws to the next."""

    kit_kind = "histogram"

    def __init__(self, faces, weights, counts, standardize: bool, color: str, x_label: str | None = None) -> None:
        super().__init__(7.2, 5.0)
        weights = weights or [1 / len(faces)] * len(faces)
        self.counts, self.standardize = list(counts), standardize
        self.stages = [histogram_bars(faces, weights, n, standardize) for n in self.counts]
        peak = max(float(h.max()) for _, _, h in self.stages)
        self.y_tops = [max(0.45, peak * 1.05)] * len(self.counts) if standardize else [
            float(h.max()) * 1.1 for _, _, h in self.stages]
        self.windows = [(-Z_LIMIT, Z_LIMIT)] * len(self.counts) if standardize else [
            (float(left[0]), float(right[-1])) for left, right, _ in self.stages]
        self.shapes = [self._stage_rects(k) for k in range(len(self.counts))]
        size = max(len(shape) for shape in self.shapes)
        self.shapes = [self._padded(shape, size) for shape in self.shapes]
        self.bars = VGroup(*[Rectangle(width=1, height=1).set_stroke(width=0).set_fill(kit_color(color), 0.85)
                             for _ in range(size)])
        self.axis = Line([PLOT_LEFT - 0.1, BASE, 0], [PLOT_LEFT + PLOT_WIDTH + 0.1, BASE, 0])
        self.axis.set_stroke(kit_color("gray"), 2)
        self.color = kit_color(color)
        stages = 1 if standardize else len(self.counts)  # standardized stages share one scale
        self.scales = VGroup(*[_remember(self._scale(k)) for k in range(stages)])
        self.names = VGroup(*[_remember(plain_text(f"n = {n}", 26, "white", "BOLD")
                                        .move_to([3.5, 2.2, 0], aligned_edge=RIGHT)) for n in self.counts])
        caption = "z = (sum − mean) / sd" if standardize else x_label or "sum of the draws"
        self.add(self.bars, self.axis, self.scales, self.names,
                 plain_text(caption, 20, "gray").move_to([PLOT_LEFT + PLOT_WIDTH / 2, BASE - 0.72, 0]),
                 plain_text("density" if standardize else "probability", 20, "gray")
                 .move_to([-3.55, 2.2, 0], aligned_edge=LEFT))
        if standardize:
            self.add(*self._normal_curve())
        self.show(0.0)

    def _to_scene(self, stage: int, x: np.ndarray, height: np.ndarray):
        low, high = self.windows[stage]
        return PLOT_LEFT + (x - low) / (high - low) * PLOT_WIDTH, height / self.y_tops[stage] * PLOT_HEIGHT

    def _stage_rects(self, stage: int) -> list[tuple[float, float, float]]:
        """Scene (left, right, height) of the visible bars, cut to the window; wide bars get gaps."""
        left, right, height = self.stages[stage]
        x0, h = self._to_scene(stage, left, height)
        x1, _ = self._to_scene(stage, right, height)
        if x1[0] - x0[0] >= 0.12:
            x0, x1 = x0 + 0.06 * (x1 - x0), x1 - 0.06 * (x1 - x0)
        x0, x1 = np.clip(x0, PLOT_LEFT, PLOT_LEFT + PLOT_WIDTH), np.clip(x1, PLOT_LEFT, PLOT_LEFT + PLOT_WIDTH)
        keep = (h >= VISIBLE) & (x1 - x0 > 1e-3)
        rects = list(zip(x0[keep], x1[keep], np.minimum(h[keep], PLOT_HEIGHT)))
        return rects or [(PLOT_LEFT + PLOT_WIDTH / 2,) * 2 + (0.0,)]

    @staticmethod
    def _padded(rects: list, size: int) -> np.ndarray:
        """``size`` rectangles in order: each bar once, the spare ones flat at the bar they split from."""
        owners = np.arange(size) * len(rects) // size
        first = np.r_[True, owners[1:] != owners[:-1]]
        return np.array([(*rects[o][:2], rects[o][2] if lead else 0.0) for o, lead in zip(owners, first)])

    def _scale(self, stage: int) -> VGroup:
        """Tick numbers under the axis and up the left side for one stage."""
        low, high = self.windows[stage]
        lattice = float(self.stages[stage][1][0] - self.stages[stage][0][0])
        ticks = VGroup()
        for value in nice_ticks(low, high, 1 if self.standardize else lattice, 5 if self.standardize else 4):
            x, _ = self._to_scene(stage, np.array(value), np.array(0.0))
            ticks.add(_number(value).move_to([float(x), BASE - 0.28, 0]))
        for value in nice_ticks(0, self.y_tops[stage], count=3)[1:]:
            _, y = self._to_scene(stage, np.array(0.0), np.array(value))
            ticks.add(_number(value).move_to([PLOT_LEFT - 0.15, BASE + float(y), 0], aligned_edge=RIGHT))
        return ticks

    def _normal_curve(self) -> list:
        z = np.linspace(-Z_LIMIT, Z_LIMIT, 121)
        x, y = self._to_scene(0, z, np.exp(-z ** 2 / 2) / np.sqrt(2 * np.pi))
        curve = VMobject().set_points_smoothly([[a, BASE + b, 0] for a, b in zip(x, y)])
        curve.set_stroke(kit_color("yellow"), 3)
        key = Line([-0.9, 2.2, 0], [-0.45, 2.2, 0]).set_stroke(kit_color("yellow"), 3)
        return [curve, key, plain_text("normal curve", 20, "yellow").next_to(key, RIGHT, buff=0.12)]

    def show(self, alpha: float) -> None:
        if len(self.counts) == 1:
            self._place_bars(self.shapes[0])
            self._sweep(alpha)
            return
        moves = [ramp(p) for p in stage_progress(alpha, len(self.counts) - 1)]
        done = sum(1 for m in moves if m >= 1.0)
        stage = min(done, len(moves) - 1)
        t = moves[stage] if done < len(moves) else 1.0
        self._place_bars(self.shapes[stage] + (self.shapes[stage + 1] - self.shapes[stage]) * t)
        for k in range(len(self.counts)):
            share = (1 - t if k == stage else t if k == stage + 1 else 0.0)
            _reveal(self.names[k], share)
            if len(self.scales) > 1:
                _reveal(self.scales[k], share)

    def _place_bars(self, rects: np.ndarray) -> None:
        for bar, (x0, x1, height) in zip(self.bars, rects):
            corners = [[x0, BASE, 0], [x1, BASE, 0], [x1, BASE + height, 0], [x0, BASE + height, 0]]
            bar.set_points_as_corners(self.to_scene([*corners, corners[0]]))

    def _sweep(self, alpha: float) -> None:
        """With a single stage, a light runs over the bars left to right (they stay as they are)."""
        for index, bar in enumerate(self.bars):
            glow = max(0.0, 1 - abs(alpha * 1.2 - 0.1 - index / max(1, len(self.bars) - 1)) * 6)
            bar.set_fill(mix(self.color, "white", 0.6 * glow))


def histogram(*, faces=(1, 2, 3, 4, 5, 6), weights=None, counts, standardize: bool = True,
              x_label: str | None = None, color: str = "blue") -> Histogram:
    """The distribution of a sum of n draws for each n in ``counts``; ``motion()`` morphs from the
    first to the last (a replay starts over)."""
    return Histogram(list(faces), weights, counts, standardize, color, x_label)


# --- attention -------------------------------------------------------------------------------

def strongest_keys(weights) -> list[int]:
    """The key each query attends to most."""
    return [int(np.argmax(row)) for row in weights]


class Attention(_Staged):
    """An attention matrix filled row by row: each query lights up, its weights fill in, its
    strongest key is marked."""

    kit_kind = "attention"

    def __init__(self, tokens: list[str], weights: list[list[float]], color: str) -> None:
        width, height = 6.6, 5.0
        super().__init__(width, height)
        self.weights = np.asarray(weights, dtype=float)
        self.strongest = strongest_keys(self.weights)
        size = len(tokens)
        self.queries = VGroup(*[plain_text(t, 22) for t in tokens])
        self.keys = VGroup(*[plain_text(t, 22) for t in tokens])
        label_w, label_h = max(t.width for t in self.keys), max(t.height for t in self.keys)
        room_w = width - label_w - 0.4
        cell = min(room_w / size, (height - label_h - 0.3) / size, 1.1)
        upright = cell >= label_w + 0.1
        if not upright:
            cell = min(room_w / size, (height - label_w - 0.3) / size, 1.1)
        self.cells = VGroup(*[Rectangle(width=cell, height=cell) for _ in range(size * size)])
        self.cells.arrange_in_grid(size, size, buff=0).set_stroke(kit_color("gray"), 1.5)
        self.cells.set_fill(kit_color(color), 0)
        left, top = -width / 2 + label_w + 0.3, height / 2 - (label_h if upright else label_w) - 0.25
        self.cells.move_to([left, top, 0], aligned_edge=UP + LEFT)
        for row, query in enumerate(self.queries):
            query.next_to(self._cell(row, 0), LEFT, buff=0.15)
        for column, key in enumerate(self.keys):
            if not upright:
                key.rotate(np.pi / 2)
            key.next_to(self._cell(0, column), UP, buff=0.12)
        self.rows = VGroup(*[_remember(RoundedRectangle(corner_radius=0.08, width=size * cell + label_w + 0.3,
                                                        height=cell + 0.06)
                                       .set_stroke(kit_color("yellow"), 2.5).set_fill(kit_color("yellow"), 0.08)
                                       .move_to(self._cell(r, 0), aligned_edge=RIGHT)
                                       .align_to(self._cell(r, size - 1), RIGHT).shift(RIGHT * 0.03))
                             for r in range(size)])
        self.values = VGroup(*[self._value(r, c, cell) for r in range(size) for c in range(size)]) \
            if size <= 5 and cell >= 0.62 else VGroup()
        self.values.set_z_index(2)
        self.add(self.rows, self.cells, self.values, self.queries, self.keys)
        VGroup(*self.submobjects[1:]).move_to(self.frame)
        self.show(0.0)

    def _cell(self, row: int, column: int) -> Rectangle:
        return self.cells[row * len(self.queries) + column]

    def _value(self, row: int, column: int, cell: float) -> Text:
        weight = self.weights[row, column]
        text = plain_text(f"{weight:.2f}", 18, "#11141c" if weight > 0.55 else "white")
        return _remember(text.scale_to_fit_width(min(text.width, 0.85 * cell)).move_to(self._cell(row, column)))

    def show(self, alpha: float) -> None:
        size = len(self.queries)
        progress = stage_progress(alpha, size + 1, hold=0.25)  # one stage per row, then the marks leave
        marked_keys = np.zeros(size)
        for row in range(size):
            here = ramp(progress[row], 0, 0.2) * (1 - ramp(progress[row + 1], 0, 0.3))
            _reveal(self.rows[row], here)
            self.queries[row].set_color(mix("white", "yellow", here))
            strong = ramp(progress[row], 0.65, 0.9) * (1 - ramp(progress[row + 1], 0, 0.3))
            marked_keys[self.strongest[row]] = max(marked_keys[self.strongest[row]], strong)
            for column in range(size):
                filled = ramp(progress[row], 0.1 + 0.45 * column / size, 0.3 + 0.45 * column / size)
                box = self._cell(row, column).set_fill(opacity=self.weights[row, column] * filled)
                mark = strong if column == self.strongest[row] else 0.0
                box.set_stroke(mix("gray", "yellow", mark), 1.5 + 3 * mark)
                box.z_index = 1 if mark > 0 else 0  # a marked cell on top, so its thick outline shows
                if self.values:
                    _reveal(self.values[row * size + column], filled)
        for key, mark in zip(self.keys, marked_keys):
            key.set_color(mix("white", "yellow", mark))


def attention(tokens: list[str], weights: list[list[float]], color: str = "teal") -> Attention:
    """An attention matrix; ``motion()`` fills it row by row (a replay starts over from the empty grid)."""
    return Attention(list(tokens), weights, color)


__all__ = ["AreaSplit", "Attention", "Histogram", "area_split", "attention", "histogram"]
