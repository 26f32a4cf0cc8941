"""A paper's figures -> PNGs a slide can show.

From a LaTeX project: \\includegraphics lookup and conversion of the PDF, EPS, PNG or JPEG files.
From a PDF paper: the embedded images and placed drawings on its pages, matched to their captions.
Slides need one raster format at a sensible size, so every figure becomes a PNG whose longest side
is at most ``max_side`` pixels.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageOps
from pypdfium2 import raw

from code2video.errors import Code2VideoError
from code2video.paper.model import Figure

# \includegraphics tries the name as written, then these extensions (pdfTeX's order, lower case first)
GRAPHIC_EXTENSIONS = ("", ".pdf", ".png", ".jpg", ".jpeg", ".eps")
SEARCH_EXTENSIONS = GRAPHIC_EXTENSIONS + tuple(ext.upper() for ext in GRAPHIC_EXTENSIONS if ext)
GS_TIMEOUT_S = 60
EPS_DPI = 150
MIN_IMAGE_PX = 150  # smaller embedded images are icons and logos, not figures
MAX_PDF_SCALE = 8.0  # 576 dpi: a tiny drawing is not blown up further than this
WHITE_TOLERANCE = 12  # channel distance from pure white still counted as margin
MARGIN_PX = 8  # white border kept around cropped content
REGION_PAD_PT = 4  # points added around a figure's box on a PDF page before rendering it


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
            try:
                candidate = (root / f"{name}{ext}").resolve()
                if candidate.is_relative_to(root) and candidate.is_file():
                    return candidate
            except (OSError, ValueError):  # a name too long for the file system, or with a NUL byte
                continue
    return None


def convert_figure(source: Path, dest: Path, max_side: int = 1600) -> Path:
    """Write ``source`` (PDF, EPS or a raster image) as a PNG at ``dest``, written atomically."""
    source, dest = Path(source), Path(dest)
    if not source.is_file():
        raise FigureError(f"figure file {source} does not exist; check the path in \\includegraphics")
    try:
        kind = _sniff(source)
    except OSError as exc:
        raise FigureError(f"figure file {source} cannot be read ({exc}); check its permissions") from exc
    if kind == "pdf":
        image = _render_pdf(source, max_side)
    elif kind == "eps":
        image = _render_eps(source)
    else:
        image = _open_raster(source)
    _save_png_atomically(_fit(image, max_side), dest, source)
    return dest


def write_png(image: Image.Image, dest: Path, max_side: int = 1600, trim: bool = False) -> Path:
    """Save an already decoded picture (e.g. cut out of a PDF page) the way figures are saved:
    optionally without white margins, at most ``max_side`` pixels, atomically."""
    if trim:
        image = _crop_margins(image.convert("RGB"))
    _save_png_atomically(_fit(image, max_side), Path(dest), Path(dest))
    return Path(dest)


@dataclass
class Picture:
    """An embedded image or a placed PDF drawing (a form XObject) on a PDF page: maybe a figure."""

    page: int  # zero-based page index
    box: tuple[float, float, float, float]  # left, bottom, right, top in page points
    native_scale: float | None = None  # pixels per point of a raster image


def pdf_pictures(pages: list) -> list[Picture]:
    """The figure-like pictures of a PDF's pypdfium2 pages, logos repeated across pages left out."""
    found = [pic for number, page in enumerate(pages) for pic in _page_pictures(page, number)]
    return _drop_repeated(found, len(pages))


def _page_pictures(page, number: int) -> list[Picture]:
    """Top-level raster images of at least MIN_IMAGE_PX and placed drawings of figure size."""
    left, bottom, right, top = page.get_bbox()
    page_area = max((right - left) * (top - bottom), 1.0)
    found = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM], max_depth=1):
        try:
            l, b, r, t = obj.get_bounds()
            px_w, px_h = obj.get_px_size() if obj.type == raw.FPDF_PAGEOBJ_IMAGE else (0, 0)
        except pdfium.PdfiumError:
            continue  # a broken object is skipped like any other non-figure
        l, b, r, t = max(l, left), max(b, bottom), min(r, right), min(t, top)
        width, height = r - l, t - b
        if width < 36 or height < 36:
            continue
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            if min(px_w, px_h) >= MIN_IMAGE_PX:
                found.append(Picture(number, (l, b, r, t), max(px_w / width, px_h / height)))
        elif width >= 72 and width * height < 0.6 * page_area:  # a whole-page wrapper is no figure
            found.append(Picture(number, (l, b, r, t)))
    return found


def _drop_repeated(pictures: list[Picture], n_pages: int) -> list[Picture]:
    """Without logos and decorations: the same box on half of the pages, and on at least three
    (both pages of a two-page PDF), since two figures rarely share one place and size."""
    pages_by_box: dict[tuple[int, ...], set[int]] = {}
    for pic in pictures:
        pages_by_box.setdefault(tuple(round(v) for v in pic.box), set()).add(pic.page)
    needed = 2 if n_pages == 2 else max(3, n_pages / 2)
    repeated = {box for box, pages in pages_by_box.items() if len(pages) >= needed}
    return [pic for pic in pictures if tuple(round(v) for v in pic.box) not in repeated]


