"""Predicates about people, and the access policies of the directory.

Facts about the signed-in user (roles in their term, the *current* status of their
State) are read once per request and kept on the user object; with a shared cache, once
a day until they change (`facts.py`).
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.access import Action

from . import facts
from .enums import Affiliation, AttStatus, Role
from .models import DIEF_STATUSES, Organisation, RoleAssignment, State, StateStatusChange, User


class PersonAction(StrEnum):
    RENAME = "rename"  # change a person's first or last name


_ROLES_CACHE = "_att_active_roles"
_STATUS_CACHE = "_att_state_status"


def active_roles(user) -> frozenset[str]:
    if not access.is_signed_in(user):
        return frozenset()
    if not hasattr(user, _ROLES_CACHE):
        roles = facts.remembered(
            "roles",
            user.pk,
            lambda: frozenset(
                RoleAssignment.objects.active().filter(user=user).values_list("role", flat=True)
            ),
        )
        setattr(user, _ROLES_CACHE, roles)
    return getattr(user, _ROLES_CACHE)


def holds_role(user, role: Role) -> bool:
    return role in active_roles(user)


def state_status(user) -> str | None:
    """The current ATT status of the user's State, or None for someone not in a delegation."""
    if not access.is_signed_in(user) or user.affiliation != Affiliation.DELEGATION:
        return None
    if not hasattr(user, _STATUS_CACHE):
        status = facts.remembered(
            "status",
            user.state_id,
            lambda: (
                State.objects.with_current_status()
                .filter(pk=user.state_id)
                .values_list("current_status", flat=True)
                .first()
            ),
        )
        setattr(user, _STATUS_CACHE, status)
    return getattr(user, _STATUS_CACHE)


def is_secretariat(user) -> bool:
    return (
        access.is_signed_in(user)
        and user.affiliation == Affiliation.SECRETARIAT
        and holds_role(user, Role.SECRETARIAT)
    )


def is_delegate(user) -> bool:
    return access.is_signed_in(user) and user.affiliation == Affiliation.DELEGATION


def is_dief_participant(user) -> bool:
    """DIEF ToR art. 6: delegates of States Parties and signatories; plus the Chair
    and the Secretariat who run the forum (arts. 4-5)."""
    return (
        is_secretariat(user)
        or holds_role(user, Role.DIEF_CHAIR)
        or state_status(user) in DIEF_STATUSES
    )


def is_focal_point_of(user, state_id: int | None) -> bool:
    return (
        is_delegate(user)
        and state_id is not None
        and user.state_id == state_id
        and holds_role(user, Role.FOCAL_POINT)
    )


def requires_two_factor(user) -> bool:
    """Secretariat staff always sign in with a second factor."""
    return access.is_signed_in(user) and user.affiliation == Affiliation.SECRETARIAT


@access.register(State)
class StatePolicy(access.Policy):
    # The list of States and their Treaty status is public knowledge.
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset

    def can(self, user, action: str, obj) -> bool:
        if action == Action.MANAGE_MEMBERS:
            return may_manage_delegation(user, obj)
        return super().can(user, action, obj)


@access.register(StateStatusChange)
class StateStatusChangePolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset


@access.register(Organisation)
class OrganisationPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset


@access.register(User)
class PersonPolicy(access.Policy):
    """People see themselves and their own delegation or organisation; the Secretariat
    sees everybody."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        same_group = Q(pk=user.pk)
        if user.affiliation == Affiliation.DELEGATION:
            same_group |= Q(state_id=user.state_id, affiliation=Affiliation.DELEGATION)
        elif user.affiliation == Affiliation.ORGANISATION:
            same_group |= Q(organisation_id=user.organisation_id)
        return queryset.filter(same_group)

    def can(self, user, action: str, obj) -> bool:
        if action == Action.MANAGE_MEMBERS:
            # A focal point manages their own delegation's members and nobody else's.
            return (
                obj.pk != user.pk
                and obj.affiliation == Affiliation.DELEGATION
                and may_manage_delegation(user, obj.state)
            )
        if action == PersonAction.RENAME:
            return may_rename(user, obj)
        return super().can(user, action, obj)


@access.register(RoleAssignment)
class RoleAssignmentPolicy(access.Policy):
    """Chairs and Presidents hold public offices; other roles are seen by their holder,
    their delegation's focal point and the Secretariat."""

    PUBLIC_ROLES = (Role.CSP_PRESIDENT, Role.DIEF_CHAIR, Role.WGETI_CHAIR, Role.SWG_FACILITATOR)

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        rule = Q(role__in=self.PUBLIC_ROLES) | Q(user=user)
        if is_focal_point_of(user, user.state_id):
            rule |= Q(user__state_id=user.state_id, user__affiliation=Affiliation.DELEGATION)
        return queryset.filter(rule)


__all__ = [
    "AttStatus",
    "active_roles",
    "holds_role",
    "is_delegate",
    "is_dief_participant",
    "is_focal_point_of",
    "is_secretariat",
    "may_manage_delegation",
    "may_rename",
    "requires_two_factor",
    "state_status",
]


def may_manage_delegation(user, state: State) -> bool:
    """Invite and deactivate a delegation's members: its focal point and the Secretariat."""
    return is_secretariat(user) or is_focal_point_of(user, state.pk)


def may_rename(user, person: User) -> bool:
    """Whose name a user may change. The name is what watermarks and access logs show, so
    nobody changes their own, except Secretariat staff, who keep the directory: the
    Secretariat changes anybody's name, a focal point those of their delegation's other
    members."""
    if is_secretariat(user):
        return True
    return (
        person.pk != user.pk
        and person.affiliation == Affiliation.DELEGATION
        and is_focal_point_of(user, person.state_id)
    )
