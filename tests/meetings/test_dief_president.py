"""DIEF ToR arts. 3 and 4: the CSP President convenes DIEF meetings (after consulting the
DIEF Chair and the Secretariat), issues the call for cases, and appoints the DIEF Chair until
the close of the next Conference."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from att_portal.directory.enums import Affiliation, AttStatus, Role
from att_portal.directory.models import RoleAssignment
from att_portal.meetings import services
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import DiefChairAppointment, DiefConvening, MeetingCall
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
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


def convene(by, meeting, **changes):
    values = {
        "decided_by": meeting.cycle,
        "decided_on": D(2026, 10, 1),
        "chair_consulted": True,
        "secretariat_consulted": True,
        **changes,
    }
    return services.dief_convening_record(by=by, meeting=meeting, **values)


def test_art3_the_secretariat_records_the_presidents_decision_to_convene_on_a_portal_page(
    client, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC))
    secretariat = SecretariatUserFactory()
    meeting = DiefMeetingFactory()  # 17 February 2027, CSP13 cycle
    sign_in(client, secretariat)

    page = client.get(reverse("meetings:convening", args=[meeting.pk]))
    response = client.post(
        reverse("meetings:convening", args=[meeting.pk]),
        {
            "decided_by": meeting.cycle.pk,
            "decided_on": "2026-10-01",
            "chair_consulted": "on",
            "secretariat_consulted": "on",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    convening = DiefConvening.objects.get(meeting=meeting)
    assert (convening.decided_by, convening.decided_on, convening.recorded_by) == (
        meeting.cycle,
        D(2026, 10, 1),
        secretariat,
    )
    assert [h.history_user for h in convening.history.all()] == [secretariat]
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "The President of CSP13 decided on 1 October 2026 to convene this meeting, after "
        "consulting the DIEF Chair and the Secretariat." in detail
    )


def test_art3_the_president_decides_after_consulting_the_dief_chair_and_the_secretariat(
    time_machine,
):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC))
    secretariat = SecretariatUserFactory()
    meeting = DiefMeetingFactory()

    with pytest.raises(ValidationError) as refusal:
        convene(secretariat, meeting, chair_consulted=False, secretariat_consulted=False)

    assert set(refusal.value.message_dict) == {"chair_consulted", "secretariat_consulted"}
    assert not DiefConvening.objects.exists()


def test_art3_a_decision_to_convene_comes_before_the_meeting_and_is_not_in_the_future(
    time_machine,
):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC))
    secretariat = SecretariatUserFactory()
    meeting = DiefMeetingFactory()

    with pytest.raises(ValidationError) as after_the_meeting:
        convene(secretariat, meeting, decided_on=D(2027, 2, 18))
    with pytest.raises(ValidationError) as in_the_future:
        convene(secretariat, meeting, decided_on=D(2027, 3, 2))

    assert list(after_the_meeting.value.message_dict) == ["decided_on"]
    assert list(in_the_future.value.message_dict) == ["decided_on"]


def test_art3_only_a_dief_meeting_is_convened_by_the_president(client):
    secretariat = SecretariatUserFactory()
    wgeti = MeetingFactory(body=Body.WGETI)
    sign_in(client, secretariat)

    assert client.get(reverse("meetings:convening", args=[wgeti.pk])).status_code == 404


def test_art3_readers_of_the_dief_meeting_see_the_decision_but_cannot_record_it(
    client, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC))
    meeting = DiefMeetingFactory()
    convene(SecretariatUserFactory(), meeting)
    delegate = UserFactory()
    observer = OrganisationUserFactory()

    sign_in(client, delegate)
    assert client.get(reverse("meetings:convening", args=[meeting.pk])).status_code == 403
    assert "decided on 1 October 2026" in client.get(meeting.get_absolute_url()).content.decode()
    sign_in(client, observer)
    assert client.get(reverse("meetings:convening", args=[meeting.pk])).status_code == 404


def test_art3_the_dief_call_for_cases_is_the_presidents(client):
    secretariat = SecretariatUserFactory()
    meeting = DiefMeetingFactory()
    call = services.call_add(
        by=secretariat,
        meeting=meeting,
        kind=CallKind.CASES,
        title="Call for cases and information",
        issued_on=D(2026, 11, 20),
        due_on=D(2027, 1, 18),
    )
    wgeti_call = MeetingCall(
        meeting=MeetingFactory(body=Body.WGETI),
        kind=CallKind.WRITTEN_COMMENTS,
        issued_by="WGETI Chair",
    )

    assert call.issued_by == "CSP13 President"
    assert str(call.issuer) == "President of CSP13"
    assert wgeti_call.issuer == "WGETI Chair"
    sign_in(client, UserFactory())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "The President of CSP13 issued the call for cases and information on 20 November "
        "2026; cases are due on 18 January 2027." in page
    )


def test_art3_the_call_for_cases_names_the_president_whatever_the_free_text_says():
    president = UserFactory(first_name="Tsholofelo", last_name="Tsheole")
    cycle = CspCycleFactory(number=13)
    cycle.president = president
    cycle.save()
    call = MeetingCall(
        meeting=DiefMeetingFactory(cycle=cycle), kind=CallKind.CASES, issued_by="Secretariat"
    )

    assert str(call.issuer) == "President of CSP13 (Tsholofelo Tsheole)"


# -- Art. 4: the Chair appointed by the President until the close of the next CSP -----------


def csp(number: int, last_day: datetime.date):
    return MeetingFactory(
        body=Body.CSP,
        cycle=CspCycleFactory(number=number),
        starts_on=last_day - datetime.timedelta(days=4),
        ends_on=last_day,
    )


def test_art4_the_appointment_runs_until_the_close_of_the_next_csp(client, time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 15, 9, tzinfo=datetime.UTC))
    csp(13, D(2027, 8, 27))
    secretariat = SecretariatUserFactory()
    chair = UserFactory()
    sign_in(client, secretariat)

    response = client.post(
        reverse("meetings:dief_chair"),
        {
            "person": chair.pk,
            "cycle": CspCycleFactory(number=12).pk,
            "appointed_on": "2025-09-10",
        },
    )

    assert response.status_code == 302
    appointment = DiefChairAppointment.objects.get()
    term = appointment.role_assignment
    assert (term.user, term.role, term.starts_on, term.ends_on) == (
        chair,
        Role.DIEF_CHAIR,
        D(2025, 9, 10),
        D(2027, 8, 27),
    )
    assert [h.history_user for h in appointment.history.all()] == [secretariat]


def test_art4_until_the_next_csp_is_recorded_the_term_ends_on_31_december_then_follows(
    time_machine,
):
    time_machine.move_to(datetime.datetime(2025, 9, 15, 9, tzinfo=datetime.UTC))
    secretariat = SecretariatUserFactory()
    appointment = services.dief_chair_appoint(
        by=secretariat,
        person=UserFactory(),
        cycle=CspCycleFactory(number=12),
        appointed_on=D(2025, 9, 10),
    )
    assert appointment.role_assignment.ends_on == D(2027, 12, 31)

    conference = csp(13, D(2027, 8, 27))
    conference.title = "CSP13"
    services.meeting_save(by=secretariat, meeting=conference, ends_on=D(2027, 8, 27))

    appointment.role_assignment.refresh_from_db()
    assert appointment.role_assignment.ends_on == D(2027, 8, 27)


def test_art4_a_new_appointment_ends_the_previous_chairs_term_the_day_before(time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 15, 9, tzinfo=datetime.UTC))
    previous = RoleAssignmentFactory(
        role=Role.DIEF_CHAIR, starts_on=D(2024, 8, 30), ends_on=D(2026, 8, 28)
    )

    services.dief_chair_appoint(
        by=SecretariatUserFactory(),
        person=UserFactory(),
        cycle=CspCycleFactory(number=12),
        appointed_on=D(2025, 9, 10),
    )

    previous.refresh_from_db()
    assert previous.ends_on == D(2025, 9, 9)
    assert RoleAssignment.objects.active(D(2025, 9, 12)).filter(role=Role.DIEF_CHAIR).count() == 1


def test_art4_the_chair_is_a_delegate_of_a_state_party_or_signatory(time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 15, 9, tzinfo=datetime.UTC))
    outsider = UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))
    organisation = OrganisationUserFactory()

    for person in (outsider, organisation):
        with pytest.raises(ValidationError) as refusal:
            services.dief_chair_appoint(
                by=SecretariatUserFactory(),
                person=person,
                cycle=CspCycleFactory(number=12),
                appointed_on=D(2025, 9, 10),
            )
        assert list(refusal.value.message_dict) == ["person"]
    assert organisation.affiliation == Affiliation.ORGANISATION
    assert not RoleAssignment.objects.filter(role=Role.DIEF_CHAIR).exists()


def test_art4_the_dief_meeting_page_shows_when_the_chairs_appointment_ends(client, time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 15, 9, tzinfo=datetime.UTC))
    csp(13, D(2027, 8, 27))
    chair = UserFactory(first_name="Ana", last_name="Ortega")
    services.dief_chair_appoint(
        by=SecretariatUserFactory(),
        person=chair,
        cycle=CspCycleFactory(number=12),
        appointed_on=D(2025, 9, 10),
    )
    meeting = DiefMeetingFactory()  # 17 February 2027
    sign_in(client, UserFactory())

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert (
        "Chair: Ana Ortega, appointed by the President of CSP12 on 10 September 2025; the "
        "appointment ends at the close of CSP13, on 27 August 2027." in page
    )


def test_art4_only_the_secretariat_records_an_appointment(client):
    sign_in(client, RoleAssignmentFactory(role=Role.DIEF_CHAIR).user)

    assert client.get(reverse("meetings:dief_chair")).status_code == 403
    assert client.post(reverse("meetings:dief_chair"), {}).status_code == 403
