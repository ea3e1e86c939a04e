"""The archive exports validated against the official Fiks Arkiv schemas
(tests/fiks-arkiv, with the independent ``xmlschema`` validator): the seed,
the archive fixture, every meeting of the corpus that passes archive
validation, and random meetings built through the Python API."""

from __future__ import annotations

import datetime
import hashlib
import json
import random
from pathlib import Path

import pytest
import xmlschema

import roundtable

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "fiks-arkiv"
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def arkivstruktur() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "arkivstruktur.xsd"))


@pytest.fixture(scope="module")
def arkivmelding() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"))


def check(
    meeting: roundtable.Meeting, arkivstruktur: xmlschema.XMLSchema, arkivmelding: xmlschema.XMLSchema
) -> None:
    folder = meeting.to_archive("moetemappe")
    assert [m.name for m in folder.messages] == ["arkivstruktur.xml"]
    arkivstruktur.validate(folder.messages[0].data.decode("utf-8"))
    case = meeting.to_archive("arkivmelding")
    assert len(case.messages) == len(meeting.contributions) + 2
    for message in case.messages:
        arkivmelding.validate(message.data.decode("utf-8"))
    for f in folder.files + case.files:
        assert f.sha256 == hashlib.sha256(f.data).hexdigest()


def corpus_meetings() -> list[tuple[str, roundtable.Meeting]]:
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if case["kind"] not in ("validate", "reply"):
            continue
        if "meeting" in case:
            meeting = roundtable.Meeting.from_json(json.dumps(case["meeting"]))
        else:
            meeting = roundtable.Meeting.load(CORPUS / case["meeting_file"])
        out.append((path.stem, meeting))
    return out


def test_the_seed_and_the_fixture_are_valid(
    data: Path, arkivstruktur: xmlschema.XMLSchema, arkivmelding: xmlschema.XMLSchema
) -> None:
    for name in ("seed-meeting.json", "archive/meeting.json"):
        check(roundtable.Meeting.load(data / name), arkivstruktur, arkivmelding)


def test_every_corpus_meeting_that_passes_archive_validation_is_valid(
    arkivstruktur: xmlschema.XMLSchema, arkivmelding: xmlschema.XMLSchema
) -> None:
    checked = 0
    for _, meeting in corpus_meetings():
        if meeting.validate_for_archive().ok:
            check(meeting, arkivstruktur, arkivmelding)
            checked += 1
    assert checked >= 20


def test_random_meetings_export_to_valid_xml(
    arkivstruktur: xmlschema.XMLSchema, arkivmelding: xmlschema.XMLSchema
) -> None:
    rng = random.Random(20241107)
    alphabet = "abcæøå ÆØÅ<>&\"'\u0000\u001f\u00a0\ufeff\U0001f600 12345678901 -/PS"

    def text(n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))

    for i in range(40):
        start = datetime.datetime(
            2024, rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 20), tzinfo=datetime.timezone.utc
        )
        # Every fifth meeting with empty names: the schema's required texts
        # still get a value.
        blank = i % 5 == 0
        meeting = roundtable.Meeting(
            "" if blank else text(12),
            "" if blank else text(30),
            "" if blank else text(30),
            start,
            start + datetime.timedelta(hours=1),
            text(20),
            organiser="" if blank else text(10),
            zone="UTC",
        )
        for _ in range(rng.randint(0, 4)):
            item = roundtable.AgendaItem(rng.choice(["1", "PS 12/24", text(5)]), text(40), "proposal")
            if rng.random() < 0.5:
                item.decision = text(30)
            meeting.add_item(item)
        people = [roundtable.Person(text(8), text(8), text(12)) for _ in range(rng.randint(0, 5))]
        for p in people:
            p.attendance = rng.choice(["present", "absent", "invited"])
            p.role = rng.choice(["member", "chair", "guest", "substitute", "secretary"])
        meeting.roster = roundtable.Roster(people)
        for _ in range(rng.randint(0, 3)):
            meeting.add_contribution(roundtable.Contribution(text(15), text(60) or "x"))
        check(meeting, arkivstruktur, arkivmelding)


def test_two_exports_are_the_same_bytes_and_the_time_can_be_set(data: Path) -> None:
    meeting = roundtable.Meeting.load(data / "archive" / "meeting.json")
    a = meeting.to_archive("arkivmelding")
    b = meeting.to_archive("arkivmelding")
    assert [m.data for m in a.messages] == [m.data for m in b.messages]
    at = datetime.datetime(2024, 11, 8, 9, 30, tzinfo=datetime.timezone.utc)
    c = meeting.to_archive("moetemappe", created_by="Sekretariatet", created=at)
    text = c.messages[0].data.decode()
    assert "<opprettetDato>2024-11-08T09:30:00+00:00</opprettetDato>" in text
    assert "<opprettetAv>Sekretariatet</opprettetAv>" in text
    with pytest.raises(roundtable.ArgumentError):
        meeting.to_archive("noark4")


def test_archive_codes_only_when_asked(data: Path) -> None:
    seed = roundtable.Meeting.load(data / "seed-meeting.json")
    assert not [f for f in seed.validate() if f.code.startswith("archive.")]
    codes = sorted(f.code for f in seed.validate_for_archive() if f.code.startswith("archive."))
    assert codes == ["archive.missing_body", "archive.missing_number"]


