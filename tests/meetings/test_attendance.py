"""The Secretariat records attendance during or after a meeting (issue 12): which people
took part, and so which States and organisations. The DIEF briefing's "States that took
part" and WGETI's statistics read attendance, not nominations."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import (
    AttStatus,
    OrganisationKind,
    RegionalGroup,
    Role,
    TradeProfile,
)
from att_portal.meetings import services
from att_portal.meetings.enums import Body, NominationStatus
from att_portal.meetings.models import Participation
from forums.selectors.briefings import taking_part_states
from tests.conftest import sign_in
from tests.factories import (
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
BEFORE = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
SECOND_DAY = datetime.datetime(2027, 3, 16, 9, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2027, 4, 2, 9, tzinfo=datetime.UTC)


@pytest.fixture
def officer():
    return SecretariatUserFactory()


@pytest.fixture
def world(officer, time_machine):
    """A WGETI meeting of 15-17 March 2027 with observers: Austria (WEOG, exporter) with
    two nominees, Kenya (Africa, importer) with one, Control Arms invited."""
    time_machine.move_to(BEFORE)
    austria = StateFactory(
        country="AT",
        status=AttStatus.STATE_PARTY,
        regional_group=RegionalGroup.WESTERN_EUROPE,
        trade_profile=TradeProfile.EXPORTER,
    )
    kenya = StateFactory(
        country="KE",
        status=AttStatus.STATE_PARTY,
        regional_group=RegionalGroup.AFRICA,
        trade_profile=TradeProfile.IMPORTER,
    )
    control_arms = OrganisationFactory(name="Control Arms", kind=OrganisationKind.CIVIL_SOCIETY)
    meeting = MeetingFactory(body=Body.WGETI, observers_admitted=True, seats_per_delegation=2)
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    people = {}
    for name, state in (("huber", austria), ("wolf", austria), ("otieno", kenya)):
        focal = UserFactory(state=state, last_name=name.title())
        RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
        people[name] = services.participant_nominate(by=focal, meeting=meeting, person=focal)
    return {
        "meeting": meeting,
        "austria": austria,
        "kenya": kenya,
        "control_arms": control_arms,
        "ngo": OrganisationUserFactory(organisation=control_arms, last_name="Smith"),
        **people,
    }


def attendance_url(meeting) -> str:
    return reverse("meetings:attendance", args=[meeting.pk])


def test_secretariat_records_who_attended_during_the_meeting(officer, world, time_machine):
    time_machine.move_to(SECOND_DAY)
    client = sign_in(Client(), officer)

    response = client.post(
        attendance_url(world["meeting"]), {"attended": [world["huber"].pk, world["otieno"].pk]}
    )

    assert response.status_code == 302
    rows = {
        p.person.last_name: (p.attended, p.status, p.attendance_recorded_by_id)
        for p in Participation.objects.select_related("person")
    }
    assert rows == {
        "Huber": (True, NominationStatus.ACCEPTED, officer.pk),  # accepted by attending
        "Wolf": (False, NominationStatus.NOMINATED, officer.pk),  # recorded as absent
        "Otieno": (True, NominationStatus.ACCEPTED, officer.pk),
    }
    page = client.get(attendance_url(world["meeting"]))
    assert page.context["ticked"] == {str(world["huber"].pk), str(world["otieno"].pk)}


def test_attendance_before_the_first_day_is_refused_naming_the_date(officer, world):
    client = sign_in(Client(), officer)

    page = client.get(attendance_url(world["meeting"]))
    response = client.post(attendance_url(world["meeting"]), {"attended": [world["huber"].pk]})

    message = "Attendance is recorded from the meeting's first day, 15 March 2027."
    assert message in html.unescape(page.content.decode())
    assert 'id="attendance-errors"' in response.content.decode()
    assert message in html.unescape(response.content.decode())
    assert Participation.objects.filter(attended=True).count() == 0


@pytest.mark.parametrize("attended", [["not-a-number"], ["999999"], [str(2**70)], ["-1"], [""]])
def test_bad_attendance_input_is_refused_and_changes_nothing(
    officer, world, time_machine, attended
):
    time_machine.move_to(AFTER)

    response = sign_in(Client(), officer).post(
        attendance_url(world["meeting"]), {"attended": attended}
    )

    assert response.status_code == 200
    assert 'id="attendance-errors"' in response.content.decode()
    assert Participation.objects.filter(attendance_recorded_at__isnull=False).count() == 0


def test_a_declined_participant_is_not_on_the_attendance_sheet(officer, world, time_machine):
    services.nomination_decide(by=officer, participation=world["wolf"], accept=False)
    time_machine.move_to(AFTER)

    with pytest.raises(ValidationError) as refused:
        services.attendance_record(by=officer, meeting=world["meeting"], attended=[world["wolf"]])

    assert refused.value.message_dict == {
        "attended": ["Only participants holding a seat can be recorded as attending."]
    }
    page = sign_in(Client(), officer).get(attendance_url(world["meeting"]))
    assert [p.person.last_name for p in page.context["candidates"]] == ["Huber", "Otieno"]


def test_secretariat_adds_a_member_of_an_invited_organisation_who_attended(
    officer, world, time_machine
):
    time_machine.move_to(AFTER)
    client = sign_in(Client(), officer)

    response = client.post(
        reverse("meetings:attendee_add", args=[world["meeting"].pk]), {"person": world["ngo"].pk}
    )

    assert response.status_code == 302
    added = Participation.objects.get(person=world["ngo"])
    assert (added.attended, added.status, added.nominated_by) == (
        True,
        NominationStatus.ACCEPTED,
        officer,
    )


def test_adding_a_person_whose_organisation_is_not_invited_is_refused(officer, world, time_machine):
    time_machine.move_to(AFTER)
    outsider = OrganisationUserFactory()

    response = sign_in(Client(), officer).post(
        reverse("meetings:attendee_add", args=[world["meeting"].pk]), {"person": outsider.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Participation.objects.filter(person=outsider).exists()
    with pytest.raises(ValidationError) as refused:
        services.attendee_add(by=officer, meeting=world["meeting"], person=outsider)
    assert refused.value.message_dict == {
        "person": [f"{outsider}'s delegation or organisation is not invited to this meeting."]
    }


def test_adding_an_attendee_keeps_the_seat_limit(officer, world, time_machine):
    time_machine.move_to(AFTER)
    third = UserFactory(state=world["austria"])

    with pytest.raises(ValidationError) as refused:
        services.attendee_add(by=officer, meeting=world["meeting"], person=third)

    assert refused.value.messages == [
        "This meeting has 2 seats per delegation, and your delegation has used them all."
    ]


@pytest.mark.parametrize("role", ["chair", "focal"])
def test_only_the_secretariat_records_attendance(world, role, time_machine):
    time_machine.move_to(AFTER)
    chair = UserFactory(state=StateFactory(country="FR", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    person = chair if role == "chair" else world["huber"].person
    client = sign_in(Client(), person)

    assert client.get(attendance_url(world["meeting"])).status_code == 403
    assert client.post(attendance_url(world["meeting"]), {"attended": []}).status_code == 403
    assert Participation.objects.filter(attendance_recorded_at__isnull=False).count() == 0


def test_wgeti_attendance_summary_counts_states_by_region_and_profile_and_organisations(
    officer, world, time_machine
):
    time_machine.move_to(AFTER)
    services.attendance_record(
        by=officer, meeting=world["meeting"], attended=[world["huber"], world["otieno"]]
    )
    services.attendee_add(by=officer, meeting=world["meeting"], person=world["ngo"])

    page = sign_in(Client(), world["huber"].person).get(
        reverse("wgeti:presentations", args=[world["meeting"].pk])
    )

    summary = page.context["attendance"]
    assert (summary.states, summary.organisations) == (2, 1)
    assert summary.by_region == [("African Group", 1), ("Western European and Others Group", 1)]
    assert summary.by_profile == [("Mainly exporting", 1), ("Mainly importing", 1)]
    assert summary.by_kind == [("Civil society", 1)]
    assert "2 States took part. 1 organisation took part." in page.content.decode()


def test_a_state_that_nominated_but_did_not_attend_did_not_take_part(officer, world, time_machine):
    time_machine.move_to(AFTER)
    services.attendance_record(by=officer, meeting=world["meeting"], attended=[world["huber"]])

    page = sign_in(Client(), officer).get(
        reverse("wgeti:presentations", args=[world["meeting"].pk])
    )

    assert (page.context["attendance"].states, page.context["attendance"].by_region) == (
        1,
        [("Western European and Others Group", 1)],
    )


def test_wgeti_summary_waits_for_the_attendance(officer, world, time_machine):
    time_machine.move_to(AFTER)

    page = sign_in(Client(), officer).get(
        reverse("wgeti:presentations", args=[world["meeting"].pk])
    )

    assert "The Secretariat has not recorded the attendance yet." in page.content.decode()


def test_dief_states_that_took_part_are_those_recorded_as_attending(officer, time_machine):
    time_machine.move_to(BEFORE)
    meeting = DiefMeetingFactory(starts_on=D(2027, 3, 10), ends_on=D(2027, 3, 10))
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    thailand = StateFactory(country="TH", status=AttStatus.SIGNATORY)
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    nominees = []
    for state in (austria, thailand):
        focal = UserFactory(state=state)
        RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
        nominees.append(services.participant_nominate(by=focal, meeting=meeting, person=focal))
    assert list(taking_part_states(meeting)) == []  # nominated is not taking part

    time_machine.move_to(AFTER)
    services.attendance_record(by=officer, meeting=meeting, attended=[nominees[1]])

    assert list(taking_part_states(meeting)) == [thailand]
