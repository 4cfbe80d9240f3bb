"""Confidential marking: a page that shows material confidential to a forum carries a
banner naming the forum and is never stored by a browser or proxy."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from att_portal.meetings.enums import Body


def marking_text(forum: str) -> str:
    """The marking of material confidential to `forum`, in the active language, composed
    here once: "CONFIDENTIAL — DIEF" (the forum's short name as each language writes it)."""
    name = gettext("DIEF") if forum == Body.DIEF else forum
    return gettext("CONFIDENTIAL — %(forum)s") % {"forum": name}


class SecondFactorRequired(Exception):
    """Raised when a page would show confidential material to a person who has not
    verified a second factor in this session; the middleware asks for it."""


def note(request, *items, listing: bool = False) -> None:
    """Record the forums whose confidential material this response shows.

    `items` are objects or iterables of objects with a `confidential_forum` attribute
    (None for material that is not confidential), or forum names as strings. Confidential
    material is shown only after a second factor (raises SecondFactorRequired), except in
    `listing`s that show no more than the titles of confidential meetings and documents."""
    forums = getattr(request, "confidential_forums", set())
    for item in items:
        if isinstance(item, str):
            forums.add(item)
            continue
        objects = item if isinstance(item, Iterable) else [item]
        for obj in objects:
            forum = getattr(obj, "confidential_forum", None)
            if forum:
                forums.add(forum)
    request.confidential_forums = forums
    if forums and not listing and lacks_second_factor(request):
        raise SecondFactorRequired


def lacks_second_factor(request) -> bool:
    from att_portal.accounts.middleware import needs_second_factor

    user = getattr(request, "user", None)
    return user is not None and needs_second_factor(request)


class ConfidentialMarkingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.confidential_forums = set()
        response = self.get_response(request)
        if request.confidential_forums:
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, SecondFactorRequired):
            from att_portal.accounts.middleware import two_factor_redirect

            return two_factor_redirect(request)
        return None
