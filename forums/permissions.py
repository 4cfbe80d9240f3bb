"""Who enters the DIEF area and who sees which of its rows (ToR arts. 6, 8, 12-16, 20, 22).

The rules, in one place:

* DIEF material is for delegates of States Parties and signatories (their State's
  *current* status, read on every request), the DIEF Chair and the Secretariat; never
  for observers, organisations or anonymous users.
* A provider may narrow a case or platform item to named States: a per-object grant
  (django-guardian) to each named State's delegation group. The provider's own State and
  the Secretariat, which administers the forum (art. 5), always see it.
* An approved non-state expert sees the one case whose presentation they are admitted
  to, after accepting the confidentiality undertaking and until the meeting ends.
* What the rules keep between two parties (operational-use discussions, disclosure
  challenges, positions on a briefing) is seen by those parties only; the Secretariat
  sees operational-use discussions and briefing positions for administration. A
  challenged non-state expert sees the challenges addressed to them (art. 15).
* An item or document the participants released from confidentiality (art. 14) is
  restricted-area material: every member of the restricted area sees it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from att_portal import access, marking
from att_portal.access import Action
from att_portal.accounts.middleware import needs_second_factor, two_factor_redirect
from att_portal.directory.enums import Role
from att_portal.directory.models import DIEF_STATUSES, User
from att_portal.directory.permissions import (
    holds_role,
    is_delegate,
    is_dief_participant,
    is_secretariat,
    state_status,
)
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from documents.permissions import is_restricted_area_member

from .enums import Challenger, Distribution
from .models import (
    AccessRecord,
    Attachment,
    Briefing,
    BriefingPosition,
    Case,
    CasePresentation,
    ConcernedState,
    ConfidentialityRelease,
    ConsultationMessage,
    DisclosureChallenge,
    ExpertAdmission,
    ExpertObjection,
    ExpertProposal,
    LawEnforcementContact,
    OperationalUseMessage,
    OperationalUseRequest,
    PlatformItem,
    PresentationIntention,
)

FORUM = Body.DIEF.value


class DiefAction(StrEnum):
    PRESENT = "present"  # put a case forward for a meeting
    SEE_ACCESS_LOG = "see_access_log"
    REQUEST_USE = "request_use"  # open a discussion with the provider before operational use
    STATE_POSITION = "state_position"  # the provider states its position (art. 16)
    REPLY = "reply"  # a concerned State replies (art. 12); a challenged State answers (art. 15)
    PROPOSE_EXPERT = "propose_expert"  # any State Party or signatory (art. 8)
    CIRCULATE = "circulate"  # the Secretariat circulates an expert proposal (art. 8)
    OBJECT = "object"  # a State objects to a circulated expert proposal (art. 8)
    WITHDRAW = "withdraw"  # the objecting State withdraws its objection
    RECORD_DECISION = "record_decision"  # the outcome of the procedural decision


# -- Predicates ---------------------------------------------------------------------------


def is_participating_delegate(user) -> bool:
    """A delegate of a State that is now a State Party or a signatory (art. 6)."""
    return is_delegate(user) and state_status(user) in DIEF_STATUSES


def may_share(user) -> bool:
    """Cases and platform items are shared by States, through their delegates."""
    return is_participating_delegate(user)


def is_dief_chair(user) -> bool:
    return holds_role(user, Role.DIEF_CHAIR)


def admitted_presentations(user) -> QuerySet[ExpertAdmission]:
    """The admissions that open a case to a non-state expert right now."""
    if not access.is_signed_in(user):
        return ExpertAdmission.objects.none()
    return ExpertAdmission.objects.filter(
        expert=user,
        undertaking_accepted_at__isnull=False,
        presentation__withdrawn_at__isnull=True,
        presentation__meeting__ends_on__gte=timezone.localdate(),
    )


def is_admitted_expert(user) -> bool:
    """A person who is not a DIEF participant but is admitted to a presentation (art. 8);
    the undertaking may still be pending."""
    return (
        access.is_signed_in(user)
        and not is_dief_participant(user)
        and ExpertAdmission.objects.filter(
            expert=user,
            presentation__withdrawn_at__isnull=True,
            presentation__meeting__ends_on__gte=timezone.localdate(),
        ).exists()
    )


def is_challenged_expert(user) -> bool:
    """A non-state expert challenged over a suspected disclosure (art. 15): they answer
    the challenge, after their meeting too."""
    return (
        access.is_signed_in(user)
        and not is_dief_participant(user)
        and DisclosureChallenge.objects.filter(challenged_expert=user).exists()
    )


def may_record_releases(user) -> bool:
    """The Secretariat records the participants' decisions to release an item or a
    document from confidentiality (art. 14)."""
    return is_secretariat(user)


def may_enter_dief(user) -> bool:
    """States Parties' and signatories' delegates, the Chair and the Secretariat; or a person
    holding a per-object grant on a DIEF meeting, an admission to a presentation or a
    disclosure challenge addressed to them."""
    if is_dief_participant(user):
        return True
    if _holds_a_role_of_expert(user):
        return True
    return access.visible(user, Meeting.objects.filter(body=Body.DIEF)).exists()


def _holds_a_role_of_expert(user) -> bool:
    """is_admitted_expert(user) or is_challenged_expert(user), in one query: the navigation
    asks it on every page."""
    if not access.is_signed_in(user):
        return False
    admitted = ExpertAdmission.objects.filter(
        expert=user,
        presentation__withdrawn_at__isnull=True,
        presentation__meeting__ends_on__gte=timezone.localdate(),
    )
    challenged = DisclosureChallenge.objects.filter(challenged_expert=user)
    return User.objects.filter(pk=user.pk).filter(Exists(admitted) | Exists(challenged)).exists()


def admits_experts(view):
    """Mark a DIEF view that an admitted non-state expert may open (their case, the
    undertaking); every other DIEF view is for participants only."""
    view.admits_experts = True
    return view


def opens(user, view) -> bool:
    """Whether the forum's gate (`dief_area`) lets a person who entered the forum into
    `view`: its participants into every page, an admitted or challenged non-state expert
    only into those marked `admits_experts`. A page asks it before it links to another
    page of the forum, so that nobody is offered a link that answers 403."""
    return is_dief_participant(user) or getattr(view, "admits_experts", False)


def dief_area(view):
    """Wrap every DIEF view: deny outsiders, require a second factor, mark the page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.is_signed_in(request.user):
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        user = request.user
        if not may_enter_dief(user):
            raise PermissionDenied
        if not opens(user, view):
            raise PermissionDenied
        if needs_second_factor(request):
            return two_factor_redirect(request)
        marking.note(request, FORUM)
        return view(request, *args, **kwargs)

    wrapped.dief_area = True
    return wrapped


