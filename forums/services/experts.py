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
from collections.abc import Iterable

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import Affiliation, AttStatus, OrganisationKind, Role
from att_portal.directory.models import Organisation, RoleAssignment, State, User
from att_portal.directory.names import MAX_NAME_LENGTH, normalise_person_name
from att_portal.directory.permissions import state_status
from att_portal.l10n.dates import un_date
from att_portal.meetings.models import Participation
from att_portal.meetings.services import delegation_contacts
from att_portal.notifications.services import Message, messages_queue

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


def _messages(
    proposal: ExpertProposal,
    step: str,
    people: list[User],
    *,
    key_suffix: str = "",
    status: ProcedureState | None = None,
    today: datetime.date | None = None,
    **context,
) -> list[Message]:
    """The messages of one step to `people`. Each says where the proposal stands, from
    the one source the pages read (`procedure_state`), given as `status` where the caller
    has it; `step` is the kind of event before any ":" (the key keeps the whole)."""
    url = reverse("dief:expert_proposal_detail", args=[proposal.pk])
    if status is None:
        status = selectors.procedure_state(proposal, today=today)
    return [
        Message(
            key=f"dief-expert:{proposal.pk}:{step}{key_suffix}:{person.pk}",
            recipient=person,
            template="dief-expert",
            context={"step": step.split(":")[0], "status": status, **context},
            url=url,
            notice_title=lambda: _("DIEF: news on the proposal of a non-state expert"),
        )
        for person in {p.pk: p for p in people}.values()
    ]


def _queue_on_commit(messages: list[Message]) -> None:
    if messages:
        transaction.on_commit(lambda: messages_queue(messages))


def _notify(
    proposal: ExpertProposal, step: str, people: list[User], *, key_suffix: str = "", **context
) -> None:
    if not people:
        return
    _queue_on_commit(_messages(proposal, step, people, key_suffix=key_suffix, **context))


class _Addressees:
    """Who the messages of one run go to, each read once however many proposals it
    concerns: the Secretariat, the States Parties and the contacts of each delegation."""

    def __init__(self) -> None:
        self._secretariat: list[User] | None = None
        self._parties: list[int] | None = None
        self._contacts: dict[int, list[User]] = {}

    def secretariat(self) -> list[User]:
        if self._secretariat is None:
            self._secretariat = _secretariat()
        return self._secretariat

    @staticmethod
    def states_parties() -> QuerySet[State]:
        """The States Parties today, as a subquery."""
        parties = State.objects.with_current_status().filter(current_status=AttStatus.STATE_PARTY)
        return parties.values("pk")

    def states_parties_contacts(self) -> list[User]:
        if self._parties is None:
            found = delegation_contacts(self.states_parties())
            self._contacts |= found
            self._parties = list(found)
        return self.contacts(self._parties)

    def load(self, state_ids) -> None:
        """Read the contacts of these delegations, in one query, ahead of `contacts`."""
        missing = {state_id for state_id in state_ids if state_id not in self._contacts}
        if missing:
            found = delegation_contacts(sorted(missing))
            for state_id in missing:
                self._contacts[state_id] = found.get(state_id, [])

    def contacts(self, state_ids) -> list[User]:
        state_ids = list(state_ids)
        self.load(state_ids)
        return [person for state_id in state_ids for person in self._contacts[state_id]]


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
        expert_name=normalise_person_name(expert_name),
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


def expert_procedure_close_silence(*, proposal_id: int, today: datetime.date | None = None) -> bool:
    """At the end of the silence period: approve the expert if no objection stands,
    otherwise tell the two States that the proposal waits on their consultation. Returns
    whether this call acted (False when the silence is not over or already closed)."""
    closed, _referred = _procedures_act(close=[proposal_id], today=today or timezone.localdate())
    return proposal_id in closed


def expert_procedure_refer(*, proposal_id: int, today: datetime.date | None = None) -> bool:
    """An objection still unresolved at the end of day S − 20 (Geneva time) goes to all
    States Parties participating in the meeting for a procedural decision (ToR art. 8): a
    withdrawal during that day resolves it. Returns whether this call acted."""
    _closed, referred = _procedures_act(refer=[proposal_id], today=today or timezone.localdate())
    return proposal_id in referred


