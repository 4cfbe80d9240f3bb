"""What each app adds to the portal's common pages — the dashboard's areas, the search's
sections, the kinds of change history — registered from its `hooks.py` when it is ready.

Layers point down: the core's pages loop over what is registered and never import a
feature app (the DIEF, WGETI, the register). Each entry decides itself, through the
permission layer, whether a person gets it at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Area:
    title: str
    description: str
    url: str


@dataclass(frozen=True)
class DashboardPanel:
    position: int
    area_for: Callable[[object], Area | None]  # the person's area, or None: not theirs


@dataclass(frozen=True)
class SearchProvider:
    """One section of the search page: `results(request, text)` gives the visible matches
    (a queryset through the permission layer), or None when the section is not for this
    person. Confidential results are marked on the page (`marking.note`)."""

    key: str
    position: int
    label: str
    row_template: str  # renders one result, named `item`
    results: Callable[[object, str], QuerySet | None]
    confidential: bool = False


_panels: list[DashboardPanel] = []
_search: dict[str, SearchProvider] = {}
_history: dict[str, type] = {}


def add_dashboard_panel(position: int, area_for: Callable[[object], Area | None]) -> None:
    _panels.append(DashboardPanel(position, area_for))


def dashboard_areas(user) -> list[Area]:
    """The parts of the portal this person may use, in the dashboard's order."""
    areas = (panel.area_for(user) for panel in sorted(_panels, key=lambda p: p.position))
    return [area for area in areas if area is not None]


def add_search_provider(provider: SearchProvider) -> None:
    _search[provider.key] = provider


def search_providers() -> list[SearchProvider]:
    return sorted(_search.values(), key=lambda p: p.position)


def add_history_kind(kind: str, model: type) -> None:
    """`/history/<kind>/<pk>/` shows `model`'s change history to those its policy allows."""
    _history[kind] = model


def history_model(kind: str) -> type | None:
    return _history.get(kind)
