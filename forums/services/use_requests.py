"""Operational use (ToR art. 16): before using what it learnt at the forum operationally
(an export assessment, enforcement proceedings), a participant discusses it with the
provider, who agrees, agrees with conditions, or declines. Only the two States see the
request, and the Secretariat for administration (see `forums.permissions`)."""

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

from ..enums import OperationalUseDecision
from ..models import Case, OperationalUseMessage, OperationalUseRequest, PlatformItem
from ..permissions import DiefAction, provider_state_id

DECISIONS = (
    OperationalUseDecision.AGREED,
    OperationalUseDecision.AGREED_WITH_CONDITIONS,
    OperationalUseDecision.DECLINED,
)


def _notify(*, request: OperationalUseRequest, state_id: int, step: str, template: str) -> None:
    """Tell the other party's delegation that something awaits it: a neutral sentence and
    a link, never the item, the purpose or the States concerned (art. 16)."""
    url = reverse("dief:use_request_detail", args=[request.pk])
    recipients = delegation_contacts([state_id]).get(state_id, [])

    def title() -> str:
        if template == "dief-use-request":
            return _("DIEF: a request about information your State shared")
        return _("DIEF: news on an operational-use request")

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
    """Ask the provider before using `item` operationally. 404 for an item the user cannot
    see, 403 for one they see but may not ask about (their own State's, for instance)."""
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
    request._change_reason = "Requested"
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
def use_request_decide(
    *, by, request: OperationalUseRequest, decision: str, conditions: str = ""
) -> OperationalUseRequest:
    """The provider answers, once: agreed, agreed with conditions (stated), or declined."""
    access.require(by, DiefAction.DECIDE, request)
    request = OperationalUseRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != OperationalUseDecision.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    conditions = conditions.strip()
    if decision == OperationalUseDecision.AGREED_WITH_CONDITIONS and not conditions:
        raise ValidationError({"conditions": _("State the conditions of the agreement.")})
    if decision != OperationalUseDecision.AGREED_WITH_CONDITIONS and conditions:
        raise ValidationError(
            {"conditions": _("Conditions go only with an agreement with conditions.")}
        )
    request.decision = decision
    request.conditions = conditions
    request.decided_by = by
    request.decided_at = timezone.now()
    request.full_clean()
    request._history_user = by
    request._change_reason = "Decided by the provider"
    request.save()
    _notify(
        request=request,
        state_id=request.requesting_state_id,
        step="decided",
        template="dief-use-update",
    )
    return request
