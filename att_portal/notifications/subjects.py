"""Helpers for the apps that say what their notices are about
(`registry.add_notice_subjects`): reading the ids in a notice's key, and a subject line
that stays hidden without the second factor when it is confidential."""

from __future__ import annotations

from collections.abc import Iterable

from att_portal import marking, registry


def key_ids(keys: Iterable[str], position: int = 1) -> dict[str, int]:
    """{key: the number at `position` among the key's ":"-separated parts}, e.g. the
    meeting's id in "invitation:12:34". Keys without a number there are left out."""
    found = {}
    for key in keys:
        parts = key.split(":")
        if len(parts) > position and parts[position].isdigit():
            found[key] = int(parts[position])
    return found


def subject_line(request, obj, *parts) -> tuple[str, ...] | None:
    """The parts of a subject line (those not empty, as text; the page isolates each, for
    Latin symbols inside Arabic). If `obj` is confidential to a forum: withheld
    (`registry.WITHHELD`) from a reader without the second factor, else shown and the page
    marked confidential."""
    if getattr(obj, "confidential_forum", None):
        if marking.lacks_second_factor(request):
            return registry.WITHHELD
        marking.note(request, obj)
    return tuple(str(part) for part in parts if part)
