"""Builders for the IR's visual kinds, all TeX-free by default (Typst for math, Pango for text).

Manim's own Axes numbers, BarChart and Matrix go through LaTeX; these builders draw the same
things with Text and MathTypst so a machine without TeX never crashes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Arrow,
    Axes,
    Camera,
    Circle,
    Code,
    Dot,
    Ellipse,
    Group,
    ImageMobject,
    Indicate,
    Line,
    MathTex,
    MathTypst,
    NumberLine,
    NumberPlane,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Square,
    SurroundingRectangle,
    Table,
    Text,
    Triangle,
    Underline,
    VGroup,
)

from code2video.render.kit_info import tex_available

FONT = "DejaVu Sans"
PALETTE = {
    "white": "#ECEFF4", "gray": "#8A93A6", "blue": "#5EA8FF", "teal": "#3CC8B4",
    "green": "#7BD88F", "yellow": "#FFD866", "gold": "#E6B450", "orange": "#FF9E4A",
    "red": "#FF6B6B", "pink": "#FF8FC6", "purple": "#B48CFF",
}
TEXT_SIZES = {"small": 24, "normal": 32, "large": 44}
IMAGE_BOX = (8.0, 4.5)  # a picture's size before placement, so its caption keeps a readable size
ALT_CHARS = 160  # a placeholder shows at most this much of the alt text
MAX_IMAGE_PX = 2000  # longest side a picture keeps (a full-width picture at 1080p is about 1850 px)
TEX_AVAILABLE = tex_available()


def kit_color(name: str) -> str:
    return PALETTE.get(name, name)


def wrap_text(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters (Pango's Text does not wrap)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def label(text: str, size: str = "normal", color: str = "white", width: int = 32) -> Text:
    return Text(wrap_text(text, width), font=FONT, font_size=TEXT_SIZES[size], color=kit_color(color),
                line_spacing=0.8)


def formula(typst: str, latex: str | None = None, color: str = "white"):
    """Typst math by default; MathTex only when TeX is installed and a LaTeX form is given."""
    if latex and TEX_AVAILABLE:
        return MathTex(latex, color=kit_color(color))
    return MathTypst(typst, color=kit_color(color))


def _tick_values(x_range) -> list[float]:
    start, stop, step = x_range
    values = np.arange(start, stop + step / 2, step)
    return [float(v) for v in values if abs(v) > 1e-9]


def _number(value: float) -> Text:
    """A tick number in the kit's gray (+ 0.0: never "−0")."""
    return Text(f"{value + 0.0:g}".replace("-", "−"), font=FONT, font_size=20, color=kit_color("gray"))


def polygons_on(coords, polygons):
    """Filled regions ``(corners, color, fill_opacity, label)``; ``coords`` maps (x, y) to the scene."""
    shapes = VGroup()
    for corners, color, fill_opacity, name in polygons:
        region = Polygon(*[coords(x, y) for x, y in corners], color=kit_color(color))
        shapes.add(region.set_fill(kit_color(color), opacity=fill_opacity))
        if name:
            shapes.add(label(name, "small", color, width=14).move_to(region.get_center()))
    return shapes


def axes_plot(x_range, y_range, functions=(), points=(), polygons=(), x_label=None, y_label=None, numbers=True):
    """Axes with plotted functions ``(callable, color, label, x_range)``, points ``(x, y, label, color)``
    and filled polygons (see ``polygons_on``)."""
    axes = Axes(x_range=list(x_range), y_range=list(y_range), x_length=6.5, y_length=4.2, tips=False,
                axis_config={"include_numbers": False, "color": kit_color("gray")})
    group = VGroup(axes, polygons_on(axes.c2p, polygons))
    if numbers:
        for v in _tick_values(x_range):
            group.add(_number(v).next_to(axes.c2p(v, 0), DOWN, buff=0.12))
        for v in _tick_values(y_range):
            group.add(_number(v).next_to(axes.c2p(0, v), LEFT, buff=0.12))
    for func, color, name, domain in functions:
        curve = axes.plot(func, x_range=list(domain or x_range[:2]), color=kit_color(color))
        group.add(curve)
        if name:
            group.add(label(name, "small", color).next_to(curve.get_end(), UR, buff=0.1))
    for x, y, name, color in points:
        dot = Dot(axes.c2p(x, y), color=kit_color(color))
        group.add(dot)
        if name:
            group.add(label(name, "small", color).next_to(dot, UR, buff=0.08))
    if x_label:
        group.add(label(x_label, "small").next_to(axes.x_axis.get_end(), DOWN + RIGHT, buff=0.1))
    if y_label:
        group.add(label(y_label, "small").next_to(axes.y_axis.get_end(), UP, buff=0.1))
    return group


