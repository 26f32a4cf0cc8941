"""Figure lookup and conversion: every supported format becomes a bounded PNG; bad files fail cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from code2video.errors import Code2VideoError
from code2video.paper.figures import FigureError, convert_figure, find_graphic


def vector_pdf(path: Path) -> Path:
    """A one-page 400x300 pt PDF: a filled box and two lines, far from the page edges."""
    content = (b"0.2 0.4 0.8 rg 150 100 100 60 re f\n"
               b"0 0 0 RG 4 w 150 180 m 250 220 l S 150 220 m 250 180 l S\n")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


EPS = b"""%!PS-Adobe-3.0 EPSF-3.0
%%BoundingBox: 0 0 100 50
newpath 10 10 moveto 90 10 lineto 90 40 lineto 10 40 lineto closepath
0 0.5 0 setrgbcolor fill
showpage
%%EOF
"""


def test_png_is_downscaled_and_keeps_transparency(tmp_path):
    source = tmp_path / "wide.png"
    Image.new("RGBA", (3200, 800), (255, 0, 0, 128)).save(source)
    out = convert_figure(source, tmp_path / "out" / "wide.png", max_side=1600)
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (1600, 400)
        assert image.mode == "RGBA"


def test_small_jpeg_becomes_rgb_png_without_upscaling(tmp_path):
    source = tmp_path / "photo.jpg"
    Image.new("L", (200, 120), 90).save(source, format="JPEG")
    out = convert_figure(source, tmp_path / "photo.png")
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (200, 120)
        assert image.mode == "RGB"


@pytest.mark.parametrize("mode, value, expected", [("I;16", 16384, 64), ("F", 0.25, 0)])
def test_deep_images_are_scaled_not_clipped(tmp_path, mode, value, expected):
    source = tmp_path / "deep.tif"
    image = Image.new(mode, (40, 20), value)
    image.paste(Image.new(mode, (20, 20), value * 2), (20, 0))  # two levels, so F has a range
    image.save(source)
    with Image.open(convert_figure(source, tmp_path / "deep.png")) as out:
        assert out.mode == "RGB"
        assert out.getpixel((5, 5))[0] == pytest.approx(expected, abs=1)
        assert out.getpixel((35, 5))[0] > out.getpixel((5, 5))[0]


def test_pdf_is_rendered_and_its_white_margins_cropped(tmp_path):
    out = convert_figure(vector_pdf(tmp_path / "plot.pdf"), tmp_path / "plot.png", max_side=800)
    with Image.open(out) as image:
        width, height = image.size
        # the drawing is 100x120 pt of a 400x300 pt page: cropped, then rendered to fill max_side
        assert height == pytest.approx(800, abs=40)
        assert width < 0.95 * height
        assert image.getpixel((width // 2, int(height * 0.8))) != (255, 255, 255)  # blue box
        corner = image.crop((0, 0, 4, 4)).getcolors()
        assert corner == [(16, (255, 255, 255))]  # a thin white border is kept


def test_pdf_named_without_extension_is_sniffed(tmp_path):
    source = vector_pdf(tmp_path / "plot")
    out = convert_figure(source, tmp_path / "plot.png", max_side=400)
    with Image.open(out) as image:
        assert max(image.size) <= 400


@pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript (gs) is not installed")
def test_eps_goes_through_ghostscript(tmp_path):
    source = tmp_path / "box.eps"
    source.write_bytes(EPS)
    out = convert_figure(source, tmp_path / "box.png")
    with Image.open(out) as image:
        width, height = image.size
        assert 0 < height < width <= 1600  # 150 dpi of an 80x30 pt box, border trimmed
        red, green, blue = image.getpixel((width // 2, height // 2))
        assert green > 100 and red < 50 and blue < 50


def test_eps_without_ghostscript_says_what_to_install(tmp_path, monkeypatch):
    source = tmp_path / "box.eps"
    source.write_bytes(EPS)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FigureError, match="apt-get install ghostscript"):
        convert_figure(source, tmp_path / "box.png")


@pytest.mark.parametrize("name, data", [
    ("broken.png", b"\x89PNG\r\n\x1a\n not really a png"),
    ("broken.pdf", b"%PDF-1.4\n garbage without objects"),
    ("broken.jpg", b""),
    ("broken.eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n this is { not postscript"),
])
def test_corrupt_files_raise_figure_error(tmp_path, name, data):
    if name.endswith(".eps") and shutil.which("gs") is None:
        pytest.skip("ghostscript (gs) is not installed")
    source = tmp_path / name
    source.write_bytes(data)
    with pytest.raises(FigureError) as caught:
        convert_figure(source, tmp_path / "out.png")
    assert isinstance(caught.value, Code2VideoError)
    assert str(source) in str(caught.value)
    assert not list(tmp_path.glob("*.part"))
    assert not (tmp_path / "out.png").exists()


def test_missing_source_raises_figure_error(tmp_path):
    with pytest.raises(FigureError, match="does not exist"):
        convert_figure(tmp_path / "nope.png", tmp_path / "out.png")


def test_find_graphic_tries_the_name_then_extensions_in_latex_order(tmp_path):
    figs, other = tmp_path / "figs", tmp_path / "other"
    figs.mkdir()
    other.mkdir()
    (figs / "plot.png").write_bytes(b"png")
    (other / "plot.pdf").write_bytes(b"pdf")
    (figs / "photo.JPG").write_bytes(b"jpg")
    (figs / "exact.name.eps").write_bytes(b"eps")
    (figs / "exact.name.eps.pdf").write_bytes(b"pdf")

    # .pdf comes before .png, whichever directory holds it
    assert find_graphic("plot", [figs, other]) == (other / "plot.pdf").resolve()
    assert find_graphic("plot", [figs]) == (figs / "plot.png").resolve()
    assert find_graphic("plot.png", [other, figs]) == (figs / "plot.png").resolve()
    assert find_graphic("photo", [figs]) == (figs / "photo.JPG").resolve()
    assert find_graphic("exact.name.eps", [figs]) == (figs / "exact.name.eps").resolve()
    assert find_graphic("nothing", [figs, other]) is None
    assert find_graphic("", [figs]) is None
    assert find_graphic("x" * 5000, [figs]) is None
    assert find_graphic("bad\0name", [figs]) is None


def test_find_graphic_never_leaves_the_search_dirs(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "secret.png").write_bytes(b"png")
    assert find_graphic("../secret", [project]) is None
    assert find_graphic(str(tmp_path / "secret.png"), [project]) is None
    (project / "sub").mkdir()
    (project / "sub" / "ok.png").write_bytes(b"png")
    assert find_graphic("sub/../sub/ok", [project]) == (project / "sub" / "ok.png").resolve()
