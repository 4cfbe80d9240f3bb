"""What the DIEF's notices are about, for the notices page. Their titles are neutral
sentences (ToR art. 14: the title is kept, and an e-mail says no more); the page shows,
under each, the item, the presentation or the States it concerns — read now, through the
permission layer, and only after the second factor (`subject_line`). So a notice shows no
more than its reader may still see: a case narrowed since, or a State that left the forum,
leaves the notice with its title alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from att_portal import access, registry
from att_portal.notifications.subjects import key_ids, subject_line

from .models import (
    Briefing,
    Case,
    CasePresentation,
    ConcernedState,
    DisclosureChallenge,
    ExpertProposal,
    OperationalUseRequest,
    PlatformItem,
    PresentationIntention,
)

Titles = dict[tuple[type, int], str]


def _titles(user, rows: Iterable) -> Titles:
    """The titles of the cases and platform items `rows` concern (their `case_id` and
    `platform_item_id`) that `user` may see: a query for each kind."""
    rows = list(rows)
    titles: Titles = {}
    for model, field in ((Case, "case_id"), (PlatformItem, "platform_item_id")):
        ids = {getattr(row, field, None) for row in rows} - {None}
        if ids:
            visible = access.visible(user, model.objects.filter(pk__in=ids))
            titles |= {(model, pk): title for pk, title in visible.values_list("pk", "title")}
    return titles


def _item_title(titles: Titles, row) -> str:
    if getattr(row, "case_id", None):
        return titles.get((Case, row.case_id), "")
    if getattr(row, "platform_item_id", None):
        return titles.get((PlatformItem, row.platform_item_id), "")
    return ""


def _subjects(
    queryset: QuerySet,
    parts: Callable[[object, Titles], list],
    *,
    position: int = 1,
    items: Callable[[object], object] = lambda row: row,
) -> Callable[[object, list[str]], dict[str, tuple[str, ...] | None]]:
    """Subjects of the notices whose key holds, at `position`, the id of a row of
    `queryset`: `parts(row, titles)` of the rows the reader may see. `items(row)` is what
    holds the case or platform item whose title may be shown."""

    def subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
        ids = key_ids(keys, position)
        rows = access.visible(request.user, queryset).in_bulk(set(ids.values()))
        titles = _titles(request.user, (items(row) for row in rows.values()))
        return {
            key: subject_line(request, rows[pk], *parts(rows[pk], titles))
            for key, pk in ids.items()
            if pk in rows
        }

    return subjects


def _challenge(challenge: DisclosureChallenge, titles: Titles) -> list:
    challenger = challenge.challenger_state or challenge.get_challenger_display()
    return [_item_title(titles, challenge), f"{challenger} → {challenge.challenged}"]


def _intention(keys_kind: str):
    """`dief-intention:presentation:<presentation>:<when>:<person>` for an intention at a
    meeting, `dief-intention:next:<intention>:<person>` for the next meeting."""
    if keys_kind == "presentation":
        return _subjects(
            CasePresentation.objects.select_related("case__provider_state", "meeting"),
            lambda presentation, titles: [_item_title(titles, presentation), presentation],
            position=2,
        )
    return _subjects(
        PresentationIntention.objects.select_related("case__provider_state"),
        lambda intention, titles: [_item_title(titles, intention), intention],
        position=2,
    )


_INTENTIONS = {kind: _intention(kind) for kind in ("presentation", "next")}


def intention_subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
    found: dict[str, tuple[str, ...] | None] = {}
    for kind, subjects in _INTENTIONS.items():
        mine = [key for key in keys if key.split(":")[1:2] == [kind]]
        if mine:
            found |= subjects(request, mine)
    return found


_PRESENTATION = ("presentation__case__provider_state", "presentation__meeting")


def register() -> None:
    registry.add_notice_subjects(
        "dief-challenge",
        _subjects(
            DisclosureChallenge.objects.select_related(
                "challenger_state", "challenged_state", "challenged_expert"
            ),
            _challenge,
        ),
    )
    registry.add_notice_subjects(
        "dief-use",
        _subjects(
            OperationalUseRequest.objects.select_related("requesting_state"),
            lambda request, titles: [_item_title(titles, request), request],
        ),
    )
    registry.add_notice_subjects(
        "dief-expert",
        _subjects(
            ExpertProposal.objects.select_related(*_PRESENTATION),
            lambda proposal, titles: [proposal.presentation],
        ),
    )
    registry.add_notice_subjects("dief-intention", intention_subjects)
    # To the concerned State: whose presentation names it (not yet the case: the
    # presenting State may have narrowed it to others).
    registry.add_notice_subjects(
        "dief-concerned-notice",
        _subjects(
            ConcernedState.objects.select_related(*_PRESENTATION),
            lambda concerned, titles: [concerned.presentation],
        ),
    )
    # To the presenting State: which concerned State replied, about which case.
    registry.add_notice_subjects(
        "dief-concerned-reply",
        _subjects(
            ConcernedState.objects.select_related("state", *_PRESENTATION),
            lambda concerned, titles: [_item_title(titles, concerned.presentation), concerned],
            items=lambda concerned: concerned.presentation,
        ),
    )
    registry.add_notice_subjects(
        "dief-briefing",
        _subjects(Briefing.objects.select_related("meeting"), lambda briefing, titles: [briefing]),
    )