# -- Policies -----------------------------------------------------------------------------


def _shared_items_q(user, queryset: QuerySet, perm: str) -> Q | None:
    """Rows of a case/platform-item queryset the user may see; None means all of them.

    Each branch tests a column of the row or its key against a short list the database
    reads once from an index (the user's grants, the releases), so that a list is read
    in the order of its index and one object by its key."""
    if is_secretariat(user):
        return None
    rule = Q(pk__in=[])
    if is_dief_participant(user):
        rule |= Q(distribution=Distribution.ALL_PARTICIPANTS)
        if is_participating_delegate(user):
            rule |= Q(provider_state_id=user.state_id) | access.guardian_q(user, queryset, perm)
    if is_restricted_area_member(user):
        # Released by the participants (art. 14): restricted-area material.
        field = "case_id" if queryset.model is Case else "platform_item_id"
        rule |= Q(pk__in=ConfidentialityRelease.objects.values(field))
    return rule


def _is_provider(user, item) -> bool:
    return is_participating_delegate(user) and item.provider_state_id == user.state_id


class SharedItemPolicy(access.Policy):
    perm: str

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _shared_items_q(user, queryset, self.perm)
        return queryset if rule is None else queryset.filter(rule)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return _is_provider(user, obj)
        if action == Action.VIEW_HISTORY:
            return _is_provider(user, obj) or is_secretariat(user)
        if action == DiefAction.SEE_ACCESS_LOG:
            return _is_provider(user, obj) or is_secretariat(user)
        if action == DiefAction.REQUEST_USE:
            return (
                is_participating_delegate(user)
                and not _is_provider(user, obj)
                and self.can(user, Action.VIEW, obj)
            )
        return super().can(user, action, obj)


