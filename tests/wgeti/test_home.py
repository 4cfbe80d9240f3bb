"""The WGETI page: every meeting ahead, the past ones ten at a time, the latest first."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from tests.conftest import sign_in
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2027, 1, 10)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 10, 9, tzinfo=datetime.UTC))


def make_meetings(count: int, *, first: int = 0) -> None:
    """Half of them ahead, half past, every other one with a call for written comments."""
    for i in range(first, first + count):
        start = TODAY + datetime.timedelta(days=(i // 2 + 1) * (1 if i % 2 else -1) * 7)
        meeting = MeetingFactory(
            body=[Body.WGETI, Body.WGETI_SWG][i % 4 // 2],
            title=f"Meeting {i:02d}",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=1),
        )
        if i % 4 < 2:
            MeetingCall.objects.create(
                meeting=meeting,
                kind=CallKind.WRITTEN_COMMENTS,
                title=f"Comments {i:02d}",
                issued_on=start - datetime.timedelta(days=60),
                due_on=start - datetime.timedelta(days=10),
            )


def titles(meetings) -> list[str]:
    return [meeting.title for meeting in meetings]


def test_wgeti_home_shows_every_meeting_ahead_and_the_ten_latest_past(client):
    sign_in(client, UserFactory())
    make_meetings(30)

    response = client.get(reverse("wgeti:home"))

    assert titles(response.context["upcoming"]) == [f"Meeting {i:02d}" for i in range(1, 30, 2)]
    assert titles(response.context["page"]) == [f"Meeting {i:02d}" for i in range(0, 20, 2)]
    assert response.context["page"].paginator.num_pages == 2
    page = response.content.decode()
    calls = {"Comments 00", "Comments 01", "Comments 28"}
    assert {call for call in calls if call in page} == {"Comments 00", "Comments 01"}

    older = client.get(reverse("wgeti:home") + "?page=2")

    assert titles(older.context["page"]) == [f"Meeting {i:02d}" for i in range(20, 30, 2)]
    assert "Comments 28" in older.content.decode()


def test_wgeti_home_reads_as_much_with_40_meetings_as_with_2(client):
    sign_in(client, UserFactory())
    url = reverse("wgeti:home")
    make_meetings(2)
    client.get(url)

    def page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(response.context["meetings"])

    small = page()
    make_meetings(38, first=2)
    large = page()

    assert (small[1], large[1]) == (2, 30)  # 20 ahead, the 10 latest past
    assert large[0] == small[0]