def number_line(x_range, points=(), numbers=True):
    line = NumberLine(x_range=list(x_range), length=7, include_numbers=False, color=kit_color("gray"))
    group = VGroup(line)
    if numbers:
        start, stop, step = x_range
        for v in np.arange(start, stop + step / 2, step):
            group.add(_number(float(v)).next_to(line.n2p(v), DOWN, buff=0.15))
    for x, _y, name, color in points:
        dot = Dot(line.n2p(x), color=kit_color(color), radius=0.1)
        group.add(dot)
        if name:
            group.add(label(name, "small", color).next_to(dot, UP, buff=0.15))
    return group


_SHAPES = {
    "circle": lambda: Circle(radius=0.6), "square": lambda: Square(side_length=1.1),
    "rectangle": lambda: Rectangle(width=1.6, height=0.9), "triangle": lambda: Triangle().scale(0.7),
    "dot": lambda: Dot(radius=0.12), "ellipse": lambda: Ellipse(width=1.6, height=0.9),
}


def shape(kind: str, name: str | None = None, color: str = "blue", fill_opacity: float = 0.0):
    body = _SHAPES[kind]().set_color(kit_color(color)).set_fill(kit_color(color), opacity=fill_opacity)
    if kind == "dot":
        body.set_fill(opacity=1)
    if not name:
        return body
    text = label(name, "small", "white", width=12)
    if kind == "dot":
        return VGroup(body, text.next_to(body, UP, buff=0.12))
    text.scale_to_fit_width(min(text.width, body.width * 0.85))
    return VGroup(body, text.move_to(body))


def _point_of(end, toward):
    """A point on ``end`` (a mobject or a coordinate) facing ``toward``."""
    if isinstance(end, np.ndarray):
        return end
    direction = toward - end.get_center()
    return end.get_boundary_point(direction) if np.linalg.norm(direction) > 1e-6 else end.get_center()


def arrow_between(start, end, name: str | None = None, color: str = "white"):
    a = start if isinstance(start, np.ndarray) else start.get_center()
    b = end if isinstance(end, np.ndarray) else end.get_center()
    arrow = Arrow(_point_of(start, b), _point_of(end, a), buff=0.1, color=kit_color(color))
    if not name:
        return arrow
    return VGroup(arrow, label(name, "small", color, width=16).next_to(arrow.get_center(), UP, buff=0.1))


def vector_plane(x_range, y_range, vectors=(), polygons=()):
    """A coordinate plane with filled polygons and vectors ``(x, y, color, label)`` from the origin."""
    plane = NumberPlane(x_range=list(x_range), y_range=list(y_range),
                        background_line_style={"stroke_color": kit_color("blue"), "stroke_opacity": 0.35})
    group = VGroup(plane, polygons_on(plane.c2p, polygons))
    origin = plane.c2p(0, 0)
    for x, y, color, name in vectors:
        arrow = Arrow(origin, plane.c2p(x, y), buff=0, color=kit_color(color))
        group.add(arrow)
        if name:
            group.add(formula(name, color=color).next_to(arrow.get_end(), UR, buff=0.05))
    return group


def matrix(rows: list[list[str]], color: str = "white"):
    body = "; ".join(", ".join(row) for row in rows)
    return MathTypst(f"mat({body})", color=kit_color(color))


def table(header: list[str], rows: list[list[str]]):
    return Table(
        [[wrap_text(cell, 18) for cell in row] for row in rows],
        col_labels=[Text(h, font=FONT, weight="BOLD", color=kit_color("yellow")) for h in header],
        element_to_mobject=lambda s: Text(s, font=FONT),
        include_outer_lines=True,
        line_config={"stroke_color": kit_color("gray")},
    )


