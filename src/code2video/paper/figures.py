"""Figure files of a paper -> PNGs a slide can show: \\includegraphics lookup and conversion.

Papers ship figures as PDF, EPS, PNG or JPEG; slides need one raster format at a sensible size, so
every figure becomes a PNG whose longest side is at most ``max_side`` pixels.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageOps

from code2video.errors import Code2VideoError

# \includegraphics tries the name as written, then these extensions (pdfTeX's order, lower case first)
GRAPHIC_EXTENSIONS = ("", ".pdf", ".png", ".jpg", ".jpeg", ".eps")
SEARCH_EXTENSIONS = GRAPHIC_EXTENSIONS + tuple(ext.upper() for ext in GRAPHIC_EXTENSIONS if ext)
GS_TIMEOUT_S = 60
EPS_DPI = 150
MAX_PDF_SCALE = 8.0  # 576 dpi: a tiny drawing is not blown up further than this
WHITE_TOLERANCE = 12  # channel distance from pure white still counted as margin
MARGIN_PX = 8  # white border kept around cropped content


class FigureError(Code2VideoError):
    """A figure file could not be read or converted; the message names the file and the fix."""


def find_graphic(name: str, search_dirs: list[Path]) -> Path | None:
    """The file ``\\includegraphics{name}`` would use, searched like LaTeX: for each extension
    (the name as given first), each directory in order. Never a path outside ``search_dirs``."""
    name = name.strip()
    if not name:
        return None
    roots = [Path(d).resolve() for d in search_dirs]
    for ext in SEARCH_EXTENSIONS:
        for root in roots:
            candidate = (root / f"{name}{ext}").resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
    return None


def convert_figure(source: Path, dest: Path, max_side: int = 1600) -> Path:
    """Write ``source`` (PDF, EPS or a raster image) as a PNG at ``dest``, written atomically."""
    source, dest = Path(source), Path(dest)
    if not source.is_file():
        raise FigureError(f"figure file {source} does not exist; check the path in \\includegraphics")
    kind = _sniff(source)
    if kind == "pdf":
        image = _render_pdf(source, max_side)
    elif kind == "eps":
        image = _render_eps(source)
    else:
        image = _open_raster(source)
    image = _fit(image, max_side)
    _save_png_atomically(image, dest, source)
    return dest


def _sniff(source: Path) -> str:
    """'pdf', 'eps' or 'raster', by the file's first bytes (names lie: a '.pdf' may be a PNG)."""
    with source.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"%!PS", b"\xc5\xd0\xd3\xc6")):  # PostScript text, or a DOS EPS binary header
        return "eps"
    return "raster"


def _open_raster(source: Path) -> Image.Image:
    """A PNG/JPEG/GIF/BMP... as RGB, or RGBA when it has transparency, upright per its EXIF tag."""
    try:
        with Image.open(source) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            return image.convert("RGBA" if has_alpha else "RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise FigureError(
            f"figure {source} is not a readable image ({exc}); re-export it as PNG, JPEG or PDF"
        ) from exc


def _render_pdf(source: Path, max_side: int) -> Image.Image:
    """Page 1 rendered on white with its white margins cut off: pass one finds the drawing's box,
    pass two renders only that box so the drawing itself gets ``max_side`` pixels."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(source)
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        raise FigureError(f"figure {source} is not a readable PDF ({exc}); re-export it as PDF or PNG") from exc
    try:
        if len(pdf) == 0:
            raise FigureError(f"figure {source} is a PDF without pages; re-export it")
        page = pdf[0]
        width, height = page.get_size()
        scale = max_side / max(width, height, 1.0)
        preview = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
        box = _content_box(preview)
        if box is None:  # a blank page: keep it whole rather than fail
            return preview
        left, top, right, bottom = box
        crop = (left / scale, (preview.height - bottom) / scale, (preview.width - right) / scale, top / scale)
        content_side = max(right - left, bottom - top) / scale
        fine_scale = min(max_side / max(content_side, 1.0), MAX_PDF_SCALE)
        bitmap = page.render(scale=fine_scale, crop=crop, fill_color=(255, 255, 255, 255))
        return _crop_margins(bitmap.to_pil().convert("RGB"))
    except pdfium.PdfiumError as exc:
        raise FigureError(f"figure {source} could not be rendered ({exc}); re-export it as PDF or PNG") from exc
    finally:
        pdf.close()


def _render_eps(source: Path) -> Image.Image:
    """EPS through ghostscript (Pillow's own EPS support needs gs too), cropped to its bounding box."""
    gs = shutil.which("gs")
    if gs is None:
        raise FigureError(
            f"figure {source} is EPS and needs ghostscript to convert; install it "
            "(apt-get install ghostscript) or convert the figure to PDF or PNG"
        )
    with tempfile.TemporaryDirectory(prefix="c2v-eps-") as tmp:
        out = Path(tmp) / "page.png"
        command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dEPSCrop", "-sDEVICE=png16m",
                   f"-r{EPS_DPI}", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
                   f"-sOutputFile={out}", str(source)]
        try:
            done = subprocess.run(command, check=False, capture_output=True, text=True,
                                  errors="replace", timeout=GS_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise FigureError(
                f"ghostscript took over {GS_TIMEOUT_S} s on figure {source}; convert it to PDF or PNG"
            ) from exc
        if done.returncode != 0 or not out.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise FigureError(
                f"ghostscript could not convert figure {source} ({detail[0]}); convert it to PDF or PNG"
            )
        return _crop_margins(_open_raster(out).convert("RGB"))


def _content_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) of everything not near-white, plus a small margin."""
    difference = ImageChops.difference(image.convert("RGB"), Image.new("RGB", image.size, "white"))
    mask = difference.convert("L").point(lambda value: 255 if value > WHITE_TOLERANCE else 0)
    box = mask.getbbox()
    if box is None:
        return None
    left, top, right, bottom = box
    return (max(0, left - MARGIN_PX), max(0, top - MARGIN_PX),
            min(image.width, right + MARGIN_PX), min(image.height, bottom + MARGIN_PX))


def _crop_margins(image: Image.Image) -> Image.Image:
    """The image without its white border (kept whole when it is all white)."""
    box = _content_box(image)
    return image if box is None else image.crop(box)


def _fit(image: Image.Image, max_side: int) -> Image.Image:
    """Downscaled so the longest side is at most ``max_side``; never upscaled."""
    if max(image.size) > max_side:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


def _save_png_atomically(image: Image.Image, dest: Path, source: Path) -> None:
    """Temp file then rename, so a crash never leaves a half-written PNG that a cache would trust."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        image.save(partial, format="PNG")
        os.replace(partial, dest)
    except (OSError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        raise FigureError(f"could not write {dest} from figure {source} ({exc}); check the output folder") from exc