def _procedures_act(
    *,
    close: Iterable[int] = (),
    refer: Iterable[int] = (),
    today: datetime.date,
    addressees: _Addressees | None = None,
    messages: list[Message] | None = None,
) -> tuple[set[int], set[int]]:
    """Close the silences that are over among the proposals `close` names, and refer the
    unresolved objections among those `refer` names (after closing: a late run does both).
    Each act is claimed on the proposal's row: the rows are locked and every condition is
    read again under the lock, so two runs, a retry or a task running late never act twice.
    A fixed number of queries, however many proposals act. Returns the ids closed and the
    ids referred. `messages` (reminders of the same run) are queued with those of the acts."""
    addressees = addressees or _Addressees()
    messages = list(messages or [])
    close, refer = set(close), set(refer)
    if not close | refer:
        _queue_on_commit(messages)
        return set(), set()
    with transaction.atomic():
        proposals = list(
            ExpertProposal.objects.select_for_update(of=("self",))
            .filter(pk__in=close | refer, decision="")
            .select_related("presentation__meeting")
            .prefetch_related(Prefetch("objections", queryset=ExpertObjection.objects.order_by()))
            .order_by("pk")
        )
        now = timezone.now()
        history = get_history_manager_for_model(ExpertProposal)
        closing = []
        for proposal in proposals:
            end = selectors.silence_ends_on(proposal)
            if proposal.pk in close and proposal.silence_closed_at is None and end and today > end:
                proposal.silence_closed_at = now
                closing.append(proposal)
        history.bulk_history_create(
            closing, update=True, default_change_reason="Silence procedure closed"
        )
        states = {
            proposal.pk: selectors.procedure_state(proposal, list(proposal.objections.all()), today)
            for proposal in proposals
        }
        referring = [
            proposal
            for proposal in proposals
            if proposal.pk in refer
            and proposal.referred_at is None
            and states[proposal.pk] == ProcedureState.REFERRED
        ]
        for proposal in referring:
            proposal.referred_at = now
        history.bulk_history_create(
            referring,
            update=True,
            default_change_reason="Unresolved objection referred for a procedural decision",
        )

        approvals = [p for p in closing if selectors.is_approved(states[p.pk])]
        consulting = [
            p
            for p in closing
            if states[p.pk] in (ProcedureState.IN_CONSULTATION, ProcedureState.REFERRED)
        ]

        def parties(proposal) -> list[int]:
            standing = {o.state_id for o in proposal.objections.all() if o.withdrawn_at is None}
            return [*standing, _proposer(proposal)]

        addressees.load(
            {
                *(s for p in consulting for s in parties(p)),
                *(_proposer(p) for p in approvals),
            }
        )
        messages += [
            message
            for proposal in consulting
            for message in _messages(
                proposal,
                "consultation",
                addressees.contacts(parties(proposal)),
                status=states[proposal.pk],
            )
        ]
        participants = _participating_states_parties(referring)
        for proposal in referring:
            messages += _messages(
                proposal,
                "referred",
                [
                    *participants.get(proposal.presentation.meeting_id, []),
                    *addressees.secretariat(),
                ],
                status=states[proposal.pk],
            )
        messages += _approve_all(
            [(p, p.circulated_by_id) for p in approvals],
            addressees,
            save_experts=False,
            states=states,
        )
        # One UPDATE for the acts and the approved experts' accounts.
        ExpertProposal.objects.bulk_update(
            list({p.pk: p for p in [*closing, *referring]}.values()),
            ["silence_closed_at", "referred_at", "expert"],
        )
        _queue_on_commit(messages)
    return {p.pk for p in closing}, {p.pk for p in referring}


def _participating_states_parties(proposals: list[ExpertProposal]) -> dict[int, list[User]]:
    """Per meeting, the active delegates of the States Parties that take part in it."""
    meetings = {p.presentation.meeting_id for p in proposals}
    if not meetings:
        return {}
    found: dict[int, list[User]] = {}
    for participation in Participation.objects.filter(
        meeting_id__in=meetings,
        person__state_id__in=_Addressees.states_parties(),
        person__is_active=True,
    ).select_related("person"):
        found.setdefault(participation.meeting_id, []).append(participation.person)
    return found


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


