"""The ``presenter`` avatar: a drawn, friendly character whose mouth follows the narration.

It needs no photo and no OpenCV (Pillow comes with Manim), so it is the fallback that always
works. Shapes are drawn at 4x and averaged down, which anti-aliases every edge. The body, face
and background are drawn once per size; a frame redraws only the mouth and, during a blink, the
eyes, each in its own small patch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from code2video.avatar.base import AvatarBackend, AvatarJob, TimedWord, register
from code2video.avatar.video import write_clip
from code2video.avatar.visemes import blink_track, mouth_track

SUPERSAMPLE = 4
Colour = tuple[int, int, int]

SKIN: Colour = (243, 203, 172)
SKIN_SHADE: Colour = (222, 172, 140)
HAIR: Colour = (84, 58, 44)
SHIRT: Colour = (72, 118, 178)
COLLAR: Colour = (246, 246, 242)
EYE: Colour = (52, 40, 46)
LIP: Colour = (176, 84, 86)  # the closed mouth's line: never as dark as the open mouth
MOUTH_INSIDE: Colour = (74, 24, 36)
TEETH: Colour = (250, 248, 242)
TONGUE: Colour = (226, 118, 124)
BACKDROP_TOP: Colour = (196, 222, 232)
BACKDROP_BOTTOM: Colour = (236, 244, 246)

# The face, in fractions of the frame side.
HEAD_CENTRE, HEAD_RADII = (0.5, 0.44), (0.2, 0.245)
EYES_X, EYES_Y, EYE_RADII = (0.425, 0.575), 0.445, (0.02, 0.03)
MOUTH_CENTRE = (0.5, 0.585)
MOUTH_HALF_WIDTH = 0.055  # at width factor 1
MOUTH_MAX_OPEN = 0.075  # lower lip travel at openness 1
SMILE = 0.012  # how far the mouth's corners sit above its middle


@dataclass(frozen=True)
class Patch:
    """A rectangle of the frame, in pixels: rows top..bottom, columns left..right (exclusive)."""

    top: int
    bottom: int
    left: int
    right: int

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.top, self.bottom), slice(self.left, self.right)


def _patch(size: int, x0: float, y0: float, x1: float, y1: float) -> Patch:
    """A patch around a region given in fractions of the frame, with a pixel of margin."""
    return Patch(max(int(y0 * size) - 1, 0), min(int(y1 * size) + 2, size),
                 max(int(x0 * size) - 1, 0), min(int(x1 * size) + 2, size))


def _mask(width: int, height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (width * SUPERSAMPLE, height * SUPERSAMPLE), 0)
    return image, ImageDraw.Draw(image)


def _alpha(mask: Image.Image) -> np.ndarray:
    """A supersampled mask averaged down: 0..1 coverage per pixel, so edges are anti-aliased."""
    return np.asarray(mask.reduce(SUPERSAMPLE), dtype=np.float32)[..., None] / 255.0


def _paint(canvas: np.ndarray, alpha: np.ndarray, colour: Colour) -> None:
    canvas += (np.asarray(colour, dtype=np.float32) - canvas) * alpha


def _ellipse(draw: ImageDraw.ImageDraw, scale: float, centre: tuple[float, float], radii: tuple[float, float],
             origin: tuple[float, float] = (0.0, 0.0)) -> None:
    cx, cy = (centre[0] - origin[0]) * scale, (centre[1] - origin[1]) * scale
    draw.ellipse((cx - radii[0] * scale, cy - radii[1] * scale, cx + radii[0] * scale, cy + radii[1] * scale), fill=255)


@dataclass(frozen=True)
class PresenterLayout:
    """Where the moving parts are in a frame of one size (for the frame loop and for tests)."""

    size: int
    mouth: Patch
    eyes: tuple[Patch, Patch]


class Character:
    """The drawn presenter at one output size."""

    def __init__(self, size: int) -> None:
        self.size = size
        top = MOUTH_CENTRE[1] - SMILE - 0.3 * MOUTH_MAX_OPEN - 0.01
        half = MOUTH_HALF_WIDTH * 1.3 + 0.01
        self.layout = PresenterLayout(
            size, _patch(size, MOUTH_CENTRE[0] - half, top, MOUTH_CENTRE[0] + half, MOUTH_CENTRE[1] + MOUTH_MAX_OPEN + 0.015),
            tuple(_patch(size, x - EYE_RADII[0] - 0.01, EYES_Y - EYE_RADII[1] - 0.01, x + EYE_RADII[0] + 0.01,
                         EYES_Y + EYE_RADII[1] + 0.01) for x in EYES_X))

    @cached_property
    def face(self) -> np.ndarray:
        """Background, body and face with no eyes and no mouth, float RGB."""
        size, scale = self.size, self.size * SUPERSAMPLE
        canvas = self._backdrop()
        for colour, shapes in self._body_shapes():
            mask, draw = _mask(size, size)
            for shape in shapes:
                shape(draw, scale)
            _paint(canvas, _alpha(mask), colour)
        self._paint_cheeks(canvas)
        return canvas

    @cached_property
    def base(self) -> np.ndarray:
        """The face with open eyes, as uint8: every frame starts as a copy of this."""
        canvas = self.face.copy()
        for eye in self.layout.eyes:
            rows, cols = eye.slices
            canvas[rows, cols] = self._eye(eye, 0.0)
        return np.clip(canvas + 0.5, 0, 255).astype(np.uint8)

    def _backdrop(self) -> np.ndarray:
        """A soft vertical gradient with a pale glow behind the head."""
        size = self.size
        y, x = (np.mgrid[0:size, 0:size].astype(np.float32) + 0.5) / size
        top, bottom = np.asarray(BACKDROP_TOP, np.float32), np.asarray(BACKDROP_BOTTOM, np.float32)
        canvas = top + (bottom - top) * y[..., None]
        glow = np.exp(-(((x - 0.5) / 0.32) ** 2 + ((y - 0.42) / 0.32) ** 2))[..., None]
        return canvas + (255.0 - canvas) * 0.35 * glow

    def _body_shapes(self) -> list[tuple[Colour, list]]:
        """Back to front: each colour with the shapes (callables drawing on a mask) it fills."""
        def ellipse(centre, radii):
            return lambda draw, scale: _ellipse(draw, scale, centre, radii)

        def polygon(points):
            return lambda draw, scale: draw.polygon([(x * scale, y * scale) for x, y in points], fill=255)

        def arc(centre, radii, start, end, width):
            def draw_arc(draw, scale):
                cx, cy, rx, ry = centre[0] * scale, centre[1] * scale, radii[0] * scale, radii[1] * scale
                draw.arc((cx - rx, cy - ry, cx + rx, cy + ry), start, end, fill=255, width=int(width * scale))
            return draw_arc

        return [
            (HAIR, [ellipse((0.5, 0.39), (0.228, 0.215))]),  # the hair behind the head
            (SHIRT, [ellipse((0.5, 1.035), (0.45, 0.3))]),
            (SKIN_SHADE, [polygon([(0.44, 0.6), (0.56, 0.6), (0.565, 0.78), (0.435, 0.78)])]),  # the neck
            (SKIN, [polygon([(0.455, 0.765), (0.545, 0.765), (0.5, 0.855)])]),  # the V of the shirt
            (COLLAR, [polygon([(0.43, 0.755), (0.5, 0.855), (0.47, 0.875), (0.405, 0.785)]),
                      polygon([(0.57, 0.755), (0.5, 0.855), (0.53, 0.875), (0.595, 0.785)])]),
            (SKIN, [ellipse((0.3, 0.46), (0.032, 0.05)), ellipse((0.7, 0.46), (0.032, 0.05))]),  # ears
            (SKIN_SHADE, [ellipse((0.302, 0.462), (0.014, 0.026)), ellipse((0.698, 0.462), (0.014, 0.026))]),
            (SKIN, [ellipse(HEAD_CENTRE, HEAD_RADII)]),
            (HAIR, [lambda draw, scale: self._fringe(draw, scale)]),
            (HAIR, [arc((x, 0.41), (0.034, 0.016), 200, 340, 0.011) for x in EYES_X]),  # brows
            (SKIN_SHADE, [arc((0.5, 0.515), (0.016, 0.012), 20, 160, 0.006)]),  # the nose
        ]

    @staticmethod
    def _fringe(draw: ImageDraw.ImageDraw, scale: float) -> None:
        """Hair over the top of the head: the head's outline above a wavy, side-parted hairline."""
        xs = np.linspace(-1.0, 1.0, 41)
        outline = [(0.5 + 0.205 * x, 0.44 - 0.25 * np.sqrt(1 - x * x)) for x in xs]

        temples = np.clip((np.abs(xs) - 0.6) / 0.4, 0, 1) ** 2
        line_y = 0.325 - 0.035 * (xs + 0.3) ** 2 + 0.005 * np.sin(8 * xs) + 0.1 * temples
        hairline = [(0.5 + 0.205 * x, y) for x, y in zip(xs[::-1], line_y[::-1])]
        draw.polygon([(x * scale, y * scale) for x, y in outline + hairline], fill=255)

    def _paint_cheeks(self, canvas: np.ndarray) -> None:
        size = self.size
        mask = Image.new("L", (size, size), 0)
        draw = ImageDraw.Draw(mask)
        for x in (0.405, 0.595):
            _ellipse(draw, size, (x, 0.54), (0.03, 0.018))
        blurred = mask.filter(ImageFilter.GaussianBlur(0.015 * size))
        _paint(canvas, np.asarray(blurred, np.float32)[..., None] / 255.0 * 0.35, (236, 140, 140))

    def _eye(self, patch: Patch, closed: float) -> np.ndarray:
        """One eye over the bare face: an oval that squashes as it closes, a smiling line when shut."""
        rows, cols = patch.slices
        canvas = self.face[rows, cols].copy()
        size, scale = self.size, self.size * SUPERSAMPLE
        origin = (patch.left / size, patch.top / size)
        centre = ((patch.left + patch.right) / 2 / size, EYES_Y)
        mask, draw = _mask(patch.right - patch.left, patch.bottom - patch.top)
        cx, cy = (centre[0] - origin[0]) * scale, (centre[1] - origin[1]) * scale
        rx, ry = EYE_RADII[0] * scale, EYE_RADII[1] * scale
        if closed < 0.85:
            squash = 1.0 - closed
            draw.ellipse((cx - rx, cy + ry - 2 * ry * squash, cx + rx, cy + ry), fill=255)
            _paint(canvas, _alpha(mask), EYE)
            if closed < 0.4:
                shine, shine_draw = _mask(patch.right - patch.left, patch.bottom - patch.top)
                r = 0.35 * rx
                shine_draw.ellipse((cx + 0.2 * rx - r, cy - 0.35 * ry - r, cx + 0.2 * rx + r, cy - 0.35 * ry + r), fill=255)
                _paint(canvas, _alpha(shine), (255, 255, 255))
        else:
            draw.arc((cx - rx * 1.1, cy - ry * 0.6, cx + rx * 1.1, cy + ry * 0.9), 20, 160, fill=255,
                     width=max(1, int(0.006 * scale)))
            _paint(canvas, _alpha(mask), EYE)
        return canvas

    def mouth(self, openness: float, width: float) -> np.ndarray:
        """The mouth patch over the bare face: a smiling line when closed, else lips around a dark
        opening with upper teeth and a tongue as it opens wider."""
        patch = self.layout.mouth
        rows, cols = patch.slices
        canvas = self.face[rows, cols].copy()
        scale = self.size * SUPERSAMPLE
        cx, cy = (MOUTH_CENTRE[0] - patch.left / self.size) * scale, (MOUTH_CENTRE[1] - patch.top / self.size) * scale
        half, depth, smile = MOUTH_HALF_WIDTH * width * scale, MOUTH_MAX_OPEN * openness * scale, SMILE * scale
        u = np.linspace(-1.0, 1.0, 33)
        bulge = np.sqrt(1.0 - u * u)
        x = cx + half * u
        upper = cy - smile * u * u - 0.3 * depth * bulge
        lower = cy - smile * u * u + depth * bulge
        w, h = patch.right - patch.left, patch.bottom - patch.top
        line = max(2, int(0.009 * scale))
        if depth < line:  # closed: one smiling line
            mask, draw = _mask(w, h)
            draw.line(list(zip(x, upper)), fill=255, width=line, joint="curve")
            _paint(canvas, _alpha(mask), LIP)
            return canvas
        inside = list(zip(x, upper)) + list(zip(x[::-1], lower[::-1]))
        layers = [(LIP, lambda d: d.line(inside + inside[:1], fill=255, width=2 * line, joint="curve")),
                  (MOUTH_INSIDE, lambda d: d.polygon(inside, fill=255))]
        teeth = np.minimum(upper + 0.22 * depth + 0.3 * line, lower)
        layers.append((TEETH, lambda d: d.polygon(list(zip(x, upper)) + list(zip(x[::-1], teeth[::-1])), fill=255)))
        if openness > 0.35:
            middle = np.abs(u) < 0.6
            tongue = np.maximum(lower - 0.3 * depth * bulge, upper)
            tongue_shape = list(zip(x[middle], lower[middle])) + list(zip(x[middle][::-1], tongue[middle][::-1]))
            layers.append((TONGUE, lambda d: d.polygon(tongue_shape, fill=255)))
        for colour, draw_shape in layers:
            mask, draw = _mask(w, h)
            draw_shape(draw)
            _paint(canvas, _alpha(mask), colour)
        return canvas

    def frame(self, openness: float, width: float, closed: float) -> np.ndarray:
        frame = self.base.copy()
        patches = [(self.layout.mouth, self.mouth(openness, width))]
        if closed > 0.05:
            patches += [(eye, self._eye(eye, closed)) for eye in self.layout.eyes]
        for patch, pixels in patches:
            frame[patch.slices] = np.clip(pixels + 0.5, 0, 255).astype(np.uint8)
        return frame


@register
class PresenterBackend(AvatarBackend):
    """``--avatar presenter``: the drawn character; needs nothing but the narration."""

    name = "presenter"

    def __init__(self, arg: str = "", portrait: Path | None = None) -> None:
        super().__init__(arg, portrait)
        self._characters: dict[int, Character] = {}

    @property
    def photo(self) -> Path | None:
        return None  # drawn: a --portrait given alongside is not used

    def character(self, size: int) -> Character:
        if size not in self._characters:
            self._characters[size] = Character(size)
        return self._characters[size]

    def frames(self, audio: Path, words: Sequence[TimedWord], fps: int, size: int) -> Iterator[np.ndarray]:
        """RGB uint8 frames, round(audio duration x fps) of them."""
        character, track = self.character(size), mouth_track(audio, words, fps)
        closed = blink_track(track.frames, fps, track.seed)
        for i in range(track.frames):
            yield character.frame(float(track.openness[i]), float(track.width[i]), float(closed[i]))

    def animate(self, job: AvatarJob) -> Path:
        return write_clip(self.frames(job.audio, job.words, job.fps, job.size), job.out, job.fps, job.size)
