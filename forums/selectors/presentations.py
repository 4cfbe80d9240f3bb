"""Reads of case presentations and concerned-State notices (ToR arts. 11-12).

Deadlines and late flags are computed when read, from the rule table: nothing stored
can go stale. Every list starts from `access.visible`, so the rows a person sees are the
ones `forums.permissions` allows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from att_portal import access
from att_portal.directory.models import DIEF_STATUSES, State
from att_portal.directory.un_names import by_name
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from documents.models import Agenda

from ..deadlines import dief_deadlines
from ..models import Case, CasePresentation, ConcernedState, PresentationIntention

NOTICE_RULE = "concerned_state_notice"  # ToR art. 12: at least 30 days before
REPLY_RULE = "concerned_state_reply"  # ToR art. 12: at least 15 days before


# -- Deadlines, computed on read ------------------------------------------------------------


def notice_due(meeting: Meeting) -> datetime.date:
    """The last day on which the presenting State notifies concerned States on time."""
    return dief_deadlines(meeting.starts_on)[NOTICE_RULE]


def reply_due(meeting: Meeting) -> datetime.date:
    """The last day on which a concerned State replies on time."""
    return dief_deadlines(meeting.starts_on)[REPLY_RULE]


def is_late_notice(concerned: ConcernedState) -> bool:
    return timezone.localdate(concerned.notified_at) > notice_due(concerned.presentation.meeting)


def is_late_reply(concerned: ConcernedState) -> bool:
    if concerned.replied_at is None:
        return False
    return timezone.localdate(concerned.replied_at) > reply_due(concerned.presentation.meeting)


# -- Visibility ------------------------------------------------------------------------------


def presentations_visible_to(user) -> QuerySet[CasePresentation]:
    return access.visible(
        user,
        CasePresentation.objects.select_related(
            "meeting", "case", "case__provider_state", "agenda_item", "reply_item"
        ),
    )


def intentions_waiting_visible_to(user) -> QuerySet[PresentationIntention]:
    """Intentions notified before the next DIEF meeting is announced (ToR art. 11)."""
    return access.visible(
        user,
        PresentationIntention.objects.filter(
            withdrawn_at__isnull=True, presentation__isnull=True
        ).select_related("case__provider_state", "intended_by"),
    )


def waiting_intention_of(user, case: Case) -> PresentationIntention | None:
    return intentions_waiting_visible_to(user).filter(case=case).first()


def case_visible_to(user, case: Case) -> bool:
    return access.visible(user, Case.objects.filter(pk=case.pk)).exists()


def concerned_states_visible_to(user, presentation: CasePresentation) -> QuerySet[ConcernedState]:
    return access.visible(
        user,
        presentation.concerned_states.select_related(
            "state", "presentation__meeting", "replied_by", "notified_by"
        ).order_by(by_name("state__country")),
    )


def concerned_notices_of(user) -> QuerySet[ConcernedState]:
    """The notices addressed to the user's own State, most pressing meeting first."""
    if not user.state_id:
        return ConcernedState.objects.none()
    return (
        access.visible(user, ConcernedState.objects.filter(state_id=user.state_id))
        .select_related("presentation__meeting", "presentation__case__provider_state", "state")
        .order_by("presentation__meeting__starts_on", "notified_at", "pk")
    )


def meetings_for_intentions(user, *, today: datetime.date | None = None):
    """DIEF meetings the user sees that are not over, soonest first. Those whose agenda is
    adopted are closed to intentions (ToR art. 11): `agenda_adopted_at` says so, and the
    service refuses them with the date."""
    today = today or timezone.localdate()
    adopted = Agenda.objects.filter(meeting=OuterRef("pk")).values("adopted_at")[:1]
    return (
        access.visible(user, Meeting.objects.filter(body=Body.DIEF, ends_on__gte=today))
        .annotate(agenda_adopted_at=Subquery(adopted))
        .order_by("starts_on", "pk")
    )


def participating_states(exclude: Iterable[int] = ()) -> QuerySet[State]:
    """States Parties and signatories as of today: the only States a presentation can
    concern in the DIEF (ToR arts. 6, 12)."""
    return State.objects.with_status(*DIEF_STATUSES).exclude(pk__in=list(exclude))


# -- Reminders -------------------------------------------------------------------------------


EXPERT_RULE = "expert_proposals"


def acting_states(meetings: Iterable[Meeting]) -> dict[tuple[int, str], set[int]]:
    """For the reminder scan: which States must act on the art. 12 deadlines of each
    meeting, in two queries. The presenting States of live presentations are reminded of
    the notices; the concerned States are reminded of their reply while it is missing."""
    meeting_ids = [m.pk for m in meetings if m.body == Body.DIEF]
    if not meeting_ids:
        return {}
    states = participating_states().values("pk")
    result: dict[tuple[int, str], set[int]] = {}
    for meeting_id, state_id in CasePresentation.objects.filter(
        meeting_id__in=meeting_ids,
        withdrawn_at__isnull=True,
        case__provider_state__in=states,
    ).values_list("meeting_id", "case__provider_state_id"):
        result.setdefault((meeting_id, NOTICE_RULE), set()).add(state_id)
        # Any State Party or signatory may propose a non-state expert (art. 8); the
        # presenting States, whose presentations the experts join, are the ones reminded.
        result.setdefault((meeting_id, EXPERT_RULE), set()).add(state_id)
    for meeting_id, state_id in ConcernedState.objects.filter(
        presentation__meeting_id__in=meeting_ids,
        presentation__withdrawn_at__isnull=True,
        replied_at__isnull=True,
        state__in=states,
    ).values_list("presentation__meeting_id", "state_id"):
        result.setdefault((meeting_id, REPLY_RULE), set()).add(state_id)
    return result
