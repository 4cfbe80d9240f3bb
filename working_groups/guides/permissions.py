"""Who reads and writes the voluntary guides. Guides and revisions are WGETI material:
every signed-in person reads them (delegations of all States, observers, organisations,
the Secretariat); anonymous visitors get nothing. Any participant proposes and comments;
only the WGETI officers move a revision through its states; only the Secretariat
incorporates endorsed revisions into a new edition."""

from __future__ import annotations

from django.db.models import QuerySet

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import Affiliation
from att_portal.directory.permissions import is_secretariat
from working_groups.permissions import is_wgeti_officer, may_contribute

from .enums import ProposerKind
from .models import (
    FactSheet,
    Guide,
    GuideBlock,
    GuideEdition,
    GuideSection,
    ProposedRevision,
    RevisionChange,
    RevisionComment,
)

# Actions beyond access.Action, asked through access.can / access.require.
PROPOSE = "propose"  # on a Guide
INCORPORATE = "incorporate"  # on a Guide
COMMENT = "comment"  # on a ProposedRevision
DECIDE = "decide"  # on a ProposedRevision: discuss, endorse, withdraw


def is_participant(user) -> bool:
    return may_contribute(user) or is_wgeti_officer(user)


def is_proposer_of(user, revision: ProposedRevision) -> bool:
    if revision.proposer_kind == ProposerKind.STATE:
        return user.affiliation == Affiliation.DELEGATION and user.state_id == (
            revision.proposer_state_id
        )
    if revision.proposer_kind == ProposerKind.ORGANISATION:
        return user.affiliation == Affiliation.ORGANISATION and user.organisation_id == (
            revision.proposer_organisation_id
        )
    return False  # the Chair's and the Secretariat's revisions are edited by the officers


class ReadableByAllPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset

    def can(self, user, action: str, obj) -> bool:
        if action == Action.VIEW_HISTORY:
            return is_wgeti_officer(user)
        return super().can(user, action, obj)


@access.register(Guide)
class GuidePolicy(ReadableByAllPolicy):
    def can(self, user, action: str, obj) -> bool:
        if action == PROPOSE:
            return is_participant(user)
        if action in (INCORPORATE, Action.CHANGE):
            return is_secretariat(user)
        return super().can(user, action, obj)


for _model in (GuideEdition, GuideSection, GuideBlock, RevisionChange, RevisionComment):
    access.register(_model)(type(f"{_model.__name__}Policy", (ReadableByAllPolicy,), {}))


# Record the CSP's decision on a fact sheet, which publishes it.
PUBLISH = "publish"


@access.register(FactSheet)
class FactSheetPolicy(access.Policy):
    """Seed 004 ¶23: a fact sheet waits for the CSP's decision. Until the Secretariat
    records it, the draft is the WGETI officers' and the Secretariat's; then everybody's."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_wgeti_officer(user):
            return queryset
        return queryset.filter(published_at__isnull=False)

    def can(self, user, action: str, obj) -> bool:
        if action == PUBLISH:
            return is_secretariat(user)
        if action == Action.VIEW_HISTORY:
            return is_wgeti_officer(user)
        return super().can(user, action, obj)


@access.register(ProposedRevision)
class ProposedRevisionPolicy(ReadableByAllPolicy):
    def can(self, user, action: str, obj) -> bool:
        if action == COMMENT:
            return is_participant(user)
        if action == DECIDE:
            return is_wgeti_officer(user)
        if action == Action.CHANGE:  # edit the title, rationale and changes
            return is_wgeti_officer(user) or is_proposer_of(user, obj)
        return super().can(user, action, obj)
