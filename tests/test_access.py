"""The permission layer denies by default and follows the current status and roles."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm

from att_portal import access
from att_portal.directory.enums import AttStatus, Role, StatusInstrument
from att_portal.directory.models import StateStatusChange
from att_portal.directory.permissions import is_dief_participant
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from att_portal.notifications.models import OutboxMail
from tests.factories import (
    MeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    TOTPDeviceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_model_without_a_policy_is_invisible_even_to_the_secretariat():
    officer = SecretariatUserFactory()
    TOTPDeviceFactory(user=officer)

    assert list(access.visible(officer, TOTPDevice)) == []


def test_anonymous_user_sees_nothing_and_may_do_nothing():
    meeting = MeetingFactory(body=Body.WGETI)

    assert list(access.visible(AnonymousUser(), Meeting)) == []
    assert access.can(AnonymousUser(), access.Action.VIEW, meeting) is False


def test_deactivated_person_sees_nothing():
    MeetingFactory(body=Body.WGETI)
    person = UserFactory(is_active=False)

    assert list(access.visible(person, Meeting)) == []


def test_outbox_is_the_secretariats_only():
    OutboxMail.objects.create(
        key="k", to_address="a@example.org", language="en", subject="s", body_text="b"
    )

    assert access.visible(UserFactory(), OutboxMail).count() == 0
    assert access.visible(SecretariatUserFactory(), OutboxMail).count() == 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (AttStatus.STATE_PARTY, True),
        (AttStatus.SIGNATORY, True),
        (AttStatus.NON_SIGNATORY, False),
    ],
)
def test_dief_participation_follows_the_status_of_the_delegates_state(status, expected):
    delegate = UserFactory(state=StateFactory(status=status))

    assert is_dief_participant(delegate) is expected


def test_status_change_taking_effect_in_the_future_does_not_open_the_dief_yet():
    state = StateFactory(status=AttStatus.NON_SIGNATORY)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    StateStatusChange.objects.create(
        state=state,
        status=AttStatus.STATE_PARTY,
        instrument=StatusInstrument.ACCESSION,
        instrument_date=datetime.date.today(),
        effective_on=tomorrow,
    )

    assert is_dief_participant(UserFactory(state=state)) is False


def test_withdrawn_signature_closes_the_dief_to_the_states_delegates():
    state = StateFactory(status=AttStatus.SIGNATORY)
    delegate = UserFactory(state=state)
    MeetingFactory(body=Body.DIEF)
    assert access.visible(delegate, Meeting).count() == 1

    StateStatusChange.objects.create(
        state=state,
        status=AttStatus.NON_SIGNATORY,
        instrument=StatusInstrument.SIGNATURE_WITHDRAWN,
        instrument_date=datetime.date.today(),
        effective_on=datetime.date.today(),
    )
    next_request_user = type(delegate).objects.get(pk=delegate.pk)

    assert access.visible(next_request_user, Meeting).count() == 0


def test_dief_chair_loses_access_when_the_term_ends():
    chair = OrganisationUserFactory()
    RoleAssignmentFactory(
        user=chair,
        role=Role.DIEF_CHAIR,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )

    assert is_dief_participant(chair) is False


def test_secretariat_without_a_current_secretariat_role_has_no_secretariat_powers():
    officer = SecretariatUserFactory()
    officer.role_assignments.update(ends_on=datetime.date(2021, 1, 1))
    officer = type(officer).objects.get(pk=officer.pk)

    assert access.visible(officer, OutboxMail).exists() is False


def test_guardian_grant_opens_exactly_one_dief_meeting_to_an_outsider():
    expert = OrganisationUserFactory()
    granted = MeetingFactory(body=Body.DIEF)
    MeetingFactory(body=Body.DIEF)
    assign_perm("meetings.view_meeting", expert, granted)

    assert list(access.visible(expert, Meeting.objects.filter(body=Body.DIEF))) == [granted]


def test_global_permission_does_not_open_dief_meetings():
    expert = OrganisationUserFactory()
    MeetingFactory(body=Body.DIEF)
    assign_perm("meetings.view_meeting", expert)

    assert access.visible(expert, Meeting).count() == 0


def test_guardian_grant_to_a_group_opens_the_meeting_to_its_members_only():
    from django.contrib.auth.models import Group

    member, other = OrganisationUserFactory(), OrganisationUserFactory()
    group = Group.objects.create(name="experts of the meeting")
    member.groups.add(group)
    granted = MeetingFactory(body=Body.DIEF)
    MeetingFactory(body=Body.DIEF)
    assign_perm("meetings.view_meeting", group, granted)

    assert list(access.visible(member, Meeting.objects.filter(body=Body.DIEF))) == [granted]
    assert access.can(member, access.Action.VIEW, granted) is True
    assert access.visible(other, Meeting.objects.filter(body=Body.DIEF)).count() == 0


def test_guardian_grant_of_another_permission_or_the_superuser_flag_opens_nothing():
    expert = OrganisationUserFactory(is_superuser=True)
    meeting = MeetingFactory(body=Body.DIEF)
    assign_perm("meetings.change_meeting", expert, meeting)

    assert access.visible(expert, Meeting).count() == 0
    assert access.can(expert, access.Action.VIEW, meeting) is False


def test_deleting_an_object_removes_its_per_object_grants():
    expert = OrganisationUserFactory()
    meeting = MeetingFactory(body=Body.DIEF)
    assign_perm("meetings.view_meeting", expert, meeting)

    meeting.delete()

    assert UserObjectPermission.objects.count() == 0


def test_require_answers_404_to_outsiders_and_403_to_readers():
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    meeting = MeetingFactory(body=Body.DIEF)
    with pytest.raises(Http404):
        access.require(OrganisationUserFactory(), access.Action.CHANGE, meeting)
    with pytest.raises(PermissionDenied):
        access.require(UserFactory(), access.Action.CHANGE, meeting)
    access.require(SecretariatUserFactory(), access.Action.CHANGE, meeting)
