"""Notices titled alike are told apart: under each title the notices page shows what it is
about (the meeting and its days, the deadline, the document, the case and the States),
read now through the permission layer, confidential subjects only after the second
factor. Notices stored before subjects were shown are rows like these: they show theirs."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from att_portal.directory.enums import AttStatus
from att_portal.notifications.models import Notice
from forums.models import ConcernedState
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, CasePresentationFactory

pytestmark = pytest.mark.django_db

DIEF_INVITATION = "An invitation in the confidential area"
SUBJECT = re.compile(r'<span class="d-block small notice-subject">(.*?)</span>', re.S)


def notice(person, key: str, title: str, url: str = "/") -> Notice:
    return Notice.objects.create(key=key, recipient=person, title=title, url=url)


def subjects(response) -> list[str]:
    """The subject lines of the page, newest notice first, as a reader sees them."""
    return [
        html.unescape(re.sub(r"</?bdi>", "", line)).strip()
        for line in SUBJECT.findall(response.content.decode())
    ]


@pytest.fixture
def delegate():
    return UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))


def three_dief_invitations(person) -> list:
    meetings = [
        DiefMeetingFactory(
            title=f"DIEF meeting {n}",
            starts_on=datetime.date(2027, month, 17),
            ends_on=datetime.date(2027, month, 18),
        )
        for n, month in ((1, 2), (2, 6), (3, 10))
    ]
    for meeting in meetings:
        notice(person, f"invitation:{meeting.pk}:{person.pk}", DIEF_INVITATION)
    return meetings


def test_three_dief_invitations_titled_alike_each_name_their_meeting_and_days(client, delegate):
    three_dief_invitations(delegate)
    sign_in(client, delegate)

    response = client.get(reverse("notifications:list"))

    assert response.content.decode().count(DIEF_INVITATION) == 3
    assert subjects(response) == [
        "DIEF meeting 3 · 17–18 October 2027",
        "DIEF meeting 2 · 17–18 June 2027",
        "DIEF meeting 1 · 17–18 February 2027",
    ]
    # Confidential subjects mark the page as the DIEF's, kept by no browser or proxy.
    assert "no-store" in response["Cache-Control"]
    assert "CONFIDENTIAL — DIEF" in response.content.decode()


def test_without_the_second_factor_confidential_subjects_wait_for_the_code(client, delegate):
    meetings = three_dief_invitations(delegate)
    sign_in(client, delegate, second_factor=False)

    response = client.get(reverse("notifications:list"))

    page = response.content.decode()
    assert response.status_code == 200
    assert [m.title for m in meetings if m.title in page] == []
    assert page.count("Confidential: shown after the second factor") == 3
    assert f'href="{reverse("accounts:two_factor")}?next=%2Fnotices%2F"' in page


def test_an_open_meetings_notices_show_their_meeting_without_the_second_factor(client, delegate):
    meeting = MeetingFactory(
        title="Eleventh WGETI meeting",
        starts_on=datetime.date(2027, 3, 15),
        ends_on=datetime.date(2027, 3, 17),
    )
    notice(delegate, f"meeting-cancelled:{meeting.pk}:{delegate.pk}", "Cancelled: a meeting")
    sign_in(client, delegate, second_factor=False)

    response = client.get(reverse("notifications:list"))

    assert subjects(response) == ["Eleventh WGETI meeting · 15–17 March 2027"]
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_notice_about_what_the_reader_no_longer_sees_keeps_its_title_alone(client):
    # An observer State's delegate: DIEF meetings are not theirs (any longer).
    observer = UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))
    meeting = DiefMeetingFactory(title="DIEF meeting of February")
    notice(observer, f"invitation:{meeting.pk}:{observer.pk}", DIEF_INVITATION)
    notice(observer, "invitation:999999:1", DIEF_INVITATION)  # a meeting since deleted
    notice(observer, "an-old-kind:1", "An older notice")
    sign_in(client, observer)

    response = client.get(reverse("notifications:list"))

    page = response.content.decode()
    assert subjects(response) == []
    assert "DIEF meeting of February" not in page
    assert "Confidential: shown after the second factor" not in page
    assert "An older notice" in page


def test_deadline_reminders_name_the_deadline_and_the_meeting(client, delegate):
    meeting = DiefMeetingFactory(
        title="DIEF meeting of February",
        starts_on=datetime.date(2027, 2, 17),
        ends_on=datetime.date(2027, 2, 17),
    )
    title = "Due 18 January 2027: a deadline in the confidential area"
    notice(delegate, f"reminder:{meeting.pk}:draft_agenda:7:{delegate.pk}", title)
    notice(delegate, f"reminder:{meeting.pk}:no_such_rule:7:{delegate.pk}", title)
    sign_in(client, delegate)

    response = client.get(reverse("notifications:list"))

    assert subjects(response) == [
        "DIEF meeting of February · 17 February 2027",
        "Draft agenda · DIEF meeting of February · 17 February 2027",
    ]


def test_the_agenda_notice_names_the_documents_symbol(client):
    from documents.services import document_register

    officer = SecretariatUserFactory()
    meeting = MeetingFactory(title="Eleventh WGETI meeting")
    document = document_register(
        by=officer,
        title="Annotated draft agenda: Eleventh WGETI meeting",
        cycle=meeting.cycle,
        body="WGETI",
        doc_type="Agenda",
        issued_on=datetime.date(2027, 1, 15),
        distribution="public",
        author_office="CHAIR",
    )
    reader = UserFactory()
    notice(reader, f"agenda:{document.pk}:{reader.pk}", "The agenda is issued: a meeting")
    sign_in(client, reader)

    response = client.get(reverse("notifications:list"))

    assert subjects(response) == [
        f"{document.symbol} · Annotated draft agenda: Eleventh WGETI meeting"
    ]


def test_dief_notices_name_the_presentation_the_state_and_the_case_the_reader_sees(client):
    austria = StateFactory(status=AttStatus.STATE_PARTY)
    thailand = StateFactory(status=AttStatus.SIGNATORY)
    presenter = UserFactory(state=austria)
    concerned_delegate = UserFactory(state=thailand)
    presentation = CasePresentationFactory(
        case=CaseFactory(provider=presenter, title="Pistols diverted in transit"),
        meeting=DiefMeetingFactory(title="DIEF meeting of February"),
    )
    concerned = ConcernedState.objects.create(
        presentation=presentation,
        state=thailand,
        notified_by=presenter,
        reply="We know of it.",
        replied_by=concerned_delegate,
        replied_at=timezone.now(),
    )
    notice(
        concerned_delegate,
        f"dief-concerned-notice:{concerned.pk}:{concerned_delegate.pk}",
        "A notice for your delegation in the confidential area",
    )
    notice(
        presenter,
        f"dief-concerned-reply:{concerned.pk}:1:{presenter.pk}",
        "A reply for your delegation in the confidential area",
    )

    to_concerned = subjects(sign_in(client, concerned_delegate).get(reverse("notifications:list")))
    client.logout()
    to_presenter = subjects(sign_in(client, presenter).get(reverse("notifications:list")))

    presented = f"Presentation by {austria} at the meeting “DIEF meeting of February”"
    assert to_concerned == [presented]
    assert to_presenter == [
        "Pistols diverted in transit · "
        f"Notice to {thailand} as a concerned State (meeting “DIEF meeting of February”)"
    ]


def test_the_notices_page_reads_subjects_in_queries_that_do_not_grow_with_the_notices(
    client, delegate
):
    def add_notices() -> None:
        meeting = DiefMeetingFactory()
        open_meeting = MeetingFactory()
        notice(delegate, f"invitation:{meeting.pk}:{delegate.pk}:{Notice.objects.count()}", "I")
        notice(delegate, f"reminder:{meeting.pk}:draft_agenda:{Notice.objects.count()}", "R")
        notice(delegate, f"meeting-cancelled:{open_meeting.pk}:{Notice.objects.count()}", "C")

    sign_in(client, delegate)
    add_notices()
    client.get(reverse("notifications:list"))  # warm per-process caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("notifications:list"))
        assert response.status_code == 200
        return len(captured)

    with_three = queries()
    for _ in range(10):
        add_notices()
    with_thirty_three = queries()

    assert len(subjects(client.get(reverse("notifications:list")))) == 33
    assert with_thirty_three == with_three


def test_each_kind_of_dief_notice_names_its_subject_to_those_who_see_it(demo_users, client_for):
    from forums.demo import AUSTRIAN_CASE
    from forums.models import (
        Briefing,
        CasePresentation,
        DisclosureChallenge,
        ExpertProposal,
        OperationalUseRequest,
    )

    use = OperationalUseRequest.objects.select_related("case").get(case__title=AUSTRIAN_CASE)
    challenge = DisclosureChallenge.objects.select_related("challenger_state").get(
        case__title=AUSTRIAN_CASE
    )
    proposal = ExpertProposal.objects.order_by("pk").first()
    presentation = CasePresentation.objects.filter(case__title=AUSTRIAN_CASE).first()
    briefing = Briefing.objects.order_by("pk").first()
    expected = {
        f"dief-use:{use.pk}:opened": f"{AUSTRIAN_CASE} · {use}",
        f"dief-challenge:{challenge.pk}:raised": (
            f"{AUSTRIAN_CASE} · {challenge.challenger_state} → {challenge.challenged}"
        ),
        f"dief-expert:{proposal.pk}:circulated": str(proposal.presentation),
        f"dief-intention:presentation:{presentation.pk}:1": f"{AUSTRIAN_CASE} · {presentation}",
        f"dief-briefing:{briefing.pk}:1": str(briefing),
    }
    # Austria's focal point: Austria provided the case, presents it and raised the
    # challenge; the observer sees none of it. Only these notices, not the demo's.
    Notice.objects.all().delete()
    for reader in ("delegate-sp", "delegate-obs"):
        for n, key in enumerate(expected):
            notice(demo_users[reader], f"{key}:{demo_users[reader].pk}", f"Notice {n}")

    seen = subjects(client_for("delegate-sp").get(reverse("notifications:list")))
    unseen = subjects(client_for("delegate-obs").get(reverse("notifications:list")))

    assert seen == list(reversed(expected.values()))
    assert unseen == []


def test_a_nomination_and_a_message_name_the_person_the_subject_and_the_meeting(client):
    from att_portal.meetings.models import Invitation, MeetingMessage, Participation

    officer = SecretariatUserFactory()
    focal_point = UserFactory(first_name="Lena", last_name="Gruber")
    nominee = UserFactory(state=focal_point.state, first_name="Markus", last_name="Huber")
    meeting = MeetingFactory(
        title="Eleventh WGETI meeting",
        starts_on=datetime.date(2027, 3, 15),
        ends_on=datetime.date(2027, 3, 17),
    )
    participation = Participation.objects.create(
        meeting=meeting, person=nominee, nominated_by=focal_point
    )
    message = MeetingMessage.objects.create(
        meeting=meeting,
        subject="Room change",
        text="We meet in room XIX.",
        sent_by=officer,
        sent_at=timezone.now(),
        delegations=1,
        people=1,
    )
    Invitation.objects.create(
        meeting=meeting, state=focal_point.state, sent_at=timezone.now(), sent_by=officer
    )
    notice(focal_point, f"nomination:{participation.pk}:accepted:1", "Nomination accepted")
    notice(focal_point, f"meeting-message:{message.pk}:{focal_point.pk}", "Message")

    response = sign_in(client, focal_point).get(reverse("notifications:list"))

    assert subjects(response) == [
        "Room change · Eleventh WGETI meeting",
        "Markus Huber · Eleventh WGETI meeting · 15–17 March 2027",
    ]
