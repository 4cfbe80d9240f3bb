"""ToR art. 17: no formal minutes and no formal report of DIEF meetings, wherever the
portal could produce them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from att_portal.meetings.models import Meeting
from documents.agenda import agenda_item_add, agenda_open
from documents.enums import Distribution
from documents.models import AgendaItem, Document
from documents.services import document_register, document_revise
from forums.minutes import ART_17_MESSAGE, looks_like_minutes
from tests.demo_objects import dief_meeting_ahead
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    MeetingFactory,
    SecretariatUserFactory,
)

D = datetime.date
ART_17 = str(ART_17_MESSAGE)


@pytest.mark.parametrize(
    "title",
    [
        "Minutes of the DIEF meeting",
        "Report of the DIEF meeting of 22 February 2024",
        "Meeting report",
        "Summary record of the first meeting",
        "Adoption of the report",
        "Procès-verbal de la réunion",
        "Rapport de la réunion du forum",
        "Acta de la reunión",
        "Informe de la reunión",
        "Протокол заседания",
        "Отчет о заседании",
        "会议记录",
        "会议报告",
        "محضر الاجتماع",
        "تقرير الاجتماع",
    ],
)
def test_titles_of_minutes_or_a_meeting_report_look_like_minutes(title):
    assert looks_like_minutes(title) is True


@pytest.mark.parametrize(
    "title",
    [
        "DIEF Chair's report to the Tenth Conference of States Parties",
        "Annotated draft agenda: DIEF meeting, February 2027",
        "Working paper of the DIEF Chair on the review of the forum",
        "Presentation of a case and right of reply",
        "",
    ],
)
def test_other_titles_do_not_look_like_minutes(title):
    assert looks_like_minutes(title) is False


def _register(officer, **fields):
    defaults = {
        "cycle": CspCycleFactory(number=12, year=2026),
        "title": "Minutes of the DIEF meeting",
        "body": "DIEF",
        "doc_type": "Conf.Rep",
        "issued_on": D(2026, 8, 1),
        "distribution": Distribution.CONFIDENTIAL,
        "forum": "DIEF",
        "author_office": "CHAIR",
    }
    return document_register(by=officer, **(defaults | fields))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        # whatever the title says, a record of the meeting is refused by its type
        {"title": "Chair's report to the Conference", "doc_type": "MtgRep"},
        {"title": "Report of the DIEF meeting of 17 February 2027", "doc_type": "MtgRep"},
        {"title": "Record of the discussion", "doc_type": "SR"},
        {"title": "Record of the discussion", "doc_type": "Minutes"},
        {"title": "Final report", "doc_type": "Conf.FinRep"},
    ],
)
def test_registering_minutes_or_a_report_of_a_dief_meeting_is_refused(fields):
    officer = SecretariatUserFactory()
    with pytest.raises(ValidationError) as refusal:
        _register(officer, **fields)
    assert refusal.value.messages == [ART_17]
    assert Document.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title",
    [
        "DIEF Chair's report to the Twelfth Conference of States Parties",
        "Minutes of the DIEF meeting",  # words in a title decide nothing
        "Report of the DIEF meeting of 22 February 2024 to the Conference",
    ],
)
def test_the_chairs_report_to_the_csp_is_registered_whatever_its_title_says(title):
    officer = SecretariatUserFactory()
    document = _register(officer, title=title, distribution=Distribution.PUBLIC, forum="")
    assert (document.symbol, document.title) == ("ATT/CSP12.DIEF/2026/CHAIR/1/Conf.Rep", title)


@pytest.mark.django_db
def test_a_report_or_record_bound_to_a_dief_meeting_is_refused_a_paper_is_not():
    from forums.minutes import check_document

    meeting = DiefMeetingFactory()
    for doc_type in ("MtgRep", "Conf.Rep", "SR"):
        with pytest.raises(ValidationError) as refusal:
            check_document(body="DIEF", meeting=meeting, doc_type=doc_type)
        assert refusal.value.messages == [ART_17]
    check_document(body="DIEF", meeting=meeting, doc_type="Conf.WP")  # a paper of the meeting


@pytest.mark.django_db
def test_a_report_of_the_meeting_of_another_body_is_registered():
    document = _register(
        SecretariatUserFactory(),
        body="WGETI",
        doc_type="MtgRep",
        title="Report of the meeting",
        distribution=Distribution.PUBLIC,
        forum="",
    )
    assert document.symbol == "ATT/CSP12.WGETI/2026/CHAIR/1/MtgRep"


@pytest.mark.django_db
def test_minutes_of_another_body_are_registered():
    officer = SecretariatUserFactory()
    document = _register(
        officer,
        body="WGETI",
        title="Minutes of the WGETI meeting",
        distribution=Distribution.PUBLIC,
        forum="",
    )
    assert document.title == "Minutes of the WGETI meeting"


@pytest.mark.django_db
def test_a_report_document_of_a_dief_meeting_cannot_be_revised():
    officer = SecretariatUserFactory()
    document = _register(officer, title="Background paper", doc_type="Rep")
    Document.objects.filter(pk=document.pk).update(meeting=DiefMeetingFactory())
    document.refresh_from_db()
    with pytest.raises(ValidationError) as refusal:
        document_revise(by=officer, document=document, issued_on=D(2026, 9, 1))
    assert refusal.value.messages == [ART_17]
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_register_form_shows_the_art_17_refusal_and_saves_nothing(client_for, demo_users):
    before = Document.objects.count()
    cycle = CspCycleFactory(number=12, year=2026)
    response = client_for("secretariat").post(
        reverse("documents:register"),
        {
            "title": "Chair's summary",
            "cycle": cycle.pk,
            "body": "DIEF",
            "doc_type": "MtgRep",
            "issued_on": "2026-08-01",
            "author_office": "CHAIR",
            "original_language": "en",
            "distribution": "confidential",
            "forum": "DIEF",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [ART_17]
    assert Document.objects.count() == before


@pytest.mark.django_db
def test_agenda_item_adopting_the_report_of_a_dief_meeting_is_refused():
    officer = SecretariatUserFactory()
    agenda = agenda_open(by=officer, meeting=DiefMeetingFactory())
    with pytest.raises(ValidationError) as refusal:
        agenda_item_add(by=officer, agenda=agenda, title="Adoption of the report of the meeting")
    assert refusal.value.messages == [ART_17]
    assert AgendaItem.objects.count() == 0


@pytest.mark.django_db
def test_agenda_item_adopting_the_report_of_a_wgeti_meeting_is_added():
    officer = SecretariatUserFactory()
    agenda = agenda_open(by=officer, meeting=MeetingFactory())
    item = agenda_item_add(by=officer, agenda=agenda, title="Adoption of the report")
    assert item.title == "Adoption of the report"


@pytest.mark.django_db
def test_agenda_form_shows_the_art_17_refusal_and_saves_nothing(client_for, demo_users):
    meeting = dief_meeting_ahead()
    before = AgendaItem.objects.count()
    response = client_for("secretariat").post(
        reverse("documents:agenda_item_add", args=[meeting.pk]),
        {"title": "Approval of the minutes"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [ART_17]
    assert AgendaItem.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["minutes", "report"])
def test_meeting_pdf_of_minutes_of_a_dief_meeting_is_refused_with_art_17(
    client_for, demo_users, kind
):
    meeting = Meeting.objects.get(title="DIEF meeting on the review of the forum")
    response = client_for("delegate-sp").get(reverse("meetings:pdf", args=[meeting.pk, kind]))
    assert response.status_code == 403
    assert ART_17 in response.content.decode()


@pytest.mark.django_db
def test_meeting_pdf_of_minutes_of_another_body_stays_unknown(client_for, demo_users):
    meeting = Meeting.objects.get(title="WGETI meeting, March 2026")
    response = client_for("delegate-sp").get(reverse("meetings:pdf", args=[meeting.pk, "minutes"]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_participant_looking_for_minutes_gets_the_art_17_explanation(client_for, demo_users):
    meeting = Meeting.objects.get(title="DIEF meeting on the review of the forum")
    response = client_for("delegate-sig").get(reverse("dief:minutes", args=[meeting.pk]))
    assert response.status_code == 403
    assert ART_17 in response.content.decode()


@pytest.mark.django_db
def test_observer_gets_nothing_of_the_minutes_page(client_for, demo_users):
    meeting = Meeting.objects.get(title="DIEF meeting on the review of the forum")
    response = client_for("delegate-obs").get(reverse("dief:minutes", args=[meeting.pk]))
    assert response.status_code == 403
    assert ART_17 not in response.content.decode()
