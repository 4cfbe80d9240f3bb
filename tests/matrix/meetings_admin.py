"""Rows of the authorization matrix for the Secretariat's work on meetings in the portal
(issue 12): creating, changing and cancelling meetings, their timetable and their calls.
Only the Secretariat acts; whoever sees the meeting gets 403, and nobody outside the DIEF
learns that a DIEF meeting, session or call exists (404).

Demo: the WGETI meeting of 16-18 March 2026 (its sessions; its call for written comments,
answered by Austria and Control Arms, so it cannot be deleted) and the DIEF meeting of
22 February 2024, to which these rows add a session and a call for cases. Both meetings are
over: their cancellation pages say so, and nothing here cancels a meeting."""

import datetime

from django.urls import reverse
from django.utils import timezone

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import Meeting, MeetingCall, MeetingSession

MARCH_2026 = "WGETI meeting, March 2026"


def _dief_february_2024() -> Meeting:
    return Meeting.objects.get(body=Body.DIEF, starts_on=datetime.date(2024, 2, 22))


def _dief_session() -> MeetingSession:
    start = timezone.make_aware(datetime.datetime(2024, 2, 22, 10))
    session, _created = MeetingSession.objects.get_or_create(
        meeting=_dief_february_2024(),
        title="Review of the forum",
        defaults={
            "body": Body.DIEF,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
        },
    )
    return session


def _dief_call() -> MeetingCall:
    call, _created = MeetingCall.objects.get_or_create(
        meeting=_dief_february_2024(),
        kind=CallKind.CASES,
        defaults={
            "title": "Call for cases and information",
            "issued_on": datetime.date(2023, 12, 1),
            "due_on": datetime.date(2024, 1, 22),
        },
    )
    return call


OBJECTS = {
    "ma_wgeti_session": lambda: (
        MeetingSession.objects.filter(meeting__title=MARCH_2026).order_by("starts_at").first()
    ),
    "ma_wgeti_call": lambda: MeetingCall.objects.get(
        meeting__title=MARCH_2026, kind=CallKind.WRITTEN_COMMENTS
    ),
    "ma_dief_session": _dief_session,
    "ma_dief_call": _dief_call,
}

GET_URLS = {
    "meetings:create": lambda d: reverse("meetings:create"),
    "meetings:edit (WGETI March 2026)": lambda d: reverse("meetings:edit", args=[d["wgeti"].pk]),
    "meetings:edit (DIEF February 2024)": lambda d: reverse("meetings:edit", args=[d["dief"].pk]),
    "meetings:cancel (WGETI March 2026, over)": lambda d: reverse(
        "meetings:cancel", args=[d["wgeti"].pk]
    ),
    "meetings:cancel (DIEF February 2024, over)": lambda d: reverse(
        "meetings:cancel", args=[d["dief"].pk]
    ),
    "meetings:session_edit (WGETI March 2026, first session)": lambda d: reverse(
        "meetings:session_edit", args=[d["wgeti"].pk, d["ma_wgeti_session"].pk]
    ),
    "meetings:session_edit (DIEF February 2024)": lambda d: reverse(
        "meetings:session_edit", args=[d["dief"].pk, d["ma_dief_session"].pk]
    ),
    "meetings:call_edit (WGETI written comments)": lambda d: reverse(
        "meetings:call_edit", args=[d["wgeti"].pk, d["ma_wgeti_call"].pk]
    ),
    "meetings:call_edit (DIEF call for cases)": lambda d: reverse(
        "meetings:call_edit", args=[d["dief"].pk, d["ma_dief_call"].pk]
    ),
}

# In this order: the DIEF session and call are deleted last.
POST_URLS = {
    "meetings:create (empty form)": lambda d: reverse("meetings:create"),
    "meetings:edit (WGETI March 2026, empty form)": lambda d: reverse(
        "meetings:edit", args=[d["wgeti"].pk]
    ),
    "meetings:cancel (DIEF February 2024, empty form)": lambda d: reverse(
        "meetings:cancel", args=[d["dief"].pk]
    ),
    "meetings:session_add (DIEF February 2024, empty form)": lambda d: reverse(
        "meetings:session_add", args=[d["dief"].pk]
    ),
    "meetings:session_edit (WGETI March 2026 first session, empty form)": lambda d: reverse(
        "meetings:session_edit", args=[d["wgeti"].pk, d["ma_wgeti_session"].pk]
    ),
    "meetings:call_add (WGETI March 2026, empty form)": lambda d: reverse(
        "meetings:call_add", args=[d["wgeti"].pk]
    ),
    "meetings:call_add (DIEF February 2024, empty form)": lambda d: reverse(
        "meetings:call_add", args=[d["dief"].pk]
    ),
    "meetings:call_edit (DIEF call for cases, empty form)": lambda d: reverse(
        "meetings:call_edit", args=[d["dief"].pk, d["ma_dief_call"].pk]
    ),
    "meetings:call_delete (WGETI written comments, answered: refused)": lambda d: reverse(
        "meetings:call_delete", args=[d["wgeti"].pk, d["ma_wgeti_call"].pk]
    ),
    "meetings:session_delete (DIEF February 2024)": lambda d: reverse(
        "meetings:session_delete", args=[d["dief"].pk, d["ma_dief_session"].pk]
    ),
    "meetings:call_delete (DIEF call for cases)": lambda d: reverse(
        "meetings:call_delete", args=[d["dief"].pk, d["ma_dief_call"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
_DIEF_ROWS = [row for row in _ROWS if "DIEF" in row]

# The Secretariat gets every page; the empty forms come back with their errors, and the
# deletions (done, or refused with a message) return to the meeting.
_SECRETARIAT = {
    **dict.fromkeys(_ROWS, 200),
    "meetings:call_delete (WGETI written comments, answered: refused)": 302,
    "meetings:session_delete (DIEF February 2024)": 302,
    "meetings:call_delete (DIEF call for cases)": 302,
}
# Whoever sees both meetings (the Chairs, States Parties' and signatories' delegates)
# may read them but not act: 403.
_SEES_DIEF = dict.fromkeys(_ROWS, 403)
# Observers, organisations and the expert: the DIEF meeting and its parts do not exist.
_OUTSIDER = {**_SEES_DIEF, **dict.fromkeys(_DIEF_ROWS, 404)}

EXPECTED = {
    "secretariat": _SECRETARIAT,
    "dief-chair": _SEES_DIEF,
    "wgeti-chair": _SEES_DIEF,
    "delegate-sp": _SEES_DIEF,
    "delegate-sig": _SEES_DIEF,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
