"""The documents from Python: the golden files of the seed, and HTML that
an HTML5 parser reads without error and without anything executable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import html5lib
import pytest

import roundtable

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"


def parse_strictly(html: str) -> Any:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(html)


@pytest.mark.parametrize("document", ["notice", "agenda", "minutes"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_seed_documents_are_the_golden_files(
    seed: roundtable.Meeting, document: str, language: str
) -> None:
    markdown = seed.render(document, language=language)
    html = seed.render(document, format="html", language=language)
    assert markdown == (GOLDEN / f"seed-{document}.{language}.md").read_text(encoding="utf-8")
    assert html == (GOLDEN / f"seed-{document}.{language}.html").read_text(encoding="utf-8")
    tree = parse_strictly(html)
    assert tree.find("head/title") is not None
    assert tree.get("lang") == language


def test_member_text_renders_harmless(seed: roundtable.Meeting) -> None:
    meeting = roundtable.Meeting.from_json(seed.to_json())
    meeting.title = "<script>alert('t')</script>"
    meeting.add_contribution(
        roundtable.Contribution(
            "Bærum kommune",
            "<script>alert(1)</script>\n\n<iframe src=x></iframe>\n\n"
            "[klikk](javascript:alert(2)) [ok](https://baerum.kommune.no) <a href=\"javascript:x\">a</a>\n",
        )
    )
    for document in ["notice", "agenda", "minutes"]:
        html = meeting.render(document, format="html")
        tree = parse_strictly(html)
        assert tree.findall(".//script") == []
        assert tree.findall(".//iframe") == []
        hrefs = [a.get("href") for a in tree.iter("a")]
        assert all(h.startswith(("https://", "http://", "mailto:")) for h in hrefs), hrefs
    minutes = parse_strictly(meeting.render("minutes", format="html"))
    assert "https://baerum.kommune.no" in [a.get("href") for a in minutes.iter("a")]
    text = "".join(minutes.itertext())
    assert "<script>alert(1)</script>" in text, "shown as text, not run"


def test_wrong_names() -> None:
    meeting = roundtable.Meeting.load(Path(__file__).resolve().parents[2] / "tests" / "data" / "seed-meeting.json")
    with pytest.raises(ValueError, match="unknown document"):
        meeting.render("letter")
    with pytest.raises(ValueError, match="unknown format"):
        meeting.render("agenda", format="pdf")
    with pytest.raises(ValueError, match="unknown language"):
        meeting.render("agenda", language="sv")
