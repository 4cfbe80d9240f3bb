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
from ..models import Briefing, BriefingPosition, CasePresentation

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


def _today():
    return timezone.localdate()


def state_of(
    briefing: Briefing,
    positions: Iterable[BriefingPosition],
    taking_part: set[int],
    presenting: set[int],
    attributable: set[int],
    today=None,
) -> BriefingState:
    """Art. 22, consensus: the Chair circulates the text with a date; the briefing is
    cleared once that date has passed (the end of the day, Geneva time) with no standing
    objection of a State that took part or whose case it is based on, every State a
    passage is attributable to having consented to the current text. Silence is not a
    veto; an objection stands whatever revision it was made on until its State agrees."""
    if briefing.objections_due_on is None:
        return BriefingState.DRAFT
    positions = list(positions)
    entitled = taking_part | presenting
    if any(p.position == Position.OBJECT and p.state_id in entitled for p in positions):
        return BriefingState.OBJECTED
    if (today or _today()) <= briefing.objections_due_on:
        return BriefingState.CIRCULATED
    consenting = {
        p.state_id
        for p in positions
        if p.position == Position.AGREE and p.revision == briefing.revision
    }
    if not attributable <= consenting:
        return BriefingState.AWAITING_CONSENT
    if not taking_part:
        # No attendance recorded: there is nobody whose consensus it could be.
        return BriefingState.NOT_CLEARED
    return BriefingState.CLEARED


def as_seen_by(user, state: BriefingState, briefing: Briefing | None = None) -> BriefingState:
    """Positions are between each State, the Chair and the Secretariat: the States see
    whether a briefing is open for objections, cleared or not cleared, never that
    someone objected or has not consented."""
    from ..permissions import is_dief_chair

    if state not in (BriefingState.OBJECTED, BriefingState.AWAITING_CONSENT):
        return state
    if is_secretariat(user) or is_dief_chair(user):
        return state
    if (
        briefing is not None
        and briefing.objections_due_on
        and (_today() <= briefing.objections_due_on)
    ):
        return BriefingState.CIRCULATED
    return BriefingState.NOT_CLEARED


def briefing_state(briefing: Briefing, user=None) -> BriefingState:
    state = state_of(
        briefing,
        BriefingPosition.objects.filter(briefing=briefing),
        taking_part_state_ids(briefing.meeting),
        presenting_state_ids(briefing),
        set(briefing.attributable_to.values_list("pk", flat=True)),
    )
    return state if user is None else as_seen_by(user, state, briefing)


def briefings_visible_to(user) -> QuerySet[Briefing]:
    return access.visible(user, Briefing).select_related("meeting", "meeting__cycle")


def briefing_rows(user) -> list[tuple[Briefing, BriefingState]]:
    """The briefings the user sees, each with its state, in a fixed number of queries."""
    briefings = list(
        briefings_visible_to(user).prefetch_related(
            Prefetch("positions", queryset=BriefingPosition.objects.order_by()),
            Prefetch(
                "based_on", queryset=CasePresentation.objects.select_related("case").order_by()
            ),
            Prefetch("attributable_to", queryset=State.objects.order_by()),
        )
    )
    taking_part: dict[int, set[int]] = {}
    for meeting_id, state_id in (
        _attended(meeting_id__in={b.meeting_id for b in briefings})
        .values_list("meeting_id", "person__state_id")
        .distinct()
    ):
        taking_part.setdefault(meeting_id, set()).add(state_id)
    today = _today()
    rows = []
    for b in briefings:
        state = state_of(
            b,
            b.positions.all(),
            taking_part.get(b.meeting_id, set()),
            {p.case.provider_state_id for p in b.based_on.all()},
            {s.pk for s in b.attributable_to.all()},
            today,
        )
        rows.append((b, as_seen_by(user, state, b)))
    return rows


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


def states_named_in(text: str) -> list[State]:
    """The States a text names: a name in any of the six languages, the alpha-3 or
    alpha-2 code. One query."""
    named = []
    # Only the country is read: the data migration of art. 22 calls this too.
    for state in State.objects.only("pk", "country").order_by(by_name()):
        country = state.country
        pattern = _name_pattern(_names(state), [country.alpha3, country.code])
        if pattern.search(text or ""):
            named.append(state)
    return named


def states_named_without_consent(briefing: Briefing) -> list[State]:
    """The States passages are attributable to (declared by the Chair or named by the
    text) that have not agreed to the current revision (art. 22: nothing attributable to
    a State without its explicit consent). Two queries."""
    consenting = BriefingPosition.objects.filter(
        briefing=briefing, revision=briefing.revision, position=Position.AGREE
    ).values("state_id")
    return list(briefing.attributable_to.exclude(pk__in=consenting).order_by(by_name()))
