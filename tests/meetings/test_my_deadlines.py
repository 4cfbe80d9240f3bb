"""My deadlines reads only the meetings and the calls that concern the person, and gives
exactly what a scan of every meeting the person sees would give."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from att_portal.directory.enums import AttStatus, Role
from att_portal.directory.permissions import active_roles, is_secretariat
from att_portal.meetings.deadlines import deadlines_of
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import DeadlineCompletion, Invitation, Meeting, MeetingCall
from att_portal.meetings.permissions import CHAIR_OF
from att_portal.meetings.rules import Responsible
from att_portal.meetings.selectors import (
    ONE_STATES_ACTS,
    meetings_visible_to,
    my_deadlines,
    with_deadline_data,
)
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2027, 1, 10)


def every_visible_meeting_scanned(user, today):
    """The rule of My deadlines applied to every deadline of every upcoming meeting the
    person sees: what the selector did before it filtered in SQL."""
    meetings = with_deadline_data(
        meetings_visible_to(user).filter(ends_on__gte=today, cancelled_at__isnull=True)
    )
    roles = active_roles(user)
    invited = set()
    if user.state_id:
        invited = set(
            Invitation.objects.filter(state_id=user.state_id).values_list("meeting_id", flat=True)
        )
    elif user.organisation_id:
        invited = set(
            Invitation.objects.filter(organisation_id=user.organisation_id).values_list(
                "meeting_id", flat=True
            )
        )

    def concerns(d) -> bool:
        if d.consulted == Responsible.CHAIR and CHAIR_OF.get(d.meeting.body) in roles:
            return True
        if d.responsible == Responsible.SECRETARIAT:
            return is_secretariat(user)
        if d.responsible == Responsible.CHAIR:
            return CHAIR_OF.get(d.meeting.body) in roles
        if d.responsible == Responsible.INVITED_DELEGATIONS:
            return d.meeting.pk in invited
        if d.call is None and d.responsible in ONE_STATES_ACTS:
            return False  # the forum lists them for the States that act (tests/forums/test_acts.py)
        return user.state_id is not None and d.meeting.pk in invited

    return [d for d in deadlines_of(meetings) if d.due_on >= today and concerns(d)]


def summary(deadlines) -> list[tuple]:
    return [
        (d.meeting.pk, d.key, d.due_on, d.completion.pk if d.completion else None)
        for d in deadlines
    ]


@pytest.fixture
def world():
    officer = SecretariatUserFactory()
    party, observer_state = (
        StateFactory(status=AttStatus.STATE_PARTY),
        StateFactory(status=AttStatus.NON_SIGNATORY),
    )
    people = {
        "secretariat": officer,
        "dief chair": UserFactory(state=party),
        "wgeti chair": UserFactory(state=observer_state),
        "delegate": UserFactory(state=party),
        "observer": UserFactory(state=observer_state),
        "uninvited": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "organisation": OrganisationUserFactory(),
    }
    RoleAssignmentFactory(user=people["dief chair"], role=Role.DIEF_CHAIR)
    RoleAssignmentFactory(user=people["wgeti chair"], role=Role.WGETI_CHAIR)
    meetings = [
        DiefMeetingFactory(starts_on=D(2027, 2, 17), ends_on=D(2027, 2, 17)),  # all ahead
        DiefMeetingFactory(starts_on=D(2027, 1, 30), ends_on=D(2027, 1, 30)),  # some past
        DiefMeetingFactory(starts_on=D(2026, 12, 1), ends_on=D(2026, 12, 1)),  # over
        MeetingFactory(body=Body.WGETI, starts_on=D(2027, 3, 15), ends_on=D(2027, 3, 17)),
        MeetingFactory(body=Body.WGETI_SWG, starts_on=D(2027, 3, 18), ends_on=D(2027, 3, 18)),
        MeetingFactory(body=Body.CSP, starts_on=D(2027, 8, 23), ends_on=D(2027, 8, 27)),
    ]
    cancelled = MeetingFactory(body=Body.WGETI, starts_on=D(2027, 4, 1), ends_on=D(2027, 4, 1))
    Meeting.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now())
    # The DIEF meeting of 30 January has its rules' deadlines alone, some of them past.
    for meeting in [meetings[0], *meetings[2:], cancelled]:
        for i, responsible in enumerate(Responsible.values):
            for due in (D(2027, 1, 5), D(2027, 1, 10), D(2027, 1, 20 + i)):
                if due < meeting.starts_on:
                    MeetingCall.objects.create(
                        meeting=meeting,
                        kind=CallKind.OTHER,
                        title=f"{responsible} {due}",
                        issued_on=D(2026, 12, 1),
                        due_on=due,
                        responsible=responsible,
                    )
    for meeting in meetings[:2] + meetings[3:5] + [cancelled]:
        Invitation.objects.create(
            meeting=meeting, state=party, sent_at=timezone.now(), sent_by=officer
        )
    for meeting in meetings[3:5]:
        Invitation.objects.create(
            meeting=meeting, state=observer_state, sent_at=timezone.now(), sent_by=officer
        )
        Invitation.objects.create(
            meeting=meeting,
            organisation=people["organisation"].organisation,
            sent_at=timezone.now(),
            sent_by=officer,
        )
    DeadlineCompletion.objects.create(
        meeting=meetings[0], key="draft_agenda", completed_at=timezone.now(), completed_by=officer
    )
    return people


@pytest.mark.parametrize(
    "who",
    [
        "secretariat",
        "dief chair",
        "wgeti chair",
        "delegate",
        "observer",
        "uninvited",
        "organisation",
    ],
)
def test_my_deadlines_are_those_a_scan_of_every_meeting_finds(world, who):
    person = world[who]

    mine = summary(my_deadlines(person, today=TODAY))

    assert mine == summary(every_visible_meeting_scanned(person, TODAY))
    # Everybody in this world has something to do, but a delegation nobody invited.
    assert bool(mine) == (who != "uninvited")


def test_the_delegate_sees_the_acts_of_its_state_and_the_calls_of_its_meetings(world):
    deadlines = my_deadlines(world["delegate"], today=TODAY)

    assert {d.responsible for d in deadlines} == {
        Responsible.PROPOSING_STATE,
        Responsible.PRESENTING_STATE,
        Responsible.CONCERNED_STATE,
        Responsible.STATES_PARTIES,
        Responsible.INVITED_DELEGATIONS,
    }
    assert min(d.due_on for d in deadlines) == TODAY


def make_meetings(count: int, state) -> None:
    officer = SecretariatUserFactory()
    for i in range(count):
        meeting = MeetingFactory(
            body=[Body.WGETI, Body.DIEF][i % 2],
            starts_on=D(2027, 3, 1) + datetime.timedelta(days=i),
            ends_on=D(2027, 3, 1) + datetime.timedelta(days=i),
        )
        MeetingCall.objects.create(
            meeting=meeting,
            kind=CallKind.OTHER,
            title=f"Call {i}",
            issued_on=D(2027, 1, 1),
            due_on=D(2027, 2, 1),
        )
        if i % 3:
            Invitation.objects.create(
                meeting=meeting, state=state, sent_at=timezone.now(), sent_by=officer
            )


@pytest.mark.parametrize("who", ["secretariat", "delegate"])
def test_my_deadlines_page_reads_as_much_with_40_meetings_as_with_2(client, who, time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 10, 9, tzinfo=datetime.UTC))
    state = StateFactory(status=AttStatus.STATE_PARTY)
    person = SecretariatUserFactory() if who == "secretariat" else UserFactory(state=state)
    sign_in(client, person)
    url = reverse("meetings:my_deadlines")
    make_meetings(2, state)
    client.get(url)

    def page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(response.context["deadlines"])

    small = page()
    make_meetings(38, state)
    large = page()

    assert large[0] == small[0]
    assert large[1] > small[1]
