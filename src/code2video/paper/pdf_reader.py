"""A PDF paper -> ``Paper``: the fallback input when there is no LaTeX source.

Lower fidelity than the LaTeX reader by nature: PDFium gives text line by line, so structure
(title, authors, sections, captions) is inferred from font sizes, numbering and layout, and
equations and tables are not recovered.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
from pypdfium2 import raw

from code2video.errors import BadInputError
from code2video.paper.figures import (
    Caption,
    Picture,
    figure_from_pictures,
    group_pictures,
    pdf_pictures,
)
from code2video.paper.model import Author, Figure, Paper, PaperSection

LOW_FIDELITY = ("read from a PDF, which is lower fidelity than the LaTeX source: equations and tables "
                "are not recovered, and figures drawn as plain vector paths are not extracted")

ABSTRACT_RE = re.compile(r"^(?:abstract|a b s t r a c t)\s*(?:[.:\u2014\u2013-]\s*(.*))?$", re.IGNORECASE)
NUMBERED_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(\S.{0,90})$")
CAPTION_RE = re.compile(r"^(?:Figure|Fig\.)\s*(\d{1,3})\s*[:.|]\s*")
PAGE_NUMBER_RE = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[ivxl]{1,6}$", re.IGNORECASE)
ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}")
AFFILIATION_RE = re.compile(
    r"univ|institut|department|dept\.|laborator|\blab\b|school|college|cent(?:er|re)\b|\binc\b|ltd"
    r"|corporation|research|academy|faculty|hospital|gmbh|google|microsoft|deepmind|openai|nvidia",
    re.IGNORECASE)
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "le", "la", "du", "dos", "bin"}
UNNUMBERED = {"introduction", "related work", "related works", "background", "preliminaries", "method",
              "methods", "methodology", "approach", "experiments", "experimental results", "evaluation",
              "results", "discussion", "conclusion", "conclusions", "limitations", "future work",
              "conclusion and future work", "conclusions and future work", "acknowledgments",
              "acknowledgements", "references", "bibliography"}
END_SECTIONS = {"references", "bibliography"}  # these and everything after them are dropped
SKIPPED_SECTIONS = {"acknowledgments", "acknowledgements"}
SMALL_PRINT = 0.85  # lines set this much smaller than the body text are footnotes or table cells
DROPPED_PARAGRAPH_RE = re.compile(r"^(?:Table\s*\d{1,3}\s*[:.|]|Index Terms|Keywords|CCS Concepts)", re.IGNORECASE)

_NAME_WORD = r"[A-Z\u00C0-\u024F][\w\u00C0-\u024F'\u2019-]*"
_CITE = (rf"(?:(?:e\.g\.,?|see|cf\.)\s+)?{_NAME_WORD}(?:\s+(?:et\s+al\.?|and|&)(?:\s+{_NAME_WORD})?)?"
         r",?\s+(?:19|20)\d{2}[a-z]?")
CITATION_RES = (
    re.compile(r"\s?\[\s*(?!0\b)\d+(?:\s*[-\u2013,;]\s*\d+)*\s*\]"),  # [12], [3, 5], [4-7]; not [0, 1]
    re.compile(rf"\s?\({_CITE}(?:\s*[;,]\s*{_CITE})*\)"),  # (Smith et al., 2020; Lee, 2021)
    re.compile(r"\s?\((?:19|20)\d{2}[a-z]?(?:[,;]\s*(?:19|20)\d{2}[a-z]?)*\)"),  # Smith et al. (2020)
)


@dataclass
class Line:
    """One text line as PDFium laid it out; boxes are in PDF points, y grows upwards."""

    page: int
    text: str
    size: float
    left: float
    bottom: float
    right: float
    top: float


def read_pdf(pdf: Path, assets_dir: Path) -> Paper:
    """The paper in ``pdf``, with embedded figures written as PNGs into ``assets_dir``."""
    pdf = Path(pdf)
    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        raise BadInputError(f"{pdf} is not a readable PDF ({exc}); check the file or give the LaTeX source") from exc
    try:
        pages = [document[index] for index in range(len(document))]
        lines = [line for number, page in enumerate(pages) for line in _page_lines(page, number)]
        if not lines:
            raise BadInputError(f"{pdf} has no text layer (a scan?); run OCR on it first or give the LaTeX source")
        pictures = pdf_pictures(pages)
        lines = _drop_page_furniture([line for line in lines if not _inside_any(line, pictures)], len(pages))
        paper, body = _build_paper(lines, pdf)
        kept = [pic for pic in pictures if pic.page <= body.end_page]  # none from the references on
        paper.figures = _figures(pages, kept, body, paper, assets_dir)
        return paper
    finally:
        document.close()


def _page_lines(page, number: int) -> list[Line]:
    """The page's text split into lines, with the dominant font size and the loose box of each."""
    try:
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        return []  # a broken page loses its text, not the whole paper
    lines: list[Line | None] = []
    chars: list[tuple[str, tuple[float, float, float, float] | None, float]] = []
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, index)
        if code in (2, 10, 13):  # a line break, or (2) PDFium's mark for a hyphen at a line end
            if code == 2:
                chars.append(("-", None, 0.0))
            lines.append(_make_line(chars, number))
            chars = []
        elif 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF:
            box = None if raw.FPDFText_IsGenerated(textpage, index) == 1 else _char_box(textpage, index)
            chars.append((chr(code), box, raw.FPDFText_GetFontSize(textpage, index)))
    lines.append(_make_line(chars, number))
    textpage.close()
    return [line for line in lines if line is not None]


