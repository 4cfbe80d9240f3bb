from django.db import models
from django.utils.translation import gettext_lazy as _


class Body(models.TextChoices):
    CSP = "CSP", _("Conference of States Parties")
    DIEF = "DIEF", _("Diversion Information Exchange Forum")
    WGETI = "WGETI", _("Working Group on Effective Treaty Implementation")
    WGETI_SWG = "WGETI-SWG", _("WGETI sub-working group")
    WGTR = "WGTR", _("Working Group on Transparency and Reporting")
    WGTU = "WGTU", _("Working Group on Treaty Universalization")
    MC = "MC", _("Management Committee")
    PREP = "PREP", _("Informal preparatory meeting")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")


# Bodies whose material is confidential to a forum (DIEF ToR art. 14).
CONFIDENTIAL_BODIES = frozenset({Body.DIEF})

# The bodies whose meetings take calls for ad hoc issues (WGETI, seeds 002 and 004).
WGETI_BODIES = frozenset({Body.WGETI, Body.WGETI_SWG})


class CallKind(models.TextChoices):
    CASES = "cases", _("Call for cases and information")
    AD_HOC_ISSUES = "ad_hoc_issues", _("Call for ad hoc issues")
    WRITTEN_COMMENTS = "written_comments", _("Call for written comments")
    REGISTRATION = "registration", _("Registration of participants")
    OTHER = "other", _("Other call")


class NominationStatus(models.TextChoices):
    """A nominated participant, until the Secretariat accepts or declines the nomination (a
    declined one frees the seat)."""

    NOMINATED = "nominated", _("Awaiting the Secretariat")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class DeadlineState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    DUE_TODAY = "due_today", _("Due today")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    CLOSED = "closed", _("Closed")


class ReminderStep(models.TextChoices):
    WEEK_BEFORE = "7d", _("7 days before")
    DAY_BEFORE = "1d", _("1 day before")
    ON_THE_DAY = "0d", _("on the day")


# Days before a deadline at which each reminder goes out; the scan sends the latest step
# that applies, so a scheduler that was down catches up without sending stale steps.
REMINDER_STEPS = (
    (ReminderStep.WEEK_BEFORE, 7),
    (ReminderStep.DAY_BEFORE, 1),
    (ReminderStep.ON_THE_DAY, 0),
)
