"""The ``puppet`` avatar: a portrait photo animated on the CPU, faster than real time on one core.

Everything that depends only on the portrait and the output size (the crop, the pixel grid, and
one displacement field per motion: jaw, mouth width, each eyelid, head shift and tilt) is made
once. A frame is then a weighted sum of those fields over the face region, one ``cv2.remap``, and
a small soft ellipse for the inside of the mouth. Every field fades to exactly zero well outside
the face, so the rest of the picture is the still crop, bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from code2video.avatar.base import (
    AvatarBackend,
    AvatarError,
    AvatarJob,
    TimedWord,
    register,
)
from code2video.avatar.face import FaceLayout, analyse_face, load_portrait
from code2video.avatar.video import write_clip
from code2video.avatar.visemes import MouthTrack, blink_track, mouth_track, smooth
from code2video.errors import BadInputError

INSTALL_HINT = "OpenCV is not installed: pip install 'code2video[avatar]'"
JAW_DROP = 0.1  # lower-lip travel at full openness, in face heights
MOUTH_INSIDE = np.array([52, 18, 22], dtype=np.float32)  # dark red-brown
MOUTH_DEPTH = np.array([22, 6, 9], dtype=np.float32)  # the far inside, darker still
TEETH = np.array([170, 158, 146], dtype=np.float32)  # in the shade of the upper lip


def smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    """0 before ``edge0``, 1 after ``edge1``, a smooth S between (either order)."""
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return (t * t * (3.0 - 2.0 * t)).astype(np.float32)


@dataclass(frozen=True)
class Rig:
    """One portrait prepared for one output size. Fields are in output pixels per unit of motion
    over the region ``rows`` x ``cols``; a positive field value moves the picture right or down."""

    still: np.ndarray  # size x size RGB, the crop around head and shoulders
    rows: slice
    cols: slice
    grid_x: np.ndarray
    grid_y: np.ndarray
    head: np.ndarray  # 1 on the head, fading to 0 around it: shift
    tilt_x: np.ndarray  # a small rotation about the neck, linearised
    tilt_y: np.ndarray
    jaw: np.ndarray  # vertical, per unit of mouth openness
    spread: np.ndarray  # horizontal, per unit of (width factor - 1)
    lids: np.ndarray  # vertical, per unit of blink (both eyes)
    layout: FaceLayout  # the face in output pixels
    pixel: float  # output pixels per pixel of a 512 px frame


def build_rig(photo: np.ndarray, face: FaceLayout, size: int) -> Rig:
    """Crop head and shoulders to a square, scale it to ``size`` and precompute the motion fields."""
    import cv2

    f = face.face
    side = int(min(2.5 * f.w, face.width, face.height))
    x0 = int(np.clip(f.cx - side / 2, 0, face.width - side))
    y0 = int(np.clip(f.cy + 0.2 * f.h - side / 2, 0, face.height - side))
    crop = photo[y0:y0 + side, x0:x0 + side]
    still = cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA if side > size else cv2.INTER_CUBIC)
    out = face.moved(-x0, -y0, size / side, size, size)
    f = out.face
    # The region that may move: the head with a margin, cut to the frame.
    top, bottom = int(max(f.y - 0.6 * f.h, 0)), int(min(f.y + 1.6 * f.h, size))
    left, right = int(max(f.x - 0.45 * f.w, 0)), int(min(f.x + 1.45 * f.w, size))
    rows, cols = slice(top, bottom), slice(left, right)
    grid_x, grid_y = np.meshgrid(np.arange(left, right, dtype=np.float32), np.arange(top, bottom, dtype=np.float32))
    # Zero near the frame's edges, whatever the crop: the border never moves.
    margin = 0.06 * size
    edge = (smoothstep(margin, 2 * margin, grid_x) * smoothstep(size - margin, size - 2 * margin, grid_x)
            * smoothstep(margin, 2 * margin, grid_y) * smoothstep(size - margin, size - 2 * margin, grid_y))
    radius = np.hypot((grid_x - f.cx) / (0.65 * f.w), (grid_y - (f.cy - 0.05 * f.h)) / (0.8 * f.h))
    head = smoothstep(1.15, 0.8, radius) * edge
    pivot_x, pivot_y = f.cx, f.y + 1.3 * f.h
    return Rig(still, rows, cols, grid_x, grid_y, head, -(grid_y - pivot_y) * head, (grid_x - pivot_x) * head,
               _jaw_field(out, grid_x, grid_y) * edge, _spread_field(out, grid_x, grid_y) * edge,
               _lid_field(out, grid_x, grid_y) * edge, out, size / 512)


def _jaw_field(face: FaceLayout, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    """Below the lip line the jaw drops; the upper lip stays. The ramp just under the lips is
    long enough that the warp never folds (it is covered by the mouth's inside)."""
    f, drop = face.face, JAW_DROP * face.face.h
    across = smoothstep(0.45 * f.w, 0.22 * f.w, np.abs(gx - face.mouth_x))
    ramp = 2.0 * drop
    down = smoothstep(face.mouth_y - 0.1 * ramp, face.mouth_y + 0.9 * ramp, gy)
    below_chin = smoothstep(f.y + 1.4 * f.h, f.y + 1.0 * f.h, gy)
    return drop * across * down * below_chin


def _spread_field(face: FaceLayout, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    """Mouth corners move out (ee) or in (oo) around the mouth's centre."""
    half = face.mouth_width / 2
    weight = np.exp(-(((gx - face.mouth_x) / (1.2 * half)) ** 2) - ((gy - face.mouth_y) / (0.6 * half)) ** 2)
    return 0.6 * (gx - face.mouth_x) * weight.astype(np.float32)


def _lid_field(face: FaceLayout, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    """Each upper eyelid slides down over the eye: the skin above stretches down and the eye
    folds into a lash line at the lower lid."""
    field = np.zeros_like(gx)
    for eye in (face.left_eye, face.right_eye):
        travel = 0.3 * eye.h
        upper, lower = eye.cy - travel / 2, eye.cy + travel / 2
        across = smoothstep(0.6 * eye.w, 0.3 * eye.w, np.abs(gx - eye.cx))
        down = smoothstep(upper - 1.2 * travel, lower, gy) * smoothstep(lower + 0.5 * travel, lower, gy)
        field += travel * across * down
    return field


@dataclass(frozen=True)
class HeadTrack:
    """Per frame: the head's shift (output pixels) and tilt (radians)."""

    shift_x: np.ndarray
    shift_y: np.ndarray
    tilt: np.ndarray


def head_track(track: MouthTrack, pixel: float) -> HeadTrack:
    """Slow drift of a few pixels at 512 px, livelier while speaking, with a small nod on loud syllables."""
    rng = np.random.default_rng(track.seed + 1)
    t = np.arange(track.frames, dtype=np.float32) / track.fps
    speaking = smooth(track.loudness, 1.0 / track.fps, 0.25, 0.8)
    liveliness = 0.35 + 0.65 * speaking

    def drift(amplitude: float) -> np.ndarray:
        phases = rng.uniform(0, 2 * np.pi, 3)
        waves = sum(w * np.sin(2 * np.pi * hz * t + p) for w, hz, p in zip((0.55, 0.3, 0.15), (0.11, 0.23, 0.41), phases))
        return (amplitude * waves * liveliness).astype(np.float32)

    nod = 0.8 * pixel * smooth(track.loudness, 1.0 / track.fps, 0.06, 0.2)
    return HeadTrack(drift(2.5 * pixel), drift(1.2 * pixel) + nod, drift(0.012))


class Puppet:
    """Frames of one portrait, made per output size on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.face = analyse_face(path)
        self._photo = load_portrait(path)
        self._rigs: dict[int, Rig] = {}

    def rig(self, size: int) -> Rig:
        if size not in self._rigs:
            self._rigs[size] = build_rig(self._photo, self.face, size)
        return self._rigs[size]

    def frames(self, audio: Path, words: Sequence[TimedWord], fps: int, size: int) -> Iterator[np.ndarray]:
        """RGB uint8 frames, round(audio duration x fps) of them."""
        import cv2

        rig, track = self.rig(size), mouth_track(audio, words, fps)
        blinks, head = blink_track(track.frames, fps, track.seed), head_track(track, rig.pixel)
        for i in range(track.frames):
            dx = head.shift_x[i] * rig.head + head.tilt[i] * rig.tilt_x
            dy = head.shift_y[i] * rig.head + head.tilt[i] * rig.tilt_y + track.openness[i] * rig.jaw
            if abs(track.width[i] - 1.0) > 1e-3:
                dx += (track.width[i] - 1.0) * rig.spread
            if blinks[i] > 0:
                dy += blinks[i] * rig.lids
            frame = rig.still.copy()
            frame[rig.rows, rig.cols] = cv2.remap(rig.still, rig.grid_x - dx, rig.grid_y - dy, cv2.INTER_LINEAR,
                                                  borderMode=cv2.BORDER_REPLICATE)
            _mouth_inside(frame, rig, track, i, head)
            yield frame


def _mouth_inside(frame: np.ndarray, rig: Rig, track: MouthTrack, i: int, head: HeadTrack) -> None:
    """The dark inside of the parted lips: a flat arch under the upper lip, a deeper curve above
    the dropped lower lip, a hint of upper teeth, darker towards the middle. Feathered edges."""
    face = rig.layout
    opening = track.openness[i] * JAW_DROP * face.face.h
    if opening < 0.6 * rig.pixel:
        return
    tilt = head.tilt[i]
    cx = face.mouth_x + head.shift_x[i] - tilt * (face.mouth_y - (face.face.y + 1.3 * face.face.h))
    cy = face.mouth_y + head.shift_y[i] + tilt * (face.mouth_x - face.face.cx) + 0.2 * opening
    half_w, above, below = 0.3 * face.mouth_width * track.width[i], 0.25 * opening, 0.75 * opening
    size = frame.shape[0]
    x0, x1 = max(int(cx - half_w - 2), 0), min(math.ceil(cx + half_w + 2), size)
    y0, y1 = max(int(cy - above - 2), 0), min(math.ceil(cy + below + 2), size)
    gx, gy = np.meshgrid(np.arange(x0, x1, dtype=np.float32), np.arange(y0, y1, dtype=np.float32))
    u, v = (gx - cx) / half_w, gy - cy
    radius = np.sqrt(u**2 + (v / np.where(v < 0, above, below)) ** 2)
    soft = 1.2 * rig.pixel / max(above, 1.0)  # about a pixel of feathering at 512 px
    alpha = np.clip((1.0 - radius) / soft, 0.0, 1.0)[..., None] * min(1.0, track.openness[i] * 3)
    colour = MOUTH_INSIDE + (MOUTH_DEPTH - MOUTH_INSIDE) * np.clip(1.5 * (1.0 - radius), 0, 1)[..., None]
    top_edge = -above * np.sqrt(np.clip(1.0 - u**2, 0.0, 1.0))
    teeth = smoothstep(0.35 * opening, 0.1 * opening, v - top_edge) * smoothstep(0.75, 0.45, np.abs(u))
    colour += (TEETH - colour) * (teeth * min(1.0, track.openness[i] * 1.5))[..., None]
    patch = frame[y0:y1, x0:x1].astype(np.float32)
    frame[y0:y1, x0:x1] = (patch + (colour - patch) * alpha).astype(np.uint8)


@register
class PuppetBackend(AvatarBackend):
    """``--avatar puppet:PHOTO`` (or ``--avatar puppet --portrait PHOTO``)."""

    name = "puppet"

    def __init__(self, arg: str = "", portrait: Path | None = None) -> None:
        super().__init__(arg, portrait)
        self._puppet: Puppet | None = None

    @property
    def photo(self) -> Path | None:
        return Path(self.arg).expanduser() if self.arg else self.portrait

    def problem(self) -> str | None:
        try:
            import cv2  # noqa: F401
        except ImportError:
            return INSTALL_HINT
        if self.photo is None:
            return "it needs a portrait photo: --avatar puppet:PHOTO or --portrait PHOTO (or use --avatar presenter)"
        if not self.photo.is_file():
            return f"the portrait {self.photo} does not exist"
        try:
            self.puppet()
        except BadInputError as error:
            return str(error)
        return None

    def puppet(self) -> Puppet:
        if self._puppet is None:
            self._puppet = Puppet(self.photo)
        return self._puppet

    def frames(self, audio: Path, words: Sequence[TimedWord], fps: int, size: int) -> Iterator[np.ndarray]:
        return self.puppet().frames(audio, words, fps, size)

    def animate(self, job: AvatarJob) -> Path:
        try:
            return write_clip(self.frames(job.audio, job.words, job.fps, job.size), job.out, job.fps, job.size)
        except BadInputError as error:
            raise AvatarError(str(error)) from None
