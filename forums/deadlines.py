"""The DIEF deadlines of a meeting, read from the rule table (att_portal.meetings.rules)."""

from __future__ import annotations

import datetime

from att_portal.meetings.rules import DIEF_RULES, SILENCE_PROCEDURE_DAYS, Anchor


def dief_deadlines(meeting_start: datetime.date) -> dict[str, datetime.date]:
    """The last day of each DIEF deadline anchored to the first day of the meeting."""
    return {
        rule.key: rule.due_on(meeting_start)
        for rule in DIEF_RULES
        if rule.anchor == Anchor.MEETING_START
    }


def silence_procedure_end(circulated_on: datetime.date) -> datetime.date:
    """The last day on which an objection to a circulated expert proposal is accepted
    (ToR art. 8: "within 5 days" of circulation on D ends at the end of D + 5)."""
    return circulated_on + datetime.timedelta(days=SILENCE_PROCEDURE_DAYS)
