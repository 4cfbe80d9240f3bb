"""Keep per-object grants from outliving their objects.

django-guardian stores grants with a generic key; when an object goes, its rows stay
unless removed, and a later object with the same key would inherit them. Every model
that has an access policy gets its grants removed when it is deleted.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from guardian.models import GroupObjectPermission, UserObjectPermission

from att_portal import access

from . import facts
from .models import RoleAssignment, StateStatusChange, User


@receiver(post_delete)
def delete_orphaned_object_permissions(sender, instance, **kwargs) -> None:
    if sender._meta.concrete_model not in access.registered_models():
        return
    content_type = ContentType.objects.get_for_model(sender)
    for grants in (UserObjectPermission, GroupObjectPermission):
        grants.objects.filter(content_type=content_type, object_pk=str(instance.pk)).delete()


@receiver(post_save, sender=User)
def keep_delegation_group_membership(sender, instance: User, raw=False, **kwargs) -> None:
    """A delegate belongs to their own State's delegation group and to no other. A row
    loaded as it was stored (a restore, a fixture) brings its memberships with it."""
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not {"state", "affiliation"} & set(update_fields):
        return
    from .services import delegation_groups_sync

    delegation_groups_sync(instance)


@receiver(post_save, sender=RoleAssignment)
@receiver(post_delete, sender=RoleAssignment)
@receiver(post_save, sender=StateStatusChange)
@receiver(post_delete, sender=StateStatusChange)
def forget_directory_facts(sender, **kwargs) -> None:
    """A role or a status changed: no page reads the facts cached before (facts.py)."""
    facts.forget_all()