def test_screening_spreads_to_the_documents_and_validates(
    data: Path, arkivstruktur: xmlschema.XMLSchema, arkivmelding: xmlschema.XMLSchema
) -> None:
    """A meeting title naming someone on the roster, in another spelling
    ("ØDEGÅRD,  Siri"), and a contribution with a spaced number: every
    record repeating the title is masked in public and screened with its
    document description, the contribution's record too, the other
    contribution's not; read with ElementTree and valid by the schemas."""
    import xml.etree.ElementTree as ET

    meeting = roundtable.Meeting.load(data / "archive" / "meeting.json")
    meeting.title = "Møte om ØDEGÅRD,  Siri"
    meeting.add_contribution(roundtable.Contribution("Asker", "Søkerens nummer er 150765\u00a000565."))
    meeting.add_contribution(roundtable.Contribution("Bærum", "Ingen merknader."))
    check(meeting, arkivstruktur, arkivmelding)
    ns = {
        "a": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1",
        "s": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivstruktur/v1",
    }
    records = []
    for message in meeting.to_archive("arkivmelding").messages:
        for r in ET.fromstring(message.data).iterfind("a:registrering", ns):
            records.append(
                (
                    r.findtext("a:dokumentbeskrivelse/a:dokumentobjekt/a:referanseDokumentfil", namespaces=ns),
                    r.findtext("a:offentligTittel", namespaces=ns),
                    r.find("a:skjerming", ns) is not None,
                    r.find("a:dokumentbeskrivelse/a:skjerming", ns) is not None,
                )
            )
    assert records == [
        ("innkalling.pdf", "Innkalling – Møte om *****", True, True),
        ("innspill-01.pdf", "Innspill fra Asker – Møte om *****", True, True),
        ("innspill-02.pdf", "Innspill fra Bærum – Møte om *****", True, True),
        ("protokoll.pdf", "Referat – Møte om *****", True, True),
    ]
    folder = ET.fromstring(meeting.to_archive("moetemappe").messages[0].data)
    documents = folder.findall(".//s:registrering", ns)
    public = [d.findtext("s:offentligTittel", namespaces=ns) for d in documents]
    assert "Møteprotokoll – Møte om *****" in public
    assert all(d.find("s:skjerming", ns) is not None for d in documents if d.find("s:dokumentbeskrivelse", ns) is not None)

    # Without the name in the title only the contribution with the number is screened.
    meeting.title = "Møte i faggruppen"
    meeting.agenda[2].title = "Søknad om tilskudd"
    screened = []
    for message in meeting.to_archive("arkivmelding").messages:
        for r in ET.fromstring(message.data).iterfind("a:registrering", ns):
            if r.find("a:skjerming", ns) is not None:
                screened.append(r.findtext("a:dokumentbeskrivelse/a:dokumentobjekt/a:referanseDokumentfil", namespaces=ns))
    assert screened == ["innspill-01.pdf"]


def test_local_mean_time_and_the_largest_numbers_export_valid_xml(
    data: Path, arkivstruktur: xmlschema.XMLSchema, arkivmelding: xmlschema.XMLSchema
) -> None:
    """Offsets with seconds or beyond ±14:00 are written in UTC, and the
    largest case number the schema holds is written; beyond it, refused."""
    base = json.loads((data / "archive" / "meeting.json").read_text(encoding="utf-8"))
    for zone, day in (("Europe/Oslo", "1850-06-01"), ("America/Sitka", "1860-06-01"), ("Asia/Manila", "1800-06-01")):
        doc = json.loads(json.dumps(base))
        doc["time"] = {"zone": zone, "start": f"{day}T12:00:00", "end": f"{day}T13:00:00"}
        doc["notice"]["date"] = day
        check(roundtable.Meeting.from_json(json.dumps(doc)), arkivstruktur, arkivmelding)
    doc = json.loads(json.dumps(base))
    doc["agenda"][1]["archive"]["sequence"] = 2147483647
    check(roundtable.Meeting.from_json(json.dumps(doc)), arkivstruktur, arkivmelding)
    doc["agenda"][1]["archive"]["sequence"] = 2147483648
    with pytest.raises(roundtable.ArgumentError, match="agenda"):
        roundtable.Meeting.from_json(json.dumps(doc)).to_archive("moetemappe")


def test_every_archival_variant_is_pdf_a_2a_as_a_reader_sees_it(seed: roundtable.Meeting, tmp_path: Path) -> None:
    import pikepdf

    package = seed.to_archive("arkivmelding")
    pdfs = [f for f in package.files if f.name.endswith(".pdf")]
    # The notice, five contributions, the minutes; each beside its HTML or Markdown.
    assert len(pdfs) == 7 and len(package.files) == 14
    for f in pdfs:
        path = tmp_path / f.name
        path.write_bytes(f.data)
        with pikepdf.open(path) as pdf:
            assert pdf.check_pdf_syntax() == []
            meta = pdf.open_metadata()
            assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == ("2", "A", "1")
            assert str(pdf.Root.Lang) == "nb-NO"
    # A contribution's PDF says whose it is.
    with pikepdf.open(tmp_path / "innspill-01.pdf") as pdf:
        assert pdf.open_metadata()["dc:title"].startswith("Innspill fra ")
