"""What the meetings' notices are about, for the notices page: the meeting and its days,
the deadline of a reminder, the person of a nomination, the subject of a message."""

from __future__ import annotations

from att_portal import access, registry
from att_portal.l10n.dates import un_date_range
from att_portal.notifications.subjects import key_ids, subject_line

from .deadlines import deadlines_of
from .models import Meeting, MeetingMessage, Participation
from .selectors import meetings_visible_to, with_deadline_data


def _meeting_parts(meeting: Meeting) -> tuple[str, str]:
    return meeting.title, un_date_range(meeting.starts_on, meeting.ends_on)


def meeting_subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
    """Invitations and cancellations: `<kind>:<meeting>:<person>`."""
    ids = key_ids(keys)
    meetings = meetings_visible_to(request.user).in_bulk(set(ids.values()))
    return {
        key: subject_line(request, meetings[pk], *_meeting_parts(meetings[pk]))
        for key, pk in ids.items()
        if pk in meetings
    }


def reminder_subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
    """Deadline reminders: `reminder:<meeting>:<deadline key>:<step>:<person>`."""
    ids = key_ids(keys)
    meetings = with_deadline_data(meetings_visible_to(request.user)).in_bulk(set(ids.values()))
    titles = {(d.meeting.pk, d.key): d.title for d in deadlines_of(meetings.values())}
    found = {}
    for key, pk in ids.items():
        if pk in meetings:
            rule = (key.split(":") + [""])[2]
            # A cancelled meeting has no deadline left: the meeting alone says enough.
            deadline = titles.get((pk, rule), "")
            found[key] = subject_line(
                request, meetings[pk], deadline, *_meeting_parts(meetings[pk])
            )
    return found


def nomination_subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
    """Answers to nominations: `nomination:<participation>:<status>:<when>`."""
    ids = key_ids(keys)
    participations = access.visible(
        request.user, Participation.objects.select_related("person", "meeting")
    ).in_bulk(set(ids.values()))
    found = {}
    for key, pk in ids.items():
        participation = participations.get(pk)
        if participation is not None:
            meeting = participation.meeting
            found[key] = subject_line(
                request, meeting, participation.person, *_meeting_parts(meeting)
            )
    return found


def message_subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
    """Messages to the invited delegations: `meeting-message:<message>:<person>`."""
    ids = key_ids(keys)
    messages = access.visible(
        request.user, MeetingMessage.objects.select_related("meeting")
    ).in_bulk(set(ids.values()))
    return {
        key: subject_line(
            request, messages[pk].meeting, messages[pk].subject, messages[pk].meeting.title
        )
        for key, pk in ids.items()
        if pk in messages
    }


def register() -> None:
    registry.add_notice_subjects("invitation", meeting_subjects)
    registry.add_notice_subjects("meeting-cancelled", meeting_subjects)
    registry.add_notice_subjects("reminder", reminder_subjects)
    registry.add_notice_subjects("nomination", nomination_subjects)
    registry.add_notice_subjects("meeting-message", message_subjects)
