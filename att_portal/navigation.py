"""Entries of the main navigation that a feature app adds, shown to whom it decides
(layers point down: the core never imports the feature apps)."""

from __future__ import annotations

from collections.abc import Callable

# key -> predicate(user): the template reads `nav_<key>`.
_ENTRIES: dict[str, Callable[[object], bool]] = {}


def register(key: str, shown_to: Callable[[object], bool]) -> None:
    _ENTRIES[key] = shown_to


def entries() -> dict[str, Callable[[object], bool]]:
    return dict(_ENTRIES)
