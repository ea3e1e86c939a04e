"""The documents as PDF, read by tools this project did not write: poppler
(pdftotext, pdffonts, pdfinfo) and pikepdf/qpdf. krilla checked PDF/A-2a
and PDF/UA-1 while writing; these check what a reader gets."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any, Iterator, List

import pikepdf
import pytest

import roundtable

POPPLER = shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(
    not POPPLER and __import__("os").environ.get("CI") != "true",
    reason="poppler-utils is not installed (scripts/test-all.sh installs it)",
)

SAMI = "Sámediggi čállá: áčđŋšŧž ÁČĐŊŠŦŽ, ïïï, Jåhkåmåhkke, Ååre, æøå"


def write(tmp_path: Path, pdf: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    text = out.stdout.decode("utf-8")
    # The page numbers are artifacts, which pdftotext reads as text
    # (a reader of the tags skips them); one may fall inside a paragraph.
    text = re.sub(r"(side \d+ av \d+|page \d+ of \d+)", " ", text)
    return " ".join(text.split())


def plain(markdown: str) -> str:
    """What a reader sees of a line of Markdown: no markers, no link targets."""
    text = re.sub(r"\]\(<?[^)]*>?\)", "", markdown)
    text = re.sub(r"^#+ ", "", text)
    text = re.sub(r"^\s*([-*+]|\d+[.)]) ", "", text)
    text = text.replace("\\", "")
    for mark in ("**", "__", "*", "[", "]"):
        text = text.replace(mark, "")
    return " ".join(text.split())


def headings(markdown: str) -> List[str]:
    return [plain(line) for line in markdown.splitlines() if line.startswith("#")]


def in_order(haystack: str, needles: List[str]) -> None:
    """Each needle after the one before. White space is left out on both
    sides: a line broken after "/" or in a long word gives the reader a
    space the text does not have."""
    haystack = "".join(haystack.split())
    at = 0
    for needle in ("".join(n.split()) for n in needles):
        found = haystack.find(needle, at)
        assert found >= 0, f"{needle!r} not found after offset {at}"
        at = found + len(needle)


@needs_poppler
@pytest.mark.parametrize("document", ["notice", "agenda", "minutes"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_pdftotext_finds_every_heading_in_reading_order(
    seed: roundtable.Meeting, tmp_path: Path, document: str, language: str
) -> None:
    path = write(tmp_path, seed.render_pdf(document, language=language))
    text = text_of(path)
    in_order(text, headings(seed.render(document, language=language)))


@needs_poppler
def test_every_contribution_is_in_the_minutes_as_written(seed: roundtable.Meeting, tmp_path: Path) -> None:
    text = text_of(write(tmp_path, seed.render_pdf("minutes")))
    for contribution in seed.contributions:
        lines = [plain(line) for line in contribution.body.splitlines()]
        # Every paragraph and item of the contribution, in its order.
        in_order(text, [line for line in lines if line])


@needs_poppler
def test_sami_letters_come_out_as_they_went_in(seed: roundtable.Meeting, tmp_path: Path) -> None:
    seed.contributions[0].body = SAMI
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = seed.render_pdf("minutes")
    assert SAMI in text_of(write(tmp_path, pdf))
    # Typed as letters and combining accents (NFD): drawn, and read back,
    # as the precomposed letters.
    import unicodedata

    seed.contributions[0].body = unicodedata.normalize("NFD", SAMI)
    assert seed.contributions[0].body != SAMI
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = seed.render_pdf("minutes")
    assert SAMI in text_of(write(tmp_path, pdf, "nfd.pdf"))


@needs_poppler
def test_pdffonts_every_font_embedded_with_a_unicode_map(seed: roundtable.Meeting, tmp_path: Path) -> None:
    path = write(tmp_path, seed.render_pdf("notice"))
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert "NotoSans" in row


@needs_poppler
def test_pdfinfo_tagged_a4_with_its_title(seed: roundtable.Meeting, tmp_path: Path) -> None:
    path = write(tmp_path, seed.render_pdf("minutes", language="en"))
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    assert info["Tagged"].strip() == "yes"
    assert "(A4)" in info["Page size"]
    assert info["Title"].strip() == "Minutes of the meeting of Osloregionens faggruppe for Næringssamarbeid"
    assert info["Encrypted"].strip() == "no"
    assert info["JavaScript"].strip() == "no"


def struct_roles(node: Any) -> Iterator[Any]:
    """The structure elements under `node`, depth first in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from struct_roles(kid)


