"""The demo's objects whose dates depend on the day it is seeded (att_portal.demo lays out
a DIEF meeting and a WGETI meeting ahead of today): tests find them here, by what they
are, never by a fixed date or a title with a month in it."""

from __future__ import annotations

from django.utils import timezone

from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from forums.demo import AUSTRIAN_CASE
from forums.models import CasePresentation

# The historical record of the demo, by the English titles of its meetings.
HISTORICAL_MEETINGS = frozenset(
    {
        "DIEF meeting during CSP8",
        "DIEF meeting, May 2023",
        "DIEF meeting during CSP9",
        "DIEF meeting on the review of the forum",
        "Tenth Conference of States Parties (CSP10)",
        "Eleventh Conference of States Parties (CSP11)",
        "WGETI meeting, March 2026",
        "Informal preparatory meeting for CSP12",
        "Twelfth Conference of States Parties (CSP12)",
    }
)


def _ahead(body: str) -> Meeting:
    """The demo's meeting of `body` ahead: on a freshly seeded demo, the only one."""
    return Meeting.objects.get(body=body, starts_on__gt=timezone.localdate())


def dief_meeting_ahead() -> Meeting:
    """The DIEF meeting ahead, where Austria presents its case."""
    return _ahead(Body.DIEF)


def wgeti_meeting_ahead() -> Meeting:
    """The WGETI meeting ahead, with its calls open."""
    return _ahead(Body.WGETI)


def austrian_presentation() -> CasePresentation:
    """Austria's presentation of its case at the DIEF meeting ahead."""
    return CasePresentation.objects.get(case__title=AUSTRIAN_CASE, meeting=dief_meeting_ahead())


def all_meeting_titles() -> set[str]:
    """The English titles of every meeting of the demo: the record and what lies ahead."""
    return set(Meeting.objects.values_list("title_en", flat=True))
