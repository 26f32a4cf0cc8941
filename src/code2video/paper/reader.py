"""``read_paper``: a LaTeX project, its main .tex, a source archive or a PDF -> a ``Paper`` digest.

The LaTeX path: locate the project (extracting archives safely), flatten the includes, expand the
author's macros, read the front matter, walk the body, then resolve references and report what
could not be read as warnings rather than failures.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from code2video.paper.citations import citation_names
from code2video.paper.flatten import flatten
from code2video.paper.frontmatter import abstract_of, authors_of, command_args, title_of
from code2video.paper.latex_reader import LatexReader
from code2video.paper.macros import collect_macros, expand_macros
from code2video.paper.model import Paper
from code2video.paper.source import is_archive, locate_project
from code2video.paper.speakable import Prose, finish, known_macro, parse

MAX_LISTED = 20  # names in one warning


def read_paper(path: Path, assets_dir: Path) -> Paper:
    """Read the paper at ``path``; figures are written as PNGs into ``assets_dir``."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from code2video.paper.pdf_reader import read_pdf

        return read_pdf(path, assets_dir)
    if is_archive(path):
        assets_dir.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".latex-source-", dir=assets_dir.parent) as work:
            root, main = locate_project(path, Path(work) / "source")
            paper = read_latex(root, main, assets_dir)
            paper.source = path / main.relative_to(root)  # "paper.tar.gz/main.tex": the extraction is gone
            return paper
    root, main = locate_project(path, assets_dir.parent / ".latex-source")
    return read_latex(root, main, assets_dir)


def split_document(text: str) -> tuple[str, str]:
    """(preamble, body) around \\begin{document} ... \\end{document}."""
    begin = re.search(r"\\begin\s*\{document\}", text)
    if not begin:
        return "", text
    end = re.search(r"\\end\s*\{document\}", text[begin.end():])
    return text[:begin.start()], text[begin.end():begin.end() + end.start() if end else len(text)]


def graphics_dirs(text: str, root: Path, main: Path) -> list[Path]:
    """\\graphicspath folders first (relative to the project), then the project and main file folders."""
    dirs = []
    for _opt, arg, _pos in command_args(text, "graphicspath"):
        dirs += [root / d.strip() for d in re.findall(r"\{([^{}]*)\}", arg) or [arg] if d.strip()]
    return [*dirs, root, main.parent]


def read_latex(root: Path, main: Path, assets_dir: Path) -> Paper:
    """The digest of the LaTeX project at ``root`` whose main file is ``main``."""
    warnings: list[str] = []
    text = flatten(main, root, warnings)
    text, macros = collect_macros(text)
    text = expand_macros(text, macros, warnings)
    preamble, body = split_document(text)
    prose = Prose(citation_names(root, text))
    reader = LatexReader(prose, assets_dir, graphics_dirs(text, root, main), warnings)
    reader.walk(parse(body))
    reader.flush()
    abstract = prose.text(abstract_of(body) or abstract_of(preamble))
    front = preamble + body[:_first_section(body)]
    title = title_of(front, prose.text) or main.stem
    authors = authors_of(front, prose.text)
    unresolved = reader.finish()
    abstract = finish(abstract, reader.labels, unresolved)
    title = finish(title, {}, set())
    for author in authors:
        author.name = finish(author.name, {}, set())
        author.affiliations = [finish(a, {}, set()) for a in author.affiliations if finish(a, {}, set())]
    if unresolved:
        warnings.append(f"references to labels the paper never defines were dropped: {', '.join(sorted(unresolved))}")
    unknown = _unknown_macros(prose.unknown)
    if unknown:
        listed = ", ".join("\\" + name for name in unknown[:MAX_LISTED])
        more = f" and {len(unknown) - MAX_LISTED} more" if len(unknown) > MAX_LISTED else ""
        warnings.append(f"unknown LaTeX macros (dropped from the text, or read by name in math): {listed}{more}")
    return Paper(title=title, authors=authors, abstract=abstract, sections=reader.sections, figures=reader.figures,
                 tables=reader.tables, equations=reader.equations, algorithms=reader.algorithms, source=main,
                 warnings=warnings)


def _first_section(body: str) -> int:
    match = re.search(r"\\section\s*\*?\s*[\[{]", body)
    return match.start() if match else len(body)


def _unknown_macros(names: set[str]) -> list[str]:
    """Names neither pylatexenc nor this reader knows; one warning lists them all."""
    return sorted(n for n in names if not known_macro(n) and n.isalpha())