def _char_box(textpage, index: int) -> tuple[float, float, float, float] | None:
    try:
        return textpage.get_charbox(index, loose=True)
    except pdfium.PdfiumError:
        return None


def _make_line(chars, page: int) -> Line | None:
    boxes = [box for _, box, _ in chars if box is not None]
    text = re.sub(r"\s+", " ", "".join(char for char, _, _ in chars)).strip()
    if not text or not boxes:
        return None
    sizes = Counter(round(size * 2) / 2 for char, box, size in chars if box is not None and not char.isspace())
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    return Line(page, text, size, min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))


def _inside_any(line: Line, pictures: list[Picture]) -> bool:
    """Axis labels and legends of a drawing are text too; they belong to the picture, not the body."""
    x, y = (line.left + line.right) / 2, (line.bottom + line.top) / 2
    return any(p.page == line.page and p.box[0] <= x <= p.box[2] and p.box[1] <= y <= p.box[3]
               for p in pictures)


def _drop_page_furniture(lines: list[Line], n_pages: int) -> list[Line]:
    """Without page numbers, arXiv stamps, and running headers and footers: a line among the top
    or bottom three of a page whose text (digits aside) recurs there on half of the pages, or on 3."""
    edge_keys: dict[int, set[str]] = {}
    for number in range(n_pages):
        on_page = sorted((line for line in lines if line.page == number), key=lambda line: -line.top)
        edge_keys[number] = {_furniture_key(line) for line in on_page[:3] + on_page[-3:]}
    counts = Counter(key for keys in edge_keys.values() for key in keys)
    needed = min(3, max(2, n_pages / 2))  # 3 pages suffice: headers may change by chapter or side
    repeated = {key for key, count in counts.items() if n_pages >= 2 and count >= needed}
    small = _body_size(lines) + 1  # a running head may repeat the title; the title itself is larger
    return [line for line in lines
            if not PAGE_NUMBER_RE.match(line.text) and not ARXIV_RE.match(line.text)
            and not (_furniture_key(line) in repeated and _furniture_key(line) in edge_keys[line.page]
                     and line.size <= small)]


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower())  # "Page 3" and "Page 4" are one running footer


def _body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    by_size: Counter[float] = Counter()
    for line in lines:
        by_size[line.size] += len(line.text)
    return by_size.most_common(1)[0][0] if by_size else 0.0


def _build_paper(lines: list[Line], pdf: Path) -> tuple[Paper, _Body]:
    """Front matter from page 1, then the body walked line by line into sections."""
    widths = [line.right - line.left for line in lines if len(line.text) > 30]
    body = _Body(_body_size(lines), statistics.median(widths) if widths else 300.0)
    start = next((i for i, line in enumerate(lines[:200]) if ABSTRACT_RE.match(line.text)), None)
    if start is None:
        start = next((i for i, line in enumerate(lines) if body.heading_of(line, probe=True)), None)
    head = [line for line in lines[:start] if line.page == 0]
    title, authors, used = _front_matter(head)
    start = used if start is None else start  # no structure at all: the body follows the front matter
    warnings = [LOW_FIDELITY]
    if start < len(lines) and (match := ABSTRACT_RE.match(lines[start].text)):
        body.has_abstract = True
        lines = ([replace(lines[start], text=match.group(1))] if match.group(1) else []) + lines[start + 1:]
    else:
        warnings.append("no Abstract heading found in the PDF; the abstract is left empty")
        lines = lines[start:]
    body.end_page = lines[-1].page if lines else 0
    for line in lines:
        if not body.feed(line):
            body.end_page = line.page
            break
    body.flush()
    sections, abstract = body.sections, " ".join(body.abstract)
    if not sections:
        warnings.append("no section headings found in the PDF; all text is kept as one section")
        sections = [PaperSection(title="Main text", level=1, paragraphs=body.abstract)]
        abstract = body.abstract[0] if body.abstract and body.has_abstract else ""
    paper = Paper(title=title or _speakable(pdf.stem.replace("_", " ")), authors=authors, abstract=abstract,
                  sections=sections, source=pdf, warnings=warnings)
    return paper, body


