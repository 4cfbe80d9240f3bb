"""Reads of the WGETI structure and the multi-year workplan."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from att_portal import access
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle, Meeting
from att_portal.meetings.selectors import meetings_visible_to

from ..models import ImplementationQuestion, MeetingTopic, Phase, SubWorkingGroup, Topic

WGETI_BODIES = (Body.WGETI, Body.WGETI_SWG)


def wgeti_meetings_visible_to(user) -> QuerySet[Meeting]:
    """WGETI meetings only: nothing of the DIEF is ever reached through WGETI pages."""
    return meetings_visible_to(user).filter(body__in=WGETI_BODIES)


def workplan_phases(user) -> QuerySet[Phase]:
    """The phases of practical implementation, each with its topics and their practical
    implementation questions (three queries whatever their number)."""
    topics = access.visible(user, Topic).prefetch_related(
        Prefetch("questions", queryset=access.visible(user, ImplementationQuestion))
    )
    return access.visible(user, Phase).prefetch_related(Prefetch("topics", queryset=topics))


def topics_for_choice(user) -> QuerySet[Topic]:
    return access.visible(user, Topic).select_related("phase").order_by("phase__number", "position")


def meeting_topics_of(user, meeting: Meeting) -> QuerySet[MeetingTopic]:
    return access.visible(
        user,
        MeetingTopic.objects.filter(meeting=meeting).select_related(
            "topic__phase", "sub_working_group"
        ),
    )


def sub_working_groups_of(user, cycle: CspCycle) -> QuerySet[SubWorkingGroup]:
    return access.visible(user, SubWorkingGroup.objects.filter(cycle=cycle))


def cycles_for_choice(user) -> QuerySet[CspCycle]:
    return access.visible(user, CspCycle).order_by("-number")


def default_cycle(user) -> CspCycle | None:
    """The latest cycle that has sub-working groups, else the latest cycle."""
    groups = access.visible(user, SubWorkingGroup).order_by("-cycle__number")
    first = groups.select_related("cycle").first()
    return first.cycle if first else cycles_for_choice(user).first()
