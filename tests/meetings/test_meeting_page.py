"""The meeting page at volume: its queries do not grow with the invited States, and the
States keep the order of their names in the reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from att_portal.directory.enums import RegionalGroup
from att_portal.directory.models import State
from att_portal.directory.un_names import by_name
from att_portal.meetings.enums import Body, NominationStatus
from att_portal.meetings.models import Invitation, Participation
from att_portal.meetings.selectors import invitations_visible_to, state_rows
from tests.conftest import sign_in
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
CODES = [code for code, _name in countries]


def invite(meeting, officer, codes) -> None:
    """Invite a State per code, each with two nominations (one declined, one attended)."""
    states = State.objects.bulk_create(
        State(country=code, regional_group=RegionalGroup.AFRICA) for code in codes
    )
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, state=state, sent_at=NOW, sent_by=officer) for state in states
    )
    for state in states:
        for status, attended in ((NominationStatus.DECLINED, False), ("accepted", True)):
            Participation.objects.create(
                meeting=meeting,
                person=UserFactory(state=state),
                nominated_by=officer,
                status=status,
                attended=attended,
                sponsorship_requested=True,
            )


def page_queries(client, meeting) -> int:
    url = reverse("meetings:detail", args=[meeting.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["secretariat", "delegate"])
def test_the_meeting_page_reads_as_much_with_200_invited_states_as_with_5(viewer, time_machine):
    time_machine.move_to(NOW)
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI)
    invite(meeting, officer, CODES[:5])
    reader = officer if viewer == "secretariat" else UserFactory(state=State.objects.first())
    client = sign_in(Client(), reader)
    page_queries(client, meeting)  # the session enters the cache

    small = page_queries(client, meeting)
    invite(meeting, officer, CODES[5:200])
    large = page_queries(client, meeting)

    assert large == small


def test_each_state_counts_its_own_nominations(time_machine):
    time_machine.move_to(NOW)
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI)
    invite(meeting, officer, CODES[:3])

    rows = state_rows(meeting)

    assert [
        (r.nominated, r.awaiting, r.seats_used, r.sponsorship, r.attended, r.attendance_recorded)
        for r in rows
    ] == [(2, 0, 1, 1, 1, 1)] * 3


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans", "ru"])
def test_invited_states_are_in_the_order_of_their_names_as_the_database_would_sort_them(
    language,
):
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI)
    invite(meeting, officer, CODES[::4])
    for name in ("Saferworld", "Control Arms"):
        Invitation.objects.create(
            meeting=meeting,
            organisation=OrganisationFactory(name=name),
            sent_at=NOW,
            sent_by=officer,
        )

    with translation.override(language):
        in_python = [i.pk for i in invitations_visible_to(officer, meeting)]
        per_state = [i.pk for i in state_rows(meeting)]
        by_database = list(
            Invitation.objects.filter(meeting=meeting)
            .order_by(by_name("state__country"), "organisation__name")
            .values_list("pk", flat=True)
        )

    assert in_python == by_database
    assert per_state == [pk for pk in by_database if pk in set(per_state)]
    assert len(in_python) == len(CODES[::4]) + 2
