"""Reads of the expert procedure (ToR art. 8): its dates and its state, derived from the
dates and the acts recorded on the proposal whenever it is read, so that a page is right
even when the scheduler was down."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from att_portal import access
from att_portal.meetings.models import Meeting
from att_portal.meetings.rules import DIEF_RULES

from ..deadlines import silence_procedure_end
from ..enums import (
    APPROVED_STATES,
    OBJECTION_PENDING_STATES,
    SILENCE_STATES,
    ProceduralDecision,
    ProcedureState,
)
from ..models import ExpertObjection, ExpertProposal

_RULES = {rule.key: rule for rule in DIEF_RULES}
PROPOSAL_RULE = _RULES["expert_proposals"]  # at least 30 days before the meeting
REFERRAL_RULE = _RULES["expert_objections_unresolved"]  # 20 days before the meeting


def proposals_due_on(meeting: Meeting) -> datetime.date:
    return PROPOSAL_RULE.due_on(meeting.starts_on)


def referral_on(meeting: Meeting) -> datetime.date:
    """Day S − 20: an objection still unresolved at the *end* of this day, Geneva time, goes
    to a procedural decision (ToR art. 8) — it is referred from the next day on."""
    return REFERRAL_RULE.due_on(meeting.starts_on)


def is_referral_over(meeting: Meeting, today: datetime.date) -> bool:
    """Whether day S − 20 is over: a withdrawal during that day still resolves the
    objection."""
    return today > referral_on(meeting)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def silence_ends_on(proposal: ExpertProposal) -> datetime.date | None:
    if proposal.circulated_at is None:
        return None
    return silence_procedure_end(_local_date(proposal.circulated_at))


def _standing_at(objection: ExpertObjection, day: datetime.date) -> bool:
    """Whether the objection stood at the end of `day`."""
    return _local_date(objection.raised_at) <= day and (
        objection.withdrawn_at is None or _local_date(objection.withdrawn_at) > day
    )


def procedure_state(
    proposal: ExpertProposal,
    objections: list[ExpertObjection] | None = None,
    today: datetime.date | None = None,
) -> ProcedureState:
    """Where the proposal stands today: the one source of the status shown on every page
    and in every message of the procedure."""
    today = today or timezone.localdate()
    if proposal.decision:
        return (
            ProcedureState.DECIDED_APPROVED
            if proposal.decision == ProceduralDecision.APPROVED
            else ProcedureState.DECIDED_NOT_APPROVED
        )
    end = silence_ends_on(proposal)
    if end is None:
        return ProcedureState.PROPOSED
    if objections is None:
        objections = list(proposal.objections.all())
    if today <= end:
        # An objection raised in the silence is pending at once, not only when it ends.
        if any(objection.withdrawn_at is None for objection in objections):
            return ProcedureState.OBJECTED_IN_SILENCE
        return ProcedureState.IN_SILENCE
    if not any(_standing_at(objection, end) for objection in objections):
        return ProcedureState.APPROVED_BY_SILENCE
    if all(objection.withdrawn_at is not None for objection in objections):
        return ProcedureState.APPROVED_AFTER_CONSULTATION
    if is_referral_over(proposal.presentation.meeting, today):
        return ProcedureState.REFERRED
    return ProcedureState.IN_CONSULTATION


def is_approved(state: ProcedureState) -> bool:
    return state in APPROVED_STATES


def awaits_circulation(proposal: ExpertProposal, today: datetime.date | None = None) -> bool:
    """A proposal the Secretariat has still to circulate, while circulating is possible
    (its presentation stands and the meeting has not begun)."""
    today = today or timezone.localdate()
    presentation = proposal.presentation
    return (
        proposal.circulated_at is None
        and not proposal.decision
        and presentation.withdrawn_at is None
        and presentation.meeting.starts_on > today
    )


def proposals_awaiting_circulation(today: datetime.date | None = None) -> QuerySet[ExpertProposal]:
    """For the Secretariat's reminders: every proposal not yet circulated that still can be."""
    today = today or timezone.localdate()
    return ExpertProposal.objects.filter(
        circulated_at__isnull=True,
        decision="",
        presentation__withdrawn_at__isnull=True,
        presentation__meeting__starts_on__gt=today,
    ).select_related("presentation__meeting")


@dataclass(frozen=True)
class Procedure:
    """A proposal with everything its pages show, computed once."""

    proposal: ExpertProposal
    state: ProcedureState
    proposals_due_on: datetime.date
    silence_ends_on: datetime.date | None
    referral_on: datetime.date
    days_left_in_silence: int | None
    # Day S − 20 is over: an objection standing at the end of the silence goes to a
    # procedural decision at once.
    referral_passed: bool = False

    @property
    def approved(self) -> bool:
        return is_approved(self.state)

    @property
    def silence_running(self) -> bool:
        """States Parties may still object (with or without an objection already)."""
        return self.state in SILENCE_STATES

    @property
    def objection_pending(self) -> bool:
        """An objection stands and awaits resolution between the two States."""
        return self.state in OBJECTION_PENDING_STATES

    @property
    def awaiting_circulation(self) -> bool:
        """Received, not yet circulated: the Secretariat circulates at once (ToR art. 8);
        the pages flag it until it does."""
        return awaits_circulation(self.proposal)


def procedure_of(proposal: ExpertProposal, today: datetime.date | None = None) -> Procedure:
    today = today or timezone.localdate()
    meeting = proposal.presentation.meeting
    end = silence_ends_on(proposal)
    state = procedure_state(proposal, list(proposal.objections.all()), today)
    return Procedure(
        proposal=proposal,
        state=state,
        proposals_due_on=proposals_due_on(meeting),
        silence_ends_on=end,
        referral_on=referral_on(meeting),
        days_left_in_silence=(end - today).days if state in SILENCE_STATES else None,
        referral_passed=is_referral_over(meeting, today),
    )


def proposals_visible_to(user) -> QuerySet[ExpertProposal]:
    return access.visible(
        user,
        ExpertProposal.objects.select_related(
            "presentation__meeting", "presentation__case__provider_state", "proposing_state"
        ).prefetch_related(Prefetch("objections", queryset=ExpertObjection.objects.order_by())),
    )


def procedures_visible_to(user, today: datetime.date | None = None) -> list[Procedure]:
    """The proposals the user sees, each with its procedure, in a fixed number of queries."""
    return [procedure_of(proposal, today) for proposal in proposals_visible_to(user)]


def pending_objections_seen_by(
    user, procedures: list[Procedure]
) -> dict[int, list[ExpertObjection]]:
    """Per proposal whose objection is pending, the standing objections the user may see:
    who objected and when is for the objecting and the proposing State and the
    Secretariat (`ExpertObjectionPolicy`); the others read only that an objection is
    pending. One query, none when no objection is pending."""
    pending = [p.proposal.pk for p in procedures if p.objection_pending]
    if not pending:
        return {}
    seen: dict[int, list[ExpertObjection]] = {pk: [] for pk in pending}
    objections = access.visible(
        user,
        ExpertObjection.objects.filter(proposal_id__in=pending, withdrawn_at__isnull=True)
        .select_related("state")
        .order_by("raised_at", "pk"),
    )
    for objection in objections:
        seen[objection.proposal_id].append(objection)
    return seen
