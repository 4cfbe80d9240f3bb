"""Reads of presentations of national practice: per phase of a meeting, the offers a
reader may see, how many States are confirmed to present (seed 002 expects at least two
per phase) and how diverse they are, by regional group and by import/export profile."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from att_portal import access
from att_portal.directory.enums import RegionalGroup, TradeProfile
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
    confirmed_states: int = 0
    by_region: list[tuple[str, int]] = field(default_factory=list)
    by_profile: list[tuple[str, int]] = field(default_factory=list)
    confirmed_organisations: int = 0
    expected: int = PRESENTATIONS_EXPECTED_PER_PHASE

    @property
    def enough_states(self) -> bool:
        return self.confirmed_states >= self.expected


def offers_visible_to(user, meeting: Meeting) -> QuerySet[PresentationOffer]:
    return access.visible(
        user,
        PresentationOffer.objects.filter(meeting=meeting).select_related(
            "state", "organisation", "topic", "decided_by"
        ),
    ).order_by("topic__phase__number", "topic__position", "submitted_at", "pk")


def presenter_list_of(meeting: Meeting) -> PresenterList | None:
    return PresenterList.objects.filter(meeting=meeting).select_related("published_by").first()


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
    may see, and the confirmed presenting States with their diversity. Two queries
    whatever the number of topics and offers."""
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
    for phase_id, overview in phases.items():
        states = confirmed[phase_id].values()
        overview.confirmed_states = len(states)
        overview.by_region = _counted(
            Counter(state.regional_group for state in states), RegionalGroup.choices
        )
        overview.by_profile = _counted(
            Counter(state.trade_profile for state in states), TradeProfile.choices
        )
    return sorted(phases.values(), key=lambda overview: overview.phase.number)
