"""Rows of the authorization matrix for invitations and participants (issue 12): the
preview of the invitations, the decisions on nominations, attendance, the participants list
(CSV, XLSX and its registered document) and the messages to the invited delegations.

Only the Secretariat invites, decides, records attendance and exports; the meeting's Chair
may also write to the invited delegations. Whoever sees the meeting but may not act gets
403; nobody outside the DIEF learns that a DIEF meeting, its messages or its participants
exist (404). A message is read by those invited (their State or organisation), the
meeting's Chair and the Secretariat.

Demo: the DIEF meeting on the review of the forum (22 February 2024), at which Austria,
Thailand and Mexico took part — these rows invite Austria and Thailand to it and add a
message of the Secretariat —, the DIEF meeting ahead (not invited yet, not started), and
the WGETI meetings of March 2026 (over; States Parties and signatories invited) and ahead
(observers and organisations invited), which gets a message too."""

from django.urls import reverse
from django.utils import timezone

from att_portal.directory.models import State, User
from att_portal.meetings.models import Invitation, Meeting, MeetingMessage, Participation
from forums.demo import REVIEW_MEETING
from tests import demo_objects

MARCH_2026 = "WGETI meeting, March 2026"


def _review_message() -> MeetingMessage:
    """The Secretariat's message to the delegations invited to the 2024 review meeting."""
    secretariat = User.objects.get(username="secretariat")
    meeting = Meeting.objects.get(title_en=REVIEW_MEETING)
    for code in ("AT", "TH"):
        Invitation.objects.get_or_create(
            meeting=meeting,
            state=State.objects.get(country=code),
            defaults={"sent_at": timezone.now(), "sent_by": secretariat},
        )
    message, _created = MeetingMessage.objects.get_or_create(
        meeting=meeting,
        subject="Follow-up of the review",
        defaults={
            "text": "The Chair's summary is in the confidential area.",
            "sent_by": secretariat,
            "sent_at": timezone.now(),
            "delegations": 2,
            "people": 3,
        },
    )
    return message


def _wgeti_message() -> MeetingMessage:
    meeting = demo_objects.wgeti_meeting_ahead()
    message, _created = MeetingMessage.objects.get_or_create(
        meeting=meeting,
        subject="Registration is open",
        defaults={
            "text": "Nominate your participants on the portal.",
            "sent_by": User.objects.get(username="secretariat"),
            "sent_at": timezone.now(),
            "delegations": meeting.invitations.count(),
            "people": 1,
        },
    )
    return message


OBJECTS = {
    "mp_review_message": _review_message,
    "mp_wgeti_message": _wgeti_message,
    "mp_review_nomination": lambda: Participation.objects.get(
        meeting__title=REVIEW_MEETING, person__username="delegate-sp"
    ),
    "mp_march_2026": lambda: Meeting.objects.get(title_en=MARCH_2026),
    "mp_wgeti_ahead": demo_objects.wgeti_meeting_ahead,
}


def _review(d):
    return d["mp_review_message"].meeting_id


GET_URLS = {
    "meetings:invitations_issue (preview, DIEF meeting ahead)": lambda d: reverse(
        "meetings:invitations_issue", args=[d["dief_ahead"].pk]
    ),
    "meetings:invitations_issue (preview, WGETI March 2026, all invited)": lambda d: reverse(
        "meetings:invitations_issue", args=[d["mp_march_2026"].pk]
    ),
    "meetings:attendance (DIEF review meeting)": lambda d: reverse(
        "meetings:attendance", args=[_review(d)]
    ),
    "meetings:attendance (WGETI March 2026)": lambda d: reverse(
        "meetings:attendance", args=[d["mp_march_2026"].pk]
    ),
    "meetings:participants_export (DIEF review meeting, CSV)": lambda d: reverse(
        "meetings:participants_export", args=[_review(d), "csv"]
    ),
    "meetings:participants_export (WGETI March 2026, XLSX)": lambda d: reverse(
        "meetings:participants_export", args=[d["mp_march_2026"].pk, "xlsx"]
    ),
    "meetings:participants_document (DIEF review meeting, confirmation)": lambda d: reverse(
        "meetings:participants_document", args=[_review(d)]
    ),
    "meetings:message_new (DIEF meeting ahead)": lambda d: reverse(
        "meetings:message_new", args=[d["dief_ahead"].pk]
    ),
    "meetings:message_new (WGETI meeting ahead)": lambda d: reverse(
        "meetings:message_new", args=[d["mp_wgeti_ahead"].pk]
    ),
    "meetings:message_detail (DIEF review meeting)": lambda d: reverse(
        "meetings:message_detail", args=[_review(d), d["mp_review_message"].pk]
    ),
    "meetings:message_detail (WGETI meeting ahead)": lambda d: reverse(
        "meetings:message_detail", args=[d["mp_wgeti_ahead"].pk, d["mp_wgeti_message"].pk]
    ),
}

