"""Oral briefings (ToR art. 22): the Chair drafts, the States that took part agree or
object, a presenting State may object to any briefing based on its case."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.access import Action
from att_portal.directory.models import State, User
from att_portal.l10n.dates import un_date
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting, Participation
from att_portal.meetings.services import delegation_contacts
from att_portal.notifications.services import Message, messages_queue

from ..enums import BriefingAudience, Position
from ..models import Briefing, BriefingPosition, CasePresentation
from ..selectors.briefings import may_take_position, states_named_in, taking_part_state_ids


def _check_based_on(meeting: Meeting, based_on: list[CasePresentation]) -> None:
    if any(p.meeting_id != meeting.pk or p.withdrawn_at is not None for p in based_on):
        raise ValidationError(
            {"based_on": _("A briefing is based only on cases presented at its meeting.")}
        )


def _check_due(objections_due_on) -> None:
    """Art. 22: the Chair circulates the text with the date by which a State may object;
    a date already past would clear it unseen."""
    if objections_due_on is None:
        raise ValidationError(
            {"objections_due_on": _("Give the date by which the States may object.")}
        )
    if objections_due_on < timezone.localdate():
        raise ValidationError(
            {"objections_due_on": _("The date by which the States may object cannot be past.")}
        )


def _set_attributable(briefing: Briefing, declared: Iterable[State]) -> None:
    """The States the Chair declares and those the text names: each must consent."""
    briefing.attributable_to.set({*declared, *states_named_in(briefing.text)})


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the text of the briefing.")})
    return text


@transaction.atomic
def briefing_draft(
    *,
    by: User,
    meeting: Meeting,
    audience: str,
    text: str,
    objections_due_on,
    based_on: Iterable[CasePresentation] = (),
    attributable_to: Iterable[State] = (),
) -> Briefing:
    """The Chair drafts a briefing of WGETI or the CSP once a DIEF meeting has ended and
    circulates it to the States with the date by which they may object (art. 22)."""
    briefing = Briefing(meeting=meeting, audience=audience, drafted_by=by)
    if not access.can(by, Action.CHANGE, briefing):
        raise PermissionDenied
    if meeting.body != Body.DIEF:
        raise ValidationError(_("Only a DIEF meeting is briefed on under ToR art. 22."))
    if meeting.ends_on >= timezone.localdate():
        raise ValidationError(_("A briefing is drafted only after the meeting has ended."))
    based_on = list(based_on)
    _check_based_on(meeting, based_on)
    briefing.text = _check_text(text)
    if audience not in BriefingAudience.values:
        raise ValidationError({"audience": _("Choose WGETI or the CSP.")})
    _check_due(objections_due_on)
    briefing.objections_due_on = objections_due_on
    briefing.full_clean()
    briefing._change_reason = f"Drafted and circulated by {by}"
    briefing._history_user = by
    briefing.save()
    briefing.based_on.set(based_on)
    _set_attributable(briefing, attributable_to)
    transaction.on_commit(lambda: _notify(briefing))
    return briefing


@transaction.atomic
def briefing_revise(
    *,
    by: User,
    briefing: Briefing,
    text: str,
    objections_due_on=None,
    audience: str | None = None,
    based_on: Iterable[CasePresentation] | None = None,
    attributable_to: Iterable[State] | None = None,
) -> Briefing:
    """A change of the text (or of the audience or the cases) is a new revision,
    circulated again with a date not yet past: earlier agreements no longer count; an
    objection stands until its State changes it. A new date alone extends (or sets) the
    period for objections of the current revision."""
    access.require(by, Action.CHANGE, briefing)
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    was_circulated = briefing.objections_due_on is not None
    text = _check_text(text)
    changed = text != briefing.text
    if audience is not None and audience != briefing.audience:
        if audience not in BriefingAudience.values:
            raise ValidationError({"audience": _("Choose WGETI or the CSP.")})
        briefing.audience = audience
        changed = True
    if based_on is not None:
        based_on = list(based_on)
        _check_based_on(briefing.meeting, based_on)
        if {p.pk for p in based_on} != set(briefing.based_on.values_list("pk", flat=True)):
            briefing.based_on.set(based_on)
            changed = True
    due = objections_due_on if objections_due_on is not None else briefing.objections_due_on
    date_changed = due != briefing.objections_due_on
    if changed or date_changed:
        _check_due(due)
    if attributable_to is not None or changed:
        declared = briefing.attributable_to.all() if attributable_to is None else attributable_to
        briefing.text = text
        _set_attributable(briefing, list(declared))
    if not (changed or date_changed):
        return briefing
    briefing.objections_due_on = due
    if changed:
        briefing.text = text
        briefing.revision += 1
    briefing.full_clean()
    briefing._change_reason = (
        f"Revision {briefing.revision} by {by}" if changed else f"Objections by {due}, {by}"
    )
    briefing._history_user = by
    briefing.save()
    if changed or not was_circulated:
        transaction.on_commit(lambda: _notify(briefing))
    return briefing


@transaction.atomic
def briefing_position_record(
    *, by: User, briefing: Briefing, position: str, reason: str = ""
) -> BriefingPosition:
    """A State agrees to or objects to the current revision; one position per State,
    updated in place."""
    if not may_take_position(by, briefing):
        raise PermissionDenied
    if position not in Position.values:
        raise ValidationError({"position": _("Agree or object.")})
    reason = (reason or "").strip()
    if position == Position.OBJECT and not reason:
        raise ValidationError({"reason": _("Give the reason for the objection.")})
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    due = briefing.objections_due_on
    if position == Position.OBJECT and due is not None and timezone.localdate() > due:
        # Art. 22: the date set when the text was circulated has passed; silence stood.
        raise ValidationError(
            {
                "position": _("Objections to this text were due by %(date)s.")
                % {"date": un_date(due)}
            }
        )
    record = BriefingPosition.objects.filter(briefing=briefing, state_id=by.state_id).first()
    if record is None:
        record = BriefingPosition(briefing=briefing, state_id=by.state_id)
    record.revision = briefing.revision
    record.position = position
    record.reason = reason
    record.recorded_by = by
    record.full_clean()
    record._change_reason = f"{position} (revision {briefing.revision}) by {by}"
    record._history_user = by
    record.save()
    return record


def _notify(briefing: Briefing) -> None:
    """A neutral notice to the States that took part and those whose case it is based on:
    no text, no State, no case in the message; only the link."""
    state_ids = taking_part_state_ids(briefing.meeting) | set(
        briefing.based_on.values_list("case__provider_state_id", flat=True)
    )
    people = {p.pk: p for members in delegation_contacts(state_ids).values() for p in members}
    for participation in Participation.objects.filter(
        meeting=briefing.meeting, person__is_active=True, person__state_id__in=state_ids
    ).select_related("person"):
        people.setdefault(participation.person_id, participation.person)
    url = reverse("dief:briefing_detail", args=[briefing.pk])
    messages_queue(
        [
            Message(
                key=f"dief-briefing:{briefing.pk}:{briefing.revision}:{person.pk}",
                recipient=person,
                template="dief-briefing",
                context={"revision": briefing.revision},
                url=url,
                notice_title=lambda: _("An oral briefing of the DIEF has been circulated"),
            )
            for person in people.values()
            if person.pk != briefing.drafted_by_id
        ]
    )
