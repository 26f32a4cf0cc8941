"""Where the face, eyes and mouth are in a portrait, found with OpenCV's Haar cascades.

Cascades are small, ship with ``opencv-python-headless`` and need no model download; where a
cascade finds nothing (eyes behind glasses, a closed mouth) the usual proportions of a frontal
face fill in. Results are cached by file content: the puppet checks a portrait once in
``problem()`` and again for every section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from code2video.avatar.video import file_digest
from code2video.errors import BadInputError

MIN_FACE = 64  # pixels; smaller faces give too little to animate
DETECT_SIDE = 1000  # larger photos are searched at this size, for speed
NO_FACE_HINT = "use a frontal photo with the face at least ~80 px high, or --avatar presenter"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float, scale: float = 1.0) -> Box:
        """This box in another picture: shifted by (dx, dy), then scaled."""
        return Box((self.x + dx) * scale, (self.y + dy) * scale, self.w * scale, self.h * scale)


@dataclass(frozen=True)
class FaceLayout:
    """A portrait's face in its pixel coordinates. ``mouth_y`` is the line between the lips."""

    width: int
    height: int
    face: Box
    left_eye: Box  # in the picture: the eye on the left
    right_eye: Box
    mouth_x: float
    mouth_y: float
    mouth_width: float

    def moved(self, dx: float, dy: float, scale: float, width: int, height: int) -> FaceLayout:
        """The same face in a crop starting at (-dx, -dy) of the photo, resized by ``scale``."""
        return FaceLayout(width, height, self.face.moved(dx, dy, scale), self.left_eye.moved(dx, dy, scale),
                          self.right_eye.moved(dx, dy, scale), (self.mouth_x + dx) * scale,
                          (self.mouth_y + dy) * scale, self.mouth_width * scale)


def load_portrait(path: Path) -> np.ndarray:
    """The photo as RGB uint8 (EXIF rotation applied); BadInputError when it is not a readable image."""
    import cv2

    try:
        data = np.frombuffer(Path(path).read_bytes(), dtype=np.uint8)
    except OSError as error:
        raise BadInputError(f"cannot read the portrait {path}: {error.strerror or error}") from None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if len(data) else None
    if image is None:
        raise BadInputError(f"the portrait {path} is not an image OpenCV can read (use a JPEG or PNG photo)")
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


_ANALYSED: dict[str, FaceLayout] = {}


def analyse_face(path: Path) -> FaceLayout:
    """The largest frontal face in the photo at ``path``; BadInputError when there is none."""
    try:
        digest = file_digest(path)
    except OSError as error:
        raise BadInputError(f"cannot read the portrait {path}: {error.strerror or error}") from None
    if digest not in _ANALYSED:
        _ANALYSED[digest] = find_face(load_portrait(path), str(path))
    return _ANALYSED[digest]


def find_face(rgb: np.ndarray, name: str = "the portrait") -> FaceLayout:
    import cv2

    gray = cv2.equalizeHist(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    height, width = gray.shape
    scale = min(1.0, DETECT_SIDE / max(height, width))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    faces = _cascade("haarcascade_frontalface_default.xml").detectMultiScale(
        small, scaleFactor=1.1, minNeighbors=5, minSize=(int(MIN_FACE * scale),) * 2)
    if len(faces) == 0:
        raise BadInputError(f"no face found in {name}: {NO_FACE_HINT}")
    x, y, w, h = (float(v) / scale for v in max(faces, key=lambda f: f[2] * f[3]))
    face = Box(x, y, w, h)
    left, right = _find_eyes(gray, face)
    mouth = _find_mouth(gray, face)
    return FaceLayout(width, height, face, left, right, mouth.cx, mouth.cy, mouth.w)


def _cascade(filename: str):
    import cv2

    return cv2.CascadeClassifier(cv2.data.haarcascades + filename)


def _roi(gray: np.ndarray, box: Box) -> tuple[np.ndarray, int, int]:
    x0, y0 = max(int(box.x), 0), max(int(box.y), 0)
    return gray[y0:max(int(box.y + box.h), y0 + 1), x0:max(int(box.x + box.w), x0 + 1)], x0, y0


def _find_eyes(gray: np.ndarray, face: Box) -> tuple[Box, Box]:
    """Eyes in the upper half of the face, one each side; a missing one mirrors the other or
    comes from face proportions."""
    upper, x0, y0 = _roi(gray, Box(face.x, face.y + 0.15 * face.h, face.w, 0.4 * face.h))
    found = _cascade("haarcascade_eye.xml").detectMultiScale(
        upper, scaleFactor=1.1, minNeighbors=3, minSize=(int(face.w * 0.1),) * 2, maxSize=(int(face.w * 0.3),) * 2)
    boxes = [Box(float(x0 + x), float(y0 + y), float(w), float(h)) for x, y, w, h in found]
    boxes = [b for b in boxes if abs(b.cx - face.cx) > 0.1 * face.w]  # not the bridge of the nose
    left = max((b for b in boxes if b.cx < face.cx), key=lambda b: b.w, default=None)
    right = max((b for b in boxes if b.cx >= face.cx), key=lambda b: b.w, default=None)
    size = 0.15 * face.w
    default_y = face.y + 0.38 * face.h - size / 2
    if left is None and right is None:
        left = Box(face.x + 0.3 * face.w - size / 2, default_y, size, size)
    if left is None:
        left = Box(2 * face.cx - right.cx - right.w / 2, right.y, right.w, right.h)
    if right is None:
        right = Box(2 * face.cx - left.cx - left.w / 2, left.y, left.w, left.h)
    return left, right


def _find_mouth(gray: np.ndarray, face: Box) -> Box:
    """The mouth: the smile cascade in the lower third of the face, else the usual proportions;
    its centre line is then moved to the darkest row (where the lips meet)."""
    lower, x0, y0 = _roi(gray, Box(face.x, face.y + 0.62 * face.h, face.w, 0.38 * face.h))
    found = _cascade("haarcascade_smile.xml").detectMultiScale(
        lower, scaleFactor=1.1, minNeighbors=15, minSize=(int(face.w * 0.25), int(face.h * 0.1)))
    central = [Box(float(x0 + x), float(y0 + y), float(w), float(h)) for x, y, w, h in found
               if abs(x0 + x + w / 2 - face.cx) < 0.15 * face.w and w < 0.7 * face.w]
    if central:
        mouth = max(central, key=lambda b: b.w)
    else:
        mouth = Box(face.cx - 0.2 * face.w, face.y + 0.72 * face.h, 0.4 * face.w, 0.14 * face.h)
    band, _, by = _roi(gray, Box(mouth.cx - mouth.w / 4, mouth.y, mouth.w / 2, mouth.h))
    rows = band.astype(np.float32).mean(axis=1)
    if len(rows) >= 3:
        rows = np.convolve(rows, np.ones(3) / 3, mode="same")
        lip_line = by + float(np.argmin(rows[1:-1]) + 1)
        mouth = Box(mouth.x, lip_line - mouth.h / 2, mouth.w, mouth.h)
    return mouth
