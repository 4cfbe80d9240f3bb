from __future__ import annotations

import pytest
from django.utils import timezone

from att_portal.meetings.enums import Body
from att_portal.meetings.models import MeetingSession
from tests.factories import DiefMeetingFactory


@pytest.fixture
def long_dief_timetable():
    """A DIEF meeting with sessions enough for a timetable of several pages."""
    meeting = DiefMeetingFactory(
        starts_on=timezone.datetime(2027, 2, 17).date(),
        ends_on=timezone.datetime(2027, 2, 19).date(),
    )
    start = timezone.make_aware(timezone.datetime(2027, 2, 17, 8))
    for i in range(60):
        at = start + timezone.timedelta(minutes=30 * i)
        MeetingSession.objects.create(
            meeting=meeting,
            title=f"Case {i}",
            body=Body.DIEF,
            starts_at=at,
            ends_at=at + timezone.timedelta(minutes=20),
        )
    return meeting