def _expert_accounts(proposals: list[ExpertProposal]) -> dict[int, tuple[User, bool]]:
    """Per proposal, the expert's existing account (by e-mail) or a new one in an
    organisation named after the affiliation, and whether it is new (for the first of the
    proposals naming a new expert): the expert chooses a password from the e-mail. Three
    queries to find, two per kind of row created, however many experts."""
    emails = {p.expert_email.lower() for p in proposals}
    usernames = {p.expert_email for p in proposals}
    known = list(
        User.objects.annotate(email_lower=Lower("email")).filter(
            Q(email_lower__in=emails) | Q(username__in=usernames)
        )
    )
    by_email = {user.email.lower(): user for user in known if user.email}
    taken = {user.username for user in known}
    first_of: dict[str, ExpertProposal] = {}
    for proposal in proposals:
        if proposal.expert_email.lower() not in by_email:
            first_of.setdefault(proposal.expert_email.lower(), proposal)
    if first_of:
        organisations = _organisations({p.expert_affiliation[:200] for p in first_of.values()})
        people = [
            _expert_person(proposal, organisations[proposal.expert_affiliation[:200]], taken)
            for proposal in first_of.values()
        ]
        by_email |= {
            person.email.lower(): person
            for person in bulk_create_with_history(
                people,
                User,
                default_change_reason="Account of an approved non-state expert (ToR art. 8)",
            )
        }
    return {
        p.pk: (by_email[p.expert_email.lower()], first_of.get(p.expert_email.lower()) is p)
        for p in proposals
    }


def _organisations(names: set[str]) -> dict[str, Organisation]:
    """The organisations with these names, those missing created (as academia)."""
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = sorted(names - set(found))
    if missing:
        # Created meanwhile by another request is no error: its row is taken instead.
        Organisation.objects.bulk_create(
            [Organisation(name=name, kind=OrganisationKind.ACADEMIA) for name in missing],
            ignore_conflicts=True,
        )
        created = list(Organisation.objects.filter(name__in=missing))
        get_history_manager_for_model(Organisation).bulk_history_create(created)
        found |= {o.name: o for o in created}
    return found


def _expert_person(proposal: ExpertProposal, organisation: Organisation, taken: set[str]) -> User:
    """The account of a new expert, checked as `full_clean` would without reading the
    database for each: the organisation was just found, the e-mail is unused (read once
    for all), and a taken user name is refused as the check of uniqueness refuses it."""
    if proposal.expert_email in taken:
        taken_message = User._meta.get_field("username").error_messages["unique"]
        raise ValidationError({"username": taken_message}, code="unique")
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
    checks = {"exclude": ["organisation"], "validate_unique": False, "validate_constraints": False}
    try:
        person.full_clean(**checks)
    except ValidationError as exc:
        if not set(exc.message_dict) <= {"first_name", "last_name"}:
            raise
        # A proposal from before names were checked: the account opens under the e-mail
        # address alone, and the Secretariat enters the name.
        person.first_name = person.last_name = ""
        person.full_clean(**checks)
    return person


def _approve(proposal: ExpertProposal, *, by: User | None) -> None:
    _queue_on_commit(_approve_all([(proposal, by.pk if by else None)], _Addressees()))


def _approve_all(
    approvals: list[tuple[ExpertProposal, int | None]],
    addressees: _Addressees,
    *,
    save_experts: bool = True,
    states: dict[int, ProcedureState] | None = None,
) -> list[Message]:
    """Admit each approved expert to the one presentation (idempotent) and tell the expert
    and the proposing State, which must brief its expert on confidentiality (art. 15).
    `approvals` pairs each proposal with whoever approved it (None: its proposer). Each
    proposal gets its expert's account (saved, unless the caller saves the proposals).
    Returns the messages to queue. A fixed number of queries, however many at once."""
    if not approvals:
        return []
    proposals = [p for p, _by in approvals]
    admissions = list(
        ExpertAdmission.objects.filter(
            Q(proposal__in=proposals)
            | Q(presentation_id__in={p.presentation_id for p in proposals})
        )
    )
    admitted = {a.proposal_id for a in admissions}
    todo = [(p, by) for p, by in approvals if p.pk not in admitted]
    if not todo:
        return []
    accounts = _expert_accounts([p for p, _by in todo])
    by_pair = {(a.presentation_id, a.expert_id): a for a in admissions}
    new, relinked, admitted_now = [], [], []
    for proposal, by in todo:
        expert, created = accounts[proposal.pk]
        admission = by_pair.get((proposal.presentation_id, expert.pk))
        if admission is None:
            admission = ExpertAdmission(
                presentation_id=proposal.presentation_id,
                expert=expert,
                admitted_by_id=by or proposal.proposed_by_id,
                proposal=proposal,
            )
            new.append(admission)
            by_pair[(proposal.presentation_id, expert.pk)] = admission
        elif admission.proposal_id is None:
            admission.proposal = proposal
            relinked.append(admission)
        proposal.expert = expert
        admitted_now.append((proposal, admission, expert, created))
    bulk_create_with_history(new, ExpertAdmission)
    if relinked:
        ExpertAdmission.objects.bulk_update(relinked, ["proposal"])
    if save_experts:
        ExpertProposal.objects.bulk_update([p for p, _by in todo], ["expert"])
    addressees.load(_proposer(p) for p, _by in todo)
    messages = []
    for proposal, admission, expert, created in admitted_now:
        context = {
            "new_account": created,
            "undertaking_url": reverse("dief:undertaking", args=[admission.pk]),
        }
        if created:
            context |= {
                "uid": urlsafe_base64_encode(force_bytes(expert.pk)),
                "token": default_token_generator.make_token(expert),
            }
        messages.append(
            Message(
                key=f"dief-expert-welcome:{admission.pk}",
                recipient=expert,
                template="dief-expert-welcome",
                context=context,
            )
        )
        messages += _messages(
            proposal,
            "approved",
            addressees.contacts([_proposer(proposal)]),
            status=(states or {}).get(proposal.pk),
        )
    return messages


