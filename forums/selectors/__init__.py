"""Reads of cases and platform items: every list, search, count, export and task of the
forum's shared material goes through these, and they through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
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


@dataclass(frozen=True)
class AccessLog:
    """Who opened an item: the latest openings shown, and the counts of all of them."""

    records: list[AccessRecord]
    by_others: int  # openings by anyone but the providing State's own delegation
    by_provider: int  # openings by the providing State's own delegation
    includes_provider: bool  # whether `records` include the provider's own openings

    @property
    def matching(self) -> int:
        """How many openings the log lists (of which `records` are the latest)."""
        return self.by_others + (self.by_provider if self.includes_provider else 0)


def access_log_of(user, item, *, include_provider: bool = False, limit: int = 100) -> AccessLog:
    """The item's access log as `user` may see it. By default without the openings by the
    providing State's own delegation, which would otherwise fill it: the provider wants to
    know who else opened its material. Two queries, whatever the number of openings."""
    field = "case" if isinstance(item, Case) else "platform_item"
    records = access.visible(user, AccessRecord.objects.filter(**{field: item}))
    own = Q(state_id=item.provider_state_id)
    counts = records.aggregate(total=Count("pk"), own=Count("pk", filter=own))
    if not include_provider:
        records = records.exclude(own)
    return AccessLog(
        records=list(records.select_related("person", "state")[:limit]),
        by_others=counts["total"] - counts["own"],
        by_provider=counts["own"],
        includes_provider=include_provider,
    )


def presentations_of(user, case: Case) -> QuerySet[CasePresentation]:
    return access.visible(
        user, CasePresentation.objects.filter(case=case).select_related("meeting")
    )


def admissions_of(user) -> QuerySet:
    """The presentations a non-state expert is admitted to (accepted or not yet)."""
    from ..models import ExpertAdmission

    own = ExpertAdmission.objects.filter(
        expert_id=user.pk,
        presentation__withdrawn_at__isnull=True,
        presentation__meeting__ends_on__gte=timezone.localdate(),
    )
    return access.visible(user, own).select_related(
        "presentation__case__provider_state", "presentation__meeting"
    )
