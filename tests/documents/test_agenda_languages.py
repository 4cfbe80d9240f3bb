"""A Chair writes agenda items in several UN languages: each reader and each PDF gets the
language asked for, English where a language is missing (marked), and Arabic PDFs keep
references and numbers in order."""

import io
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from att_portal.directory.enums import Role
from documents import agenda as agenda_services
from documents.enums import AgendaState
from documents.models import AgendaItem
from tests.conftest import sign_in
from tests.factories import MeetingFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair():
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=Role.WGETI_CHAIR)
    return person


@pytest.fixture
def meeting():
    return MeetingFactory(body="WGETI", title="WGETI meeting, March 2027")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def raw_text(response) -> str:
    """pdftotext in content-stream order: what a screen reader or a copy gets."""
    return subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()


def test_a_chair_enters_an_item_in_english_and_french_through_the_agenda_page(
    client, chair, meeting
):
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_add", args=[meeting.pk]),
        {
            "title": "Risk assessment under Article 7",
            "title__fr": "Évaluation des risques au titre de l'article 7",
            "annotation": "Two presentations by States Parties.",
            "annotation__fr": "Deux exposés d'États Parties.",
        },
    )

    item = AgendaItem.objects.get(agenda__meeting=meeting)
    assert response.status_code == 302
    assert (item.title_en, item.title_fr, item.title_es) == (
        "Risk assessment under Article 7",
        "Évaluation des risques au titre de l'article 7",
        None,
    )
    assert (item.annotation_en, item.annotation_fr) == (
        "Two presentations by States Parties.",
        "Deux exposés d'États Parties.",
    )


def test_the_english_text_is_required_and_nothing_is_stored_without_it(client, chair, meeting):
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_add", args=[meeting.pk]),
        {"title": "", "title__fr": "Ouverture de la réunion"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert not AgendaItem.objects.exists()


def test_a_french_agenda_pdf_shows_the_items_entered_in_french(client, chair, meeting):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    agenda_services.agenda_item_add(
        by=chair,
        agenda=agenda,
        title={"en": "Opening of the meeting", "fr": "Ouverture de la réunion"},
        annotation={"en": "The Chair opens the meeting.", "fr": "Le Président ouvre la séance."},
    )
    sign_in(client, chair)

    french = pdf_text(
        client.get(reverse("documents:agenda_pdf", args=[meeting.pk]), {"lang": "fr"})
    )
    english = pdf_text(
        client.get(reverse("documents:agenda_pdf", args=[meeting.pk]), {"lang": "en"})
    )

    assert "1. Ouverture de la réunion" in french
    assert "Le Président ouvre la séance." in french
    assert "Opening of the meeting" not in french
    assert "1. Opening of the meeting" in english


def test_a_language_left_empty_shows_the_english_text_marked_as_english(client, chair, meeting):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Opening of the meeting")
    chair.preferred_language = "fr"
    chair.save(update_fields=["preferred_language"])
    sign_in(client, chair)

    html = client.get(reverse("documents:agenda", args=[meeting.pk])).content.decode()

    assert (
        '<span lang="en" dir="ltr">Opening of the meeting</span> '
        '<small class="fallback-mark">(en anglais)</small>'
    ) in html


def test_an_arabic_agenda_pdf_keeps_article_references_and_numbers_in_order(client, chair, meeting):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Article 7(4) and paragraph 104")
    agenda_services.agenda_item_add(
        by=chair,
        agenda=agenda,
        title={"en": "Article 7(4) of the Treaty", "ar": "المادة 7(4) من المعاهدة والفقرة 104"},
    )
    sign_in(client, chair)

    text = raw_text(client.get(reverse("documents:agenda_pdf", args=[meeting.pk]), {"lang": "ar"}))

    lines = text.splitlines()
    assert lines[lines.index("1.") : lines.index("1.") + 2] == [
        "1.",
        "Article 7(4) and paragraph 104",
    ]
    assert lines[lines.index("2.") + 2 : lines.index("2.") + 3] == ["7(4)"]
    assert "104" in lines
    assert "(4)7" not in text
    assert ")4(7" not in text


def test_issuing_registers_the_agenda_with_its_title_in_the_six_languages(chair, meeting):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    agenda_services.agenda_item_add(
        by=chair, agenda=agenda, title={"en": "Opening", "es": "Apertura"}
    )

    issued = agenda_services.agenda_issue(by=chair, agenda=agenda)

    document = issued.document
    titles = [
        getattr(document, f"title_{code}") for code in ("en", "fr", "es", "ru", "ar", "zh_hans")
    ]
    assert document.title_en == "Annotated draft agenda: WGETI meeting, March 2027"
    assert all(t and "WGETI meeting, March 2027" in t for t in titles)
    assert len(set(titles)) == 6
    assert issued.versions.get().items[0]["translations"] == {
        "title": {"en": "Opening", "es": "Apertura"},
        "annotation": {},
    }


def test_the_chair_adds_the_arabic_text_of_an_issued_item_and_the_agenda_returns_to_draft(
    client, chair, meeting
):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    item = agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, chair)
    url = reverse("documents:agenda_item_edit", args=[meeting.pk, item.pk])

    form_page = client.get(url)
    response = client.post(url, {"title": "Opening", "title__ar": "افتتاح الاجتماع"})

    item.refresh_from_db()
    agenda.refresh_from_db()
    assert form_page.status_code == 200
    assert response.status_code == 302
    assert (item.title_en, item.title_ar) == ("Opening", "افتتاح الاجتماع")
    assert agenda.state == AgendaState.DRAFT


def test_the_edit_form_shows_the_texts_already_written(client, chair, meeting):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    item = agenda_services.agenda_item_add(
        by=chair, agenda=agenda, title={"en": "Opening", "ru": "Открытие"}
    )
    sign_in(client, chair)

    form = client.get(reverse("documents:agenda_item_edit", args=[meeting.pk, item.pk])).context[
        "form"
    ]

    assert (form["title"].value(), form["title__ru"].value(), form["title__fr"].value()) == (
        "Opening",
        "Открытие",
        None,
    )
