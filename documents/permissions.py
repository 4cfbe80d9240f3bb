"""Who sees which document: public and restricted-area documents every registered
participant; confidential ones only those the forum admits (DIEF ToR arts. 14, 23)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.directory.permissions import is_dief_participant, is_secretariat
from att_portal.meetings.enums import Body

from .enums import Distribution
from .models import Document, LanguageVersion

# The predicate that admits a person to each confidential forum.
FORUM_MEMBERS = {Body.DIEF: is_dief_participant}


def forums_of(user) -> list[str]:
    return [forum for forum, admits in FORUM_MEMBERS.items() if admits(user)]


@access.register(Document)
class DocumentPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        return queryset.filter(
            ~Q(distribution=Distribution.CONFIDENTIAL)
            | Q(forum__in=forums_of(user))
            | access.guardian_q(user, queryset, "documents.view_document")
        )

    def can(self, user, action: str, obj) -> bool:
        if action == access.Action.CHANGE:
            return is_secretariat(user)
        return super().can(user, action, obj)


@access.register(LanguageVersion)
class LanguageVersionPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(document__in=access.visible(user, Document).values("pk"))