def bar_chart(values: list[float], labels: list[str] = (), y_max: float | None = None, color: str = "blue"):
    """Bars on a baseline with value and name labels; a later chart can morph into it."""
    top = y_max or max(max(values), 1e-9)
    height, width, gap = 3.5, 0.8, 0.35
    bars = VGroup()
    for index, value in enumerate(values):
        bar_height = max(height * max(value, 0) / top, 0.02)
        bar = Rectangle(width=width, height=bar_height).set_stroke(width=0)
        bar.set_fill(kit_color(color), opacity=0.85)
        bar.move_to([index * (width + gap), bar_height / 2, 0])
        bars.add(bar)
    group = VGroup(bars)
    baseline = Line(bars.get_corner(DOWN + LEFT) + LEFT * 0.2, bars.get_corner(DOWN + RIGHT) + RIGHT * 0.2)
    group.add(baseline.set_color(kit_color("gray")))
    for index, bar in enumerate(bars):
        group.add(Text(f"{values[index]:g}", font=FONT, font_size=22).next_to(bar, UP, buff=0.08))
        if labels:
            group.add(Text(labels[index], font=FONT, font_size=22).next_to(baseline, DOWN, buff=0.15)
                      .set_x(bar.get_x()))
    return group


def code_block(code: str, language: str = "python"):
    return Code(code_string=code, language=language, formatter_style="monokai", background="window",
                add_line_numbers=False, paragraph_config={"font": "DejaVu Sans Mono"})


def highlight(target, style: str = "box", color: str = "yellow"):
    """The mark drawn over ``target``; None for 'indicate', which is only an animation."""
    if style == "box":
        mark = SurroundingRectangle(target, color=kit_color(color), buff=0.1)
    elif style == "underline":
        mark = Underline(target, color=kit_color(color), buff=0.08)
    elif style == "circle":
        mark = Circle(color=kit_color(color)).surround(target, buffer_factor=1.15)
    else:
        return None
    mark.kit_role = "highlight"  # the critic expects it to cover its target
    return mark


def place_like(mobj, old):
    """Fit ``mobj`` into the box of the visual it replaces, so a morph stays in place."""
    factors = [o / n for o, n in ((old.width, mobj.width), (old.height, mobj.height)) if n > 1e-6 and o > 1e-6]
    if factors:
        mobj.scale(min(factors))
    return mobj.move_to(old)


def indicate(target, color: str = "yellow"):
    return Indicate(target, color=kit_color(color))


def image(path: str, caption: str | None = None, alt: str = ""):
    """A picture from the section folder (``group[0]``) over its caption (``group[1]``, when given).

    A file that is missing, outside the folder or unreadable becomes a placeholder that says so,
    because one lost figure must not sink a whole section's render.
    """
    picture = _picture(path) or _missing_picture(alt)
    if not caption:
        return Group(picture)
    text = label(caption, "small", "gray", width=max(16, round(picture.width / 0.18)))
    if text.width > max(picture.width, 3.0):  # a narrow picture may have a wider caption, not a tiny one
        text.scale_to_fit_width(max(picture.width, 3.0))
    return Group(picture, text.next_to(picture, DOWN, buff=0.2))


def _picture(path: str):
    """The file as an ImageMobject fitted to IMAGE_BOX, transparency flattened onto white (paper figures
    are dark ink on nothing, which the dark background would swallow); None when it cannot be shown."""
    from PIL import Image  # Pillow comes with Manim

    file = Path(path)
    if file.is_absolute() or ".." in file.parts or not file.is_file():
        return None
    try:
        with Image.open(file) as opened:
            rgba = opened.convert("RGBA")
        rgba.thumbnail((MAX_IMAGE_PX, MAX_IMAGE_PX))  # every frame resamples it: keep that cheap
        flat = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
        picture = ImageMobject(np.array(flat))
    except Exception:  # noqa: BLE001  (any unreadable file, whatever Pillow raises, means "missing")
        return None
    factor = min(IMAGE_BOX[0] / picture.width, IMAGE_BOX[1] / picture.height)
    return picture.scale(factor)


