"""Non-state experts at the DIEF (ToR arts. 8 and 15): the proposal, its circulation and
5-day silence procedure, objections and their consultation, the referral of unresolved
objections 20 days before the meeting, the procedural decision, and the expert's access.

The state of a procedure is never stored: `forums.selectors.experts.procedure_state`
derives it from the dates and acts recorded here. The Celery tasks (`forums.tasks`) only
record that they acted — closed the silence, referred — and send the messages; each
claims its act with a conditional update, so running it twice, late or in two workers at
once does nothing twice.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import Affiliation, AttStatus, OrganisationKind, Role
from att_portal.directory.models import Organisation, RoleAssignment, State, User
from att_portal.directory.names import MAX_NAME_LENGTH, normalise_person_name
from att_portal.directory.permissions import state_status
from att_portal.l10n.dates import un_date
from att_portal.meetings.models import Participation
from att_portal.meetings.services import delegation_contacts
from att_portal.notifications.services import Message, mail_queue, messages_queue

from ..enums import ProceduralDecision
from ..models import (
    CasePresentation,
    ConsultationMessage,
    ExpertAdmission,
    ExpertObjection,
    ExpertProposal,
)
from ..permissions import DiefAction
from ..selectors import experts as selectors
from ..selectors.experts import ProcedureState

# -- Messages: a neutral sentence and a link, never the expert, the case or the States ----


def _secretariat() -> list[User]:
    return list(
        User.objects.filter(
            affiliation=Affiliation.SECRETARIAT,
            is_active=True,
            role_assignments__in=RoleAssignment.objects.active().filter(role=Role.SECRETARIAT),
        ).distinct()
    )


def _states_parties_contacts() -> list[User]:
    parties = State.objects.with_current_status().filter(current_status=AttStatus.STATE_PARTY)
    contacts = delegation_contacts(list(parties.values_list("pk", flat=True)))
    return [person for people in contacts.values() for person in people]


def _state_contacts(state_id: int) -> list[User]:
    return delegation_contacts([state_id]).get(state_id, [])


def _notify(
    proposal: ExpertProposal, step: str, people: list[User], *, key_suffix: str = "", **context
) -> None:
    url = reverse("dief:expert_proposal_detail", args=[proposal.pk])
    messages = [
        Message(
            key=f"dief-expert:{proposal.pk}:{step}{key_suffix}:{person.pk}",
            recipient=person,
            template="dief-expert",
            context={"step": step, **context},
            url=url,
            notice_title=lambda: _("DIEF: news on the proposal of a non-state expert"),
        )
        for person in {p.pk: p for p in people}.values()
    ]
    transaction.on_commit(lambda: messages_queue(messages))


# -- The proposal --------------------------------------------------------------------------


@transaction.atomic
def expert_proposal_submit(
    *,
    by: User,
    presentation: CasePresentation,
    expert_name: str,
    expert_email: str,
    expert_affiliation: str,
    expertise: str,
    purpose: str,
) -> ExpertProposal:
    """A State Party or signatory — any of them, not only the presenting State — proposes
    an expert for the presentation of a case, stating the purpose (ToR art. 8). The
    proposal must reach the Secretariat at least 30 days before the meeting."""
    if not access.can(by, DiefAction.PROPOSE_EXPERT, presentation):
        raise PermissionDenied
    if presentation.withdrawn_at is not None:
        raise ValidationError(_("This presentation is withdrawn."))
    due = selectors.proposals_due_on(presentation.meeting)
    if timezone.localdate() > due:
        raise ValidationError(
            _(
                "Proposals of non-state experts must reach the Secretariat at least 30 days "
                "before the meeting: the last day for this meeting was %(date)s (ToR art. 8)."
            )
            % {"date": un_date(due)}
        )
    already = ExpertProposal.objects.filter(
        presentation=presentation, expert_email__iexact=expert_email.strip()
    ).exclude(decision=ProceduralDecision.NOT_APPROVED)
    if already.exists():
        raise ValidationError(
            {"expert_email": _("This expert is already proposed for this presentation.")}
        )
    proposal = ExpertProposal(
        presentation=presentation,
        expert_name=expert_name.strip(),
        expert_email=expert_email.strip().lower(),
        expert_affiliation=expert_affiliation.strip(),
        expertise=expertise.strip(),
        purpose=purpose.strip(),
        proposing_state_id=by.state_id,
        proposed_by=by,
    )
    proposal.full_clean()
    proposal._history_user = by
    proposal._change_reason = "Proposed (ToR art. 8)"
    proposal.save()
    _notify(proposal, "proposed", _secretariat())
    return proposal


@transaction.atomic
def expert_proposal_circulate(*, by: User, proposal: ExpertProposal) -> ExpertProposal:
    """The Secretariat circulates the proposal, immediately (ToR art. 8), to all States
    Parties — and to the proposing and the presenting State —, which starts the 5-day
    silence procedure."""
    access.require(by, DiefAction.CIRCULATE, proposal)
    proposal = ExpertProposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if proposal.circulated_at is not None:
        raise ValidationError(_("This proposal is already circulated."))
    if proposal.presentation.meeting.starts_on <= timezone.localdate():
        raise ValidationError(_("The meeting has begun: it is too late to circulate."))
    proposal.circulated_at = timezone.now()
    proposal.circulated_by = by
    proposal._history_user = by
    proposal._change_reason = "Circulated to all States Parties: silence procedure started"
    proposal.save(update_fields=["circulated_at", "circulated_by"])
    end = selectors.silence_ends_on(proposal)
    _notify(
        proposal,
        "circulated",
        [
            *_states_parties_contacts(),
            *_state_contacts(_proposer(proposal)),
            *_state_contacts(proposal.presentation.case.provider_state_id),
        ],
        silence_ends_on=end,
    )
    return proposal


def _proposer(proposal: ExpertProposal) -> int:
    return proposal.proposing_state_id


# -- Objections and consultation -----------------------------------------------------------


@transaction.atomic
def expert_objection_raise(*, by: User, proposal: ExpertProposal, reasons: str) -> ExpertObjection:
    """A State Party objects within the silence period — reasons are welcome, not required
    by ToR art. 8 —; this opens a consultation with the proposing State."""
    access.require(by, DiefAction.OBJECT, proposal)
    proposal = (
        ExpertProposal.objects.select_for_update(of=("self",))
        .select_related("presentation__meeting", "presentation__case")
        .get(pk=proposal.pk)
    )
    if state_status(by) != AttStatus.STATE_PARTY:
        raise ValidationError(
            _("Only States Parties may object to a non-state expert (ToR art. 8).")
        )
    end = selectors.silence_ends_on(proposal)
    if end is None:
        raise ValidationError(_("This proposal is not circulated yet."))
    if timezone.localdate() > end:
        raise ValidationError(
            _("The silence procedure ended on %(date)s: objections are no longer accepted.")
            % {"date": un_date(end)}
        )
    objection = ExpertObjection.objects.filter(proposal=proposal, state_id=by.state_id).first()
    if objection is not None and objection.withdrawn_at is None:
        raise ValidationError(_("Your State has already objected to this proposal."))
    if objection is None:
        objection = ExpertObjection(proposal=proposal, state_id=by.state_id)
    else:  # raised again after a withdrawal, still within the silence period
        objection.raised_at = timezone.now()
    objection.reasons = reasons.strip()
    objection.raised_by = by
    objection.withdrawn_at = None
    objection.withdrawn_by = None
    objection.full_clean()
    objection._history_user = by
    objection._change_reason = "Objection raised in the silence period (ToR art. 8)"
    objection.save()
    _notify(
        proposal,
        f"objection:{objection.pk}:{int(objection.raised_at.timestamp())}",
        [*_state_contacts(_proposer(proposal)), *_secretariat()],
    )
    return objection


@transaction.atomic
def consultation_message_post(
    *, by: User, objection: ExpertObjection, body: str
) -> ConsultationMessage:
    access.require(by, Action.CHANGE, objection)
    objection = ExpertObjection.objects.select_related("proposal__presentation__case").get(
        pk=objection.pk
    )
    if objection.withdrawn_at is not None or objection.proposal.decision:
        raise ValidationError(_("This consultation is over."))
    message = ConsultationMessage(objection=objection, author=by, body=body.strip())
    message.full_clean()
    message.save()
    other = (
        objection.state_id
        if by.state_id == _proposer(objection.proposal)
        else _proposer(objection.proposal)
    )
    _notify(objection.proposal, f"message:{message.pk}", _state_contacts(other))
    return message


@transaction.atomic
def expert_objection_withdraw(*, by: User, objection: ExpertObjection) -> ExpertObjection:
    """The objecting State withdraws its objection; once none stands after the silence
    period, the expert is approved at once."""
    access.require(by, DiefAction.WITHDRAW, objection)
    objection = ExpertObjection.objects.select_for_update().get(pk=objection.pk)
    proposal = ExpertProposal.objects.select_for_update(of=("self",)).get(pk=objection.proposal_id)
    if objection.withdrawn_at is not None:
        raise ValidationError(_("This objection is already withdrawn."))
    if proposal.decision:
        raise ValidationError(_("The procedural decision is already recorded."))
    objection.withdrawn_at = timezone.now()
    objection.withdrawn_by = by
    objection._history_user = by
    objection._change_reason = "Objection withdrawn"
    objection.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _notify(
        proposal,
        f"withdrawn:{objection.pk}",
        [*_state_contacts(_proposer(proposal)), *_secretariat()],
    )
    if selectors.is_approved(selectors.procedure_state(proposal)):
        _approve(proposal, by=by)
    return objection


# -- The end of the silence, the referral and the procedural decision ----------------------


@transaction.atomic
def expert_procedure_close_silence(*, proposal_id: int, today: datetime.date | None = None) -> bool:
    """At the end of the silence period: approve the expert if no objection stands,
    otherwise tell the two States that the proposal waits on their consultation. Returns
    whether this call acted (False when the silence is not over or already closed)."""
    today = today or timezone.localdate()
    proposal = ExpertProposal.objects.select_for_update(of=("self",)).filter(pk=proposal_id).first()
    if proposal is None or proposal.silence_closed_at is not None or proposal.decision:
        return False
    end = selectors.silence_ends_on(proposal)
    if end is None or today <= end:
        return False
    proposal.silence_closed_at = timezone.now()
    proposal._change_reason = "Silence procedure closed"
    proposal.save(update_fields=["silence_closed_at"])
    state = selectors.procedure_state(proposal, today=today)
    if selectors.is_approved(state):
        _approve(proposal, by=proposal.circulated_by)
    elif state in (ProcedureState.IN_CONSULTATION, ProcedureState.REFERRED):
        parties = {o.state_id for o in proposal.objections.filter(withdrawn_at__isnull=True)}
        people = [
            p for state_id in [*parties, _proposer(proposal)] for p in _state_contacts(state_id)
        ]
        _notify(proposal, "consultation", people)
    return True


@transaction.atomic
def expert_procedure_refer(*, proposal_id: int, today: datetime.date | None = None) -> bool:
    """An objection still unresolved at the end of day S − 20 (Geneva time) goes to all
    States Parties participating in the meeting for a procedural decision (ToR art. 8): a
    withdrawal during that day resolves it. Returns whether this call acted."""
    today = today or timezone.localdate()
    proposal = ExpertProposal.objects.select_for_update(of=("self",)).filter(pk=proposal_id).first()
    if proposal is None or proposal.referred_at is not None or proposal.decision:
        return False
    if selectors.procedure_state(proposal, today=today) != ProcedureState.REFERRED:
        return False
    proposal.referred_at = timezone.now()
    proposal._change_reason = "Unresolved objection referred for a procedural decision"
    proposal.save(update_fields=["referred_at"])
    _notify(proposal, "referred", [*_participating_states_parties(proposal), *_secretariat()])
    return True


def _participating_states_parties(proposal: ExpertProposal) -> list[User]:
    """The delegates of the States Parties that take part in the meeting."""
    parties = State.objects.with_current_status().filter(current_status=AttStatus.STATE_PARTY)
    return list(
        User.objects.filter(
            pk__in=Participation.objects.filter(
                meeting_id=proposal.presentation.meeting_id, person__state__in=parties
            ).values("person_id"),
            is_active=True,
        )
    )


@transaction.atomic
def expert_decision_record(
    *, by: User, proposal: ExpertProposal, decision: str, decided_on: datetime.date
) -> ExpertProposal:
    """The Secretariat records the outcome of the procedural decision and its date."""
    access.require(by, DiefAction.RECORD_DECISION, proposal)
    proposal = ExpertProposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if selectors.procedure_state(proposal) != ProcedureState.REFERRED:
        raise ValidationError(
            _("Only a proposal referred for a procedural decision takes a decision.")
        )
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision cannot be in the future.")})
    if proposal.referred_at is not None and decided_on < timezone.localdate(proposal.referred_at):
        raise ValidationError({"decided_on": _("The decision cannot precede the referral.")})
    proposal.decision = decision
    proposal.decided_on = decided_on
    proposal.decision_recorded_by = by
    proposal.full_clean()
    proposal._history_user = by
    proposal._change_reason = "Procedural decision recorded"
    proposal.save(update_fields=["decision", "decided_on", "decision_recorded_by"])
    parties = {o.state_id for o in proposal.objections.all()}
    people = [p for state_id in [*parties, _proposer(proposal)] for p in _state_contacts(state_id)]
    _notify(proposal, "decided", people)
    if selectors.is_approved(selectors.procedure_state(proposal)):
        _approve(proposal, by=by)
    return proposal


# -- The approved expert -------------------------------------------------------------------


def _expert_account(proposal: ExpertProposal) -> tuple[User, bool]:
    """The expert's existing account (by e-mail), or a new one in an organisation named
    after the affiliation; the expert chooses a password from the e-mail."""
    existing = User.objects.filter(email__iexact=proposal.expert_email).first()
    if existing is not None:
        return existing, False
    organisation, _created = Organisation.objects.get_or_create(
        name=proposal.expert_affiliation[:200],
        defaults={"kind": OrganisationKind.ACADEMIA},
    )
    first, _space, last = normalise_person_name(proposal.expert_name).partition(" ")
    person = User(
        username=proposal.expert_email,
        email=proposal.expert_email,
        first_name=first[:MAX_NAME_LENGTH],
        last_name=last[:MAX_NAME_LENGTH],
        affiliation=Affiliation.ORGANISATION,
        organisation=organisation,
    )
    person.set_unusable_password()
    try:
        person.full_clean()
    except ValidationError as exc:
        if not set(exc.message_dict) <= {"first_name", "last_name"}:
            raise
        # A proposal from before names were checked: the account opens under the e-mail
        # address alone, and the Secretariat enters the name.
        person.first_name = person.last_name = ""
        person.full_clean()
    person._change_reason = "Account of an approved non-state expert (ToR art. 8)"
    person.save()
    return person, True


def _approve(proposal: ExpertProposal, *, by: User | None) -> ExpertAdmission:
    """Admit the approved expert to the one presentation (idempotent) and tell the expert
    and the proposing State, which must brief its expert on confidentiality (art. 15)."""
    existing = ExpertAdmission.objects.filter(proposal=proposal).first()
    if existing is not None:
        return existing
    expert, created = _expert_account(proposal)
    admission, _created = ExpertAdmission.objects.get_or_create(
        presentation=proposal.presentation,
        expert=expert,
        defaults={"admitted_by": by or proposal.proposed_by, "proposal": proposal},
    )
    if admission.proposal_id is None:
        ExpertAdmission.objects.filter(pk=admission.pk).update(proposal=proposal)
    ExpertProposal.objects.filter(pk=proposal.pk).update(expert=expert)
    context = {
        "new_account": created,
        "undertaking_url": reverse("dief:undertaking", args=[admission.pk]),
    }
    if created:
        context |= {
            "uid": urlsafe_base64_encode(force_bytes(expert.pk)),
            "token": default_token_generator.make_token(expert),
        }
    transaction.on_commit(
        lambda: mail_queue(
            key=f"dief-expert-welcome:{admission.pk}",
            recipient=expert,
            template="dief-expert-welcome",
            context=context,
        )
    )
    _notify(proposal, "approved", _state_contacts(_proposer(proposal)))
    return admission


def expert_procedures_advance(today: datetime.date | None = None) -> dict[str, int]:
    """Beat's hourly scan: remind the Secretariat, once a day from the day it arrives, of
    each proposal it has not circulated yet (ToR art. 8: "immediately"); close the silence
    periods that are over; refer the objections still unresolved at the end of day S − 20;
    and remind the States Parties on the last day of a silence period. A late run catches
    up; a second run does nothing."""
    today = today or timezone.localdate()
    acted = {"uncirculated": 0, "closed": 0, "referred": 0, "reminded": 0}
    waiting = list(selectors.proposals_awaiting_circulation(today))
    if waiting:
        secretariat = _secretariat()
        for proposal in waiting:
            with transaction.atomic():
                _notify(proposal, "uncirculated", secretariat, key_suffix=f":{today.isoformat()}")
            acted["uncirculated"] += 1
    live = ExpertProposal.objects.filter(
        circulated_at__isnull=False,
        decision="",
        presentation__meeting__ends_on__gte=today,
    ).select_related("presentation__meeting")
    for proposal in live.filter(silence_closed_at__isnull=True):
        end = selectors.silence_ends_on(proposal)
        if end < today:
            acted["closed"] += expert_procedure_close_silence(proposal_id=proposal.pk, today=today)
        elif end == today:
            with transaction.atomic():
                _notify(proposal, "last-day", _states_parties_contacts(), silence_ends_on=end)
            acted["reminded"] += 1
    for proposal in live.filter(silence_closed_at__isnull=False, referred_at__isnull=True):
        if selectors.is_referral_over(proposal.presentation.meeting, today):
            acted["referred"] += expert_procedure_refer(proposal_id=proposal.pk, today=today)
    return acted