def expert_procedures_advance(today: datetime.date | None = None) -> dict[str, int]:
    """Beat's hourly scan: remind the Secretariat, once a day from the day it arrives, of
    each proposal it has not circulated yet (ToR art. 8: "immediately"); close the silence
    periods that are over; refer the objections still unresolved at the end of day S − 20;
    and remind the States Parties on the last day of a silence period. A late run catches
    up; a second run does nothing. The proposals are read at once and only those that
    need an act are locked: a fixed number of queries, whatever their number."""
    today = today or timezone.localdate()
    acted = {"uncirculated": 0, "closed": 0, "referred": 0, "reminded": 0}
    addressees = _Addressees()
    proposals = list(
        ExpertProposal.objects.filter(decision="", presentation__meeting__ends_on__gte=today)
        .filter(
            Q(circulated_at__isnull=False)
            | Q(presentation__withdrawn_at__isnull=True, presentation__meeting__starts_on__gt=today)
        )
        .select_related("presentation__meeting")
        .order_by("pk")
    )
    reminders = []
    waiting = [p for p in proposals if selectors.awaits_circulation(p, today)]
    for proposal in waiting:
        reminders += _messages(
            proposal,
            "uncirculated",
            addressees.secretariat(),
            key_suffix=f":{today.isoformat()}",
            status=ProcedureState.PROPOSED,
        )
    acted["uncirculated"] = len(waiting)
    live = [p for p in proposals if p.circulated_at is not None]
    to_close, last_day = [], []
    for proposal in live:
        if proposal.silence_closed_at is None:
            end = selectors.silence_ends_on(proposal)
            if end < today:
                to_close.append(proposal.pk)
            elif end == today:
                last_day.append(proposal)
    if last_day:
        parties = addressees.states_parties_contacts()
        # The reminder says whether an objection is pending already: one query for all.
        prefetch_related_objects(
            last_day, Prefetch("objections", queryset=ExpertObjection.objects.order_by())
        )
        for proposal in last_day:
            reminders += _messages(
                proposal,
                "last-day",
                parties,
                today=today,
                silence_ends_on=selectors.silence_ends_on(proposal),
            )
    acted["reminded"] = len(last_day)
    # Referred only when the objection is still unresolved: read without a lock here, and
    # again under the lock of the proposals that need the act.
    may_refer = [
        p
        for p in live
        if (p.silence_closed_at is not None or p.pk in to_close)
        and p.referred_at is None
        and selectors.is_referral_over(p.presentation.meeting, today)
    ]
    prefetch_related_objects(
        may_refer, Prefetch("objections", queryset=ExpertObjection.objects.order_by())
    )
    to_refer = [
        p.pk
        for p in may_refer
        if selectors.procedure_state(p, list(p.objections.all()), today) == ProcedureState.REFERRED
    ]
    closed, referred = _procedures_act(
        close=to_close, refer=to_refer, today=today, addressees=addressees, messages=reminders
    )
    acted["closed"], acted["referred"] = len(closed), len(referred)
    return acted
