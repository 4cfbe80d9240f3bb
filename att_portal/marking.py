"""Confidential marking: a page that shows material confidential to a forum carries a
banner naming the forum and is never stored by a browser or proxy."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.cache import patch_cache_control


def note(request, *items) -> None:
    """Record the forums whose confidential material this response shows.

    `items` are objects or iterables of objects with a `confidential_forum` attribute
    (None for material that is not confidential), or forum names as strings."""
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


class ConfidentialMarkingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.confidential_forums = set()
        response = self.get_response(request)
        if request.confidential_forums:
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response
