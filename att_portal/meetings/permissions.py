from __future__ import annotations

from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.directory.permissions import is_dief_participant, is_secretariat

from .enums import Body
from .models import CspCycle, Meeting


@access.register(CspCycle)
class CspCyclePolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset


@access.register(Meeting)
class MeetingPolicy(access.Policy):
    """Meetings of the open bodies are seen by every registered participant (the
    restricted area). DIEF meetings only by States Parties and signatories, the Chair
    and the Secretariat (ToR arts. 6, 14), or by a person granted the meeting through
    django-guardian (e.g. an approved non-state expert, ToR art. 8)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_dief_participant(user):
            return queryset
        return queryset.filter(
            ~Q(body=Body.DIEF) | access.guardian_q(user, queryset, "meetings.view_meeting")
        )

    def can(self, user, action: str, obj) -> bool:
        if action == access.Action.CHANGE:
            return is_secretariat(user)
        return super().can(user, action, obj)
