"""Uploads are checked by content and size, named safely, and served only through the
permission layer."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus
from documents.enums import Distribution
from documents.models import LanguageVersion
from documents.services import document_register
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PDF = _minimal_pdf("DIEF paper")
CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def officer():
    return SecretariatUserFactory()


@pytest.fixture
def dief_paper(officer):
    return document_register(
        by=officer,
        title="DIEF paper",
        cycle=CspCycleFactory(),
        body="DIEF",
        doc_type="DrWP",
        issued_on=__import__("datetime").date(2027, 1, 10),
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
        author_office="CHAIR",
    )


def upload(client, document, name, content, language="en"):
    return client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"language": language, "file": SimpleUploadedFile(name, content)},
    )


def test_pdf_and_docx_are_accepted_with_sanitised_names(client, officer, dief_paper):
    sign_in(client, officer)

    upload(client, dief_paper, "../../etc/Rapport final (v2).pdf", PDF)
    upload(client, dief_paper, "notes.docx", docx_bytes(), language="fr")

    versions = {v.language: (v.original_name, v.content_type) for v in dief_paper.versions.all()}
    assert versions == {
        "en": ("Rapport_final_v2.pdf", "application/pdf"),
        "fr": (
            "notes.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    }


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"#!/bin/sh\necho this is not a PDF\n"),
        ("archive.docx", b"PK\x03\x04 broken zip"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_files_that_are_not_office_documents_are_refused_and_leave_nothing(
    client, officer, dief_paper, name, content
):
    sign_in(client, officer)

    response = upload(client, dief_paper, name, content)

    assert "This file is not a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text" in (
        response.content.decode()
    )
    assert LanguageVersion.objects.count() == 0


@override_settings(PORTAL_MAX_UPLOAD_BYTES=1_000_000)
def test_a_file_over_the_size_limit_is_refused(client, officer, dief_paper):
    sign_in(client, officer)

    response = upload(client, dief_paper, "big.pdf", PDF + b"0" * 1_200_000)

    assert "The file is 1.2 MB; the limit is 1 MB." in response.content.decode()
    assert LanguageVersion.objects.count() == 0


def test_replacing_a_version_keeps_one_current_file_per_language_and_the_earlier_one(
    client, officer, dief_paper
):
    sign_in(client, officer)
    upload(client, dief_paper, "a.pdf", PDF)
    upload(client, dief_paper, "b.pdf", PDF)

    assert list(dief_paper.versions.current().values_list("original_name", flat=True)) == ["b.pdf"]
    assert list(dief_paper.versions.earlier().values_list("original_name", "number")) == [
        ("a.pdf", 1)
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [("party", 200), ("signatory", 200), ("observer", 404), ("ngo", 404)],
)
def test_confidential_file_downloads_only_for_the_forum(client, officer, dief_paper, who, status):
    sign_in(client, officer)
    upload(client, dief_paper, "paper.pdf", PDF)
    client.logout()
    viewer = {
        "party": lambda: UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "signatory": lambda: UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "observer": lambda: UserFactory(state=StateFactory()),
        "ngo": OrganisationUserFactory,
    }[who]()
    sign_in(client, viewer)

    response = client.get(reverse("documents:version_download", args=[dief_paper.pk, "en"]))

    assert response.status_code == status
    if status == 200:
        stored = dief_paper.versions.get()
        assert b"".join(response.streaming_content) == stored.file.read()
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