def _missing_picture(alt: str) -> VGroup:
    """A gray card that says the figure is missing and what it showed."""
    card = RoundedRectangle(width=IMAGE_BOX[0] * 0.75, height=IMAGE_BOX[1] * 0.75, corner_radius=0.2)
    card.set_stroke(kit_color("gray"), 2).set_fill(kit_color("gray"), opacity=0.15)
    words = VGroup(label("Figure missing", "normal", "gray"))
    if alt.strip():
        said = alt.strip() if len(alt.strip()) <= ALT_CHARS else alt.strip()[:ALT_CHARS - 1].rstrip() + "…"
        words.add(label(said, "small", "gray", width=36))
    words.arrange(DOWN, buff=0.25)
    if words.width > card.width - 0.4 or words.height > card.height - 0.4:
        words.scale(min((card.width - 0.4) / words.width, (card.height - 0.4) / words.height))
    return VGroup(card, words.move_to(card))


class _PictureCamera(Camera):
    """Manim's camera, but pictures are drawn on a canvas that Pillow 12+ accepts.

    Manim 0.22 builds its image canvas with ``Image.fromarray(np.zeros(...), mode="RGBA")``, which
    newer Pillow rejects, so any ImageMobject crashed the render. Upright pictures (all the kit
    draws) are pasted here directly; rotated or flipped ones still take Manim's own path.
    """

    def display_image_mobject(self, image_mobject, pixel_array: np.ndarray) -> None:
        from PIL import Image

        corners = self.points_to_subpixel_coords(image_mobject, image_mobject.points)  # UL, UR, DL, DR
        (ul, ur, dl, _dr) = corners
        if abs(ul[1] - ur[1]) > 0.5 or abs(ul[0] - dl[0]) > 0.5 or ur[0] < ul[0] or dl[1] < ul[1]:
            super().display_image_mobject(image_mobject, pixel_array)
            return
        left, top = (round(v) for v in corners.min(axis=0))
        right, bottom = (round(v) for v in corners.max(axis=0))
        if right - left < 1 or bottom - top < 1:
            return
        picture = Image.fromarray(image_mobject.get_pixel_array()).convert("RGBA")
        canvas = Image.new("RGBA", (self.pixel_width, self.pixel_height))
        canvas.paste(picture.resize((right - left, bottom - top), image_mobject.resampling_algorithm), (left, top))
        self.overlay_PIL_image(pixel_array, canvas)


@cache
def _line_metrics(font_size: int) -> tuple[float, float]:
    """(cap height, line pitch) of the kit font at this size, for laying out lines evenly."""
    cap = Text("H", font=FONT, font_size=font_size).height
    pitch = Text("H\nH", font=FONT, font_size=font_size, line_spacing=0.8).height - cap
    return cap, pitch


def bullets(items: list[str], size: str = "normal", color: str = "white", width: int = 40) -> VGroup:
    """Left-aligned points, each ``VGroup(marker, text)`` so ``group[i]`` is item i (the cursor points at it).

    Items are laid out by line pitch, not by their boxes, so the gaps look even whatever letters
    the lines hold; ``width`` is characters per line.
    """
    font_size = TEXT_SIZES[size]
    cap, pitch = _line_metrics(font_size)
    group, top = VGroup(), 0.0
    for item in items:
        wrapped = wrap_text(item, width)
        body = Text(wrapped, font=FONT, font_size=font_size, color=kit_color(color), line_spacing=0.8)
        body.move_to([1.1 * cap, top, 0], aligned_edge=UP + LEFT)
        marker = Dot([0.2 * cap, top - 0.6 * cap, 0], radius=0.2 * cap, color=kit_color(color))
        group.add(VGroup(marker, body))
        top -= (wrapped.count("\n") + 1) * pitch + 0.5 * pitch
    group.kit_role = "bullets"
    return group


__all__ = [
    "FONT", "PALETTE", "TEX_AVAILABLE", "kit_color", "wrap_text", "label", "formula", "axes_plot",
    "number_line", "polygons_on", "shape", "arrow_between", "vector_plane", "matrix", "table", "bar_chart",
    "code_block", "highlight", "place_like", "indicate", "image", "bullets",
]
