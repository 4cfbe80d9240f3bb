"""The Secretariat accepts or declines nominations (issue 12): a declined one frees the
seat, the focal point who nominated is told, and nominations close when the meeting ends."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body, NominationStatus
from att_portal.meetings.models import Participation
from att_portal.notifications.models import Notice, OutboxMail
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
BEFORE = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
LAST_DAY = datetime.datetime(2027, 3, 17, 21, tzinfo=datetime.UTC)  # 22:00 in Geneva
DAY_AFTER = datetime.datetime(2027, 3, 18, 8, tzinfo=datetime.UTC)


@pytest.fixture
def officer():
    return SecretariatUserFactory()


@pytest.fixture
def delegation(officer, time_machine):
    """Austria, invited to a WGETI meeting of 15-17 March 2027 with two seats; its focal
    point and two colleagues."""
    time_machine.move_to(BEFORE)
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    focal = UserFactory(state=austria, first_name="Anna", last_name="Berger")
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = MeetingFactory(
        body=Body.WGETI, title="WGETI meeting", seats_per_delegation=2, observers_admitted=False
    )
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    Notice.objects.all().delete()
    OutboxMail.objects.all().delete()
    return {
        "meeting": meeting,
        "focal": focal,
        "first": UserFactory(state=austria, first_name="Karl", last_name="Huber"),
        "second": UserFactory(state=austria, first_name="Lena", last_name="Wolf"),
    }


def nominate(d, person):
    return services.participant_nominate(by=d["focal"], meeting=d["meeting"], person=person)


def decide_url(participation, decision):
    return reverse(
        "meetings:nomination_decide",
        args=[participation.meeting_id, participation.pk, decision],
    )


def test_secretariat_accepts_a_nomination_and_the_focal_point_is_told(officer, delegation):
    participation = nominate(delegation, delegation["first"])

    response = sign_in(Client(), officer).post(decide_url(participation, "accept"))

    participation.refresh_from_db()
    assert response.status_code == 302
    assert (participation.status, participation.decided_by) == (NominationStatus.ACCEPTED, officer)
    assert list(Notice.objects.values_list("recipient", "title")) == [
        (delegation["focal"].pk, "Nomination accepted: Karl Huber, WGETI meeting")
    ]
    mail = OutboxMail.objects.get()
    assert mail.subject == "ATT Portal: nomination accepted for the meeting “WGETI meeting”"
    assert (
        "The Secretariat has accepted the nomination of Karl Huber to the meeting “WGETI "
        "meeting”, 15–17 March 2027." in mail.body_text
    )


def test_a_declined_nomination_frees_the_seat(officer, delegation):
    first = nominate(delegation, delegation["first"])
    nominate(delegation, delegation["second"])
    third = UserFactory(state=delegation["focal"].state)
    with pytest.raises(ValidationError) as full:
        nominate(delegation, third)

    services.nomination_decide(by=officer, participation=first, accept=False)
    nominate(delegation, third)

    assert full.value.messages == [
        "This meeting has 2 seats per delegation, and your delegation has used them all."
    ]
    assert sorted(Participation.objects.values_list("person__last_name", "status")) == sorted(
        [
            ("Huber", NominationStatus.DECLINED),
            ("Wolf", NominationStatus.NOMINATED),
            (third.last_name, NominationStatus.NOMINATED),
        ]
    )
    assert Notice.objects.get().title == "Nomination declined: Karl Huber, WGETI meeting"


def test_accepting_a_declined_nomination_again_needs_a_free_seat(officer, delegation):
    first = nominate(delegation, delegation["first"])
    services.nomination_decide(by=officer, participation=first, accept=False)
    nominate(delegation, delegation["second"])
    nominate(delegation, UserFactory(state=delegation["focal"].state))

    with pytest.raises(ValidationError) as refused:
        services.nomination_decide(by=officer, participation=first, accept=True)

    first.refresh_from_db()
    assert refused.value.messages == [
        "This meeting has 2 seats per delegation, and your delegation has used them all."
    ]
    assert first.status == NominationStatus.DECLINED


def test_deciding_twice_the_same_way_is_refused_with_a_message(officer, delegation):
    participation = nominate(delegation, delegation["first"])
    client = sign_in(Client(), officer)
    client.post(decide_url(participation, "accept"))

    response = client.post(decide_url(participation, "accept"), follow=True)

    assert "This nomination is already accepted." in response.content.decode()
    assert Notice.objects.count() == 1


def test_nomination_after_the_last_day_is_refused_naming_the_date(delegation, time_machine):
    time_machine.move_to(DAY_AFTER)
    client = sign_in(Client(), delegation["focal"])

    page = client.get(reverse("meetings:detail", args=[delegation["meeting"].pk]))
    response = client.post(
        reverse("meetings:nominate", args=[delegation["meeting"].pk]),
        {"person": delegation["first"].pk},
    )

    closed = "Nominations closed when the meeting ended, on 17 March 2027."
    assert closed in page.content.decode()
    assert "Nominate a participant" not in page.content.decode()
    assert closed in response.content.decode()
    assert Participation.objects.count() == 0


def test_nomination_on_the_last_evening_is_still_taken(delegation, time_machine):
    time_machine.move_to(LAST_DAY)

    nominate(delegation, delegation["first"])

    assert Participation.objects.count() == 1


def test_after_the_meeting_a_nomination_is_neither_decided_nor_withdrawn(
    officer, delegation, time_machine
):
    participation = nominate(delegation, delegation["first"])
    time_machine.move_to(DAY_AFTER)

    decided = sign_in(Client(), officer).post(decide_url(participation, "decline"), follow=True)
    withdrawn = sign_in(Client(), delegation["focal"]).post(
        reverse("meetings:withdraw", args=[participation.meeting_id, participation.pk]),
        follow=True,
    )

    closed = "Nominations closed when the meeting ended, on 17 March 2027."
    assert closed in decided.content.decode()
    assert closed in withdrawn.content.decode()
    assert Participation.objects.get().status == NominationStatus.NOMINATED


@pytest.mark.parametrize(
    ("role", "status"),
    [("chair", 403), ("focal", 403), ("stranger", 403)],
)
def test_only_the_secretariat_decides_nominations(delegation, role, status):
    participation = nominate(delegation, delegation["first"])
    chair = UserFactory(state=StateFactory(country="FR", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    person = {
        "chair": chair,
        "focal": delegation["focal"],
        "stranger": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
    }[role]

    response = sign_in(Client(), person).post(decide_url(participation, "accept"))

    assert response.status_code == status
    assert Participation.objects.get().status == NominationStatus.NOMINATED


@pytest.mark.parametrize(
    "url",
    [
        lambda p: reverse("meetings:nomination_decide", args=[p.meeting_id, p.pk, "approve"]),
        lambda p: reverse("meetings:nomination_decide", args=[p.meeting_id, 999999, "accept"]),
        lambda p: reverse("meetings:nomination_decide", args=[999999, p.pk, "accept"]),
        lambda p: f"/meetings/{p.meeting_id}/nominations/{2**70}/accept/",
    ],
)
def test_bad_decision_addresses_are_not_found_and_change_nothing(officer, delegation, url):
    participation = nominate(delegation, delegation["first"])

    response = sign_in(Client(), officer).post(url(participation))

    assert response.status_code == 404
    assert Participation.objects.get().status == NominationStatus.NOMINATED


def test_dief_decision_tells_the_focal_point_without_any_detail(officer, time_machine):
    time_machine.move_to(BEFORE)
    thailand = StateFactory(country="TH", status=AttStatus.SIGNATORY)
    focal = UserFactory(state=thailand)
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meeting = DiefMeetingFactory(
        title="DIEF meeting, April 2027", starts_on=D(2027, 4, 14), ends_on=D(2027, 4, 14)
    )
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    participation = services.participant_nominate(by=focal, meeting=meeting, person=focal)

    services.nomination_decide(by=officer, participation=participation, accept=True)

    mail = OutboxMail.objects.get(key__startswith="nomination:")
    notice = Notice.objects.get(key__startswith="nomination:")
    assert notice.title == "A nomination in the confidential area has been answered"
    assert "DIEF" not in mail.subject + mail.body_text + mail.body_html
    assert str(focal) not in mail.body_text.replace(f"Dear {focal},", "")
    assert "April" not in mail.body_text


def test_the_admin_refuses_a_nomination_after_the_meeting_and_beyond_the_seats(
    officer, delegation, time_machine
):
    """One validation: Participation.clean refuses in the administration what the portal
    refuses."""
    admin = sign_in(Client(), officer)
    url = reverse("admin:meetings_participation_add")
    nominate(delegation, delegation["first"])
    nominate(delegation, delegation["second"])
    third = UserFactory(state=delegation["focal"].state)
    data = {
        "meeting": delegation["meeting"].pk,
        "person": third.pk,
        "nominated_by": delegation["focal"].pk,
        "sponsorship_note": "",
    }

    full = admin.post(url, data)
    time_machine.move_to(DAY_AFTER)
    Participation.objects.filter(person=delegation["second"]).delete()  # a seat is free
    closed = sign_in(Client(), officer).post(url, data)

    assert "This meeting has 2 seats per delegation, and your delegation has used them all." in (
        full.content.decode()
    )
    assert "Nominations closed when the meeting ended, on 17 March 2027." in (
        closed.content.decode()
    )
    assert list(Participation.objects.values_list("person", flat=True)) == [delegation["first"].pk]
