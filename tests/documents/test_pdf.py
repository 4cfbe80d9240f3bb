"""PDFs in English, Chinese and Arabic, with the confidential marking on every page."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from att_portal.meetings.enums import Body
from att_portal.meetings.models import MeetingSession
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def pages_of(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


@pytest.fixture
def wgeti_meeting():
    meeting = MeetingFactory(body=Body.WGETI, title="WGETI meeting, March 2026")
    start = timezone.make_aware(timezone.datetime(2027, 3, 15, 10))
    MeetingSession.objects.create(
        meeting=meeting,
        title="Risk assessment",
        body=Body.WGETI,
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=3),
        room="CICG 2",
    )
    return meeting


def shown(text: str, expected: str, language: str) -> bool:
    """Whether the PDF's text shows `expected`, wherever its lines wrap: Chinese is compared
    without white space, and Arabic, which comes out of a PDF in visual order (numbers glued
    to words), word by word."""
    if language == "zh-hans":
        return "".join(expected.split()) in "".join(text.split())
    if language == "ar":
        words = re.compile(r"[^\W\d_]+")
        return set(words.findall(expected)) <= set(words.findall(text))
    return " ".join(expected.split()) in " ".join(text.split())


def in_language(language: str, *messages: str) -> list[str]:
    with translation.override(language):
        return [gettext(message) for message in messages]


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_timetable_renders_in_the_language_with_real_glyphs(client, wgeti_meeting, language):
    sign_in(client, UserFactory())

    response = client.get(
        reverse("meetings:pdf", args=[wgeti_meeting.pk, "timetable"]), {"lang": language}
    )

    text = "\n".join(pages_of(response))
    words = in_language(
        language,
        "Arms Trade Treaty",
        "Timetable of sessions",
        "Original: English",
        "Working Group on Effective Treaty Implementation",
    )
    assert [word for word in words if not shown(text, word, language)] == []
    assert "Risk assessment" in text
    if language == "en":
        assert "Page 1 of 1" in text
    if language == "zh-hans":
        assert "武器贸易条约" in text  # real Chinese glyphs, not boxes


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_invitation_letter_of_a_dief_meeting_carries_the_call_for_cases(client, language):
    meeting = DiefMeetingFactory()
    sign_in(client, UserFactory())

    text = "\n".join(
        pages_of(
            client.get(reverse("meetings:pdf", args=[meeting.pk, "invitation"]), {"lang": language})
        )
    )

    (call,) = in_language(
        language,
        "In accordance with the Terms of Reference of the Forum (article 9), States Parties "
        "and signatories are invited to submit cases of detected or suspected diversion and "
        "to share information, and to notify the Secretariat of their intention to present a "
        "case at the latest when the draft agenda is adopted.",
    )
    assert shown(text, call, language)


def test_confidential_marking_and_watermark_are_on_every_page(client, long_dief_timetable):
    meeting = long_dief_timetable
    delegate = UserFactory(first_name="Lena", last_name="Gruber")
    sign_in(client, delegate)

    pages = pages_of(client.get(reverse("meetings:pdf", args=[meeting.pk, "timetable"])))

    assert len(pages) > 1
    assert all("CONFIDENTIAL — DIEF" in page for page in pages)
    watermark = f"Lena Gruber ({delegate.username}) · {delegate.state.name}"
    assert all(watermark in page for page in pages)


def test_outsider_gets_no_pdf_of_a_dief_meeting(client):
    meeting = DiefMeetingFactory()
    sign_in(client, OrganisationUserFactory())

    response = client.get(reverse("meetings:pdf", args=[meeting.pk, "timetable"]))

    assert response.status_code == 404


@pytest.mark.parametrize("query", [{"lang": "tlh"}, {"lang": ""}])
def test_unknown_language_or_kind_answers_404(client, wgeti_meeting, query):
    sign_in(client, UserFactory())

    assert (
        client.get(reverse("meetings:pdf", args=[wgeti_meeting.pk, "timetable"]), query).status_code
        == 404
    )
    assert (
        client.get(reverse("meetings:pdf", args=[wgeti_meeting.pk, "minutes"])).status_code == 404
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["The Chair has the honour to transmit", "Annex A", "Appendix 1"]),
        ("zh-hans", ["主席谨转交以下文件", "附件", "Annex A"]),
        ("ar", ["يتشرف الرئيس", "Annex A"]),
    ],
)
def test_cover_letter_lists_its_annexes_in_order_in_each_language(client, language, words):
    import datetime

    from documents.enums import Distribution
    from documents.services import document_attach, document_register
    from tests.factories import CspCycleFactory, SecretariatUserFactory

    officer = SecretariatUserFactory()
    cycle = CspCycleFactory(number=12, year=2026)

    def register(title):
        return document_register(
            by=officer,
            title=title,
            cycle=cycle,
            body="WGETI",
            doc_type="LetterSubDocs",
            issued_on=datetime.date(2026, 2, 18),
            distribution=Distribution.PUBLIC,
            author_office="CHAIR",
        )

    letter = register("Cover letter of the WGETI Chair")
    document_attach(
        by=officer, parent=letter, annex=register("Draft agenda notes"), label="Annex A"
    )
    document_attach(
        by=officer, parent=letter, annex=register("Ad hoc proposals"), label="Appendix 1"
    )
    sign_in(client, UserFactory())

    text = "\n".join(
        pages_of(
            client.get(reverse("documents:cover_letter_pdf", args=[letter.pk]), {"lang": language})
        )
    )

    assert [word for word in words if word not in text] == []
    if language == "en":
        assert text.index("Annex A") < text.index("Appendix 1")
    assert letter.symbol in text


def test_a_pdf_names_the_documents_real_original_language(client):
    import datetime

    from documents.enums import Distribution
    from documents.services import document_register
    from tests.factories import CspCycleFactory, SecretariatUserFactory

    letter = document_register(
        by=SecretariatUserFactory(),
        title={"en": "Letter of the President", "fr": "Lettre du Président"},
        cycle=CspCycleFactory(number=12, year=2026),
        body="",
        doc_type="Letter",
        issued_on=datetime.date(2026, 2, 18),
        distribution=Distribution.PUBLIC,
        author_office="PRES",
        original_language="fr",
    )
    sign_in(client, UserFactory())

    text = "\n".join(
        pages_of(
            client.get(reverse("documents:cover_letter_pdf", args=[letter.pk]), {"lang": "en"})
        )
    )

    assert ("Original: French" in text, "Original: English" in text) == (True, False)
    assert "Letter of the President" in text
    assert "18 February 2026" in text
