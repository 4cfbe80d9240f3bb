"""Changes to the directory. Each service checks the permission layer itself, so that
no caller can skip it."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.notifications.services import mail_queue

from . import names
from .enums import Affiliation
from .models import State, User
from .permissions import PersonAction, is_secretariat

# django-simple-history keeps a change reason in 100 characters.
REASON_LENGTH = 100


def change_reason(text: str) -> str:
    """`text` cut to what the history keeps (it names people, whose names may be long)."""
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


@transaction.atomic
def delegate_invite(
    *,
    by: User,
    state: State,
    email: str,
    first_name: str,
    last_name: str,
    job_title: str = "",
    is_law_enforcement: bool = False,
    preferred_language: str = "en",
) -> User:
    """Create an account in `state`'s delegation and e-mail the person a link to set a password."""
    if not access.can(by, access.Action.MANAGE_MEMBERS, state):
        raise PermissionDenied
    email = email.strip().lower()
    person = User(
        username=email,
        email=email,
        first_name=names.normalise_person_name(first_name),
        last_name=names.normalise_person_name(last_name),
        job_title=job_title.strip(),
        affiliation=Affiliation.DELEGATION,
        state=state,
        is_law_enforcement=is_law_enforcement,
        preferred_language=preferred_language,
    )
    person.set_unusable_password()
    person.full_clean()
    person._history_user = by
    # The change history is kept in English, whatever the language of the person acting.
    person._change_reason = change_reason(
        f"Invited to the delegation of {state.name_in('en')} by {by}"
    )
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"email": _("Another account already uses this e-mail address.")}
        ) from exc
    mail_queue(
        key=f"delegate-invitation:{person.pk}",
        recipient=person,
        template="delegate-invitation",
        context={
            "state": state,
            "invited_by": by,
            "uid": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    return person


@transaction.atomic
def delegate_set_active(*, by: User, person: User, active: bool) -> User:
    """Deactivate (or reactivate) a member of a delegation; a deactivated person cannot sign in."""
    access.require(by, access.Action.MANAGE_MEMBERS, person)
    if person.is_active == active:
        return person
    person.is_active = active
    person._history_user = by
    person._change_reason = change_reason(
        ("Reactivated" if active else "Deactivated") + f" by {by}"
    )
    person.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_rename(*, by: User, person: User, first_name: str, last_name: str) -> User:
    """Change a person's name as the directory knows it (and as watermarks and access logs
    show it): the Secretariat, or the focal point of the person's delegation."""
    access.require(by, PersonAction.RENAME, person)
    person = User.objects.select_for_update().get(pk=person.pk)
    old = (person.first_name, person.last_name)
    person.first_name, person.last_name = first_name, last_name
    # Only the name is checked: whatever else an older record holds is not this change's.
    others = {field.name for field in User._meta.fields} - {"first_name", "last_name"}
    person.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    if not (person.first_name or person.last_name):
        raise ValidationError({"first_name": _("Give the person's first name, last name or both.")})
    if (person.first_name, person.last_name) == old:
        return person
    person._history_user = by
    # The change history is kept in English, whatever the language of the person acting.
    office = "the Secretariat" if is_secretariat(by) else "the delegation's focal point"
    person._change_reason = f"Name changed by {office}"
    person.save(update_fields=["first_name", "last_name"])
    return person


def delegation_group(state: State) -> Group:
    """The group of `state`'s delegates, created (with its current members) on first use."""
    if state.delegation_group_id:
        return state.delegation_group
    with transaction.atomic():
        locked = State.objects.select_for_update().get(pk=state.pk)
        if locked.delegation_group_id is None:
            group = Group.objects.create(name=f"delegation:{state.alpha3}:{state.pk}")
            group.user_set.add(
                *User.objects.filter(state=state, affiliation=Affiliation.DELEGATION)
            )
            State.objects.filter(pk=state.pk).update(delegation_group=group)
            locked.delegation_group = group
    state.delegation_group = locked.delegation_group
    return locked.delegation_group


def delegation_groups_sync(person: User) -> None:
    """Put a delegate in their State's delegation group (if it exists) and out of others."""
    current = person.groups.filter(delegation_of__isnull=False)
    own = None
    if person.affiliation == Affiliation.DELEGATION and person.state_id:
        own = Group.objects.filter(delegation_of__pk=person.state_id).first()
    stale = current.exclude(pk=own.pk) if own else current
    if stale.exists():
        person.groups.remove(*stale)
    if own is not None and not current.filter(pk=own.pk).exists():
        person.groups.add(own)