@access.register(Case)
class CasePolicy(SharedItemPolicy):
    perm = "forums.view_case"

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _shared_items_q(user, queryset, self.perm)
        if rule is None:
            return queryset
        admitted = admitted_presentations(user).values("presentation__case_id")
        return queryset.filter(rule | Q(pk__in=admitted))

    def can(self, user, action: str, obj) -> bool:
        if action == DiefAction.PRESENT:
            return _is_provider(user, obj)
        return super().can(user, action, obj)


@access.register(PlatformItem)
class PlatformItemPolicy(SharedItemPolicy):
    perm = "forums.view_platformitem"


@access.register(Attachment)
class AttachmentPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        # Correlated on the attachment's own item: listing one case's attachments checks
        # that case, not every case the user may see.
        case = access.visible(user, Case).filter(pk=OuterRef("case_id"))
        item = access.visible(user, PlatformItem).filter(pk=OuterRef("platform_item_id"))
        return queryset.filter(Exists(case) | Exists(item))

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return _is_provider(user, obj.subject)
        return super().can(user, action, obj)


@access.register(AccessRecord)
class AccessRecordPolicy(access.Policy):
    """The provider sees who opened its items; so does the Secretariat."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        if not is_participating_delegate(user):
            return queryset.none()
        return queryset.filter(
            Q(case__provider_state_id=user.state_id)
            | Q(platform_item__provider_state_id=user.state_id)
        )


def _presentations_q(user, prefix: str = "") -> Q | None:
    if is_secretariat(user):
        return None
    rule = Q(pk__in=[])
    if is_dief_participant(user):
        meetings = access.visible(user, Meeting.objects.filter(body=Body.DIEF)).values("pk")
        rule = Q(**{f"{prefix}meeting__in": meetings})
    admitted = admitted_presentations(user).values("presentation_id")
    return rule | Q(**{f"{prefix}pk__in": admitted})


@access.register(CasePresentation)
class CasePresentationPolicy(access.Policy):
    """The forum knows which State presents at a meeting (the agenda says so); the case
    behind it stays as visible as the case itself."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _presentations_q(user)
        return queryset if rule is None else queryset.filter(rule)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return _is_provider(user, obj.case)
        if action == Action.VIEW_HISTORY:
            return is_secretariat(user) or _is_provider(user, obj.case)
        if action == DiefAction.PROPOSE_EXPERT:
            # Any State Party or signatory, not only the presenting State (art. 8).
            return is_participating_delegate(user) and self.can(user, Action.VIEW, obj)
        return super().can(user, action, obj)


@access.register(PresentationIntention)
class PresentationIntentionPolicy(access.Policy):
    """An intention for the next meeting, not yet announced: the presenting State, the
    Chair and the Secretariat, which is notified of it (art. 11)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_dief_chair(user):
            return queryset
        if not is_participating_delegate(user):
            return queryset.none()
        return queryset.filter(case__provider_state_id=user.state_id)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return _is_provider(user, obj.case)
        if action == Action.VIEW_HISTORY:
            return is_secretariat(user) or _is_provider(user, obj.case)
        return super().can(user, action, obj)


@access.register(ConcernedState)
class ConcernedStatePolicy(access.Policy):
    """A notice and its reply: the presenting State, the concerned State, the Chair (who
    gives the right of reply) and the Secretariat (art. 12)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_dief_chair(user):
            return queryset
        if not is_participating_delegate(user):
            return queryset.none()
        return queryset.filter(
            Q(state_id=user.state_id) | Q(presentation__case__provider_state_id=user.state_id)
        )

    def can(self, user, action: str, obj) -> bool:
        if action == DiefAction.REPLY:
            return is_participating_delegate(user) and obj.state_id == user.state_id
        if action == Action.VIEW_HISTORY:
            return self.can(user, Action.VIEW, obj)
        return super().can(user, action, obj)


