"""Meeting pages, my deadlines and the calendar feed, as each person sees them."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import CalendarFeed, Invitation, MeetingCall, Participation
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


def feed_of(client, user) -> Calendar:
    sign_in(client, user)
    client.post(reverse("meetings:calendar_settings"), {"action": "create"})
    token = CalendarFeed.objects.get(user=user).token
    client.logout()
    response = client.get(reverse("meetings:calendar_feed", args=[token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event["uid"]) for event in calendar.walk("VEVENT")}


def test_calendar_feed_parses_and_shows_only_what_the_person_may_see(client):
    dief = DiefMeetingFactory()
    wgeti = MeetingFactory(body=Body.WGETI)
    observer = OrganisationUserFactory()
    delegate = UserFactory()

    assert uids(feed_of(client, observer)) == {f"meeting-{wgeti.pk}@att-portal"}
    delegate_feed = feed_of(client, delegate)
    assert uids(delegate_feed) == {
        f"meeting-{wgeti.pk}@att-portal",
        f"meeting-{dief.pk}@att-portal",
    }
    summaries = {str(e["summary"]) for e in delegate_feed.walk("VEVENT")}
    assert dief.title not in summaries  # confidential meetings show no details outside


def test_a_confidential_meeting_and_its_sessions_have_no_venue_in_the_calendar(client):
    dief = DiefMeetingFactory(venue="Geneva, CICG")
    start = datetime.datetime(2027, 2, 17, 10, tzinfo=datetime.UTC)
    dief.sessions.create(
        title="Cases",
        body=Body.DIEF,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        room="Room XVIII",
    )
    wgeti = MeetingFactory(body=Body.WGETI, venue="Geneva, CICG")

    events = {str(e["uid"]): e for e in feed_of(client, UserFactory()).walk("VEVENT")}

    session = dief.sessions.get()
    assert {
        uid: (str(e.get("location", "")), str(e.get("class", ""))) for uid, e in events.items()
    } == {
        f"meeting-{wgeti.pk}@att-portal": ("Geneva, CICG", ""),
        f"meeting-{dief.pk}@att-portal": ("", "CONFIDENTIAL"),
        f"session-{session.pk}@att-portal": ("", "CONFIDENTIAL"),
    }


def test_revoked_calendar_address_stops_working(client):
    person = UserFactory()
    feed_of(client, person)
    token = CalendarFeed.objects.get(user=person).token
    sign_in(client, person)

    client.post(reverse("meetings:calendar_settings"), {"action": "revoke"})

    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404


def test_feed_of_a_deactivated_person_answers_404(client):
    person = UserFactory()
    feed_of(client, person)
    token = CalendarFeed.objects.get(user=person).token
    person.is_active = False
    person.save()

    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404


def test_my_deadlines_lists_what_my_delegation_must_do_and_nothing_of_the_dief_for_observers(
    client, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC))
    meeting = MeetingFactory(
        body=Body.WGETI, starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18), observers_admitted=True
    )
    MeetingCall.objects.create(
        meeting=meeting,
        kind=CallKind.WRITTEN_COMMENTS,
        title="Written comments",
        issued_on=D(2026, 2, 1),
        due_on=D(2026, 3, 5),
    )
    DiefMeetingFactory(starts_on=D(2026, 4, 20), ends_on=D(2026, 4, 20))
    observer = UserFactory(state=StateFactory())  # a non-signatory, invited as observer
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    assert Invitation.objects.filter(state=observer.state).exists()
    sign_in(client, observer)

    response = client.get(reverse("meetings:my_deadlines"))

    assert [d.title for d in response.context["deadlines"]] == ["Written comments"]


def test_secretariat_sees_its_dief_deadlines_and_records_the_draft_agenda(client):
    chair = UserFactory()
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    meeting = DiefMeetingFactory(starts_on=D(2099, 2, 17), ends_on=D(2099, 2, 17))
    sign_in(client, chair)

    client.post(reverse("meetings:deadline_record", args=[meeting.pk, "draft_agenda"]))
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))

    states = {d.key: d.state() for d in page.context["deadlines"]}
    assert (states["draft_agenda"], states["invitations"]) == ("met", "upcoming")
    assert 'data-deadline="draft_agenda"' in page.content.decode()


def test_recording_an_unknown_deadline_answers_404(client):
    meeting = DiefMeetingFactory()
    sign_in(client, SecretariatUserFactory())

    response = client.post(reverse("meetings:deadline_record", args=[meeting.pk, "minutes"]))

    assert response.status_code == 404


# Before the factories' meeting of 15-17 March 2027.
BEFORE_MARCH_2027 = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


def test_secretariat_sends_the_invitations_only_after_confirming_their_preview(client):
    StateFactory(status=AttStatus.STATE_PARTY)
    meeting = DiefMeetingFactory()
    sign_in(client, SecretariatUserFactory())
    url = reverse("meetings:invitations_issue", args=[meeting.pk])

    bare = client.post(url)
    assert (bare.status_code, bare["Location"], meeting.invitations.count()) == (302, url, 0)
    preview = client.get(url)
    response = client.post(url, {"confirmed": preview.context["form"]["confirmed"].value()})

    assert "1 invitation sent." in client.get(response["Location"]).content.decode()
    assert meeting.invitations.count() == 1


def test_focal_point_nominates_from_the_meeting_page_and_sees_a_clear_refusal(client, time_machine):
    time_machine.move_to(BEFORE_MARCH_2027)  # nominations close when a meeting ends
    focal = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = MeetingFactory(body=Body.WGETI, seats_per_delegation=1)
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    colleague = UserFactory(state=focal.state)
    sign_in(client, focal)
    url = reverse("meetings:nominate", args=[meeting.pk])

    client.post(url, {"person": focal.pk, "sponsorship_requested": "on"})
    refused = client.post(url, {"person": colleague.pk})

    assert (
        "This meeting has 1 seat per delegation, and your delegation has used it."
        in refused.content.decode()
    )
    assert list(Participation.objects.values_list("person", "sponsorship_requested")) == [
        (focal.pk, True)
    ]


def test_law_enforcement_flag_of_participants_is_shown_to_the_secretariat_only(
    client, time_machine
):
    time_machine.move_to(BEFORE_MARCH_2027)  # nominations close when a meeting ends
    focal = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY), is_law_enforcement=True)
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = MeetingFactory(body=Body.WGETI)
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    services.participant_nominate(by=focal, meeting=meeting, person=focal)
    url = reverse("meetings:detail", args=[meeting.pk])

    sign_in(client, focal)
    assert "Law enforcement" not in client.get(url).content.decode()
    client.logout()
    sign_in(client, SecretariatUserFactory())
    assert "Law enforcement" in client.get(url).content.decode()


def test_another_delegation_sees_neither_the_nominees_nor_the_invitation(client, time_machine):
    time_machine.move_to(BEFORE_MARCH_2027)  # nominations close when a meeting ends
    focal = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = MeetingFactory(body=Body.WGETI)
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    services.participant_nominate(by=focal, meeting=meeting, person=focal)
    sign_in(client, UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)))

    page = client.get(reverse("meetings:detail", args=[meeting.pk]))

    assert (list(page.context["participants"]), list(page.context["invitations"])) == ([], [])


def test_session_form_shows_the_overlap_refusal(client):
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))
    sign_in(client, officer)
    url = reverse("meetings:session_add", args=[meeting.pk])
    data = {
        "title": "Morning",
        "starts_at": "2026-03-16T10:00",
        "ends_at": "2026-03-16T13:00",
        "room": "Room 2",
    }
    client.post(url, data)

    refused = client.post(url, {**data, "title": "Clash"})

    assert "Room 2 is already taken" in refused.content.decode()
    assert meeting.sessions.count() == 1


def test_notices_are_their_recipients_alone(client):
    focal = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    meeting = DiefMeetingFactory()
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    sign_in(client, focal)
    assert len(client.get(reverse("notifications:list")).context["page"]) == 1

    client.logout()
    sign_in(client, OrganisationUserFactory())
    assert len(client.get(reverse("notifications:list")).context["page"]) == 0


def test_deadlines_met_by_a_workflow_cannot_be_recorded_by_hand(client):
    meeting = DiefMeetingFactory()
    sign_in(client, SecretariatUserFactory())

    response = client.post(reverse("meetings:deadline_record", args=[meeting.pk, "invitations"]))

    assert response.status_code == 404
    assert meeting.completions.count() == 0
