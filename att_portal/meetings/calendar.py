"""The personal iCalendar feed: meetings, sessions and deadlines the person may see,
worded in the person's preferred language (the feed is read by a calendar application,
not in a signed-in page, so the request's language says nothing)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from att_portal.l10n.dates import un_date

from . import selectors
from .deadlines import Act
from .enums import Body
from .models import MeetingSession


def forum_name(forum: str) -> str:
    return _("DIEF") if forum == Body.DIEF else forum


def summary_of(meeting, part: str = "") -> str:
    """Calendars sync to outside services: confidential meetings show no details there."""
    if meeting.confidential_forum:
        return _("%(forum)s: see the ATT Portal (confidential)") % {
            "forum": forum_name(meeting.confidential_forum)
        }
    if part:
        # Translators: a calendar event: a meeting's title, then a session or deadline of it.
        return _("%(meeting)s: %(item)s") % {"meeting": meeting.title, "item": part}
    return meeting.title


def act_summary(act: Act) -> str:
    """An act of the person's State: in a confidential forum, the date alone leaves the
    portal, never what is due or of which case."""
    if act.confidential_forum:
        return _("%(forum)s: a deadline of yours, see the ATT Portal (confidential)") % {
            "forum": forum_name(act.confidential_forum)
        }
    # Translators: a calendar event: what is due, then of what (a proposed revision…).
    return _("%(act)s: %(subject)s") % {"act": act.title, "subject": act.subject}


def description_of(deadline) -> str:
    if deadline.confidential_forum:
        return ""
    return _("Due by the end of %(date)s, Geneva time (%(article)s). Who acts: %(who)s.") % {
        "date": un_date(deadline.due_on),
        "article": deadline.article,
        "who": deadline.responsible_label,
    }


def calendar_for(user) -> bytes:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        return _calendar(user).to_ical()


def _calendar(user) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//ATT Secretariat//ATT Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("ATT Portal"))
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
        if meeting.is_cancelled:
            event.add("status", "CANCELLED")  # calendar applications strike it out
        if meeting.confidential_forum:
            event.add("class", "CONFIDENTIAL")  # and no venue: a detail of the meeting
        elif meeting.venue:
            event.add("location", meeting.venue)
        calendar.add_component(event)
    sessions = MeetingSession.objects.filter(meeting__in=[m.pk for m in meetings]).select_related(
        "meeting"
    )
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        # A DIEF session in an open meeting's timetable: closed, no title, no room.
        title = _("Closed session") if session.is_closed_session else session.title
        event.add("summary", summary_of(session.meeting, title))
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        if session.meeting.is_cancelled:
            event.add("status", "CANCELLED")
        if session.confidential_forum:
            event.add("class", "CONFIDENTIAL")
        elif session.room or session.meeting.venue:
            event.add("location", session.room or session.meeting.venue)
        calendar.add_component(event)
    for deadline in selectors.my_deadlines(user):
        event = Event()
        if isinstance(deadline, Act):
            event.add("uid", f"act-{deadline.uid}@{host}")
            event.add("summary", act_summary(deadline))
        else:
            event.add("uid", f"deadline-{deadline.meeting.pk}-{deadline.key}@{host}")
            event.add("summary", summary_of(deadline.meeting, str(deadline.title)))
        event.add("dtstamp", stamp)
        if deadline.confidential_forum:
            event.add("class", "CONFIDENTIAL")
        description = description_of(deadline)
        if description:
            event.add("description", description)
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + datetime.timedelta(days=1))
        calendar.add_component(event)
    return calendar