@access.register(ExpertAdmission)
class ExpertAdmissionPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        rule = Q(expert=user)
        if is_participating_delegate(user):
            rule |= Q(presentation__case__provider_state_id=user.state_id) | Q(
                proposal__proposing_state_id=user.state_id
            )
        return queryset.filter(rule)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return obj.expert_id == user.pk
        return super().can(user, action, obj)


def _use_requests_q(user, prefix: str = "") -> Q | None:
    if is_secretariat(user):
        return None
    if not is_participating_delegate(user):
        return Q(pk__in=[])
    state = user.state_id
    return (
        Q(**{f"{prefix}requesting_state_id": state})
        | Q(**{f"{prefix}case__provider_state_id": state})
        | Q(**{f"{prefix}platform_item__provider_state_id": state})
    )


def provider_state_id(use_request: OperationalUseRequest) -> int:
    return use_request.subject.provider_state_id


@access.register(OperationalUseRequest)
class OperationalUseRequestPolicy(access.Policy):
    """Only the two States, and the Secretariat for administration (art. 16)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _use_requests_q(user)
        return queryset if rule is None else queryset.filter(rule)

    def can(self, user, action: str, obj) -> bool:
        if action == DiefAction.STATE_POSITION:
            return is_participating_delegate(user) and provider_state_id(obj) == user.state_id
        if action == Action.CHANGE:  # write in the thread
            return is_participating_delegate(user) and user.state_id in (
                obj.requesting_state_id,
                provider_state_id(obj),
            )
        if action == Action.VIEW_HISTORY:
            return self.can(user, Action.VIEW, obj)
        return super().can(user, action, obj)


@access.register(OperationalUseMessage)
class OperationalUseMessagePolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _use_requests_q(user, "request__")
        return queryset if rule is None else queryset.filter(rule)


def challenge_parties_q(user) -> Q:
    """The challenges in which the user's side is a party: as the challenged State or
    non-state expert, or as the challenging State, Chair or Secretariat."""
    rule = Q(challenged_expert_id=user.pk)
    if is_participating_delegate(user):
        rule |= Q(challenged_state_id=user.state_id) | Q(
            challenger=Challenger.STATE, challenger_state_id=user.state_id
        )
    if is_dief_chair(user):
        rule |= Q(challenger=Challenger.CHAIR)
    if is_secretariat(user):
        rule |= Q(challenger=Challenger.SECRETARIAT)
    return rule


@access.register(DisclosureChallenge)
class DisclosureChallengePolicy(access.Policy):
    """Bilateral: the two parties only, not even the Secretariat unless it challenged."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(challenge_parties_q(user))

    def can(self, user, action: str, obj) -> bool:
        if action == DiefAction.REPLY:
            if obj.challenged_expert_id:
                return obj.challenged_expert_id == user.pk
            return is_participating_delegate(user) and obj.challenged_state_id == user.state_id
        if action == Action.VIEW_HISTORY:
            return self.can(user, Action.VIEW, obj)
        return super().can(user, action, obj)


@access.register(ConfidentialityRelease)
class ConfidentialityReleasePolicy(access.Policy):
    """The Secretariat records the decisions (art. 14); the restricted area reads them
    with the material they released."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_restricted_area_member(user):
            return queryset
        return queryset.none()

    def can(self, user, action: str, obj) -> bool:
        if action == Action.VIEW_HISTORY:
            return is_secretariat(user)
        return super().can(user, action, obj)


@access.register(LawEnforcementContact)
class LawEnforcementContactPolicy(access.Policy):
    """Art. 20: for States Parties' and signatories' delegates; entered by the Secretariat."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_participating_delegate(user):
            return queryset
        return queryset.none()

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return is_secretariat(user)
        return super().can(user, action, obj)