def test_pikepdf_sees_pdf_a_2a_and_pdf_ua_1(seed: roundtable.Meeting, tmp_path: Path) -> None:
    path = write(tmp_path, seed.render_pdf("notice"))
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        root = pdf.Root
        assert bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "nb-NO"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        intent = root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intent
        assert "/Encrypt" not in pdf.trailer
        assert "/Names" not in root or "/JavaScript" not in root.Names
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Innkalling til møte i Osloregionens faggruppe for Næringssamarbeid"
        # The structure tree: a Document with the roles of a letter, in
        # the document's order.
        tree = root.StructTreeRoot
        elements = list(struct_roles(tree))
        roles = [str(e.S) for e in elements]
        assert roles[0] == "/Document"
        for role in ("/H1", "/H2", "/P", "/Table", "/TR", "/TH", "/TD", "/Link"):
            assert role in roles, role
        heads = [e for e in elements if str(e.S) in ("/H1", "/H2")]
        assert str(heads[0].S) == "/H1"
        assert str(heads[0].T) == "Innkalling til møte i Osloregionens faggruppe for Næringssamarbeid"
        titles = [str(e.T) for e in heads]
        assert titles == headings(seed.render("notice"))[: len(titles)]
        # Bookmarks: the document and its items.
        with pdf.open_outline() as outline:
            top = outline.root
            assert top[0].title.startswith("Innkalling")
        # Every page: A4 and its content marked.
        for page in pdf.pages:
            assert [round(float(v)) for v in page.MediaBox] == [0, 0, 595, 842]
            assert "/StructParents" in page


def test_the_dictionaries_are_packed_and_the_xmp_is_left_readable(seed: roundtable.Meeting, tmp_path: Path) -> None:
    path = write(tmp_path, seed.render_pdf("minutes"))
    raw = path.read_bytes()
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        # A cross-reference stream, and the structure elements in object
        # streams: the tree is read through them in the other tests.
        assert pdf.trailer.Type == "/XRef"
        assert b"/Type/ObjStm" in raw
        assert b"/StructElem" not in raw
        roles = {str(e.S) for e in struct_roles(pdf.Root.StructTreeRoot)}
        assert {"/H1", "/H2", "/L", "/LI"} <= roles
        # The XMP packet stays unfiltered, so that format identification
        # (DROID, siegfried: PRONOM fmt/476) finds the PDF/A claim in the
        # file's bytes.
        assert "/Filter" not in pdf.Root.Metadata
    assert b"<pdfaid:part>2</pdfaid:part>" in raw
    assert b"<pdfaid:conformance>A</pdfaid:conformance>" in raw


def test_the_minutes_structure_has_lists_and_headings_of_each_member(seed: roundtable.Meeting, tmp_path: Path) -> None:
    with pikepdf.open(write(tmp_path, seed.render_pdf("minutes"))) as pdf:
        roles = [str(e.S) for e in struct_roles(pdf.Root.StructTreeRoot)]
        for role in ("/L", "/LI", "/Lbl", "/LBody", "/H3"):
            assert role in roles, role


def test_the_same_meeting_gives_the_same_bytes(seed: roundtable.Meeting) -> None:
    assert seed.render_pdf("minutes") == seed.render_pdf("minutes")
    assert seed.render_pdf("minutes") != seed.render_pdf("minutes", language="en")


def test_a_character_no_font_has_is_a_render_warning(seed: roundtable.Meeting) -> None:
    seed.contributions[1].body = "Takk for sist 😀"
    with pytest.warns(roundtable.RenderWarning) as caught:
        pdf = seed.render_pdf("minutes")
    assert pdf.startswith(b"%PDF-1.7")
    [warning] = caught
    found = warning.message
    assert isinstance(found, roundtable.RenderWarning)
    assert found.code == "render.missing_glyph"
    assert found.path == "contributions[1].body"
    assert found.finding.severity == "warning"
    assert "U+1F600" in found.finding.message


def test_bad_names_are_argument_errors(seed: roundtable.Meeting) -> None:
    with pytest.raises(roundtable.ArgumentError):
        seed.render_pdf("letter")
    with pytest.raises(roundtable.ArgumentError):
        seed.render_pdf("minutes", language="sv")


def test_the_plan_renders(seed: roundtable.Meeting) -> None:
    import datetime

    plan = roundtable.MeetingPlan.build(seed, [datetime.date(2025, 2, 6), datetime.date(2025, 5, 8)])
    assert plan.render_pdf(language="en").startswith(b"%PDF-1.7")