def _front_matter(head: list[Line]) -> tuple[str, list[Author], int]:
    """Title: the run of largest-font lines before the abstract; authors: the name-like lines after it.
    Also how many lines of ``head`` that took, up to the first line that is neither."""
    if not head:
        return "", [], 0
    biggest = max(line.size for line in head)
    first = next(i for i, line in enumerate(head) if abs(line.size - biggest) < 0.6)
    end = first
    while end < len(head) and end - first < 4 and abs(head[end].size - biggest) < 0.6:
        end += 1
    title = _speakable(" ".join(line.text for line in head[first:end]))
    authors, used = _authors(head[end:])
    return title, authors, end + used


def _authors(lines: list[Line]) -> tuple[list[Author], int]:
    """Best effort: names split at commas and 'and'; every affiliation line is given to every author,
    because footnote marks that map names to affiliations are not reliable in extracted text.
    Also the count of leading lines that were names, affiliations or e-mail addresses."""
    names: list[str] = []
    affiliations: list[str] = []
    used, leading = 0, True
    for line in lines:
        text = re.sub(r"[\d*\u2020\u2021\u00a7\u00b6\u2217\u22c6\u2660\u2663\u2666\u2665]", "", line.text).strip()
        parts = [part.strip() for part in re.split(r",|;|\band\b|&|\u00b7|\s{2,}", text) if part.strip()]
        found = [part for part in parts if _looks_like_name(part)]
        if "@" in text:
            pass
        elif AFFILIATION_RE.search(text):
            affiliations.append(_speakable(text.strip(" ,;")))
        elif found and len(found) * 2 >= len(parts):
            names.extend(_speakable(name) for name in found)
        else:
            leading = False
        used += leading
    return [Author(name=name, affiliations=list(affiliations)) for name in dict.fromkeys(names)], used


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        word in NAME_PARTICLES or (word[0].isupper() and not any(ch.isdigit() for ch in word))
        for word in words)


@dataclass
class _Body:
    """The body walker: lines -> paragraphs under a stack of open sections; captions set aside."""

    body_size: float
    line_width: float
    has_abstract: bool = False
    end_page: int = 0
    abstract: list[str] = field(default_factory=list)
    sections: list[PaperSection] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    stack: list[PaperSection] = field(default_factory=list)
    block: list[Line] = field(default_factory=list)
    top_number: int = 0
    skipping: bool = False
    page_sections: dict[int, PaperSection] = field(default_factory=dict)  # the first section on each page

    def feed(self, line: Line) -> bool:
        """Take one line; False once the references begin (they and all after are dropped)."""
        heading = self.heading_of(line)
        if heading:
            level, title, number = heading
            self.flush()
            if title.lower() in END_SECTIONS:
                return False
            self.top_number = number or self.top_number
            self.skipping = title.lower() in SKIPPED_SECTIONS
            if not self.skipping:
                self.open_section(level, title)
            return True
        breaks = bool(self.block) and _breaks(self.block[-1], line, self.line_width)
        in_caption = CAPTION_RE.match((line if breaks or not self.block else self.block[0]).text)
        if line.size < SMALL_PRINT * self.body_size and not in_caption:
            return True  # footnotes, table cells and other small print are not narrated
        if breaks:
            self.flush()
        if not self.skipping:
            self.block.append(line)
            if self.stack:
                self.page_sections.setdefault(line.page, self.stack[-1])
        return True

    def heading_of(self, line: Line, probe: bool = False) -> tuple[int, str, int | None] | None:
        """(level, title, top-level number) when the line is a heading; numbers must run in order."""
        if self.body_size and line.size < self.body_size - 0.5:
            return None
        text = line.text.strip()
        plain = text.rstrip(":").strip()  # a body line that is just "results." is no heading
        if plain.lower() in UNNUMBERED and plain[0].isupper():
            return 1, _heading_title(plain), None
        match = NUMBERED_RE.match(text)
        if not match or len(match.group(2).split()) > 12:
            return None
        numbers, title = [int(n) for n in match.group(1).split(".")], match.group(2).strip()
        if not title[0].isupper() or title.endswith((".", ",", ";")) or CAPTION_RE.match(title):
            return None
        expected = (self.top_number + 1, self.top_number + 2) if len(numbers) == 1 else (
            self.top_number, self.top_number + 1)
        if not probe and numbers[0] not in expected:
            return None
        return len(numbers), _heading_title(title), numbers[0]

    def open_section(self, level: int, title: str) -> None:
        section = PaperSection(title=title, level=level)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.sections).append(section)
        self.stack.append(section)

    def flush(self) -> None:
        """The collected lines become a caption or a paragraph (or continue one split by a float)."""
        if not self.block:
            return
        first, text = self.block[0], _join_lines(self.block)
        self.block = []
        section = self.stack[-1] if self.stack else None
        if match := CAPTION_RE.match(text):
            number = int(match.group(1))
            if all(caption.number != number for caption in self.captions):
                box = (first.left, first.bottom, first.right, first.top)
                self.captions.append(Caption(number, _speakable(text), first.page, box))
                if section is not None:
                    section.items.append(f"fig-{number}")
            return
        paragraph = _speakable(text)
        if DROPPED_PARAGRAPH_RE.match(text) or len(paragraph) < 3:  # no table is recovered to go with it
            return
        target = section.paragraphs if section is not None else self.abstract
        if target and not target[-1].endswith((".", "!", "?", ":")) and paragraph[0].islower():
            target[-1] = f"{target[-1]} {paragraph}"  # a paragraph interrupted by a page break or a float
        else:
            target.append(paragraph)


