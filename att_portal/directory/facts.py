"""The facts every page asks about the signed-in person — their roles in term today and
their State's status today — kept between requests in the shared cache.

The navigation asks them on every page: two queries, and half of what the layout costs.
They are kept only in a cache that every process shares (`CACHE_URL`), keyed by the
person (or the State) and today's date, under a version that every change to a role
assignment or a status change replaces once its transaction commits: from then on, no
process reads the old facts. Each process's own memory is never used for them, since a
role revoked in one worker would stay in force in the others.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

VERSION_KEY = "att:directory-facts:version"
# Long enough for a day's pages, short enough that nothing lingers.
TIMEOUT = 60 * 60 * 24
_LOCAL = "django.core.cache.backends.locmem.LocMemCache"
_MISSING = object()


def shared() -> bool:
    """Whether the cache is one that every process reads (Redis in a deployment)."""
    return settings.CACHES["default"]["BACKEND"] != _LOCAL


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def remembered(kind: str, subject: Any, compute: Callable[[], Any]) -> Any:
    """`compute()` for `subject` today, from the shared cache when it is there."""
    if not shared():
        return compute()
    key = f"att:directory-facts:{_version()}:{kind}:{subject}:{timezone.localdate():%Y%m%d}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def forget_all() -> None:
    """Every cached fact stops counting once the current transaction commits (at once
    outside one)."""
    if shared():
        transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))
