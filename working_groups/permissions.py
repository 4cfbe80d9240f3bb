"""Who sees and does what in WGETI (seeds 002 and 004). WGETI is open to every registered
participant — delegations of all States, observers and organisations — as the rules of
procedure allow; nothing of the DIEF is ever shown here. Contributions are seen by their
authors, the Chair and the Secretariat until the Chair accepts, confirms or publishes
them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import Affiliation, Role
from att_portal.directory.permissions import active_roles, is_secretariat

from .enums import OfferState, ProposalState
from .models import (
    AdHocIssueProposal,
    ImplementationQuestion,
    MeetingTopic,
    Phase,
    PresentationOffer,
    PresenterList,
    ProposedSpeaker,
    SubWorkingGroup,
    Topic,
    WrittenSubmission,
)

OFFICERS = frozenset({Role.WGETI_CHAIR, Role.SWG_FACILITATOR, Role.CSP_PRESIDENT})
# Name a speaker proposed "to be confirmed": the proposer and the officers.
NAME_SPEAKERS = "name_speakers"


def is_wgeti_officer(user) -> bool:
    """The WGETI Chair, the facilitators, the CSP President, and the Secretariat."""
    return is_secretariat(user) or bool(active_roles(user) & OFFICERS)


def may_contribute(user) -> bool:
    """Delegations of any State and organisations take part in WGETI."""
    return access.is_signed_in(user) and user.affiliation in (
        Affiliation.DELEGATION,
        Affiliation.ORGANISATION,
    )


def own_contributions_q(user, prefix: str = "") -> Q:
    if user.affiliation == Affiliation.DELEGATION and user.state_id:
        return Q(**{f"{prefix}state_id": user.state_id})
    if user.affiliation == Affiliation.ORGANISATION and user.organisation_id:
        return Q(**{f"{prefix}organisation_id": user.organisation_id})
    return Q(pk__in=[])


def is_contributor_of(user, contribution) -> bool:
    if user.affiliation == Affiliation.DELEGATION:
        return contribution.state_id is not None and contribution.state_id == user.state_id
    if user.affiliation == Affiliation.ORGANISATION:
        return (
            contribution.organisation_id is not None
            and contribution.organisation_id == user.organisation_id
        )
    return False


class OpenPolicy(access.Policy):
    """The workplan and the groups: every signed-in person; the officers change them."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset

    def can(self, user, action: str, obj) -> bool:
        if action in (Action.CHANGE, Action.VIEW_HISTORY):
            return is_wgeti_officer(user)
        return super().can(user, action, obj)


for _model in (SubWorkingGroup, Phase, Topic, ImplementationQuestion, MeetingTopic, PresenterList):
    access.register(_model)(type(f"{_model.__name__}Policy", (OpenPolicy,), {}))


class ContributionPolicy(access.Policy):
    """Authors, officers; everybody once `public_q` holds."""

    public_q: Q

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_wgeti_officer(user):
            return queryset
        return queryset.filter(self.public_q | own_contributions_q(user))

    def can(self, user, action: str, obj) -> bool:
        if action == Action.CHANGE:  # decide: accept, confirm, publish
            return is_wgeti_officer(user)
        if action == Action.VIEW_HISTORY:
            return is_wgeti_officer(user) or is_contributor_of(user, obj)
        return super().can(user, action, obj)


@access.register(AdHocIssueProposal)
class AdHocIssueProposalPolicy(ContributionPolicy):
    public_q = Q(state_of_proposal=ProposalState.ACCEPTED)

    def can(self, user, action: str, obj) -> bool:
        if action == NAME_SPEAKERS:
            return self.can(user, Action.VIEW, obj) and (
                is_wgeti_officer(user) or is_contributor_of(user, obj)
            )
        return super().can(user, action, obj)


@access.register(ProposedSpeaker)
class ProposedSpeakerPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(proposal__in=access.visible(user, AdHocIssueProposal).values("pk"))


@access.register(PresentationOffer)
class PresentationOfferPolicy(ContributionPolicy):
    public_q = Q(status=OfferState.CONFIRMED, meeting__presenter_list__isnull=False)


@access.register(WrittenSubmission)
class WrittenSubmissionPolicy(ContributionPolicy):
    public_q = Q(published_at__isnull=False)
