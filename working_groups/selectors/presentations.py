"""Reads of presentations of national practice: per phase of a meeting, the offers a
reader may see, how many States Parties are confirmed to present (seed 002 ¶11 c: "at
least two presentations by States Parties" per phase) and how diverse they are, by
regional group and by import/export profile (¶11 e: the States Parties presenting). Other
States (signatories, observers) and other stakeholders may present too (¶11 c); they are
counted apart, never towards the two."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import AttStatus, RegionalGroup, TradeProfile
from att_portal.directory.models import State
from att_portal.meetings.models import Meeting

from ..enums import OfferState
from ..models import MeetingTopic, Phase, PresentationOffer, PresenterList
from ..services.presentations import PRESENTATIONS_EXPECTED_PER_PHASE
from .workplan import meeting_topics_of

NOT_STATED = _("Not stated")


@dataclass
class TopicOverview:
    meeting_topic: MeetingTopic
    offers: list[PresentationOffer] = field(default_factory=list)

    @property
    def topic(self):
        return self.meeting_topic.topic


@dataclass
class PhaseOverview:
    phase: Phase
    topics: list[TopicOverview] = field(default_factory=list)
    confirmed_states_parties: int = 0
    confirmed_other_states: int = 0
    by_region: list[tuple[str, int]] = field(default_factory=list)
    by_profile: list[tuple[str, int]] = field(default_factory=list)
    confirmed_organisations: int = 0
    expected: int = PRESENTATIONS_EXPECTED_PER_PHASE

    @property
    def enough_states(self) -> bool:
        return self.confirmed_states_parties >= self.expected


def offers_visible_to(user, meeting: Meeting) -> QuerySet[PresentationOffer]:
    return access.visible(
        user,
        PresentationOffer.objects.filter(meeting=meeting).select_related(
            "state", "organisation", "topic", "decided_by"
        ),
    ).order_by("topic__phase__number", "topic__position", "submitted_at", "pk")


def presenter_list_of(meeting: Meeting) -> PresenterList | None:
    return PresenterList.objects.filter(meeting=meeting).select_related("published_by").first()


def presenter_list_opens_to(user, meeting: Meeting, published: PresenterList | None) -> bool:
    """The final list of presenting delegations opens to every reader of the meeting once
    published (`published`: the meeting's list, or None), and before to its officers, as
    a preview: the meeting's tabs offer it to those only."""
    return published is not None or access.can(user, Action.CHANGE, PresenterList(meeting=meeting))


def states_parties_among(state_ids, meeting: Meeting) -> set[int]:
    """The States among `state_ids` that are States Parties when the meeting opens (one
    query)."""
    if not state_ids:
        return set()
    parties = State.objects.filter(pk__in=state_ids).with_status(
        AttStatus.STATE_PARTY, on=meeting.starts_on
    )
    return set(parties.values_list("pk", flat=True))


def _counted(values: Counter, choices) -> list[tuple[str, int]]:
    labels = dict(choices)
    rows = [(str(labels[key]), values[key]) for key, _label in choices if values.get(key)]
    if values.get(""):
        rows.append((str(NOT_STATED), values[""]))
    return rows


def presentation_overview(
    user, meeting: Meeting, *, confirmed_only: bool = False
) -> list[PhaseOverview]:
    """Per phase of the meeting (in workplan order), its topics with the offers the user
    may see, and the confirmed presenting States Parties with their diversity, other
    States and other stakeholders apart. Three queries whatever the number of topics and
    offers."""
    phases: dict[int, PhaseOverview] = {}
    topics: dict[int, TopicOverview] = {}
    for meeting_topic in meeting_topics_of(user, meeting):
        phase = meeting_topic.topic.phase
        overview = phases.setdefault(phase.pk, PhaseOverview(phase=phase))
        topics[meeting_topic.topic_id] = TopicOverview(meeting_topic=meeting_topic)
        overview.topics.append(topics[meeting_topic.topic_id])
    offers = offers_visible_to(user, meeting)
    if confirmed_only:
        offers = offers.filter(status=OfferState.CONFIRMED)
    confirmed: dict[int, dict[int, object]] = {pk: {} for pk in phases}
    for offer in offers:
        row = topics.get(offer.topic_id)
        if row is None:  # a topic since dropped from the meeting
            continue
        row.offers.append(offer)
        if offer.status != OfferState.CONFIRMED:
            continue
        phase_id = row.meeting_topic.topic.phase_id
        if offer.state_id:
            confirmed[phase_id][offer.state_id] = offer.state
        else:
            phases[phase_id].confirmed_organisations += 1
    parties = states_parties_among(
        {pk for by_state in confirmed.values() for pk in by_state}, meeting
    )
    for phase_id, overview in phases.items():
        states = [state for pk, state in confirmed[phase_id].items() if pk in parties]
        overview.confirmed_states_parties = len(states)
        overview.confirmed_other_states = len(confirmed[phase_id]) - len(states)
        overview.by_region = _counted(
            Counter(state.regional_group for state in states), RegionalGroup.choices
        )
        overview.by_profile = _counted(
            Counter(state.trade_profile for state in states), TradeProfile.choices
        )
    return sorted(phases.values(), key=lambda overview: overview.phase.number)
