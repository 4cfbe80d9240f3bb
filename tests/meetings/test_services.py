"""Meeting rules, timetable, invitations and nominations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body, MeetingFormat
from att_portal.meetings.models import DeadlineCompletion, Invitation, Meeting
from att_portal.notifications.models import Notice, OutboxMail
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def new_meeting(**fields) -> Meeting:
    # CSP13 (2027) covers the meetings of 2026 and 2027 when no Conference is recorded.
    cycle = CspCycleFactory(number=13, year=2027)
    defaults = {"cycle": cycle, "title": "New meeting", "venue": "Geneva"}
    return Meeting(**(defaults | fields))


def test_third_dief_meeting_in_a_year_is_refused_with_the_article():
    officer = SecretariatUserFactory()
    DiefMeetingFactory(starts_on=D(2027, 2, 17), ends_on=D(2027, 2, 17))
    DiefMeetingFactory(starts_on=D(2027, 8, 25), ends_on=D(2027, 8, 25))

    with pytest.raises(ValidationError) as refused:
        services.meeting_save(
            by=officer,
            meeting=new_meeting(body=Body.DIEF, starts_on=D(2027, 11, 3), ends_on=D(2027, 11, 3)),
        )

    assert refused.value.message_dict["starts_on"] == [
        "There are already two DIEF meetings in 2027: the Terms of Reference (art. 3) "
        "allow at most two a year."
    ]
    assert Meeting.objects.filter(body=Body.DIEF).count() == 2


@pytest.mark.parametrize("meeting_format", [MeetingFormat.ONLINE, MeetingFormat.HYBRID])
def test_dief_meeting_that_is_not_in_person_is_refused(meeting_format):
    with pytest.raises(ValidationError) as refused:
        services.meeting_save(
            by=SecretariatUserFactory(),
            meeting=new_meeting(
                body=Body.DIEF,
                format=meeting_format,
                starts_on=D(2027, 2, 1),
                ends_on=D(2027, 2, 1),
            ),
        )

    assert "A DIEF meeting is held in person" in refused.value.message_dict["format"][0]


def test_two_dief_meetings_a_year_and_any_number_of_wgeti_meetings_are_accepted():
    officer = SecretariatUserFactory()
    for day in (D(2027, 2, 17), D(2027, 8, 25)):
        services.meeting_save(
            by=officer, meeting=new_meeting(body=Body.DIEF, starts_on=day, ends_on=day)
        )
    for month in (1, 3, 5):
        services.meeting_save(
            by=officer,
            meeting=new_meeting(
                body=Body.WGETI, starts_on=D(2027, month, 10), ends_on=D(2027, month, 12)
            ),
        )

    assert Meeting.objects.count() == 5


def test_only_the_secretariat_creates_meetings():
    with pytest.raises(PermissionDenied):
        services.meeting_save(
            by=UserFactory(),
            meeting=new_meeting(body=Body.WGETI, starts_on=D(2027, 1, 1), ends_on=D(2027, 1, 1)),
        )


def test_the_five_sessions_of_march_2026_fit_the_timetable():
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI, starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))
    slots = [
        (D(2026, 3, 16), 10),
        (D(2026, 3, 16), 15),
        (D(2026, 3, 17), 10),
        (D(2026, 3, 17), 15),
        (D(2026, 3, 18), 10),
        (D(2026, 3, 18), 15),
    ]
    for number, (day, hour) in enumerate(slots):
        services.session_add(
            by=officer,
            meeting=meeting,
            title=f"Session {number + 1}",
            body=Body.WGTU if (day, hour) == (D(2026, 3, 18), 15) else Body.WGETI,
            starts_at=at(day, hour),
            ends_at=at(day, hour + 3),
            room="CICG Room 2",
        )

    assert list(meeting.sessions.values_list("body", flat=True)) == [Body.WGETI] * 5 + [Body.WGTU]


def test_session_outside_the_meetings_dates_is_refused():
    meeting = MeetingFactory(starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))

    with pytest.raises(ValidationError) as refused:
        services.session_add(
            by=SecretariatUserFactory(),
            meeting=meeting,
            title="Extra",
            body="",
            starts_at=at(D(2026, 3, 19), 10),
            ends_at=at(D(2026, 3, 19), 13),
        )

    assert refused.value.message_dict["starts_at"] == [
        "The session falls outside the meeting's dates (16–18 March 2026)."
    ]


def test_overlapping_sessions_in_one_room_are_refused():
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))
    services.session_add(
        by=officer,
        meeting=meeting,
        title="Morning",
        body="",
        starts_at=at(D(2026, 3, 16), 10),
        ends_at=at(D(2026, 3, 16), 13),
        room="Room 2",
    )

    with pytest.raises(ValidationError) as refused:
        services.session_add(
            by=officer,
            meeting=meeting,
            title="Clash",
            body="",
            starts_at=at(D(2026, 3, 16), 12),
            ends_at=at(D(2026, 3, 16), 14),
            room="room 2",
        )

    assert refused.value.message_dict["room"] == [
        "room 2 is already taken by “New meeting: Morning” at that time.".replace(
            "New meeting", meeting.title
        )
    ]
    assert meeting.sessions.count() == 1


def test_dief_invitations_go_to_every_party_and_signatory_and_nobody_else():
    officer = SecretariatUserFactory()
    party, signatory, outsider = (
        StateFactory(status=s) for s in (AttStatus.STATE_PARTY, AttStatus.SIGNATORY, None)
    )
    focal = UserFactory(state=party)
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    UserFactory(state=party)  # not the focal point: the focal point receives it
    sig_delegate = UserFactory(state=signatory)
    UserFactory(state=outsider)
    OrganisationUserFactory()
    meeting = DiefMeetingFactory(observers_admitted=True)

    services.meeting_invitations_issue(by=officer, meeting=meeting)

    assert set(Invitation.objects.values_list("state", flat=True)) == {party.pk, signatory.pk}
    assert set(OutboxMail.objects.values_list("recipient", flat=True)) == {
        focal.pk,
        sig_delegate.pk,
    }
    assert set(Notice.objects.values_list("recipient", flat=True)) == {focal.pk, sig_delegate.pk}
    body = OutboxMail.objects.get(recipient=focal).body_text
    assert "call to submit cases" in body
    assert meeting.title not in body  # no confidential content in a DIEF e-mail


def test_wgeti_invitations_include_observers_when_the_meeting_admits_them():
    officer = SecretariatUserFactory()
    party, outsider = StateFactory(status=AttStatus.STATE_PARTY), StateFactory()
    organisation = OrganisationFactory()
    meeting = MeetingFactory(body=Body.WGETI, observers_admitted=True)

    services.meeting_invitations_issue(by=officer, meeting=meeting)

    assert set(Invitation.objects.values_list("state", "organisation")) == {
        (party.pk, None),
        (outsider.pk, None),
        (None, organisation.pk),
    }


def test_issuing_again_invites_only_the_new_and_sends_nothing_twice():
    officer = SecretariatUserFactory()
    UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    meeting = DiefMeetingFactory()
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    late_joiner = UserFactory(state=StateFactory(status=AttStatus.SIGNATORY))

    new = services.meeting_invitations_issue(by=officer, meeting=meeting)

    assert [i.state_id for i in new] == [late_joiner.state_id]
    assert OutboxMail.objects.count() == 2


def test_invitations_after_the_50_day_deadline_are_sent_and_recorded_as_late(time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 5, 12, tzinfo=datetime.UTC))
    StateFactory(status=AttStatus.STATE_PARTY)
    meeting = DiefMeetingFactory(starts_on=D(2027, 2, 17), ends_on=D(2027, 2, 17))

    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)

    assert list(Invitation.objects.values_list("late", flat=True)) == [True]
    assert DeadlineCompletion.objects.get(meeting=meeting, key="invitations")


def test_only_the_secretariat_issues_invitations():
    with pytest.raises(PermissionDenied):
        services.meeting_invitations_issue(by=UserFactory(), meeting=MeetingFactory())


@pytest.fixture
def invited_delegation(time_machine):
    # Before the meeting of 17 February 2027: nominations close when a meeting ends.
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC))
    state = StateFactory(status=AttStatus.STATE_PARTY)
    focal = UserFactory(state=state)
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = DiefMeetingFactory(seats_per_delegation=2)
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    return meeting, focal


def test_focal_point_nominates_within_the_seat_limit(invited_delegation):
    meeting, focal = invited_delegation
    officer_le = UserFactory(state=focal.state, is_law_enforcement=True)
    services.participant_nominate(by=focal, meeting=meeting, person=focal)
    services.participant_nominate(
        by=focal,
        meeting=meeting,
        person=officer_le,
        sponsorship_requested=True,
        sponsorship_note="Travel",
    )

    with pytest.raises(
        ValidationError,
        match="This meeting has 2 seats per delegation, and your delegation has used them all.",
    ):
        services.participant_nominate(
            by=focal, meeting=meeting, person=UserFactory(state=focal.state)
        )
    assert meeting.participations.filter(sponsorship_requested=True).count() == 1


def test_focal_point_cannot_nominate_another_delegations_member(invited_delegation):
    meeting, focal = invited_delegation
    with pytest.raises(PermissionDenied):
        services.participant_nominate(by=focal, meeting=meeting, person=UserFactory())


def test_nomination_needs_an_invitation(invited_delegation):
    _meeting, focal = invited_delegation
    with pytest.raises(ValidationError, match="not invited"):
        services.participant_nominate(by=focal, meeting=MeetingFactory(), person=focal)
