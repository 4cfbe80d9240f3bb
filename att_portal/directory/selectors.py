from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django_countries import countries

from att_portal import access

from . import un_names
from .enums import Affiliation, AttStatus, StatusInstrument
from .models import Organisation, RoleAssignment, State, StateStatusChange, User


def country_codes_matching(text: str) -> list[str]:
    """Alpha-2 codes whose name (UN or ISO, in the reader's language or English) or alpha-3
    code contains `text`."""
    return un_names.codes_matching(text)


def by_country_name(field: str = "country"):
    """An ORDER BY expression sorting States by their UN name in the reader's language."""
    return un_names.by_name(field)


def states_visible_to(user) -> QuerySet[State]:
    """States with their current status and the dates of signature and of becoming a party."""
    changes = StateStatusChange.objects.filter(state=OuterRef("pk"))
    return (
        access.visible(user, State.objects.with_current_status())
        .annotate(
            signed_on=Subquery(
                changes.filter(instrument=StatusInstrument.SIGNATURE)
                .order_by("instrument_date")
                .values("instrument_date")[:1]
            ),
            party_since=Subquery(
                changes.filter(status=AttStatus.STATE_PARTY)
                .order_by("-effective_on")
                .values("effective_on")[:1]
            ),
        )
        .order_by(by_country_name())
    )


def state_by_alpha3(user, alpha3: str) -> State:
    alpha2 = countries.alpha2(alpha3.upper()) if alpha3.isalpha() and len(alpha3) == 3 else ""
    return access.get_visible_or_404(user, states_visible_to(user), country=alpha2 or "--")


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return access.visible(user, Organisation)


def people_visible_to(user) -> QuerySet[User]:
    active_roles = RoleAssignment.objects.active()
    return access.visible(
        user, User.objects.select_related("state", "organisation")
    ).prefetch_related(Prefetch("role_assignments", queryset=active_roles, to_attr="current_roles"))


def delegation_members_visible_to(user, state: State) -> QuerySet[User]:
    return people_visible_to(user).filter(state=state, affiliation=Affiliation.DELEGATION)