@dataclass
class Caption:
    """A "Figure N:" caption on a PDF page; the box is that of its first line."""

    number: int
    text: str
    page: int
    box: tuple[float, float, float, float]  # left, bottom, right, top in page points


def group_pictures(pictures: list[Picture], captions: list[Caption]) -> tuple[dict[int, list[Picture]], list[Picture]]:
    """The pictures under each caption number (subfigures share one), and those without a caption."""
    grouped: dict[int, list[Picture]] = {caption.number: [] for caption in captions}
    loose: list[Picture] = []
    for picture in pictures:
        caption = _nearest_caption(picture, captions)
        (grouped[caption.number] if caption else loose).append(picture)
    return grouped, loose


def _nearest_caption(picture: Picture, captions: list[Caption]) -> Caption | None:
    """The caption on the same page that overlaps the picture horizontally, closest below it;
    one above counts only when none is below (and never further than 200 points)."""
    left, bottom, right, top = picture.box
    best, best_score = None, 200.0
    for caption in captions:
        c_left, c_bottom, c_right, c_top = caption.box
        if caption.page != picture.page or min(right, c_right) - max(left, c_left) <= 0:
            continue
        if c_top <= bottom + 5:
            score = bottom - c_top
        elif c_bottom >= top - 5:
            score = c_bottom - top + 100
        else:
            continue
        if score < best_score:
            best, best_score = caption, score
    return best


def figure_from_pictures(pages: list, number: int, caption: str, pictures: list[Picture], assets_dir: Path,
                         warnings: list[str]) -> Figure:
    """Figure ``number`` with its pictures cut out of the pages as fig-N.png (fig-N-1.png, ... for
    subfigures, in reading order); what fails is noted in ``missing`` and ``warnings``."""
    figure = Figure(id=f"fig-{number}", number=number, caption=caption, images=[])
    if not pictures:
        figure.missing.append(f"Figure {number}")
        warnings.append(f"Figure {number}: no embedded image near its caption in the PDF "
                        "(drawings made of plain vector paths are not extracted)")
    ordered = sorted(pictures, key=lambda pic: (-round(pic.box[3]), pic.box[0]))
    for index, picture in enumerate(ordered, start=1):
        name = f"fig-{number}.png" if len(ordered) == 1 else f"fig-{number}-{index}.png"
        try:
            figure.images.append(render_pdf_region(pages[picture.page], picture.box, Path(assets_dir) / name,
                                                   native_scale=picture.native_scale))
        except FigureError as exc:
            figure.missing.append(name)
            warnings.append(str(exc))
    return figure


def render_pdf_region(page, box: tuple[float, float, float, float], dest: Path, max_side: int = 1600,
                      native_scale: float | None = None) -> Path:
    """Cut ``box`` (left, bottom, right, top in page points) out of a pypdfium2 page as a PNG: how a
    PDF's embedded figures are taken, with the overlays and masks drawn on them as a reader sees them.
    ``native_scale`` (pixels per point of an embedded image) keeps from upsampling it."""
    page_left, page_bottom, page_right, page_top = page.get_bbox()
    pad = REGION_PAD_PT  # PDFium's bounds of a drawing can clip glyph tops; the white is trimmed again
    left, bottom = max(box[0] - pad, page_left), max(box[1] - pad, page_bottom)
    right, top = min(box[2] + pad, page_right), min(box[3] + pad, page_top)
    if right - left < 1 or top - bottom < 1:
        raise FigureError(f"figure box {box} lies outside its PDF page; it is left out")
    scale = min(max_side / max(right - left, top - bottom), native_scale or MAX_PDF_SCALE, MAX_PDF_SCALE)
    crop = (left - page_left, bottom - page_bottom, page_right - right, page_top - top)
    rotation = page.get_rotation()
    try:
        page.set_rotation(0)  # crop is given in unrotated page space; the picture is turned afterwards
        bitmap = page.render(scale=max(scale, 1.0), crop=crop, fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil().convert("RGB")
    except pdfium.PdfiumError as exc:
        raise FigureError(f"a figure of the PDF could not be rendered ({exc}); it is left out") from exc
    finally:
        page.set_rotation(rotation)
    return write_png(image.rotate(-rotation, expand=True) if rotation else image, dest, max_side, trim=True)


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
            image = _to_8_bit(ImageOps.exif_transpose(opened))
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            return image.convert("RGBA" if has_alpha else "RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise FigureError(
            f"figure {source} is not a readable image ({exc}); re-export it as PNG, JPEG or PDF"
        ) from exc


def _to_8_bit(image: Image.Image) -> Image.Image:
    """16-bit and float pictures scaled into 0..255: a plain convert would clip them to white."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode in ("I", "F"):
        low, high = image.getextrema()
        scale = 255 / (high - low) if high > low else 0.0
        return image.point(lambda v: v * scale - low * scale).convert("L")
    return image


def _render_pdf(source: Path, max_side: int) -> Image.Image:
    """Page 1 rendered on white with its white margins cut off: pass one finds the drawing's box,
    pass two renders only that box so the drawing itself gets ``max_side`` pixels."""
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
