"""Reading a paper from a PDF: an invented two-page paper is written here with pypdfium2, then read."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from pypdfium2 import raw

from code2video.errors import BadInputError
from code2video.ir import check_speakable
from code2video.paper.pdf_reader import read_pdf

HEADER = "Preprint. Work in progress."

PAGE_1 = [  # (x, y, size, text); y grows upwards, a US letter page is 612 x 792 points
    (72, 760, 8, HEADER),
    (72, 700, 20, "Sparse Lattice Networks for"),
    (72, 676, 20, "Fast Texture Synthesis"),
    (72, 645, 11, "Ada Quill1, Bruno Teller2 and Chen Wei1"),
    (72, 630, 9, "1Department of Imaginary Studies, Nowhere University"),
    (72, 618, 9, "2Lattice Research Lab"),
    (72, 606, 9, "{ada, chen}@nowhere.edu"),
    (72, 580, 12, "Abstract"),
    (72, 565, 10, "We present sparse lattice networks, a compact repre-"),
    (72, 552, 10, "sentation for textures that trains in minutes [3, 5]. Our"),
    (72, 539, 10, "method beats prior work (Smith et al., 2020) on quality."),
    (72, 526, 10, "Keywords: textures, lattices"),
    (72, 510, 12, "1 Introduction"),
    (72, 494, 10, "Texture synthesis has a long history [12]. Classic methods"),
    (72, 481, 10, "copy patches, while neural ones learn a state-of-the-"),
    (72, 468, 10, "art generator (Lee and Park, 2019; Gray, 2021) from data."),
    (87, 455, 10, "We make three contributions. First, lattices are small."),
    (72, 442, 10, "Second, they train fast. Third, they tile without seams."),
    (150, 215, 10, "Figure 1: The lattice encoder maps each patch to a"),
    (150, 202, 10, "short code."),
    (72, 80, 7, "1Code and data live at an imaginary address."),
    (300, 50, 10, "1"),
]
PAGE_2 = [
    (72, 772, 8, "Sparse Lattice Networks for"),  # a running head repeating the title's first line
    (72, 760, 8, HEADER),
    (72, 720, 12, "2 Method"),
    (72, 704, 10, "The encoder uses x^2 scaling and a $k$-sparse code with"),
    (72, 691, 10, "weights w_{ij} shared across \\emph{all} scales."),
    (72, 665, 11, "2.1 Lattice Codes"),
    (72, 650, 10, "Each code is a point on an integer lattice, and the"),
    (72, 637, 10, "7 Nearest points are averaged for every pixel of the"),
    (72, 624, 10, "output."),
    (72, 600, 12, "3 Experiments"),
    (72, 585, 10, "We train on 64 textures for ten minutes each."),
    (72, 525, 10, "Figure 3: Bars drawn as paths."),
    (180, 395, 10, "Figure 2. Training loss over ten minutes."),
    (72, 370, 12, "4 Conclusion"),
    (72, 355, 10, "Lattices make texture synthesis fast."),
    (72, 330, 12, "Acknowledgments"),
    (72, 315, 10, "We thank the reviewers of an imaginary venue."),
    (72, 290, 12, "References"),
    (72, 275, 10, "[1] A. Author. A study of textures. 2019."),
    (72, 262, 10, "[2] B. Writer. Another study. 2020."),
    (300, 50, 10, "2"),
]


class PaperWriter:
    """Just enough of a PDF writer for the test: text in a standard font, images, placed drawings."""

    def __init__(self):
        self.pdf = pdfium.PdfDocument.new()
        self.font = raw.FPDFText_LoadStandardFont(self.pdf, b"Times-Roman")  # base 14: needs no font file

    def page(self, lines):
        page = self.pdf.new_page(612, 792)
        for x, y, size, text in lines:
            self.text(page, x, y, size, text)
        return page

    def text(self, page, x, y, size, text, pdf=None):
        pdf = pdf or self.pdf
        font = self.font if pdf is self.pdf else raw.FPDFText_LoadStandardFont(pdf, b"Helvetica")
        obj = raw.FPDFPageObj_CreateTextObj(pdf, font, size)
        encoded = (text + "\0").encode("utf-16-le")
        buffer = (ctypes.c_ubyte * len(encoded)).from_buffer_copy(encoded)
        assert raw.FPDFText_SetText(obj, ctypes.cast(buffer, raw.FPDF_WIDESTRING))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page, obj)

    def image(self, page, picture: Image.Image, box):
        left, bottom, right, top = box
        obj = pdfium.PdfImage.new(self.pdf)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(picture))
        obj.set_matrix(pdfium.PdfMatrix().scale(right - left, top - bottom).translate(left, bottom))
        page.insert_obj(obj)

    @staticmethod
    def bar(page, box):
        left, bottom, right, top = box
        bar = raw.FPDFPageObj_CreateNewRect(left, bottom, right - left, top - bottom)
        raw.FPDFPageObj_SetFillColor(bar, 200, 40, 40, 255)
        raw.FPDFPath_SetDrawMode(bar, raw.FPDF_FILLMODE_WINDING, False)
        raw.FPDFPage_InsertObject(page, bar)

    def drawing(self, page, x, y):
        """A 200 x 100 pt vector plot with an axis label, placed like \\includegraphics places a PDF."""
        source = pdfium.PdfDocument.new()
        plot = source.new_page(200, 100)
        self.bar(plot, (20, 20, 180, 60))
        self.text(plot, 60, 70, 9, "loss per minute", pdf=source)
        plot.gen_content()
        form = source.page_as_xobject(0, self.pdf).as_pageobject()
        form.set_matrix(pdfium.PdfMatrix().translate(x, y))
        page.insert_obj(form)

    def save(self, path: Path) -> Path:
        self.pdf.save(path)
        return path


def picture(width, height, color):
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).ellipse((10, 10, width - 10, height - 10), fill=color)
    return image


@pytest.fixture
def paper_pdf(tmp_path) -> Path:
    writer = PaperWriter()
    first = writer.page(PAGE_1)
    writer.image(first, picture(400, 200, "navy"), (150, 240, 450, 390))  # Figure 1
    writer.image(first, picture(40, 40, "gold"), (500, 740, 540, 780))  # a logo: too small to be a figure
    first.gen_content()
    second = writer.page(PAGE_2)
    writer.drawing(second, 180, 410)  # Figure 2, a vector drawing
    writer.bar(second, (72, 540, 160, 575))  # Figure 3, drawn straight onto the page: not recovered
    second.gen_content()
    return writer.save(tmp_path / "lattice.pdf")


@pytest.fixture
def paper(paper_pdf, tmp_path):
    return read_pdf(paper_pdf, tmp_path / "assets")


def test_title_authors_and_abstract(paper):
    assert paper.title == "Sparse Lattice Networks for Fast Texture Synthesis"
    assert [a.name for a in paper.authors] == ["Ada Quill", "Bruno Teller", "Chen Wei"]
    assert "Department of Imaginary Studies, Nowhere University" in paper.affiliations
    assert paper.abstract == ("We present sparse lattice networks, a compact representation for textures "
                              "that trains in minutes. Our method beats prior work on quality.")


def test_sections_levels_and_order(paper):
    assert [(s.title, s.level) for s in paper.all_sections()] == [
        ("Introduction", 1), ("Method", 1), ("Lattice Codes", 2), ("Experiments", 1), ("Conclusion", 1)]
    method = paper.sections[1]
    assert [child.title for child in method.children] == ["Lattice Codes"]


def test_paragraphs_are_joined_dehyphenated_and_cleaned(paper):
    intro = paper.sections[0]
    assert intro.paragraphs == [
        ("Texture synthesis has a long history. Classic methods copy patches, while neural ones learn a "
         "state-of-the-art generator from data."),
        ("We make three contributions. First, lattices are small. Second, they train fast. "
         "Third, they tile without seams."),
    ]
    codes = paper.sections[1].children[0]  # "7 Nearest points" starts a line but is out of sequence
    assert codes.paragraphs == [("Each code is a point on an integer lattice, and the 7 Nearest points are "
                                 "averaged for every pixel of the output.")]
    for section in paper.all_sections():
        for paragraph in section.paragraphs:
            assert check_speakable(paragraph) == paragraph
    assert paper.sections[1].paragraphs == [
        "The encoder uses x 2 scaling and a k-sparse code with weights w ij shared across all scales."]


def test_references_acknowledgments_and_page_furniture_are_dropped(paper):
    text = " ".join(p for s in paper.all_sections() for p in s.paragraphs) + paper.abstract
    assert "A study of textures" not in text
    assert "reviewers" not in text
    assert "Preprint" not in text and "Work in progress" not in text
    assert "imaginary address" not in text  # a footnote is small print
    assert "Keywords" not in text
    assert paper.sections[-1].paragraphs == ["Lattices make texture synthesis fast."]
    assert not any(p.strip().isdigit() for s in paper.all_sections() for p in s.paragraphs)


def test_figures_are_extracted_with_their_captions(paper, tmp_path):
    first, second, third = paper.figures
    assert (first.id, first.number) == ("fig-1", 1)
    assert first.caption == "Figure 1: The lattice encoder maps each patch to a short code."
    assert first.images == [tmp_path / "assets" / "fig-1.png"]
    with Image.open(first.images[0]) as image:
        assert image.width == pytest.approx(2 * image.height, rel=0.1)
        assert image.getpixel((image.width // 2, image.height // 2))[2] > 100  # the navy ellipse
    assert (second.id, second.caption) == ("fig-2", "Figure 2. Training loss over ten minutes.")
    with Image.open(second.images[0]) as image:
        assert image.width > image.height
    assert (third.caption, third.images, third.missing) == ("Figure 3: Bars drawn as paths.", [], ["Figure 3"])
    assert any(w.startswith("Figure 3:") for w in paper.warnings)
    assert paper.sections[0].items == ["fig-1"]
    assert paper.sections[2].items == ["fig-3", "fig-2"]  # both captions sit in Experiments
    text = " ".join(p for s in paper.all_sections() for p in s.paragraphs)
    assert "loss per minute" not in text  # the drawing's own label is not body text
    assert "Figure 1" not in text


def test_warnings_say_the_pdf_is_lower_fidelity(paper, paper_pdf):
    assert paper.source == paper_pdf
    assert any("lower fidelity" in w and "equations" in w for w in paper.warnings)


def test_unreadable_or_textless_pdfs_are_bad_input(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing here")
    with pytest.raises(BadInputError, match="not a readable PDF"):
        read_pdf(broken, tmp_path / "assets")
    writer = PaperWriter()
    page = writer.pdf.new_page(612, 792)
    writer.image(page, picture(300, 300, "red"), (100, 100, 400, 400))
    page.gen_content()
    with pytest.raises(BadInputError, match="no text layer"):
        read_pdf(writer.save(tmp_path / "scan.pdf"), tmp_path / "assets")


TWO_COLUMNS = [
    (72, 740, 18, "Columns Without Tears"),
    (230, 715, 11, "Dana Ruiz and Eli Moss"),
    (280, 690, 11, "Abstract"),
    (100, 675, 10, "Two columns should read like one text, in order."),
    (72, 640, 12, "1 Introduction"),
    (72, 624, 10, "The left column starts here and runs on"),
    (72, 611, 10, "until its last line, which breaks in the"),
    (320, 640, 10, "middle of a sentence that the right column"),
    (320, 627, 10, "finishes before a new paragraph."),
    (335, 614, 10, "This second paragraph begins with an"),
    (320, 601, 10, "indent, as LaTeX sets it."),
    (320, 575, 12, "2 Results"),
    (320, 559, 10, "Values stay in [0, 1] as shown [4-6]."),
    (320, 400, 10, "Fig. 3. Two views side by side."),
]


def test_two_columns_read_in_order_and_subfigures_share_a_caption(tmp_path):
    writer = PaperWriter()
    page = writer.page(TWO_COLUMNS)
    writer.image(page, picture(200, 200, "green"), (320, 420, 420, 520))
    writer.image(page, picture(200, 200, "purple"), (440, 420, 540, 520))
    page.gen_content()
    paper = read_pdf(writer.save(tmp_path / "two.pdf"), tmp_path / "assets")

    assert paper.title == "Columns Without Tears"
    assert [a.name for a in paper.authors] == ["Dana Ruiz", "Eli Moss"]
    assert paper.abstract == "Two columns should read like one text, in order."
    intro, results = paper.sections
    assert intro.paragraphs == [
        ("The left column starts here and runs on until its last line, which breaks in the middle of a "
         "sentence that the right column finishes before a new paragraph."),
        "This second paragraph begins with an indent, as LaTeX sets it.",
    ]
    assert results.paragraphs == ["Values stay in [0, 1] as shown."]  # an interval is no citation
    [figure] = paper.figures
    assert (figure.id, figure.caption) == ("fig-3", "Fig. 3. Two views side by side.")
    assert [path.name for path in figure.images] == ["fig-3-1.png", "fig-3-2.png"]
    with Image.open(figure.images[0]) as left:
        assert left.getpixel((left.width // 2, left.height // 2))[1] > 100  # green comes first
    assert results.items == ["fig-3"]


def test_a_pdf_without_abstract_or_headings_keeps_its_text_as_one_section(tmp_path):
    writer = PaperWriter()
    writer.page([(72, 700, 16, "A Short Note"), (72, 670, 10, "Only one paragraph of text is here.")]).gen_content()
    paper = read_pdf(writer.save(tmp_path / "note.pdf"), tmp_path / "assets")
    assert paper.title == "A Short Note"
    assert paper.abstract == ""
    assert [(s.title, s.paragraphs) for s in paper.sections] == [("Main text", ["Only one paragraph of text is here."])]
    assert any("no section headings" in w for w in paper.warnings)


@pytest.mark.parametrize("raw_text, spoken", [
    ("as shown before [12].", "as shown before."),
    ("prior work [3, 5] and [4\u20137] agree", "prior work and agree"),
    ("learned (Smith et al., 2020; Lee and Park, 2019) end", "learned end"),
    ("Smith et al. (2020) showed it", "Smith et al. showed it"),
    ("values in [0, 1] stay", "values in [0, 1] stay"),
    ("the \ufb01rst e\ufb00ect", "the first effect"),  # ligatures from the PDF's fonts
    ("cost $O(n^2)$ with w_{ij} and \\alpha", "cost O(n 2) with w ij and"),
])
def test_text_is_made_speakable(raw_text, spoken):
    from code2video.paper.pdf_reader import _speakable

    assert _speakable(raw_text) == spoken
    assert check_speakable(spoken) == spoken
