"""The one permission layer of the portal.

Every view, queryset, search, count, download, feed and task asks this module:

* ``visible(user, Model_or_queryset)`` -> the rows of that kind the user may see;
* ``can(user, action, obj)`` -> whether the user may do ``action`` on ``obj``;
* ``get_visible_or_404`` and ``require`` for views.

Each app describes its models in a ``Policy`` subclass registered here from its
``permissions.py``; the policies combine status rules (a State's *current* ATT
status, roles with terms) with django-guardian object permissions. A model
without a policy is invisible to everybody: deny by default.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    VIEW_HISTORY = "view_history"
    MANAGE_MEMBERS = "manage_members"


class Policy:
    """Who may see and do what on one model. Subclasses override; the base denies."""

    model: type[models.Model]

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.none()

    def can(self, user, action: str, obj: models.Model) -> bool:
        if action == Action.VIEW:
            return self.filter_visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()
        if action == Action.VIEW_HISTORY:
            # The audit trail is the Secretariat's (issue: "who changed what and when").
            from att_portal.directory.permissions import is_secretariat

            return is_secretariat(user) and self.can(user, Action.VIEW, obj)
        return False


_policies: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model]) -> Callable[[type[Policy]], type[Policy]]:
    def decorator(policy_class: type[Policy]) -> type[Policy]:
        policy = policy_class()
        policy.model = model
        _policies[model] = policy
        return policy_class

    return decorator


def policy_for(model: type[models.Model]) -> Policy:
    concrete = model._meta.concrete_model
    return _policies.get(concrete) or Policy()


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def visible(user, source: type[M] | QuerySet) -> QuerySet:
    """The rows of `source` (a model or a queryset) that `user` may see."""
    queryset = source if isinstance(source, QuerySet) else source._default_manager.all()
    if not is_signed_in(user):
        return queryset.none()
    return policy_for(queryset.model).filter_visible(user, queryset)


def can(user, action: str, obj: models.Model) -> bool:
    if not is_signed_in(user):
        return False
    # The model from _meta, not type(): request.user is a lazy object standing for one.
    return policy_for(obj._meta.model).can(user, action, obj)


def get_visible_or_404(user, source: type[M] | QuerySet, **lookup) -> M:
    """The object, if the user may see it; otherwise 404, so its existence stays hidden."""
    try:
        return visible(user, source).get(**lookup)
    except (models.ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def require(user, action: str, obj: models.Model) -> None:
    """403 for a user who may see the object but not do `action`, 404 for anyone else."""
    if can(user, action, obj):
        return
    if can(user, Action.VIEW, obj):
        raise PermissionDenied
    raise Http404


def guardian_q(user, queryset: QuerySet, perm: str) -> Q:
    """A Q matching the rows on which `user` holds `perm` through django-guardian
    (directly or through a group). Global permissions do not count: a per-object grant
    must be explicit."""
    from guardian.shortcuts import get_objects_for_user

    granted = get_objects_for_user(
        user, perm, klass=queryset.model, accept_global_perms=False, with_superuser=False
    )
    return Q(pk__in=granted.values("pk"))


def registered_models() -> frozenset[type[models.Model]]:
    return frozenset(_policies)
