from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from att_portal.directory.models import State
from att_portal.l10n.content import EnglishOriginal
from att_portal.l10n.dates import un_date_range

from .enums import CONFIDENTIAL_BODIES, Body, CallKind, MeetingFormat
from .rules import Responsible

# DIEF ToR art. 3: at most two meetings in a calendar year.
DIEF_MEETINGS_PER_YEAR = 2


class CspCycle(models.Model):
    """The cycle that a Conference of States Parties opens (CSP10 = 2024, …)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    year = models.PositiveSmallIntegerField(_("year of the conference"), unique=True)
    president_state = models.ForeignKey(
        State,
        verbose_name=_("presidency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presidencies",
    )
    president = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("President"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presidencies",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("CSP cycle")
        verbose_name_plural = _("CSP cycles")

    def __str__(self) -> str:
        # Shown in the reader's language: "CSP12", "CEP12", "КГУ12" … Document symbols
        # never use it: they are built from `number` ("ATT/CSP12…" in every language).
        # Translators: the short name of the cycle of a Conference of States Parties.
        return _("CSP%(number)s") % {"number": self.number}


class MeetingQuerySet(models.QuerySet):
    def with_related(self) -> MeetingQuerySet:
        return self.select_related("cycle", "cycle__president_state")


class Meeting(EnglishOriginal, models.Model):
    cycle = models.ForeignKey(
        CspCycle, verbose_name=_("CSP cycle"), on_delete=models.PROTECT, related_name="meetings"
    )
    body = models.CharField(_("body"), max_length=12, choices=Body.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    seats_per_delegation = models.PositiveSmallIntegerField(
        _("seats per delegation"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Rules of Procedure 6-8; for the DIEF, ToR art. 7."),
    )
    observers_admitted = models.BooleanField(
        _("observers admitted"),
        default=False,
        help_text=_("Invite non-signatory States and organisations as observers."),
    )
    rolling_basis = models.BooleanField(
        _("runs on a rolling basis"),
        default=False,
        help_text=_("A working group may start early when the previous one finishes early."),
    )
    # history: see translation.py (it keeps every language)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def confidential_forum(self) -> str | None:
        return self.body if self.body in CONFIDENTIAL_BODIES else None

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A meeting cannot end before it starts.")
        if self.body == Body.DIEF and self.format != MeetingFormat.IN_PERSON:
            # Seed 001: the first DIEF meeting was postponed rather than held online.
            errors["format"] = _(
                "A DIEF meeting is held in person: confidential exchanges on concrete "
                "cases are not held online or hybrid."
            )
        if self.body == Body.DIEF and self.starts_on:
            same_year = Meeting.objects.filter(
                body=Body.DIEF, starts_on__year=self.starts_on.year
            ).exclude(pk=self.pk)
            if same_year.count() >= DIEF_MEETINGS_PER_YEAR:
                errors["starts_on"] = _(
                    "There are already two DIEF meetings in %(year)s: the Terms of Reference "
                    "(art. 3) allow at most two a year."
                ) % {"year": self.starts_on.year}
        if errors:
            raise ValidationError(errors)


class PartOfMeeting:
    """Anything that belongs to a meeting is as confidential as the meeting."""

    @property
    def confidential_forum(self) -> str | None:
        return self.meeting.confidential_forum


class MeetingSession(EnglishOriginal, PartOfMeeting, models.Model):
    """One slot of a meeting's timetable, e.g. 10:00-13:00, possibly given to another body
    (the Wednesday afternoon of March 2026 went to WGTU)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    body = models.CharField(_("body"), max_length=12, choices=Body.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.title}"

    def clean(self) -> None:
        if not (self.starts_at and self.ends_at and self.meeting_id):
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date()
        if first < self.meeting.starts_on or last > self.meeting.ends_on:
            raise ValidationError(
                {
                    "starts_at": _("The session falls outside the meeting's dates (%(dates)s).")
                    % {"dates": un_date_range(self.meeting.starts_on, self.meeting.ends_on)}
                }
            )
        if self.room:
            clash = (
                MeetingSession.objects.filter(
                    room__iexact=self.room, starts_at__lt=self.ends_at, ends_at__gt=self.starts_at
                )
                .exclude(pk=self.pk)
                .select_related("meeting")
                .first()
            )
            if clash:
                raise ValidationError(
                    {
                        "room": _("%(room)s is already taken by “%(other)s” at that time.")
                        % {"room": self.room, "other": clash}
                    }
                )


class MeetingCall(EnglishOriginal, PartOfMeeting, models.Model):
    """A call with a deadline, issued for a meeting: the President's call for cases (DIEF
    ToR art. 3), a call for ad hoc issues, for written comments (WGETI, seed 004) …"""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="calls")
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("title"), max_length=250)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), db_index=True)
    responsible = models.CharField(
        _("who must act"),
        max_length=24,
        choices=Responsible.choices,
        default=Responsible.INVITED_DELEGATIONS,
    )
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("issued_on")),
                name="call_due_after_issue",
                violation_error_message=_("A call cannot be due before it is issued."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DeadlineCompletion(models.Model):
    """The recorded act that met a meeting's deadline (who, when)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="completions")
    key = models.CharField(_("deadline"), max_length=60)
    completed_at = models.DateTimeField(_("completed at"))
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("completed deadline")
        verbose_name_plural = _("completed deadlines")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "key"], name="deadline_completed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.key}"


class Invitation(PartOfMeeting, models.Model):
    """The invitation of one delegation (or observer organisation) to a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    late = models.BooleanField(_("sent after the deadline"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "state", "organisation"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__isnull=False, organisation__isnull=True)
                | Q(state__isnull=True, organisation__isnull=False),
                name="invitation_to_a_state_or_an_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "state"],
                condition=Q(state__isnull=False),
                name="invitation_once_per_state",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="invitation_once_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.state or self.organisation}"


class Participation(PartOfMeeting, models.Model):
    """A person nominated by their delegation's focal point to take a seat at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nominated_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    sponsorship_requested = models.BooleanField(
        _("sponsorship requested"),
        default=False,
        help_text=_("Travel and accommodation are borne by participants unless sponsored."),
    )
    sponsorship_note = models.CharField(_("sponsorship note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "person__state", "person__last_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="participation_once"),
        ]

    def __str__(self) -> str:
        return _("%(person)s at %(meeting)s") % {"person": self.person, "meeting": self.meeting}


class CalendarFeed(models.Model):
    """A person's secret calendar address; revoking it replaces the token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return _("Calendar of %(person)s") % {"person": self.user}
