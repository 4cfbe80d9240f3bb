from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from att_portal import access
from att_portal.directory.models import User
from att_portal.directory.permissions import is_secretariat
from att_portal.directory.un_names import by_name

from .deadlines import Deadline, deadlines_of
from .models import DeadlineCompletion, Invitation, Meeting, MeetingCall, Participation
from .permissions import CHAIR_OF
from .rules import Responsible


def meetings_visible_to(user, *, body: str | None = None) -> QuerySet[Meeting]:
    meetings = access.visible(user, Meeting.objects.with_related())
    if body:
        meetings = meetings.filter(body=body)
    return meetings


def upcoming_meetings_for(user, *, today: datetime.date | None = None) -> QuerySet[Meeting]:
    today = today or timezone.localdate()
    return meetings_visible_to(user).filter(ends_on__gte=today).order_by("starts_on")


def with_deadline_data(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.prefetch_related(
        Prefetch("completions", queryset=DeadlineCompletion.objects.select_related("completed_by")),
        Prefetch("calls", queryset=MeetingCall.objects.order_by("due_on")),
    )


def participants_visible_to(user, meeting: Meeting) -> QuerySet[Participation]:
    return access.visible(
        user, meeting.participations.select_related("person", "person__state", "nominated_by")
    )


def invitations_visible_to(user, meeting: Meeting) -> QuerySet[Invitation]:
    """States in the order of their names in the reader's language, then organisations."""
    return access.visible(
        user, meeting.invitations.select_related("state", "organisation")
    ).order_by(by_name("state__country"), "organisation__name")


def my_deadlines(user, *, today: datetime.date | None = None) -> list[Deadline]:
    """What the person (or their delegation) must do, in meetings they may see, from today."""
    today = today or timezone.localdate()
    from att_portal.directory.permissions import active_roles

    meetings = with_deadline_data(meetings_visible_to(user).filter(ends_on__gte=today))
    roles = active_roles(user)
    invited = set()
    if user.state_id:
        invited = set(
            Invitation.objects.filter(state_id=user.state_id).values_list("meeting_id", flat=True)
        )
    elif user.organisation_id:
        invited = set(
            Invitation.objects.filter(organisation_id=user.organisation_id).values_list(
                "meeting_id", flat=True
            )
        )

    def concerns_me(deadline: Deadline) -> bool:
        if deadline.responsible == Responsible.SECRETARIAT:
            return is_secretariat(user)
        if deadline.responsible == Responsible.CHAIR:
            return CHAIR_OF.get(deadline.meeting.body) in roles
        if deadline.responsible == Responsible.INVITED_DELEGATIONS:
            return deadline.meeting.pk in invited
        # A State's own acts (proposals, notices, replies) concern its delegates.
        return user.state_id is not None and deadline.meeting.pk in invited

    return [d for d in deadlines_of(meetings) if d.due_on >= today and concerns_me(d)]


def delegation_members_to_nominate(user) -> QuerySet[User]:
    return User.objects.filter(
        state_id=user.state_id, affiliation="delegation", is_active=True
    ).order_by("last_name", "first_name")
