"""A meeting's deadlines and their state, computed when they are read.

The dates come from the rule table (rules.py) and the meeting's calls; the state comes
from the dates and the recorded acts (DeadlineCompletion). Nothing here is stored, so a
stopped scheduler never leaves a page showing a wrong state.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext

from .enums import DeadlineState
from .models import DeadlineCompletion, Meeting, MeetingCall
from .rules import Anchor, Responsible, rules_for

# Rules whose act is one per meeting (so "met" can be recorded); the others are acts of
# each concerned State and close on their date.
MEETING_LEVEL = frozenset({Responsible.SECRETARIAT, Responsible.CHAIR})


@dataclass(frozen=True)
class Deadline:
    meeting: Meeting
    key: str
    title: str | Promise
    article: str | Promise
    due_on: datetime.date
    responsible: str
    completion: DeadlineCompletion | None
    call: MeetingCall | None = None
    recorded_by_hand: bool = False
    consulted: str | None = None

    @property
    def responsible_label(self) -> str:
        if self.responsible == Responsible.SECRETARIAT and self.consulted == Responsible.CHAIR:
            return gettext("Secretariat, after consulting the Chair")
        return Responsible(self.responsible).label

    @property
    def recordable(self) -> bool:
        return self.call is None and self.responsible in MEETING_LEVEL

    def state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.completion is not None:
            return DeadlineState.MET
        if today == self.due_on:
            return DeadlineState.DUE_TODAY
        if today < self.due_on:
            return DeadlineState.UPCOMING
        return DeadlineState.MISSED if self.recordable else DeadlineState.CLOSED

    @property
    def met_late(self) -> bool:
        return bool(
            self.completion and timezone.localdate(self.completion.completed_at) > self.due_on
        )

    @property
    def confidential_forum(self) -> str | None:
        return self.meeting.confidential_forum


@dataclass(frozen=True)
class Act:
    """An act a workflow asks of one person, their State or their organisation — a
    presenting State's notice, a concerned State's reply, an objection, a comment — due by
    the end of `due_on`. The apps register what they know (`registry.add_deadline_source`);
    My deadlines and the calendar feed list these beside the meetings' deadlines."""

    uid: str  # stable, for calendar applications: "<kind>-<pk>"
    title: str | Promise  # what is due
    subject: str  # of what: the case, the proposal, the guide
    article: str | Promise  # the rule
    due_on: datetime.date
    url: str
    who: str  # who acts: the person's State or organisation
    meeting: Meeting | None = None
    completed_on: datetime.date | None = None
    confidential_forum: str | None = None
    call = None  # as a Deadline's: an act is never a meeting's call

    @property
    def responsible_label(self) -> str:
        return self.who

    @property
    def met_late(self) -> bool:
        return bool(self.completed_on and self.completed_on > self.due_on)

    def state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.completed_on is not None:
            return DeadlineState.MET
        if today == self.due_on:
            return DeadlineState.DUE_TODAY
        return DeadlineState.UPCOMING if today < self.due_on else DeadlineState.CLOSED


def _call_title(call: MeetingCall) -> str:
    return call.title


# A call's title is read when it is shown, so that a reminder or a calendar feed gets it in
# its recipient's language (the scan itself runs in English).
_title_of_call = lazy(_call_title, str)


def deadlines_of(meetings: Iterable[Meeting]) -> list[Deadline]:
    """The deadlines of several meetings at once, in two queries whatever their number.
    Call with meetings that `prefetch_related("completions", "calls")`, or this fetches."""
    deadlines: list[Deadline] = []
    for meeting in meetings:
        if meeting.is_cancelled:
            continue  # a cancelled meeting asks nothing of anybody
        completions = {c.key: c for c in meeting.completions.all()}
        for rule in rules_for(meeting.body):
            if rule.anchor != Anchor.MEETING_START:
                continue
            deadlines.append(
                Deadline(
                    meeting=meeting,
                    key=rule.key,
                    title=rule.title,
                    article=rule.article,
                    due_on=rule.due_on(meeting.starts_on),
                    responsible=rule.responsible,
                    completion=completions.get(rule.key),
                    recorded_by_hand=rule.recorded_by_hand,
                    consulted=rule.consulted,
                )
            )
        for call in meeting.calls.all():
            key = f"call-{call.pk}"
            deadlines.append(
                Deadline(
                    meeting=meeting,
                    key=key,
                    title=_title_of_call(call),
                    article=call.get_kind_display(),
                    due_on=call.due_on,
                    responsible=call.responsible,
                    completion=completions.get(key),
                    call=call,
                )
            )
    return sorted(deadlines, key=lambda d: (d.due_on, d.meeting.pk, d.key))
