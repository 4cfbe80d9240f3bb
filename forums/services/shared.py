"""Cases and platform items: what a State shares, with whom, and who opened it."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_groups_with_perms, remove_perm

from att_portal import access
from att_portal.access import Action
from att_portal.directory.models import State
from att_portal.directory.services import delegation_group
from att_portal.directory.un_names import by_name

from ..enums import AccessKind, Category, Distribution
from ..models import AccessRecord, Attachment, Case, InformationCategory, PlatformItem
from ..permissions import may_share

SharedItem = Case | PlatformItem


def categories_for(codes: Iterable[str]) -> list[InformationCategory]:
    """The art. 19 category rows for `codes` (re-created if a test flushed them)."""
    codes = sorted(set(codes))
    unknown = set(codes) - set(Category.values)
    if unknown:
        raise ValidationError(_("Unknown category: %(codes)s.") % {"codes": ", ".join(unknown)})
    InformationCategory.objects.bulk_create(
        [InformationCategory(code=code) for code in codes], ignore_conflicts=True
    )
    return list(InformationCategory.objects.filter(code__in=codes))


def _view_perm(item: SharedItem) -> str:
    return f"forums.view_{type(item)._meta.model_name}"


def _granted_groups(item: SharedItem):
    codename = _view_perm(item).split(".", 1)[1]  # guardian filters by codename here
    return get_groups_with_perms(item, only_with_perms_in=[codename])


def named_states(item: SharedItem) -> list[State]:
    """The States an item is narrowed to (other than its provider)."""
    groups = _granted_groups(item)
    return list(State.objects.filter(delegation_group__in=groups).order_by(by_name()))


def restricted_to(item: SharedItem) -> list[State] | None:
    """The States that may read an item narrowed to named States — its provider's and the
    ones it names — by their UN names in the active language; None when it is open to
    every DIEF participant."""
    if item.distribution != Distribution.NAMED_STATES:
        return None
    groups = _granted_groups(item)
    return list(
        State.objects.filter(Q(pk=item.provider_state_id) | Q(delegation_group__in=groups))
        .distinct()
        .order_by(by_name())
    )


def _narrow(item: SharedItem, states: Iterable[State]) -> None:
    """Grant the item to exactly `states`' delegation groups, through django-guardian."""
    perm = _view_perm(item)
    wanted = {delegation_group(state).pk for state in states if state.pk != item.provider_state_id}
    granted = set(_granted_groups(item).values_list("pk", flat=True))
    for group in Group.objects.filter(pk__in=granted - wanted):
        remove_perm(perm, group, item)
    for group in Group.objects.filter(pk__in=wanted - granted):
        assign_perm(perm, group, item)


def audience_check(
    *, distribution: str, named: Iterable[State], provider_state_id: int | None
) -> None:
    """The one rule on who reads a case or platform item, asked by its form and by
    `shared_item_save`: "Only the States I name" names at least one State besides the
    provider's own (which always reads it); "All DIEF participants" names none, so that
    States picked for a narrower audience never leave the item open to every participant."""
    others = [state for state in named if state.pk != provider_state_id]
    if distribution == Distribution.NAMED_STATES and not others:
        raise ValidationError(
            {"named_states": _("Name at least one State, or share with all DIEF participants.")}
        )
    if distribution != Distribution.NAMED_STATES and others:
        raise ValidationError(
            {
                "named_states": _(
                    "You named States but chose “All DIEF participants”, which would let "
                    "every participant read it. Choose “Only the States I name” to share it "
                    "with these States only, or remove them to share it with all."
                )
            }
        )


@transaction.atomic
def shared_item_save(
    *,
    by,
    item: SharedItem,
    categories: Iterable[str],
    named: Iterable[State] = (),
) -> SharedItem:
    """Create or change a case or platform item of the user's own State."""
    if item.pk is None:
        if not may_share(by):
            raise PermissionDenied
        item.provider_state_id = by.state_id
        item.created_by = by
        item._change_reason = f"Shared by {by}"
    else:
        access.require(by, Action.CHANGE, item)
        item._change_reason = f"Changed by {by}"
    named = list(named)
    audience_check(
        distribution=item.distribution, named=named, provider_state_id=item.provider_state_id
    )
    item.full_clean(exclude=["categories"])
    item.save()
    item.categories.set(categories_for(categories))
    _narrow(item, named)
    if isinstance(item, Case):
        from .presentations import presentation_titles_refresh

        presentation_titles_refresh(by=by, case=item)
    return item


@transaction.atomic
def attachment_add(*, by, item: SharedItem, uploaded, content_type: str, safe_name: str):
    """Store an accepted upload beside an item; a failure leaves no file and no row."""
    access.require(by, Action.CHANGE, item)
    attachment = Attachment(
        original_name=safe_name,
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=by,
        **{"case" if isinstance(item, Case) else "platform_item": item},
    )
    attachment.file.save(attachment.storage_name, uploaded, save=False)
    try:
        attachment.full_clean(exclude=["file"])
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, by, attachment: Attachment) -> None:
    access.require(by, Action.CHANGE, attachment)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def access_record(*, person, item: SharedItem, kind: AccessKind) -> AccessRecord:
    """Log that `person` opened or downloaded `item` (beyond the rule book: providers
    see who in which State opened their items)."""
    with translation.override("en"):  # stored once, shown in each reader's language
        label = person.affiliation_label
    return AccessRecord.objects.create(
        person=person,
        state_id=person.state_id,
        affiliation_label=label,
        kind=kind,
        **{"case" if isinstance(item, Case) else "platform_item": item},
    )


@transaction.atomic
def undertaking_accept(*, by, admission) -> None:
    """The expert accepts the confidentiality undertaking (ToR art. 15); once only."""
    if admission.expert_id != by.pk:
        raise PermissionDenied
    if admission.undertaking_accepted_at is None:
        from django.utils import timezone

        admission.undertaking_accepted_at = timezone.now()
        admission._change_reason = "Confidentiality undertaking accepted"
        admission.save(update_fields=["undertaking_accepted_at"])
