"""Who took part in a WGETI meeting, as the Secretariat recorded attendance: the States by
regional group and by profile in the arms trade, the organisations by kind — the same
diversity the presentations are read by (seed 002)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from att_portal.directory.enums import OrganisationKind, RegionalGroup, TradeProfile
from att_portal.meetings.models import Meeting, Participation

from .presentations import _counted


@dataclass
class AttendanceSummary:
    recorded: bool = False
    states: int = 0
    by_region: list[tuple[str, int]] = field(default_factory=list)
    by_profile: list[tuple[str, int]] = field(default_factory=list)
    organisations: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)


def attendance_summary(meeting: Meeting) -> AttendanceSummary:
    """A State or an organisation took part when one of its people attended. One query."""
    rows = (
        Participation.objects.filter(meeting=meeting)
        .exclude(attended=False, attendance_recorded_at__isnull=True)  # not recorded
        .values_list(
            "attended",
            "person__state_id",
            "person__state__regional_group",
            "person__state__trade_profile",
            "person__organisation_id",
            "person__organisation__kind",
        )
    )
    summary = AttendanceSummary()
    states: dict[int, tuple[str, str]] = {}
    organisations: dict[int, str] = {}
    for attended, state, region, profile, organisation, kind in rows:
        summary.recorded = True
        if not attended:
            continue
        if state:
            states[state] = (region, profile or "")
        elif organisation:
            organisations[organisation] = kind
    summary.states = len(states)
    summary.by_region = _counted(
        Counter(region for region, _profile in states.values()), RegionalGroup.choices
    )
    summary.by_profile = _counted(
        Counter(profile for _region, profile in states.values()), TradeProfile.choices
    )
    summary.organisations = len(organisations)
    summary.by_kind = _counted(Counter(organisations.values()), OrganisationKind.choices)
    return summary
