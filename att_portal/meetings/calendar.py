"""The personal iCalendar feed: meetings, sessions and deadlines the person may see."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from . import selectors
from .models import MeetingSession


def summary_of(meeting, part: str = "") -> str:
    """Calendars sync to outside services: confidential meetings show no details there."""
    if meeting.confidential_forum:
        return f"{meeting.confidential_forum}: see the ATT Portal (confidential)"
    return f"{meeting.title}: {part}" if part else meeting.title


def calendar_for(user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//ATT Secretariat//ATT Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ATT Portal")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = "att-portal"
    meetings = list(selectors.meetings_visible_to(user))
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", summary_of(meeting))
        event.add("dtstart", meeting.starts_on)
        event.add("dtend", meeting.ends_on + datetime.timedelta(days=1))
        event.add("location", meeting.venue)
        if meeting.confidential_forum:
            event.add("class", "CONFIDENTIAL")
        calendar.add_component(event)
    sessions = MeetingSession.objects.filter(meeting__in=[m.pk for m in meetings]).select_related(
        "meeting"
    )
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", summary_of(session.meeting, session.title))
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("location", session.room or session.meeting.venue)
        calendar.add_component(event)
    for deadline in selectors.my_deadlines(user):
        event = Event()
        event.add("uid", f"deadline-{deadline.meeting.pk}-{deadline.key}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", summary_of(deadline.meeting, str(deadline.title)))
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + datetime.timedelta(days=1))
        calendar.add_component(event)
    return calendar.to_ical()
