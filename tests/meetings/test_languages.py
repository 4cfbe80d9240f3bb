"""Meetings in the reader's language: each deadline's day as one sentence with the UN's
date, the rules' articles and the cycle's name translated (symbols keep "CSP"), and the
calendar feed worded in its owner's language."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from att_portal.directory.enums import Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import CalendarFeed, MeetingCall
from att_portal.meetings.reminders import reminders_queue
from att_portal.meetings.rules import Responsible
from att_portal.notifications.models import Notice, OutboxMail
from documents.enums import Distribution
from documents.services import document_register
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    MeetingFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def in_language(language: str, message: str, **values) -> str:
    with translation.override(language):
        return _(message) % values


@pytest.mark.parametrize(
    ("language", "date"), [("en", "18 January 2099"), ("fr", "18 janvier 2099")]
)
def test_a_deadline_reads_as_one_sentence_with_its_article_in_the_readers_language(
    client, language, date
):
    chair = UserFactory(preferred_language=language)
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    meeting = DiefMeetingFactory(starts_on=D(2099, 2, 17), ends_on=D(2099, 2, 17))
    sign_in(client, chair)

    page = html.unescape(client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode())

    due = in_language(language, "by the end of %(date)s, Geneva time", date=date)
    with translation.override(language):
        article = str(_("ToR art. 10"))
    assert f"<td>{article}</td><td>{due}</td>" in page


def test_the_cycle_is_named_in_the_readers_language_but_symbols_keep_csp():
    cycle = CspCycleFactory(number=12, year=2026)

    with translation.override("fr"):
        name = str(cycle)
        document = document_register(
            by=SecretariatUserFactory(),
            cycle=cycle,
            title="Report",
            body="",
            doc_type="Conf.Rep",
            issued_on=D(2026, 8, 1),
            distribution=Distribution.PUBLIC,
            author_office="SEC",
        )

    assert name == in_language("fr", "CSP%(number)s", number=12)
    assert str(cycle) == "CSP12"
    assert document.symbol == "ATT/CSP12/2026/SEC/1/Conf.Rep"


def test_the_calendar_speaks_its_owners_language_whatever_the_request(client):
    officer = SecretariatUserFactory(preferred_language="fr")
    meeting = MeetingFactory(
        body=Body.WGETI, title="WGETI meeting", starts_on=D(2099, 3, 16), ends_on=D(2099, 3, 18)
    )
    meeting.title_fr = "Réunion du GTAET"
    meeting.save()
    call = MeetingCall(
        meeting=meeting,
        kind=CallKind.WRITTEN_COMMENTS,
        title="Written comments",
        issued_on=D(2099, 2, 1),
        due_on=D(2099, 3, 5),
        responsible=Responsible.SECRETARIAT,
    )
    call.title_fr = "Observations écrites"
    call.save()
    sign_in(client, officer)
    client.post(reverse("meetings:calendar_settings"), {"action": "create"})
    client.logout()
    token = CalendarFeed.objects.get(user=officer).token

    feed = Calendar.from_ical(
        client.get(
            reverse("meetings:calendar_feed", args=[token]), HTTP_ACCEPT_LANGUAGE="en"
        ).content
    )

    deadline = next(e for e in feed.walk("VEVENT") if str(e["uid"]).startswith("deadline-"))
    with translation.override("fr"):
        who = str(Responsible.SECRETARIAT.label)
        article = str(CallKind.WRITTEN_COMMENTS.label)
    assert str(feed["x-wr-calname"]) == in_language("fr", "ATT Portal")
    assert str(deadline["summary"]) == in_language(
        "fr", "%(meeting)s: %(item)s", meeting="Réunion du GTAET", item="Observations écrites"
    )
    assert str(deadline["description"]) == in_language(
        "fr",
        "Due by the end of %(date)s, Geneva time (%(article)s). Who acts: %(who)s.",
        date="5 mars 2099",
        article=article,
        who=who,
    )


def test_a_confidential_deadline_has_neither_details_nor_description_in_the_calendar(client):
    officer = SecretariatUserFactory(preferred_language="es")
    meeting = DiefMeetingFactory(starts_on=D(2099, 2, 17), ends_on=D(2099, 2, 17))
    sign_in(client, officer)
    client.post(reverse("meetings:calendar_settings"), {"action": "create"})
    client.logout()
    token = CalendarFeed.objects.get(user=officer).token

    feed = Calendar.from_ical(client.get(reverse("meetings:calendar_feed", args=[token])).content)

    events = list(feed.walk("VEVENT"))
    with translation.override("es"):
        summary = _("%(forum)s: see the ATT Portal (confidential)") % {"forum": _("DIEF")}
    assert {str(e["summary"]) for e in events} == {summary}
    assert [e for e in events if "description" in e] == []
    assert meeting.title not in feed.to_ical().decode()


def test_the_portal_search_finds_a_meeting_by_its_title_in_another_language(client):
    meeting = MeetingFactory(body=Body.WGETI, title="WGETI meeting")
    meeting.title_fr = "Réunion du GTAET"
    meeting.save()
    sign_in(client, UserFactory(preferred_language="en"))

    response = client.get(reverse("search"), {"q": "\u2066GTAET\u2069"})

    assert response.context["results"]["meetings"] == [meeting]


def test_a_reminder_names_the_call_and_the_meeting_in_the_recipients_language():
    focal = UserFactory(preferred_language="fr")
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = MeetingFactory(body=Body.WGETI, starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))
    meeting.title_fr = "Réunion d'experts du GTAET"
    meeting.save()
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    call = MeetingCall(
        meeting=meeting,
        kind=CallKind.WRITTEN_COMMENTS,
        title="Written comments",
        issued_on=D(2026, 2, 20),
        due_on=D(2026, 3, 5),
    )
    call.title_fr = "Observations écrites"
    call.save()

    reminders_queue(today=D(2026, 3, 5))

    notice = Notice.objects.get(key__startswith="reminder:")
    mail = OutboxMail.objects.get(key__startswith="reminder:")
    assert notice.title == in_language(
        "fr", "Due %(date)s: %(title)s", date="5 mars 2026", title="Observations écrites"
    )
    # The text e-mail is plain text: the apostrophe is not an HTML entity.
    assert (
        in_language(
            "fr",
            "“%(title)s” for the meeting “%(meeting)s” is due by the end of %(date)s, Geneva time.",
            title="Observations écrites",
            meeting="Réunion d'experts du GTAET",
            date="5 mars 2026",
        )
        in mail.body_text
    )
