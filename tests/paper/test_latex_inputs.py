"""Input forms and bad input for the LaTeX reader: archives, main file detection, limits, encodings, includes."""

from __future__ import annotations

import io
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from code2video.errors import BadInputError
from code2video.paper import source
from code2video.paper.reader import read_paper

PAPER = Path(__file__).parents[1] / "data" / "paper"


def project(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def document(body: str, preamble: str = "") -> str:
    return "\\documentclass{article}\n" + preamble + "\n\\begin{document}\n\\section{Intro}\n" + body + "\n\\end{document}\n"


def digest(paper) -> dict:
    """What should not depend on how the project was handed over."""
    return {
        "title": paper.title, "authors": paper.authors, "abstract": paper.abstract,
        "sections": [(s.title, s.level, s.paragraphs, s.items) for s in paper.all_sections()],
        "figures": [(f.id, f.caption, [p.name for p in f.images]) for f in paper.figures],
        "tables": [(t.header, t.rows) for t in paper.tables], "equations": paper.equations,
        "algorithms": paper.algorithms, "warnings": paper.warnings,
    }


@pytest.fixture(scope="module")
def folder_digest(tmp_path_factory):
    return digest(read_paper(PAPER, tmp_path_factory.mktemp("folder") / "assets"))


def test_tar_gz_reads_like_the_folder(tmp_path, folder_digest):
    archive = tmp_path / "paper.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(PAPER, arcname="paper")  # arXiv tarballs may or may not have a top folder
    paper = read_paper(archive, tmp_path / "out" / "assets")
    assert digest(paper) == folder_digest
    assert paper.source == archive / "main.tex"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["assets"]  # the work folder is cleaned up


def test_zip_reads_like_the_folder(tmp_path, folder_digest):
    archive = tmp_path / "paper.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(PAPER.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(PAPER).as_posix())
    assert digest(read_paper(archive, tmp_path / "out" / "assets")) == folder_digest


def test_main_tex_given_directly(tmp_path, folder_digest):
    paper = read_paper(PAPER / "main.tex", tmp_path / "assets")
    assert digest(paper) == folder_digest
    assert paper.source == PAPER / "main.tex"


def test_no_main_file_lists_the_tex_files(tmp_path):
    root = project(tmp_path / "p", {"sections/intro.tex": "\\section{Intro} Text.", "notes.tex": "Notes."})
    with pytest.raises(BadInputError) as error:
        read_paper(root, tmp_path / "assets")
    message = str(error.value)
    assert "No main LaTeX file" in message and "notes.tex" in message and "sections/intro.tex" in message
    assert "Pass the main .tex file" in message


def test_main_file_is_the_one_that_includes_others(tmp_path):
    root = project(tmp_path / "p", {
        "aaa_template.tex": document("Template text that is much longer than the real paper. " * 20),
        "paper.tex": document("\\input{body}"), "body.tex": "The real paper."})
    paper = read_paper(root, tmp_path / "assets")
    assert paper.source == root / "paper.tex"
    assert paper.sections[0].paragraphs == ["The real paper."]


def test_missing_figure_is_a_warning(tmp_path):
    body = ("See Figure~\\ref{fig:gone}.\n\\begin{figure}\\includegraphics{nothere}\\caption{Lost.}"
            "\\label{fig:gone}\\end{figure}")
    paper = read_paper(project(tmp_path / "p", {"main.tex": document(body)}), tmp_path / "assets")
    (figure,) = paper.figures
    assert figure.images == [] and figure.missing == ["nothere"] and figure.caption == "Lost."
    assert any("'nothere' not found" in w for w in paper.warnings)
    assert paper.sections[0].paragraphs == ["See Figure 1."]


def test_unknown_macros_are_one_warning(tmp_path):
    body = "We use \\fancything{keep} and \\other here, with $\\Attn(x)$ twice \\fancything{again}."
    paper = read_paper(project(tmp_path / "p", {"main.tex": document(body)}), tmp_path / "assets")
    warnings = [w for w in paper.warnings if "unknown LaTeX macros" in w]
    assert len(warnings) == 1
    assert "\\Attn, \\fancything, \\other" in warnings[0]
    assert paper.sections[0].paragraphs == ["We use keep and here, with Attn x twice again."]


def test_non_utf8_file_is_decoded_with_a_warning(tmp_path):
    root = project(tmp_path / "p", {"main.tex": document("\\input{old}"),
                                    "old.tex": "Caf\u00e9 cr\u00e8me na\u00efve.".encode("cp1252")})
    paper = read_paper(root, tmp_path / "assets")
    assert paper.sections[0].paragraphs == ["Caf\u00e9 cr\u00e8me na\u00efve."]
    assert paper.warnings == ["old.tex is not UTF-8; read it as cp1252."]


def test_binary_input_is_refused(tmp_path):
    root = project(tmp_path / "p", {"main.tex": document("\\input{blob}"), "blob.tex": b"\x89PNG\x00\x00data"})
    with pytest.raises(BadInputError, match="blob.tex looks binary"):
        read_paper(root, tmp_path / "assets")


def test_cyclic_input_names_the_chain(tmp_path):
    root = project(tmp_path / "p", {"main.tex": document("\\input{a}"), "a.tex": "A \\input{b}",
                                    "b.tex": "B \\input{sub/../a.tex}"})
    with pytest.raises(BadInputError, match=r"cycle: a\.tex -> b\.tex -> a\.tex"):
        read_paper(root, tmp_path / "assets")


def test_missing_input_is_a_warning_and_include_forms_work(tmp_path):
    root = project(tmp_path / "p", {
        "main.tex": document("\\input sections/one\n\\include{two}\n\\subfile{three}\n\\input{nowhere}\n"),
        "sections/one.tex": "One.\n", "two.tex": "Two.\n",
        "three.tex": "\\documentclass[main]{subfiles}\n\\begin{document}\nThree.\n\\end{document}\n"})
    paper = read_paper(root, tmp_path / "assets")
    assert paper.sections[0].paragraphs == ["One.", "Two.", "Three."]
    assert paper.warnings == ["\\input{nowhere} in main.tex: no such file in the project; skipped."]


def test_comments_are_stripped_but_escaped_percent_kept(tmp_path):
    body = "Half, 50\\% of it, stays. % this is a comment\nThe end%\n.\n% whole line\n"
    paper = read_paper(project(tmp_path / "p", {"main.tex": document(body)}), tmp_path / "assets")
    assert paper.sections[0].paragraphs == ["Half, 50 percent of it, stays. The end."]


def _tar_with(path: Path, member: tarfile.TarInfo, data: bytes = b"x") -> Path:
    with tarfile.open(path, "w:gz") as tar:
        good = tarfile.TarInfo("main.tex")
        text = document("Hi.").encode()
        good.size = len(text)
        tar.addfile(good, io.BytesIO(text))
        member.size = len(data) if member.isfile() else 0
        tar.addfile(member, io.BytesIO(data) if member.isfile() else None)
    return path


@pytest.mark.parametrize("name", ["../escape.tex", "/tmp/abs-escape.tex", "sub/../../escape.tex"])
def test_tar_member_escaping_the_folder_is_rejected(tmp_path, name):
    archive = _tar_with(tmp_path / "bad.tar.gz", tarfile.TarInfo(name))
    with pytest.raises(BadInputError, match="escapes the folder") as error:
        read_paper(archive, tmp_path / "out" / "assets")
    assert repr(name) in str(error.value)
    assert not (tmp_path / "escape.tex").exists() and not Path("/tmp/abs-escape.tex").exists()


@pytest.mark.parametrize("kind,target", [(tarfile.SYMTYPE, "/etc/passwd"), (tarfile.SYMTYPE, "../../outside"),
                                         (tarfile.LNKTYPE, "../outside")])
def test_tar_link_escaping_the_folder_is_rejected(tmp_path, kind, target):
    link = tarfile.TarInfo("figures/link.png")
    link.type, link.linkname = kind, target
    archive = _tar_with(tmp_path / "bad.tar", link)
    with pytest.raises(BadInputError, match="link that escapes the folder: 'figures/link.png'"):
        read_paper(archive, tmp_path / "out" / "assets")


@pytest.mark.parametrize("name", ["../escape.tex", "/abs-escape.tex"])
def test_zip_member_escaping_the_folder_is_rejected(tmp_path, name):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("main.tex", document("Hi."))
        zf.writestr(zipfile.ZipInfo(name), b"x")
    with pytest.raises(BadInputError, match="escapes the folder") as error:
        read_paper(archive, tmp_path / "out" / "assets")
    assert repr(name) in str(error.value)
    assert not (tmp_path / "escape.tex").exists()


def test_oversized_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_FILES", 3)
    root = project(tmp_path / "p", {"main.tex": document("Hi."), **{f"f{i}.tex": "x" for i in range(4)}})
    with pytest.raises(BadInputError, match="more than 3 files"):
        read_paper(root, tmp_path / "assets")


def test_oversized_archive_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 10_000)
    root = project(tmp_path / "p", {"main.tex": document("Hi."), "big.dat": b"0" * 20_000})
    archive = Path(shutil.make_archive(str(tmp_path / "big"), "zip", root))
    with pytest.raises(BadInputError, match="too large.*limits: .* files and 0 MB"):
        read_paper(archive, tmp_path / "out" / "assets")
    tarball = Path(shutil.make_archive(str(tmp_path / "big"), "gztar", root))
    with pytest.raises(BadInputError, match="too large"):
        read_paper(tarball, tmp_path / "out" / "assets")


def test_not_a_paper_path(tmp_path):
    other = project(tmp_path, {"notes.txt": "hello"}) / "notes.txt"
    with pytest.raises(BadInputError, match="not a LaTeX project"):
        read_paper(other, tmp_path / "assets")
    with pytest.raises(BadInputError, match="does not exist"):
        read_paper(tmp_path / "missing", tmp_path / "assets")


def test_oversized_single_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    main = project(tmp_path / "p", {"main.tex": document("word " * 400)}) / "main.tex"
    with pytest.raises(BadInputError, match="main.tex is larger than"):
        read_paper(main, tmp_path / "assets")


def test_a_pdf_goes_to_the_pdf_reader(tmp_path, monkeypatch):
    from code2video.paper import pdf_reader

    calls = []
    monkeypatch.setattr(pdf_reader, "read_pdf", lambda pdf, assets: calls.append((pdf, assets)) or "digest")
    pdf = tmp_path / "paper.PDF"
    assert read_paper(pdf, tmp_path / "assets") == "digest"
    assert calls == [(pdf, tmp_path / "assets")]
