"""What a person types to sign in: their user name or their e-mail address, in one field.

Failed sign-ins are counted per user name (django-axes, `lockout.py`). So that they count
against the same account whichever identifier is typed, an e-mail address is turned into
its account's user name before anything is authenticated or counted: the sign-in form does
it before `authenticate`, and axes reads user names through `axes_username`
(AXES_USERNAME_CALLABLE), which does the same.

An identifier that is some account's user name means that account (invited delegates'
user names are their e-mail addresses). Otherwise an e-mail address — compared without
regard to case — means the one account that uses it. If several accounts used it (the
database refuses that, but older records may predate the rule), it means none: the person
must sign in with their user name.
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.http import HttpRequest

# Memo of the answers for one request: axes asks several times per sign-in.
_MEMO = "_sign_in_usernames"


def normalise(identifier: str) -> str:
    """As the sign-in form's user name field cleans what was typed."""
    return unicodedata.normalize("NFKC", identifier.strip())


def username_for(identifier: str) -> str | None:
    """The user name `identifier` stands for: itself if it is a user name or matches no
    account's e-mail address; the user name of the one account using that e-mail address;
    None if several accounts use it."""
    identifier = normalise(identifier)
    if "@" not in identifier:
        return identifier
    people = get_user_model().objects
    if people.filter(username=identifier).exists():
        return identifier
    usernames = list(people.filter(email__iexact=identifier).values_list("username", flat=True)[:2])
    if len(usernames) > 1:
        return None
    return usernames[0] if usernames else identifier


def username_in_request(request: HttpRequest | None, identifier: str) -> str | None:
    """`username_for`, asked once per identifier and request."""
    if request is None:
        return username_for(identifier)
    memo = request.__dict__.setdefault(_MEMO, {})
    if identifier not in memo:
        memo[identifier] = username_for(identifier)
    return memo[identifier]


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the user name that failures are counted against. An e-mail
    address shared by several accounts stands for itself (it signs nobody in)."""
    from django.conf import settings

    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    elif request is not None:
        typed = getattr(request, "data", request.POST).get(field)
    else:
        return None
    if not isinstance(typed, str):
        return typed
    return username_in_request(request, typed) or normalise(typed)
