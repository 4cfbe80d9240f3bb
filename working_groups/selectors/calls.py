"""Reads of the calls for ad hoc issues and their proposals; every page and count asks
these, and they ask `att_portal.access`."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from att_portal import access
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import Meeting, MeetingCall

from ..enums import ProposalState
from ..models import AdHocIssueProposal, ProposedSpeaker, SubWorkingGroup

WGETI_BODIES = (Body.WGETI, Body.WGETI_SWG)


def call_is_open(call: MeetingCall, *, today: datetime.date | None = None) -> bool:
    """A call "due on D" accepts proposals until the end of D, Geneva time."""
    return (today or timezone.localdate()) <= call.due_on


def wgeti_meetings_visible_to(user) -> QuerySet[Meeting]:
    return access.visible(user, Meeting.objects.with_related()).filter(body__in=WGETI_BODIES)


def ad_hoc_calls_visible_to(user) -> QuerySet[MeetingCall]:
    """Calls for ad hoc issues of the WGETI meetings the user sees, latest first, with the
    number of proposals the user may see and of accepted ones."""
    proposals = access.visible(user, AdHocIssueProposal).values("pk")
    return (
        access.visible(user, MeetingCall)
        .filter(kind=CallKind.AD_HOC_ISSUES, meeting__body__in=WGETI_BODIES)
        .select_related("meeting")
        .annotate(
            visible_proposals=Count(
                "ad_hoc_proposals", filter=Q(ad_hoc_proposals__in=proposals), distinct=True
            ),
            accepted_proposals=Count(
                "ad_hoc_proposals",
                filter=Q(ad_hoc_proposals__state_of_proposal=ProposalState.ACCEPTED),
                distinct=True,
            ),
        )
        .order_by("-due_on", "-pk")
    )


def proposals_visible_to(user) -> QuerySet[AdHocIssueProposal]:
    """Officers see every proposal; others their own and the accepted ones — only for
    calls of meetings they see."""
    calls = access.visible(user, MeetingCall).values("pk")
    return (
        access.visible(user, AdHocIssueProposal)
        .filter(call__in=calls)
        .select_related(
            "call__meeting",
            "state",
            "organisation",
            "submitted_by",
            "decided_by",
            "sub_working_group",
            "agenda_item",
        )
        .prefetch_related(
            Prefetch(
                "speakers",
                queryset=access.visible(user, ProposedSpeaker).order_by("position"),
            )
        )
    )


def sub_working_groups_for(call: MeetingCall) -> QuerySet[SubWorkingGroup]:
    return SubWorkingGroup.objects.filter(cycle_id=call.meeting.cycle_id)
