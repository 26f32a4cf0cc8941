"""One picture per figure slide: subfigures are set side by side with Pillow."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from code2video.paper.model import Paper

GAP = 24  # pixels between subfigures


def side_by_side(images: list[Path], dest: Path, height: int = 720) -> Path:
    """The images scaled to one height and placed left to right on white, written atomically."""
    opened = [Image.open(path).convert("RGB") for path in images]
    scaled = [im.resize((max(1, round(im.width * height / im.height)), height)) for im in opened]
    canvas = Image.new("RGB", (sum(im.width for im in scaled) + GAP * (len(scaled) - 1), height), "white")
    x = 0
    for im in scaled:
        canvas.paste(im, (x, 0))
        x += im.width + GAP
    partial = dest.with_name(dest.stem + ".part.png")
    canvas.save(partial)
    os.replace(partial, dest)
    return dest


def combine_subfigures(paper: Paper, assets_dir: Path) -> None:
    """Put a combined picture first in every figure that has several, so its slide shows them all."""
    for figure in paper.figures:
        if len(figure.images) > 1:
            combined = side_by_side(figure.images, assets_dir / f"{figure.id}-all.png")
            figure.images.insert(0, combined)
