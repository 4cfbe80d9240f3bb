"""Hostile files as language versions of a document: a file that only starts like a PDF,
an encrypted PDF, a ZIP bomb, a macro-enabled or otherwise unsafe package are refused and
nothing is stored; a PDF's active content is taken out before it is stored; genuine DOCX,
XLSX and ODT files are accepted as they are."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from att_portal.demo import _minimal_pdf
from documents.enums import Distribution
from documents.models import LanguageVersion
from documents.services import document_register
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory
from tests.hostile_files import (
    active_names,
    content_types,
    docx,
    encrypted_pdf,
    hostile_pdf,
    macro_docx,
    odt,
    package,
    understated,
    xlsx,
    zip_bomb_docx,
)

# Each test stores into a media folder of its own (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

DAMAGED_PDF = (
    "This PDF is damaged, or is not a PDF at all, and cannot be read. Export or save it "
    "again as a PDF and upload the new file."
)
NOT_ACCEPTED = (
    "This file is not a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) document."
)
MACROS = (
    "This document contains macros, which the portal does not accept. Save a copy without "
    "macros (as DOCX, XLSX or ODT) and upload that."
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"


@pytest.fixture
def officer(client):
    officer = SecretariatUserFactory()
    sign_in(client, officer)
    return officer


@pytest.fixture
def paper(officer):
    return document_register(
        by=officer,
        title="Working paper",
        cycle=CspCycleFactory(),
        body="DIEF",
        doc_type="DrWP",
        issued_on=datetime.date(2027, 1, 10),
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
        author_office="CHAIR",
    )


def upload(client, document, name: str, content: bytes):
    return client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"language": "en", "file": SimpleUploadedFile(name, content)},
    )


def errors(response) -> list[str]:
    return response.context["form"].errors["file"]


def stored_files(settings) -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n" + b"garbage that is no PDF at all " * 40, DAMAGED_PDF),
        (b"%PDF-\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000, DAMAGED_PDF),
        (b"%PDF-1.4\nMZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 2000, DAMAGED_PDF),
        (_minimal_pdf("cut short")[:300], DAMAGED_PDF),
        (
            encrypted_pdf(),
            "This PDF is password-protected or encrypted. Upload a copy without a password "
            "or encryption.",
        ),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100, NOT_ACCEPTED),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
            "This is an Office file of the older kind (DOC or XLS) or one with a password. "
            "Save it as DOCX or XLSX, without a password, and upload that.",
        ),
    ],
    ids=[
        "garbage",
        "elf-executable",
        "windows-executable",
        "truncated",
        "encrypted",
        "executable",
        "old-office-file",
    ],
)
def test_a_file_that_is_not_what_it_starts_like_is_refused_and_nothing_is_stored(
    client, paper, content, message, settings
):
    response = upload(client, paper, "paper.pdf", content)

    assert errors(response) == [message]
    assert LanguageVersion.objects.count() == 0
    assert stored_files(settings) == set()


def test_a_pdfs_active_content_is_taken_out_before_it_is_stored(client, paper):
    response = upload(client, paper, "paper.pdf", hostile_pdf())

    assert response.status_code == 302
    version = LanguageVersion.objects.get()
    data = version.file.read()
    assert active_names(data) == set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert (len(pdf.pages), len(pdf.attachments)) == (2, 0)
    downloaded = client.get(reverse("documents:version_download", args=[paper.pk, "en"]))
    assert b"".join(downloaded.streaming_content) == data
    assert version.size == len(data)


def test_what_follows_the_end_of_a_pdf_is_not_stored(client, paper):
    """A PDF with a program after it (a polyglot): the PDF is kept, the program is not."""
    upload(client, paper, "paper.pdf", _minimal_pdf("Paper") + b"MZ\x90\x00 a Windows program")

    data = LanguageVersion.objects.get().file.read()
    assert (data.startswith(b"%PDF-"), b"MZ\x90\x00" in data) == (True, False)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("notes.docx", docx(), DOCX), ("table.xlsx", xlsx(), XLSX), ("text.odt", odt(), ODT)],
)
def test_genuine_office_documents_are_stored_as_they_are(
    client, paper, name, content, content_type
):
    response = upload(client, paper, name, content)

    assert response.status_code == 302
    version = LanguageVersion.objects.get()
    assert (version.original_name, version.content_type) == (name, content_type)
    assert version.file.read() == content


def test_a_zip_bomb_is_refused(client, paper, settings):
    bomb = zip_bomb_docx(300 * 1024 * 1024)

    response = upload(client, paper, "notes.docx", bomb)

    assert len(bomb) < 1_000_000
    assert errors(response) == [
        "This file unpacks to more than 250 MB; a DOCX, XLSX or ODT file may unpack to at "
        "most 250 MB."
    ]
    assert stored_files(settings) == set()


def test_a_package_whose_directory_understates_its_size_is_refused(client, paper, settings):
    """The sizes in a ZIP's directory may lie: each part is unpacked and checked against
    its checksum, and one that unpacks to more than it says is refused."""
    settings.PORTAL_MAX_UNPACKED_BYTES = 1_000_000
    bomb = understated(zip_bomb_docx(2 * 1024 * 1024), "word/media/padding.bin", 1024)

    response = upload(client, paper, "notes.docx", bomb)

    assert errors(response) == [
        "This file is damaged and cannot be read. Save it again and upload the new file."
    ]
    assert LanguageVersion.objects.count() == 0


def test_a_package_of_too_many_parts_is_refused(client, paper, settings):
    settings.PORTAL_MAX_PACKAGE_ENTRIES = 10

    response = upload(
        client, paper, "notes.docx", docx(**{f"word/media/{n}.xml": "<x/>" for n in range(10)})
    )

    assert errors(response) == ["This file holds 12 parts; a DOCX, XLSX or ODT file may hold 10."]


@pytest.mark.parametrize(
    "content",
    [
        macro_docx(),
        docx(**{"word/vbaProject.bin": b"VBA"}),
        odt(**{"Basic/Standard/Module1.xml": "x"}),
        odt(**{"Scripts/python/run.py": "import os"}),
    ],
    ids=["docm-as-docx", "docx-with-a-vba-project", "odt-with-basic-macros", "odt-with-scripts"],
)
def test_a_document_with_macros_is_refused(client, paper, content):
    response = upload(client, paper, "notes.docx", content)

    assert errors(response) == [MACROS]
    assert LanguageVersion.objects.count() == 0


@pytest.mark.parametrize("part", ["../../etc/cron.d/job", "/etc/passwd", "C:/evil.dll"])
def test_a_package_with_a_part_outside_it_is_refused(client, paper, part):
    response = upload(client, paper, "notes.docx", docx(**{part: "x"}))

    assert errors(response) == [f"This file holds a part with an unsafe or repeated name ({part})."]


def test_a_package_without_the_content_type_of_its_main_part_is_refused(client, paper):
    content = package(
        {
            "[Content_Types].xml": content_types("word/other.xml", "application/xml"),
            "word/document.xml": "<w:document/>",
        }
    )

    response = upload(client, paper, "notes.docx", content)

    assert errors(response) == [NOT_ACCEPTED]
