"""What each app adds to the portal's common pages — the dashboard's areas, the search's
sections, the kinds of change history — registered from its `hooks.py` when it is ready.

Layers point down: the core's pages loop over what is registered and never import a
feature app (the DIEF, WGETI, the register). Each entry decides itself, through the
permission layer, whether a person gets it at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Area:
    title: str
    description: str
    url: str
    # What the area says of the person's own business there, a line each (e.g. a
    # non-state expert's meeting: its dates and venue), and links beside `url`, as
    # (label, url) pairs — each already decided through the permission layer.
    details: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DashboardPanel:
    position: int
    area_for: Callable[[object], Area | None]  # the person's area, or None: not theirs


@dataclass(frozen=True)
class SearchProvider:
    """One section of the search page: `results(request, text)` gives the visible matches
    (a queryset through the permission layer, in the order they are shown), or None when
    the section is not for this person. The page shows the first few and counts no
    further than a limit, so the queryset must be one the database answers from its
    indexes or from a small table. Confidential results are marked on the page
    (`marking.note`). `more_url(text)`, where the app has a list that searches the same
    way, leads to all the matches."""

    key: str
    position: int
    label: str
    row_template: str  # renders one result, named `item`; the text searched is `query`
    results: Callable[[object, str], QuerySet | None]
    confidential: bool = False
    more_url: Callable[[str], str] | None = None
    more_label: str = ""  # the link to `more_url`, e.g. "All matching documents"


_panels: list[DashboardPanel] = []
_search: dict[str, SearchProvider] = {}
_history: dict[str, type] = {}
_acts: dict[str, Callable[[object, datetime.date], list]] = {}
_acting: dict[str, Callable[[list], dict]] = {}


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


def add_deadline_source(key: str, acts_for: Callable[[object, datetime.date], list]) -> None:
    """`acts_for(user, today)` gives the acts a workflow asks of the person, their State or
    their organisation, due from `today` on (`att_portal.meetings.deadlines.Act`), each
    read through the permission layer: My deadlines and the calendar feed list them."""
    _acts[key] = acts_for


def acts_for(user, today: datetime.date) -> list:
    return [act for key in sorted(_acts) for act in _acts[key](user, today)]


def add_acting_states(key: str, acting_states: Callable[[list], dict]) -> None:
    """`acting_states(meetings)` gives, for the rules of the core's table whose act is one
    State's (a presenting or a concerned State), `{(meeting_id, rule_key): {state_id}}`:
    the reminders write to those States' delegations."""
    _acting[key] = acting_states


def acting_states(meetings: Iterable) -> dict[tuple[int, str], set[int]]:
    meetings = list(meetings)
    result: dict[tuple[int, str], set[int]] = {}
    for key in sorted(_acting):
        for where, states in _acting[key](meetings).items():
            result.setdefault(where, set()).update(states)
    return result


# -- What a notice is about ---------------------------------------------------------------

# A notice's subject line (its parts: "Meeting title", "16–18 March 2026"), or WITHHELD:
# confidential, shown after the second factor only.
WITHHELD = None
NoticeSubjects = Callable[[object, list[str]], dict[str, tuple[str, ...] | None]]
_notice_subjects: dict[str, NoticeSubjects] = {}


def add_notice_subjects(prefix: str, subjects: NoticeSubjects) -> None:
    """The notices page shows under each notice's title what it is about — the meeting,
    the case, the document, the State — so that notices titled alike can be told apart.
    The app that queues notices under keys `<prefix>:…` says it: `subjects(request, keys)`
    gives `{key: the parts of its subject line}` for the notices whose subject the reader
    may see now (through the permission layer, so a notice keeps no more than its reader
    still sees), `WITHHELD` for confidential ones while the reader lacks a second factor,
    and leaves out the rest. A few queries for all the keys, whatever their number."""
    _notice_subjects[prefix] = subjects


def notice_subjects(request, keys: Iterable[str]) -> dict[str, tuple[str, ...] | None]:
    by_prefix: dict[str, list[str]] = {}
    for key in keys:
        by_prefix.setdefault(key.partition(":")[0], []).append(key)
    found: dict[str, tuple[str, ...] | None] = {}
    for prefix in sorted(by_prefix):
        subjects = _notice_subjects.get(prefix)
        if subjects is not None:
            found.update(subjects(request, by_prefix[prefix]))
    return found


_meeting_links: list[Callable[[object, object], tuple[str, str] | None]] = []


def add_meeting_link(link_for: Callable[[object, object], tuple[str, str] | None]) -> None:
    """`link_for(user, meeting)` gives a (label, url) the meeting's page offers (e.g. the
    register's agenda), or None when that page would not open to the person: a page
    never offers a link that answers 403 or 404."""
    _meeting_links.append(link_for)


def meeting_links(user, meeting) -> list[tuple[str, str]]:
    links = (link_for(user, meeting) for link_for in _meeting_links)
    return [link for link in links if link is not None]
