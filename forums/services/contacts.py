"""Law-enforcement contact details (ToR art. 20), exchanged via the Secretariat: the
Secretariat enters and keeps them; States Parties' and signatories' delegates read them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.access import Action
from att_portal.directory.models import DIEF_STATUSES, State
from att_portal.directory.un_names import by_name

from ..models import LawEnforcementContact


def contact_states():
    """The States whose contacts the forum exchanges: States Parties and signatories."""
    return State.objects.with_status(*DIEF_STATUSES).order_by(by_name())


@transaction.atomic
def law_enforcement_contact_save(*, by, contact: LawEnforcementContact) -> LawEnforcementContact:
    # A new row has no pk yet; the policy's CHANGE rule (Secretariat only) applies to both.
    if not access.can(by, Action.CHANGE, contact):
        raise PermissionDenied
    if not contact_states().filter(pk=contact.state_id).exists():
        raise ValidationError({"state": _("Only States Parties and signatories take part.")})
    creating = contact.pk is None
    contact.full_clean()
    contact._history_user = by
    contact._change_reason = "Entered" if creating else "Updated"
    contact.save()
    return contact


@transaction.atomic
def law_enforcement_contact_delete(*, by, contact: LawEnforcementContact) -> None:
    access.require(by, Action.CHANGE, contact)
    contact._history_user = by
    contact._change_reason = "Removed"
    contact.delete()