def briefing_states_q(user, prefix: str = "") -> Q:
    """Briefings of meetings the user's State took part in (one of its participants
    attended, as the Secretariat recorded it), or based on a case it presented (art. 22:
    it may object to any briefing based on its case). A State that presented another
    case without taking part does not read the briefing."""
    state = user.state_id
    took_part = {
        f"{prefix}meeting__participations__person__state_id": state,
        f"{prefix}meeting__participations__attended": True,
    }
    return Q(**took_part) | Q(**{f"{prefix}based_on__case__provider_state_id": state})


@access.register(Briefing)
class BriefingPolicy(access.Policy):
    """The Chair drafts; the Secretariat supports; the States that took part in the
    meeting (or presented a case at it) agree or object (art. 22)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_dief_chair(user):
            return queryset
        if not is_participating_delegate(user):
            return queryset.none()
        ids = queryset.filter(briefing_states_q(user)).values("pk")
        return queryset.filter(pk__in=ids)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:
            return is_dief_chair(user)
        if action == Action.VIEW_HISTORY:
            return is_secretariat(user) or is_dief_chair(user)
        return super().can(user, action, obj)


@access.register(BriefingPosition)
class BriefingPositionPolicy(access.Policy):
    """A State's position is between it, the Chair and the Secretariat."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_dief_chair(user):
            return queryset
        if not is_participating_delegate(user):
            return queryset.none()
        return queryset.filter(state_id=user.state_id)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.VIEW_HISTORY:
            return self.can(user, Action.VIEW, obj)
        return super().can(user, action, obj)


def _proposer_state_id(proposal: ExpertProposal) -> int:
    return proposal.proposing_state_id


@access.register(ExpertProposal)
class ExpertProposalPolicy(access.Policy):
    """A proposal — by any State Party or signatory — reaches the Secretariat; once
    circulated, every State Party (and, as participants of the meeting, the signatories
    and the Chair) sees it; observers, organisations and experts never do (ToR art. 8)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        rule = Q(pk__in=[])
        if is_dief_chair(user) or is_participating_delegate(user):
            rule = Q(circulated_at__isnull=False)
        if is_participating_delegate(user):
            rule |= Q(proposing_state_id=user.state_id)
        return queryset.filter(rule)

    def can(self, user, action: str, obj) -> bool:
        if action in (DiefAction.CIRCULATE, DiefAction.RECORD_DECISION):
            return is_secretariat(user)
        if action == DiefAction.OBJECT:
            return (
                is_participating_delegate(user)
                and user.state_id != _proposer_state_id(obj)
                and self.can(user, Action.VIEW, obj)
            )
        if action == Action.VIEW_HISTORY:
            return is_secretariat(user) or (
                is_participating_delegate(user) and user.state_id == _proposer_state_id(obj)
            )
        return super().can(user, action, obj)


def _objection_parties_q(user, prefix: str = "") -> Q | None:
    if is_secretariat(user):
        return None
    if not is_participating_delegate(user):
        return Q(pk__in=[])
    return Q(**{f"{prefix}state_id": user.state_id}) | Q(
        **{f"{prefix}proposal__proposing_state_id": user.state_id}
    )


@access.register(ExpertObjection)
class ExpertObjectionPolicy(access.Policy):
    """An objection and its consultation are between the objecting and the proposing
    State, and the Secretariat."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _objection_parties_q(user)
        return queryset if rule is None else queryset.filter(rule)

    def can(self, user, action: str, obj) -> bool:
        if action == DiefAction.WITHDRAW:
            return is_participating_delegate(user) and obj.state_id == user.state_id
        if action == Action.CHANGE:  # write in the consultation
            return is_participating_delegate(user) and user.state_id in (
                obj.state_id,
                _proposer_state_id(obj.proposal),
            )
        if action == Action.VIEW_HISTORY:
            return self.can(user, Action.VIEW, obj)
        return super().can(user, action, obj)


@access.register(ConsultationMessage)
class ConsultationMessagePolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        rule = _objection_parties_q(user, "objection__")
        return queryset if rule is None else queryset.filter(rule)
