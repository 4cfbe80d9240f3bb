"""Letters composed in the portal: registered as …/LetterSubDocs, annexes in order, one PDF
per language with the letter first and each annex after its heading page — and only the
annexes the person downloading may read."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from att_portal import access
from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus, Role
from documents.letters import letter_annex_add, letter_compose, letters_editable_by
from documents.models import Document, Letter
from documents.packages import letter_package_pdf
from documents.services import document_attach, document_register, language_version_upload
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def chair(role=Role.WGETI_CHAIR):
    return RoleAssignmentFactory(role=role).user


def compose(by, body="WGETI", **fields):
    values = {
        "cycle": CspCycleFactory(number=12, year=2026),
        "body": body,
        "title": "Cover letter for the WGETI meeting, 16-18 March 2026",
        "dated_on": D(2026, 2, 18),
        "addressees": "To: All States Parties and signatory States",
        "place": "Geneva",
        "text": "Excellency,\n\nI have the honour to write to you.\n\nYours sincerely,",
        "signature": "Col. Philippe LEJEUNE\nChair of WGETI",
    }
    return letter_compose(by=by, **(values | fields))


def add_annex(by, letter, label, pages=1, language="en"):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return letter_annex_add(
        by=by,
        letter=letter,
        label=label,
        title=f"Title of {label}",
        doc_type="Conf.WP",
        language=language,
        uploaded=ContentFile(out.getvalue(), name="annex.pdf"),
        content_type="application/pdf",
        safe_name="annex.pdf",
    )


def pdf_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_wgeti_chair_composes_a_letter_registered_as_letter_sub_docs():
    letter = compose(chair())
    assert (
        letter.document.symbol
        == f"ATT/CSP12.WGETI/2026/CHAIR/{letter.document.number}/LetterSubDocs"
    )
    assert (letter.document.author_office, letter.document.distribution) == ("CHAIR", "restricted")
    assert letter.body == "Excellency,\n\nI have the honour to write to you.\n\nYours sincerely,"


def test_a_dief_letter_is_always_confidential_to_the_dief():
    letter = compose(chair(Role.DIEF_CHAIR), body="DIEF", distribution="public")
    assert (letter.document.distribution, letter.document.forum) == ("confidential", "DIEF")


@pytest.mark.parametrize(
    "person",
    [
        lambda: chair(Role.DIEF_CHAIR),  # not the WGETI Chair
        lambda: UserFactory(),
        lambda: OrganisationUserFactory(),
    ],
)
def test_only_the_bodys_chair_or_the_secretariat_composes_its_letters(person):
    with pytest.raises(PermissionDenied):
        compose(person())
    assert Document.objects.count() == 0


def test_the_secretariat_composes_a_letter_for_any_body():
    letter = compose(SecretariatUserFactory(), body="DIEF")
    assert letter.document.author_office == "SEC"


def test_the_chair_adds_annexes_in_order_and_may_change_them():
    wgeti_chair = chair()
    letter = compose(wgeti_chair)
    first = add_annex(wgeti_chair, letter, "Annex A")
    second = add_annex(wgeti_chair, letter, "Annex B-1")
    assert [(a.annex_label, a.position) for a in letter.document.annexes.order_by("position")] == [
        ("Annex A", 1),
        ("Annex B-1", 2),
    ]
    assert first.symbol.startswith("ATT/CSP12.WGETI/2026/CHAIR/")
    assert access.can(wgeti_chair, access.Action.CHANGE, second) is True
    assert access.can(chair(Role.DIEF_CHAIR), access.Action.CHANGE, second) is False


def test_a_chair_does_not_change_historical_documents_of_their_office():
    officer = SecretariatUserFactory()
    historical = document_register(
        by=officer,
        title="WGETI Chair's draft report",
        cycle=CspCycleFactory(number=12, year=2026),
        body="WGETI",
        doc_type="Conf.Rep",
        issued_on=D(2026, 5, 1),
        distribution="public",
        author_office="CHAIR",
    )
    assert access.can(chair(), access.Action.CHANGE, historical) is False


def test_another_chairs_letter_refuses_an_annex():
    letter = compose(chair())
    with pytest.raises(PermissionDenied):
        add_annex(chair(Role.DIEF_CHAIR), letter, "Annex A")


def test_the_letter_pdf_is_the_letter_then_each_annex_after_its_heading_page():
    wgeti_chair = chair()
    letter = compose(wgeti_chair)
    add_annex(wgeti_chair, letter, "Annex A", pages=2)
    add_annex(wgeti_chair, letter, "Appendix 1", pages=1)
    pages = pdf_texts(
        letter_package_pdf(viewer=UserFactory(), document=letter.document, language="en")
    )
    # 1 letter page + (heading + 2) + (heading + 1)
    assert len(pages) == 6
    assert "I have the honour to write to you." in pages[0]
    assert "Col. Philippe LEJEUNE" in pages[0]
    assert "Annex A" in pages[1]
    assert "Title of Annex A" in pages[1]
    assert "Appendix 1" in pages[4]
    assert "Title of Appendix 1" in pages[4]


def test_the_french_pdf_marks_the_english_text_and_falls_back_to_english_annex_files():
    wgeti_chair = chair()
    letter = compose(wgeti_chair)
    add_annex(wgeti_chair, letter, "Annex A")
    pages = pdf_texts(
        letter_package_pdf(viewer=UserFactory(), document=letter.document, language="fr")
    )
    assert len(pages) == 3
    assert "(en anglais)" in pages[0] or "(in English)" in pages[0]
    assert "Annex A" in pages[1]


def test_an_annex_whose_file_is_not_a_readable_pdf_keeps_its_heading_page():
    officer = SecretariatUserFactory()
    letter = compose(officer)
    annex = add_annex(officer, letter, "Annex A")
    language_version_upload(
        by=officer,
        document=annex,
        language="en",
        uploaded=ContentFile(b"%PDF-1.4 broken", name="broken.pdf"),
        content_type="application/pdf",
        safe_name="broken.pdf",
    )
    pages = pdf_texts(letter_package_pdf(viewer=officer, document=letter.document, language="en"))
    assert len(pages) == 2
    assert "cannot be included" in pages[1]


def _letter_with_a_dief_annex():
    officer = SecretariatUserFactory()
    letter = compose(officer, distribution="restricted")
    add_annex(officer, letter, "Annex A", pages=1)
    dief_annex = document_register(
        by=officer,
        title="Confidential DIEF annex",
        cycle=letter.document.cycle,
        body="DIEF",
        doc_type="DrWP",
        issued_on=D(2026, 2, 18),
        distribution="confidential",
        forum="DIEF",
        author_office="CHAIR",
    )
    language_version_upload(
        by=officer,
        document=dief_annex,
        language="en",
        uploaded=ContentFile(_minimal_pdf("DIEF secret"), name="dief.pdf"),
        content_type="application/pdf",
        safe_name="dief.pdf",
    )
    document_attach(by=officer, parent=letter.document, annex=dief_annex, label="Annex B")
    return letter


def test_an_annex_confidential_to_the_dief_never_reaches_an_observer():
    letter = _letter_with_a_dief_annex()
    observer = UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))
    # the observer cannot see the restricted letter at all; an NGO neither: a public letter
    letter.document.distribution = "public"
    letter.document.save()
    for person in (observer, OrganisationUserFactory()):
        text = "\n".join(
            pdf_texts(letter_package_pdf(viewer=person, document=letter.document, language="en"))
        )
        assert "Annex B" not in text
        assert "DIEF secret" not in text
        assert "Confidential DIEF annex" not in text


def test_a_state_party_delegate_gets_the_dief_annex_with_its_marking():
    letter = _letter_with_a_dief_annex()
    pages = pdf_texts(
        letter_package_pdf(viewer=UserFactory(), document=letter.document, language="en")
    )
    assert len(pages) == 5  # letter, Annex A heading + 1 page, Annex B heading + 1 page
    assert "CONFIDENTIAL" in pages[3]
    assert "DIEF secret" in pages[4]


def test_the_letter_pdf_view_asks_the_second_factor_for_a_dief_annex(client):
    letter = _letter_with_a_dief_annex()
    sign_in(client, UserFactory(), second_factor=False)
    response = client.get(reverse("documents:cover_letter_pdf", args=[letter.document.pk]))
    assert response.status_code == 302


def test_the_letter_page_lets_the_chair_edit_and_shows_the_annexes(client):
    wgeti_chair = chair()
    letter = compose(wgeti_chair)
    add_annex(wgeti_chair, letter, "Annex A")
    sign_in(client, wgeti_chair)
    response = client.post(
        reverse("documents:letter", args=[letter.pk]),
        {
            "title": "Cover letter",
            "dated_on": "2026-02-19",
            "place": "Geneva",
            "addressees": "To: All",
            "text": "New text.",
            "signature": "The Chair",
            "place__fr": "Genève",
        },
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.body, letter.place_fr, letter.dated_on) == (
        "New text.",
        "Genève",
        D(2026, 2, 19),
    )
    page = client.get(reverse("documents:letter", args=[letter.pk]))
    assert [a.annex_label for a in page.context["annexes"]] == ["Annex A"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_of_letters_and_reports_takes_the_same_queries_for_1_or_3(
    client, django_assert_num_queries, count
):
    wgeti_chair = chair()
    for _ in range(count):
        compose(wgeti_chair)
    sign_in(client, wgeti_chair)
    client.get(reverse("documents:composed"))  # warm the session
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("documents:composed"))
    assert len(response.context["letters"]) == count


QUERIES = 7


def test_letters_editable_by_a_chair_are_their_bodys_chair_letters():
    wgeti_chair = chair()
    mine = compose(wgeti_chair)
    compose(SecretariatUserFactory())  # the Secretariat's own
    compose(chair(Role.DIEF_CHAIR), body="DIEF")
    assert list(letters_editable_by(wgeti_chair)) == [mine]
    assert Letter.objects.count() == 3


def test_a_letter_without_english_text_is_refused():
    with pytest.raises(ValidationError):
        compose(chair(), text={"fr": "Seulement en français"})
