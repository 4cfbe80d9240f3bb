"""Deadline reminders: who must act, reminded 7 days before, 1 day before and on the day.

The scan reads deadlines falling in the next seven days, skips those already met, and
queues one message per deadline, recipient and step under a unique key: running it
twice, in two workers at once, or again after a crash, queues nothing twice. A scan that
runs late sends the latest step that applies, not the stale ones it missed. Its number
of queries does not depend on the number of deadlines.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import registry
from att_portal.directory.enums import Affiliation, Role
from att_portal.directory.models import RoleAssignment, User
from att_portal.l10n.dates import un_date
from att_portal.notifications.services import Message, messages_queue

from .deadlines import Deadline, deadlines_of
from .enums import REMINDER_STEPS, Body, DeadlineState
from .models import Invitation, Meeting
from .permissions import CHAIR_OF
from .rules import RULES_BY_BODY, Responsible
from .services import delegation_contacts

WINDOW_DAYS = max(days for _step, days in REMINDER_STEPS)


def step_for(days_left: int) -> str | None:
    """The latest reminder step that applies with `days_left` days to go."""
    applicable = [step for step, days in REMINDER_STEPS if days_left <= days]
    return applicable[-1] if applicable else None


def deadlines_in_window(today: datetime.date) -> list[Deadline]:
    last = today + datetime.timedelta(days=WINDOW_DAYS)
    rule_window = Q()
    for body, rules in RULES_BY_BODY.items():
        offsets = [rule.days_before for rule in rules]
        rule_window |= Q(
            body=body,
            starts_on__gte=today + datetime.timedelta(days=min(offsets)),
            starts_on__lte=last + datetime.timedelta(days=max(offsets)),
        )
    meetings = (
        Meeting.objects.filter(rule_window | Q(calls__due_on__range=(today, last)))
        .filter(cancelled_at__isnull=True)
        .distinct()
        .select_related("cycle")
        .prefetch_related("completions", "calls")
    )
    return [
        d
        for d in deadlines_of(meetings)
        if today <= d.due_on <= last and d.state(today) != DeadlineState.MET
    ]


class Recipients:
    """Who is responsible, resolved in a fixed number of queries for the whole scan."""

    def __init__(self, meetings: list[Meeting]):
        self.secretariat = list(
            User.objects.filter(
                affiliation=Affiliation.SECRETARIAT,
                is_active=True,
                role_assignments__in=RoleAssignment.objects.active().filter(role=Role.SECRETARIAT),
            ).distinct()
        )
        self.chairs: dict[str, list[User]] = {}
        for assignment in (
            RoleAssignment.objects.active()
            .filter(role__in=set(CHAIR_OF.values()), user__is_active=True)
            .select_related("user")
        ):
            self.chairs.setdefault(assignment.role, []).append(assignment.user)
        invitations = Invitation.objects.filter(meeting__in=meetings, state__isnull=False)
        self.invited: dict[int, list[int]] = {}
        for meeting_id, state_id in invitations.values_list("meeting_id", "state_id"):
            self.invited.setdefault(meeting_id, []).append(state_id)
        # Acts of one State (DIEF ToR art. 12): the workflows know which States act.
        self.acting = registry.acting_states(meetings)
        self.contacts = delegation_contacts(
            {s for ids in [*self.invited.values(), *self.acting.values()] for s in ids}
        )

    def of(self, deadline: Deadline) -> list[User]:
        if deadline.responsible == Responsible.SECRETARIAT:
            if deadline.consulted == Responsible.CHAIR:
                # The Secretariat acts after consulting the Chair (DIEF ToR art. 10).
                return self.secretariat + self.chairs.get(CHAIR_OF.get(deadline.meeting.body), [])
            return self.secretariat
        if deadline.responsible == Responsible.CHAIR:
            # The Secretariat prepares with the Chair (DIEF ToR arts. 5, 9-10).
            return self.chairs.get(CHAIR_OF.get(deadline.meeting.body), []) + self.secretariat
        if deadline.responsible == Responsible.INVITED_DELEGATIONS:
            return [
                person
                for state_id in self.invited.get(deadline.meeting.pk, [])
                for person in self.contacts.get(state_id, [])
            ]
        acting = self.acting.get((deadline.meeting.pk, deadline.key))
        if acting:
            return [person for state_id in acting for person in self.contacts.get(state_id, [])]
        # Other acts of one State (expert proposals) are reminded by the workflows that
        # know which State must act.
        return []


def reminders_queue(today: datetime.date | None = None) -> int:
    """Queue the reminders due today; returns how many messages the scan asked for."""
    today = today or timezone.localdate()
    deadlines = deadlines_in_window(today)
    recipients = Recipients(list({d.meeting.pk: d.meeting for d in deadlines}.values()))
    messages = []
    for deadline in deadlines:
        step = step_for((deadline.due_on - today).days)
        url = reverse("meetings:detail", args=[deadline.meeting.pk])
        for person in recipients.of(deadline):
            messages.append(
                Message(
                    key=f"reminder:{deadline.meeting.pk}:{deadline.key}:{step}:{person.pk}",
                    recipient=person,
                    template="deadline-reminder",
                    context={
                        "deadline": deadline,
                        "meeting": deadline.meeting,
                        "confidential": deadline.meeting.body == Body.DIEF,
                    },
                    url=url,
                    notice_title=lambda d=deadline: (
                        # A confidential meeting's deadline may be the free text of a call.
                        _("Due %(date)s: a deadline in the confidential area")
                        % {"date": un_date(d.due_on)}
                        if d.meeting.confidential_forum
                        else _("Due %(date)s: %(title)s")
                        % {"date": un_date(d.due_on), "title": d.title}
                    ),
                )
            )
    messages_queue(messages)
    return len(messages)
