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
from functools import cache
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast
from django.db.models.lookups import In
from django.db.models.signals import post_migrate
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
    must be explicit; nor does the superuser flag.

    Each half tests the row's key against the user's grants, which the database reads
    once, from the grant tables' (user or group, permission) indexes, for a whole list
    or one object alike: never the model's whole table. Not a correlated EXISTS:
    PostgreSQL costs an EXISTS under OR as if it ran once per row, which pushes lists
    and counts to full scans and to its JIT compiler."""
    from django.contrib.contenttypes.models import ContentType

    if not is_signed_in(user):
        return Q(pk__in=[])
    model = queryset.model._meta.concrete_model
    content_type = ContentType.objects.get_for_model(model)
    app_label, codename = perm.split(".", 1)
    if app_label != content_type.app_label:
        raise ValueError(f"{perm} is not a permission of {model._meta.label}.")
    permission_id = _permission_id(content_type.pk, codename)
    if permission_id is None:
        return Q(pk__in=[])
    user_grants, group_grants = _grant_models(model)
    memberships = get_user_model().groups.through.objects.filter(user_id=user.pk)
    by_user = user_grants.objects.filter(user_id=user.pk, permission_id=permission_id)
    by_group = group_grants.objects.filter(
        group_id__in=memberships.values("group_id"), permission_id=permission_id
    )
    return _granted_q(by_user, content_type.pk) | _granted_q(by_group, content_type.pk)


def _granted_q(grants: QuerySet, content_type_id: int) -> Q:
    """The rows that `grants` name: by foreign key for a model with grant tables of its
    own, else by content type and the row's key as text (guardian's generic tables store
    it so). The cast is on the row's key, never on `object_pk`, so that the generic
    tables' (content_type, object_pk) indexes apply."""
    if not grants.model.objects.is_generic():
        return Q(pk__in=grants.values("content_object_id"))
    granted = grants.filter(content_type_id=content_type_id).values("object_pk")
    return Q(In(Cast("pk", output_field=models.CharField()), granted))


@cache
def _grant_models(model: type[models.Model]) -> tuple[type[models.Model], type[models.Model]]:
    from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

    return get_user_obj_perms_model(model), get_group_obj_perms_model(model)


@cache
def _cached_permission_id(content_type_id: int, codename: str) -> int | None:
    from django.contrib.auth.models import Permission

    return (
        Permission.objects.filter(content_type_id=content_type_id, codename=codename)
        .values_list("pk", flat=True)
        .first()
    )


def _permission_id(content_type_id: int, codename: str) -> int | None:
    """The permission's id, read once per process (as guardian and Django read content
    types) and again after a migration or a flush, which create the permissions anew with
    other ids; a permission not created yet is not remembered."""
    permission_id = _cached_permission_id(content_type_id, codename)
    if permission_id is None:
        _cached_permission_id.cache_clear()
    return permission_id


def _forget_permission_ids(**kwargs) -> None:
    _cached_permission_id.cache_clear()


post_migrate.connect(_forget_permission_ids, dispatch_uid="access_forget_permission_ids")


def registered_models() -> frozenset[type[models.Model]]:
    return frozenset(_policies)
