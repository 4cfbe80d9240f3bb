"""Each language of a document keeps every file it has had: a replaced file stays as an
earlier version, a withdrawn one stays (with its reason) while the language shows as
missing, and every earlier file downloads through the permission layer like the current
one."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus
from documents.enums import Distribution
from documents.models import LanguageVersion
from documents.sanitize import clean_pdf
from documents.services import document_attach, document_register
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def pdf(text: str) -> bytes:
    """A one-page PDF as the portal stores it (rewritten by its checks, which leave such a
    file as it is)."""
    return clean_pdf(_minimal_pdf(text)).data


@pytest.fixture
def officer():
    return SecretariatUserFactory(first_name="Ana", last_name="Officer")


def register(officer, **fields):
    defaults = {
        "title": "DIEF paper",
        "cycle": CspCycleFactory(number=13, year=2027),
        "body": "DIEF",
        "doc_type": "DrWP",
        "issued_on": D(2027, 1, 10),
        "distribution": Distribution.CONFIDENTIAL,
        "forum": "DIEF",
        "author_office": "CHAIR",
    }
    return document_register(by=officer, **(defaults | fields))


@pytest.fixture
def paper(officer):
    return register(officer)


def upload(client, document, name, content, language="en"):
    return client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"language": language, "file": SimpleUploadedFile(name, content)},
    )


def download(client, url) -> tuple[int, bytes]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def test_replacing_a_file_keeps_the_earlier_one_downloadable(client, officer, paper):
    sign_in(client, officer)
    upload(client, paper, "report-v1.pdf", pdf("first"))
    response = upload(client, paper, "report-v2.pdf", pdf("second"))

    assert response.status_code == 302
    first, second = paper.versions.order_by("number")
    assert (first.number, first.is_current, second.number, second.is_current) == (
        1,
        False,
        2,
        True,
    )
    assert download(client, reverse("documents:version_download", args=[paper.pk, "en"])) == (
        200,
        pdf("second"),
    )
    assert download(client, reverse("documents:version_file", args=[paper.pk, "en", first.pk])) == (
        200,
        pdf("first"),
    )
    assert first.file.storage.exists(first.file.name)


def test_the_history_lists_every_file_with_who_when_name_and_size(client, officer, paper):
    sign_in(client, officer)
    upload(client, paper, "report-v1.pdf", pdf("first"))
    upload(client, paper, "report-v2.pdf", pdf("second, longer"))

    page = client.get(reverse("documents:version_history", args=[paper.pk, "en"]))

    files = page.context["files"]
    assert (files.current.original_name, [v.original_name for v in files.earlier]) == (
        "report-v2.pdf",
        ["report-v1.pdf"],
    )
    content = page.content.decode()
    earlier = files.earlier[0]
    assert reverse("documents:version_file", args=[paper.pk, "en", earlier.pk]) in content
    assert "Ana Officer" in content
    assert f"{len(pdf('first'))}\xa0bytes" in content
    assert "Replaced on" in content
    assert "no-store" in page["Cache-Control"]  # a DIEF document's page


def test_withdrawing_a_file_keeps_it_and_the_language_shows_as_missing(client, officer, paper):
    sign_in(client, officer)
    upload(client, paper, "rapport.pdf", pdf("fr"), language="fr")
    url = reverse("documents:version_withdraw", args=[paper.pk, "fr"])
    assert client.get(url).status_code == 200  # the confirmation, with the reason to give

    response = client.post(url, {"reason": "The French text was the wrong draft."})

    assert response.status_code == 302
    version = paper.versions.get(language="fr")
    assert (version.is_current, version.withdrawal_reason, version.withdrawn_by) == (
        False,
        "The French text was the wrong draft.",
        officer,
    )
    page = client.get(reverse("documents:detail", args=[paper.pk]))
    french = next(entry for entry in page.context["languages"] if entry.code == "fr")
    assert (french.current, french.withdrawn) == (None, version)
    assert client.get(reverse("documents:version_download", args=[paper.pk, "fr"])).status_code == (
        404
    )
    history = client.get(reverse("documents:version_history", args=[paper.pk, "fr"]))
    assert "The French text was the wrong draft." in history.content.decode()


def test_a_withdrawal_needs_a_reason_and_changes_nothing_without_one(client, officer, paper):
    sign_in(client, officer)
    upload(client, paper, "rapport.pdf", pdf("fr"), language="fr")

    response = client.post(
        reverse("documents:version_withdraw", args=[paper.pk, "fr"]), {"reason": "  "}
    )

    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert paper.versions.current().count() == 1


def test_a_language_without_a_file_has_nothing_to_withdraw(client, officer, paper):
    sign_in(client, officer)

    url = reverse("documents:version_withdraw", args=[paper.pk, "ar"])

    assert (client.get(url).status_code, client.post(url, {"reason": "x"}).status_code) == (
        404,
        404,
    )


def test_a_new_file_after_a_withdrawal_is_the_next_version(client, officer, paper):
    sign_in(client, officer)
    upload(client, paper, "a.pdf", pdf("a"))
    client.post(reverse("documents:version_withdraw", args=[paper.pk, "en"]), {"reason": "Wrong"})
    upload(client, paper, "b.pdf", pdf("b"))

    assert list(paper.versions.values_list("number", "original_name", "withdrawal_reason")) == [
        (2, "b.pdf", ""),
        (1, "a.pdf", "Wrong"),
    ]


def test_a_file_of_the_wrong_kind_replaces_nothing(client, officer, paper):
    sign_in(client, officer)
    upload(client, paper, "a.pdf", pdf("a"))

    response = upload(client, paper, "b.pdf", b"<html>not a pdf</html>")

    assert "This file is not a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text" in (
        response.content.decode()
    )
    assert list(paper.versions.values_list("original_name", "replaced_at")) == [("a.pdf", None)]


@pytest.mark.parametrize(
    ("who", "replaced", "withdrawn", "history"),
    [
        ("secretariat", 200, 200, 200),
        ("party", 200, 404, 200),
        ("observer", 404, 404, 404),
        ("ngo", 404, 404, 404),
    ],
)
def test_earlier_files_download_only_for_those_who_see_the_document(
    client, officer, paper, who, replaced, withdrawn, history
):
    sign_in(client, officer)
    upload(client, paper, "a.pdf", pdf("a"))
    upload(client, paper, "b.pdf", pdf("b"))
    upload(client, paper, "c.pdf", pdf("c"), language="es")
    client.post(reverse("documents:version_withdraw", args=[paper.pk, "es"]), {"reason": "Wrong"})
    client.logout()
    viewer = {
        "secretariat": lambda: officer,
        "party": lambda: UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "observer": lambda: UserFactory(state=StateFactory()),
        "ngo": OrganisationUserFactory,
    }[who]()
    sign_in(client, viewer)
    first = paper.versions.get(language="en", number=1)
    spanish = paper.versions.get(language="es")

    statuses = (
        client.get(reverse("documents:version_file", args=[paper.pk, "en", first.pk])).status_code,
        client.get(
            reverse("documents:version_file", args=[paper.pk, "es", spanish.pk])
        ).status_code,
        client.get(reverse("documents:version_history", args=[paper.pk, "en"])).status_code,
    )

    assert statuses == (replaced, withdrawn, history)


def test_a_version_is_found_only_under_its_own_document_and_language(client, officer, paper):
    other = register(officer, title="Other")
    sign_in(client, officer)
    upload(client, paper, "a.pdf", pdf("a"))
    version = paper.versions.get()

    for url in (
        reverse("documents:version_file", args=[other.pk, "en", version.pk]),
        reverse("documents:version_file", args=[paper.pk, "fr", version.pk]),
        reverse("documents:version_history", args=[paper.pk, "xx"]),
        f"/documents/{paper.pk}/files/en/{'9' * 25}/",
        f"/documents/{'9' * 25}/files/en/history/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_list_filters_by_a_language_that_has_a_current_file(client, officer, paper):
    other = register(officer, title="Other")
    sign_in(client, officer)
    upload(client, paper, "a.pdf", pdf("a"), language="fr")
    upload(client, other, "b.pdf", pdf("b"), language="fr")
    client.post(reverse("documents:version_withdraw", args=[other.pk, "fr"]), {"reason": "Wrong"})

    page = client.get(reverse("documents:list"), {"language": "fr"}).context["page"]

    assert [d.pk for d in page] == [paper.pk]
    assert [v.language for v in page[0].current_versions] == ["fr"]


# -- The document page's queries do not grow with its annexes and files ---------------------


def document_page_queries(client, officer, n) -> tuple[int, int]:
    """(all the page's queries, those reading the register)."""
    letter = register(officer, title="Cover letter")
    for i in range(n):
        annex = register(officer, title=f"Annex {i}")
        document_attach(by=officer, parent=letter, annex=annex, label=f"Annex {i}")
    for language in ("en", "fr", "es"):
        for i in range(n):
            upload(client, letter, f"{language}-{i}.pdf", pdf(f"{language}{i}"), language=language)
    client.post(reverse("documents:version_withdraw", args=[letter.pk, "es"]), {"reason": "Old"})
    url = reverse("documents:detail", args=[letter.pk])
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["annexes"]) == n
    assert LanguageVersion.objects.filter(document=letter).count() == 3 * n
    register_reads = [q for q in queries.captured_queries if '"documents_' in q["sql"]]
    return len(queries), len(register_reads)


def test_the_document_page_needs_as_many_queries_with_many_annexes_and_versions(client, officer):
    sign_in(client, officer)
    one = document_page_queries(client, officer, 1)

    many = document_page_queries(client, officer, 12)

    assert many == one
    # The document, its current files, its revisions, every file of each language, its
    # authoring States and its annexes: one query each.
    assert one[1] == 6