# In this order: the list of the review meeting is registered last.
POST_URLS = {
    "meetings:invitations_issue (DIEF meeting ahead, unconfirmed: nothing sent)": lambda d: reverse(
        "meetings:invitations_issue", args=[d["dief_ahead"].pk]
    ),
    "meetings:nomination_decide (DIEF review meeting, over: refused)": lambda d: reverse(
        "meetings:nomination_decide",
        args=[_review(d), d["mp_review_nomination"].pk, "decline"],
    ),
    "meetings:attendance (DIEF meeting ahead, not started: refused)": lambda d: reverse(
        "meetings:attendance", args=[d["dief_ahead"].pk]
    ),
    "meetings:attendee_add (WGETI March 2026, empty form)": lambda d: reverse(
        "meetings:attendee_add", args=[d["mp_march_2026"].pk]
    ),
    "meetings:message_new (DIEF meeting ahead, empty form)": lambda d: reverse(
        "meetings:message_new", args=[d["dief_ahead"].pk]
    ),
    "meetings:participants_document (DIEF review meeting, registered)": lambda d: reverse(
        "meetings:participants_document", args=[_review(d)]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
_DIEF_ROWS = [row for row in _ROWS if "DIEF" in row]

# The Secretariat: every page; the empty forms and the refusals come back with their
# message; the unconfirmed invitations go back to the preview; the decision on a nomination
# of a meeting that is over is refused with a message; the list is registered.
_SECRETARIAT = {
    **dict.fromkeys(_ROWS, 200),
    "meetings:invitations_issue (DIEF meeting ahead, unconfirmed: nothing sent)": 302,
    "meetings:nomination_decide (DIEF review meeting, over: refused)": 302,
    "meetings:participants_document (DIEF review meeting, registered)": 302,
}
# Whoever sees the meetings but may not act: 403; the messages are read by those invited.
_SEES_DIEF = {
    **dict.fromkeys(_ROWS, 403),
    "meetings:message_detail (DIEF review meeting)": 404,  # not invited to it
    "meetings:message_detail (WGETI meeting ahead)": 200,
}
# Austria and Thailand were invited to the review meeting and read its message.
_INVITED_TO_REVIEW = {**_SEES_DIEF, "meetings:message_detail (DIEF review meeting)": 200}
# Observers, organisations and the expert: no DIEF meeting, message or participant exists.
_OUTSIDER = {**_SEES_DIEF, **dict.fromkeys(_DIEF_ROWS, 404)}

EXPECTED = {
    "secretariat": _SECRETARIAT,
    # The DIEF Chair writes to the delegations invited to a DIEF meeting.
    "dief-chair": {
        **_SEES_DIEF,
        "meetings:message_new (DIEF meeting ahead)": 200,
        "meetings:message_new (DIEF meeting ahead, empty form)": 200,  # with its errors
        "meetings:message_detail (DIEF review meeting)": 200,
    },
    # The WGETI Chair writes to those invited to a WGETI meeting.
    "wgeti-chair": {**_SEES_DIEF, "meetings:message_new (WGETI meeting ahead)": 200},
    "delegate-sp": _INVITED_TO_REVIEW,
    "delegate-sig": _INVITED_TO_REVIEW,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
