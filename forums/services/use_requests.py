"""Operational use (ToR art. 16): participants may pass what they learn at the forum to
their national authorities under strict confidentiality, but before any operational use
(an export assessment, enforcement proceedings) they discuss it with the provider, who
states its position in the discussion: it agrees, agrees with conditions, or has
concerns. Nothing is granted or declined. Only the two States see the discussion, and
the Secretariat for administration (see `forums.permissions`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.access import Action
from att_portal.meetings.services import delegation_contacts
from att_portal.notifications.services import Message, messages_queue

from ..enums import ProviderPosition
from ..models import Case, OperationalUseMessage, OperationalUseRequest, PlatformItem
from ..permissions import DiefAction, provider_state_id

POSITIONS = (
    ProviderPosition.AGREES,
    ProviderPosition.AGREES_WITH_CONDITIONS,
    ProviderPosition.HAS_CONCERNS,
)


def _notify(*, request: OperationalUseRequest, state_id: int, step: str, template: str) -> None:
    """Tell the other party's delegation that something awaits it: a neutral sentence and
    a link, never the item, the purpose or the States concerned (art. 16)."""
    url = reverse("dief:use_request_detail", args=[request.pk])
    recipients = delegation_contacts([state_id]).get(state_id, [])

    def title() -> str:
        if template == "dief-use-request":
            return _("DIEF: a discussion about information your State shared")
        return _("DIEF: news in an operational-use discussion")

    transaction.on_commit(
        lambda: messages_queue(
            [
                Message(
                    key=f"dief-use:{request.pk}:{step}:{person.pk}",
                    recipient=person,
                    template=template,
                    url=url,
                    notice_title=title,
                )
                for person in recipients
            ]
        )
    )


@transaction.atomic
def use_request_create(
    *, by, item: Case | PlatformItem, purpose: str, description: str
) -> OperationalUseRequest:
    """Open a discussion with the provider before using `item` operationally. 404 for an
    item the user cannot see, 403 for one they see but may not discuss (their own State's,
    for instance)."""
    access.require(by, DiefAction.REQUEST_USE, item)
    request = OperationalUseRequest(
        requesting_state_id=by.state_id,
        requested_by=by,
        purpose=purpose,
        description=description,
        **{"case" if isinstance(item, Case) else "platform_item": item},
    )
    request.full_clean()
    request._history_user = by
    request._change_reason = "Discussion opened"
    request.save()
    _notify(
        request=request,
        state_id=item.provider_state_id,
        step="requested",
        template="dief-use-request",
    )
    return request


@transaction.atomic
def use_request_message_post(
    *, by, request: OperationalUseRequest, body: str
) -> OperationalUseMessage:
    """Write in the private thread of the two States."""
    access.require(by, Action.CHANGE, request)
    message = OperationalUseMessage(request=request, author=by, body=body)
    message.full_clean()
    message.save()
    other = (
        provider_state_id(request)
        if by.state_id == request.requesting_state_id
        else request.requesting_state_id
    )
    _notify(
        request=request,
        state_id=other,
        step=f"message:{message.pk}",
        template="dief-use-update",
    )
    return message


@transaction.atomic
def use_request_position_state(
    *, by, request: OperationalUseRequest, position: str, details: str = ""
) -> OperationalUseRequest:
    """The provider states its position in the discussion: agrees, agrees with conditions
    (stated), or has concerns (stated). It may restate it as the discussion goes on; the
    history keeps every position stated."""
    access.require(by, DiefAction.STATE_POSITION, request)
    request = OperationalUseRequest.objects.select_for_update().get(pk=request.pk)
    if position not in POSITIONS:
        raise ValidationError({"position": _("Choose a position.")})
    request.provider_position = position
    request.position_details = details.strip()
    request.position_stated_by = by
    request.position_stated_at = timezone.now()
    request.full_clean()
    request._history_user = by
    request._change_reason = "Position stated by the provider"
    request.save()
    _notify(
        request=request,
        state_id=request.requesting_state_id,
        step=f"position:{request.position_stated_at.isoformat()}",
        template="dief-use-update",
    )
    return request


def positions_stated(request: OperationalUseRequest) -> list:
    """The positions the provider stated, oldest first (from the history)."""
    rows = request.history.filter(position_stated_at__isnull=False).order_by("history_date")
    stated, seen = [], set()
    for row in rows.select_related("position_stated_by"):
        if row.position_stated_at not in seen:
            seen.add(row.position_stated_at)
            stated.append(row)
    return stated