def _heading_title(text: str) -> str:
    title = _speakable(text)
    return title.capitalize() if title.isupper() else title


def _breaks(previous: Line, line: Line, line_width: float) -> bool:
    """Whether ``line`` starts a new paragraph: a caption, a clear vertical gap, a first-line indent,
    or a short previous line that ended a sentence. A jump to a new column or page is no break."""
    if CAPTION_RE.match(line.text) or DROPPED_PARAGRAPH_RE.match(line.text):
        return True
    if line.page != previous.page or line.top > previous.top + 1:
        return False
    gap = previous.bottom - line.top
    size = line.size or 10.0
    if gap > 0.6 * size:
        return True
    if 0.4 * size <= line.left - previous.left <= 4 * size:
        return True
    short = previous.right - previous.left < 0.8 * line_width
    return short and previous.text.endswith((".", "!", "?", ":"))


def _join_lines(lines: list[Line]) -> str:
    """Lines -> one string; a word hyphenated across a line break is rejoined ('repre-' 'sentation'),
    while a compound broken after its hyphen keeps it ('state-of-the-' 'art')."""
    text = lines[0].text
    for line in lines[1:]:
        fragment = re.search(r"(\S*)[-\u00ad\u2010]$", text)
        if fragment and line.text[:1].islower():
            keep = "-" if "-" in fragment.group(1) else ""
            text = text[:-1] + keep + line.text
        else:
            text = f"{text} {line.text}"
    return text


def _speakable(text: str) -> str:
    """Plain text the IR accepts as narration: no citations, no backslash, $, ^ or '_{'."""
    text = unicodedata.normalize("NFKC", text)
    for pattern in CITATION_RES:
        text = pattern.sub("", text)
    text = re.sub(r"\\[A-Za-z]+\*?", " ", text)  # a stray LaTeX command such as \emph
    text = text.replace("\\", " ").replace("$", "").replace("^", " ").replace("_{", " ")
    text = text.replace("{", "").replace("}", "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    return re.sub(r"\(\s*\)", "", text).strip()


def _figures(pages, pictures: list[Picture], body: _Body, paper: Paper, assets_dir: Path) -> list[Figure]:
    """Pictures grouped under their captions, rendered as PNGs; a picture without a caption is
    numbered after the captioned ones and listed in the first section on its page."""
    grouped, loose = group_pictures(pictures, body.captions)
    figures = [figure_from_pictures(pages, c.number, c.text, grouped[c.number], assets_dir, paper.warnings)
               for c in body.captions]
    next_number = max(grouped, default=0) + 1
    for offset, picture in enumerate(loose):
        figure = figure_from_pictures(pages, next_number + offset, "", [picture], assets_dir, paper.warnings)
        figures.append(figure)
        if picture.page in body.page_sections:
            body.page_sections[picture.page].items.append(figure.id)
    return sorted(figures, key=lambda figure: figure.number)
