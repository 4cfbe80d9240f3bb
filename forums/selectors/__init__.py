"""Reads of cases and platform items: every list, search, count, export and task of the
forum's shared material goes through these, and they through the permission layer."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from att_portal import access

from ..models import AccessRecord, Attachment, Case, CasePresentation, PlatformItem


def cases_visible_to(user) -> QuerySet[Case]:
    return access.visible(user, Case.objects.select_related("provider_state"))


def platform_items_visible_to(user) -> QuerySet[PlatformItem]:
    return access.visible(user, PlatformItem.objects.select_related("provider_state"))


def shared_items_visible_to(user, model: type[Case] | type[PlatformItem]) -> QuerySet:
    return cases_visible_to(user) if model is Case else platform_items_visible_to(user)


def released_items_visible_to(user, model: type[Case] | type[PlatformItem]) -> QuerySet:
    """Cases or platform items the participants released from confidentiality (ToR
    art. 14), as restricted-area material."""
    return (
        access.visible(user, model.objects.select_related("provider_state"))
        .filter(releases__isnull=False)
        .prefetch_related("categories", "releases__meeting")
    )


def shared_items_matching(
    queryset: QuerySet, *, words: str = "", category: str = "", state_id: int | None = None
) -> QuerySet:
    if words:
        queryset = queryset.filter(
            Q(title__icontains=words)
            | Q(summary__icontains=words)
            | Q(other_subject__icontains=words)
        )
    if category:
        queryset = queryset.filter(categories__code=category)
    if state_id:
        queryset = queryset.filter(provider_state_id=state_id)
    return queryset.prefetch_related("categories")


def attachments_of(user, item) -> QuerySet[Attachment]:
    field = "case" if isinstance(item, Case) else "platform_item"
    return access.visible(user, Attachment.objects.filter(**{field: item}))


def access_records_of(user, item, *, limit: int = 100) -> list[AccessRecord]:
    field = "case" if isinstance(item, Case) else "platform_item"
    records = access.visible(user, AccessRecord.objects.filter(**{field: item}))
    return list(records.select_related("person", "state")[:limit])


def presentations_of(user, case: Case) -> QuerySet[CasePresentation]:
    return access.visible(
        user, CasePresentation.objects.filter(case=case).select_related("meeting")
    )


def admissions_of(user) -> QuerySet:
    """The presentations a non-state expert is admitted to (accepted or not yet)."""
    from ..models import ExpertAdmission

    return ExpertAdmission.objects.filter(
        expert=user,
        presentation__withdrawn_at__isnull=True,
        presentation__meeting__ends_on__gte=timezone.localdate(),
    ).select_related("presentation__case__provider_state", "presentation__meeting")
