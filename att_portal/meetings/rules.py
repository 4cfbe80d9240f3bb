"""Deadline rules of each body, as data, in this one place.

A rule says what is due, under which article, how many days before (or after) its
anchor, and who must act. Nothing else in the portal hard-codes "30 days": it reads
these tables. Deadline semantics (DIEF ToR, as restated in the domain brief): "N days
before the meeting" is the calendar date *meeting start − N days*, due by the end of that
day, Geneva time; "within N days" of an event on date D ends at the end of D + N.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .enums import Body


class Anchor(models.TextChoices):
    MEETING_START = "meeting_start", _("first day of the meeting")
    CIRCULATION = "circulation", _("circulation of a proposal")
    AGENDA_ADOPTION = "agenda_adoption", _("adoption of the draft agenda")


class Responsible(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    CHAIR = "chair", _("Chair")
    PROPOSING_STATE = "proposing_state", _("Proposing State")
    PRESENTING_STATE = "presenting_state", _("Presenting State")
    CONCERNED_STATE = "concerned_state", _("Concerned State")
    STATES_PARTIES = "states_parties", _("States Parties")
    INVITED_DELEGATIONS = "invited_delegations", _("Invited delegations")


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    title: str | Promise
    # Translatable: "ToR art. 9" reads "mandat, art. 9", "职权范围第9条" …
    article: str | Promise
    anchor: Anchor
    days_before: int
    responsible: Responsible
    # Met by an act a person records on the meeting page (e.g. the draft agenda sent);
    # the other acts are recorded by the workflows themselves.
    recorded_by_hand: bool = False
    # Who the responsible party consults before acting: reminded and shown the deadline too.
    consulted: Responsible | None = None

    def due_on(self, anchor_date: datetime.date) -> datetime.date:
        """The last day on which the action is on time."""
        return anchor_date - datetime.timedelta(days=self.days_before)


# DIEF Terms of Reference (annex of the DIEF Chair's report to CSP10), arts. 8-12.
DIEF_RULES: tuple[DeadlineRule, ...] = (
    # Art. 9: invitations with the call for cases, at least 50 days before.
    DeadlineRule(
        "invitations",
        _("Invitations and call for cases"),
        _("ToR art. 9"),
        Anchor.MEETING_START,
        50,
        Responsible.SECRETARIAT,
    ),
    # Art. 10: the Secretariat, after consulting the Chair, circulates the draft agenda to
    # all States Parties and signatories, with supporting documents where feasible, at
    # least 30 days before. The Chair prepares it and is consulted.
    DeadlineRule(
        "draft_agenda",
        _("Draft agenda"),
        _("ToR art. 10"),
        Anchor.MEETING_START,
        30,
        Responsible.SECRETARIAT,
        recorded_by_hand=True,
        consulted=Responsible.CHAIR,
    ),
    # Art. 8: proposals of non-state experts reach the Secretariat at least 30 days before.
    DeadlineRule(
        "expert_proposals",
        _("Proposals of non-state experts"),
        _("ToR art. 8"),
        Anchor.MEETING_START,
        30,
        Responsible.PROPOSING_STATE,
    ),
    # Art. 8: an objection still unresolved 20 days before goes to a procedural decision.
    DeadlineRule(
        "expert_objections_unresolved",
        _("Unresolved objections to experts go to a procedural decision"),
        _("ToR art. 8"),
        Anchor.MEETING_START,
        20,
        Responsible.SECRETARIAT,
    ),
    # Art. 12: the presenting State notifies concerned States at least 30 days before ...
    DeadlineRule(
        "concerned_state_notice",
        _("Notice to concerned States"),
        _("ToR art. 12"),
        Anchor.MEETING_START,
        30,
        Responsible.PRESENTING_STATE,
    ),
    # ... and asks them to reply at least 15 days before.
    DeadlineRule(
        "concerned_state_reply",
        _("Replies of concerned States"),
        _("ToR art. 12"),
        Anchor.MEETING_START,
        15,
        Responsible.CONCERNED_STATE,
    ),
)

# Art. 8: the silence procedure runs for 5 days from circulation ("within 5 days").
SILENCE_PROCEDURE_DAYS = 5

# Art. 11: intentions to present a case close when the draft agenda is adopted.
DIEF_CASE_INTENTIONS = DeadlineRule(
    "case_intentions",
    _("Intentions to present a case"),
    _("ToR art. 11"),
    Anchor.AGENDA_ADOPTION,
    0,
    Responsible.PRESENTING_STATE,
)

# Working groups set their deadlines in the meeting's own calls (e.g. the CSP12
# President's call for ad hoc issues due 1 Feb 2026): they are records, not rules.
RULES_BY_BODY: dict[str, tuple[DeadlineRule, ...]] = {
    Body.DIEF: DIEF_RULES,
}


def rules_for(body: str) -> tuple[DeadlineRule, ...]:
    return RULES_BY_BODY.get(body, ())
