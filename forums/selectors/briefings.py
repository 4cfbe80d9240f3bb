"""Reading oral briefings (ToR art. 22): who takes part, whether a briefing is cleared,
and which States its text names without their consent."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from att_portal import access
from att_portal.directory.models import State
from att_portal.directory.permissions import is_secretariat
from att_portal.directory.un_names import by_name
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting, Participation

from ..enums import BriefingState, Position
from ..models import Briefing, BriefingPosition

# The six languages of the Treaty, as the portal names them.
NAME_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")


def _attended(**lookup) -> QuerySet[Participation]:
    """Participants the Secretariat recorded as having attended (a nomination is not
    attendance: a State nominated and absent did not take part)."""
    return Participation.objects.filter(attended=True, person__state__isnull=False, **lookup)


def taking_part_state_ids(meeting: Meeting) -> set[int]:
    return set(_attended(meeting=meeting).values_list("person__state_id", flat=True).distinct())


def taking_part_states(meeting: Meeting) -> QuerySet[State]:
    """The States that took part in a meeting (art. 22): one of their participants
    attended, as the Secretariat recorded it."""
    return State.objects.filter(pk__in=_attended(meeting=meeting).values("person__state_id"))


def presenting_state_ids(briefing: Briefing) -> set[int]:
    """States whose case (presented at the meeting) the briefing is based on."""
    return set(briefing.based_on.values_list("case__provider_state_id", flat=True))


def may_take_position(user, briefing: Briefing) -> bool:
    """A delegate of a State that took part, or that presented a case the briefing is
    based on (art. 22)."""
    from ..permissions import is_participating_delegate

    if not is_participating_delegate(user):
        return False
    return user.state_id in taking_part_state_ids(briefing.meeting) | presenting_state_ids(briefing)


def state_of(briefing: Briefing, positions: Iterable[BriefingPosition], taking_part: set[int]):
    """Cleared only by consensus of the States that took part, on the current revision,
    with no standing objection of any State (whatever revision it was made on)."""
    positions = list(positions)
    if any(p.position == Position.OBJECT for p in positions):
        return BriefingState.OBJECTED
    agreed = {
        p.state_id
        for p in positions
        if p.position == Position.AGREE and p.revision == briefing.revision
    }
    if taking_part and taking_part <= agreed:
        return BriefingState.CLEARED
    return BriefingState.DRAFT


def as_seen_by(user, state: BriefingState) -> BriefingState:
    """Positions are between each State, the Chair and the Secretariat: the States see
    whether a briefing is cleared, never that someone objected."""
    from ..permissions import is_dief_chair

    if state == BriefingState.OBJECTED and not (is_secretariat(user) or is_dief_chair(user)):
        return BriefingState.DRAFT
    return state


def briefing_state(briefing: Briefing, user=None) -> BriefingState:
    state = state_of(
        briefing,
        BriefingPosition.objects.filter(briefing=briefing),
        taking_part_state_ids(briefing.meeting),
    )
    return state if user is None else as_seen_by(user, state)


def briefings_visible_to(user) -> QuerySet[Briefing]:
    return access.visible(user, Briefing).select_related("meeting", "meeting__cycle")


def briefing_rows(user) -> list[tuple[Briefing, BriefingState]]:
    """The briefings the user sees, each with its state, in three queries."""
    briefings = list(
        briefings_visible_to(user).prefetch_related(
            Prefetch("positions", queryset=BriefingPosition.objects.order_by())
        )
    )
    taking_part: dict[int, set[int]] = {}
    for meeting_id, state_id in (
        _attended(meeting_id__in={b.meeting_id for b in briefings})
        .values_list("meeting_id", "person__state_id")
        .distinct()
    ):
        taking_part.setdefault(meeting_id, set()).add(state_id)
    return [
        (b, as_seen_by(user, state_of(b, b.positions.all(), taking_part.get(b.meeting_id, set()))))
        for b in briefings
    ]


def meetings_to_brief(user) -> QuerySet[Meeting]:
    """DIEF meetings that have ended, which the Chair may brief on."""
    return access.visible(user, Meeting.objects.filter(body=Body.DIEF)).filter(
        ends_on__lt=timezone.localdate()
    )


def _names(state: State) -> set[str]:
    names = set()
    for language in NAME_LANGUAGES:
        names.add(state.name_in(language))  # the UN short name
        with translation.override(language):
            names.add(str(state.country.name))  # and the ISO one, as people also write it
    return names


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _name_pattern(names: Iterable[str], codes: Iterable[str]) -> re.Pattern:
    """Names case-insensitive as whole words (Chinese as written: it has no spaces);
    codes case-sensitive as whole words."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        escaped = re.escape(name)
        parts.append(f"(?i:{escaped})" if _is_cjk(name) else rf"(?i:(?<!\w){escaped}(?!\w))")
    for code in codes:
        parts.append(rf"(?<!\w){re.escape(code)}(?!\w)")
    return re.compile("|".join(parts))


def states_named_without_consent(briefing: Briefing) -> list[State]:
    """The States the text names (a name in any of the six languages, the alpha-3 or
    alpha-2 code) that have not agreed to the current revision (art. 22: nothing
    attributable to a State without its consent). Two queries."""
    consenting = set(
        BriefingPosition.objects.filter(
            briefing=briefing, revision=briefing.revision, position=Position.AGREE
        ).values_list("state_id", flat=True)
    )
    text = briefing.text or ""
    named = []
    for state in State.objects.order_by(by_name()):
        if state.pk in consenting:
            continue
        country = state.country
        pattern = _name_pattern(_names(state), [country.alpha3, country.code])
        if pattern.search(text):
            named.append(state)
    return named
