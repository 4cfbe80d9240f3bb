from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from att_portal.directory.models import State
from att_portal.l10n.content import EnglishOriginal
from att_portal.l10n.dates import un_date, un_date_range

from .enums import (
    CONFIDENTIAL_BODIES,
    WGETI_BODIES,
    Body,
    CallKind,
    MeetingFormat,
    NominationStatus,
)
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

    def span(self, *, leaving_out: Meeting | None = None) -> tuple[datetime.date, datetime.date]:
        """The first and last day of the cycle's meetings: after the previous cycle's
        Conference and until the end of this cycle's one, by the Conferences' recorded
        dates (a Meeting of the CSP, not cancelled), else by the calendar years (the
        previous cycle's year to this cycle's). `leaving_out`: the meeting being checked."""
        conferences = Meeting.objects.filter(body=Body.CSP, cancelled_at__isnull=True)
        if leaving_out is not None and leaving_out.pk:
            conferences = conferences.exclude(pk=leaving_out.pk)
        ends = conferences.aggregate(
            previous=Max("ends_on", filter=Q(cycle__number=self.number - 1)),
            own=Max("ends_on", filter=Q(cycle=self)),
        )
        first = (
            ends["previous"] + datetime.timedelta(days=1)
            if ends["previous"]
            else datetime.date(self.year - 1, 1, 1)
        )
        return first, ends["own"] or datetime.date(self.year, 12, 31)


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
    # A meeting is cancelled, never deleted: its invitations, nominations and history
    # stay. Cancelling is final (to hold it after all, the Secretariat creates a meeting).
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancellation_note = models.CharField(_("cancellation note"), max_length=1000, blank=True)
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

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def clean(self) -> None:
        """The rules for the portal, the admin and the services alike."""
        stored = (
            Meeting.objects.filter(pk=self.pk).values("cancelled_at", "body").first()
            if self.pk
            else None
        )
        if stored and stored["cancelled_at"]:
            raise ValidationError(CANCELLED)
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A meeting cannot end before it starts.")
        if self.body == Body.DIEF and self.format != MeetingFormat.IN_PERSON:
            # Seed 001: the first DIEF meeting was postponed rather than held online.
            errors["format"] = _(
                "A DIEF meeting is held in person: confidential exchanges on concrete "
                "cases are not held online or hybrid."
            )
        if self.body == Body.DIEF and self.starts_on and self._dief_year_is_full():
            errors["starts_on"] = _(
                "There are already two DIEF meetings in %(year)s: the Terms of Reference "
                "(art. 3) allow at most two a year."
            ) % {"year": self.starts_on.year}
        if self.cycle_id and self.starts_on and self.ends_on and "ends_on" not in errors:
            first, last = self.cycle.span(leaving_out=self)
            if self.starts_on < first or self.ends_on > last:
                errors["cycle"] = _(
                    "%(cycle)s covers meetings from %(first)s to %(last)s: choose the cycle "
                    "of these dates."
                ) % {"cycle": self.cycle, "first": un_date(first), "last": un_date(last)}
        if stored and stored["body"] != self.body and self.invitations.exists():
            # Who may see the meeting follows its body: invitations already went out.
            errors["body"] = _(
                "The invitations have been sent: the body of the meeting can no longer change."
            )
        if stored and "starts_on" not in errors and "ends_on" not in errors:
            errors.update(self._parts_outside_dates())
        if errors:
            raise ValidationError(errors)

    def _dief_year_is_full(self) -> bool:
        # DIEF ToR art. 3; meeting_save also locks the year's meetings while it checks.
        same_year = Meeting.objects.filter(
            body=Body.DIEF, starts_on__year=self.starts_on.year, cancelled_at__isnull=True
        ).exclude(pk=self.pk)
        return same_year.count() >= DIEF_MEETINGS_PER_YEAR

    def _parts_outside_dates(self) -> dict:
        """New dates must keep the timetable inside the meeting and the calls before it."""
        if not (self.starts_on and self.ends_on):
            return {}
        problems = []
        geneva = timezone.get_current_timezone()
        first_day_starts = datetime.datetime.combine(self.starts_on, datetime.time(), geneva)
        after_last_day = datetime.datetime.combine(
            self.ends_on + datetime.timedelta(days=1), datetime.time(), geneva
        )
        if self.sessions.filter(
            Q(starts_at__lt=first_day_starts) | Q(ends_at__gte=after_last_day)
        ).exists():
            problems.append(
                _(
                    "Sessions of the timetable fall outside these dates: change or delete "
                    "them first."
                )
            )
        call = self.calls.filter(due_on__gte=self.starts_on).order_by("due_on").first()
        if call is not None:
            problems.append(
                _(
                    "The call “%(call)s” is due on %(date)s: a call must be due before the "
                    "meeting's first day. Change the call first."
                )
                % {"call": call.title, "date": un_date(call.due_on)}
            )
        return {"starts_on": problems} if problems else {}


# Shown when anything is asked of a cancelled meeting.
CANCELLED = _("This meeting is cancelled: nothing can be added to it or changed.")


class PartOfMeeting:
    """Anything that belongs to a meeting is as confidential as the meeting."""

    @property
    def confidential_forum(self) -> str | None:
        return self.meeting.confidential_forum

    def meeting_or_none(self) -> Meeting | None:
        """The meeting, also when it is not saved yet (an admin inline on a new meeting)."""
        try:
            return self.meeting
        except Meeting.DoesNotExist:
            return None


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

    @property
    def confidential_forum(self) -> str | None:
        """A session of the DIEF placed in the timetable of an open meeting is confidential
        in its own right (ToR art. 14): its title and room are the forum's."""
        return self.meeting.confidential_forum or (
            self.body if self.body in CONFIDENTIAL_BODIES else None
        )

    @property
    def is_closed_session(self) -> bool:
        """A confidential session inside the timetable of an open meeting."""
        return self.body in CONFIDENTIAL_BODIES and not self.meeting.confidential_forum

    def clean(self) -> None:
        meeting = self.meeting_or_none()
        if meeting is not None and meeting.is_cancelled:
            raise ValidationError(CANCELLED)
        if not (self.starts_at and self.ends_at and meeting is not None):
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date()
        if first < meeting.starts_on or last > meeting.ends_on:
            raise ValidationError(
                {
                    "starts_at": _("The session falls outside the meeting's dates (%(dates)s).")
                    % {"dates": un_date_range(meeting.starts_on, meeting.ends_on)}
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

    @property
    def is_presidents_call_for_cases(self) -> bool:
        """The DIEF call for cases and information is the CSP President's (ToR art. 3)."""
        meeting = self.meeting_or_none()
        return self.kind == CallKind.CASES and meeting is not None and meeting.body == Body.DIEF

    @property
    def issuer(self) -> str:
        """Who issued the call, as the portal shows it: for the DIEF call for cases, the
        President of the meeting's cycle whatever the free text says (ToR art. 3)."""
        if self.is_presidents_call_for_cases:
            return president_of(self.meeting.cycle)
        return self.issued_by

    def clean(self) -> None:
        """One rule for the Secretariat's calls, WGETI's calls for ad hoc issues and the
        admin."""
        meeting = self.meeting_or_none()
        if meeting is not None and meeting.is_cancelled:
            raise ValidationError(CANCELLED)
        if self.is_presidents_call_for_cases and not self.issued_by.strip():
            # ToR art. 3: the President issues it; the letter's sender, as the form writes it.
            self.issued_by = f"CSP{meeting.cycle.number} President"
        errors = {}
        if self.issued_on and self.due_on and self.due_on < self.issued_on:
            errors["due_on"] = _("A call cannot be due before it is issued.")
        elif (
            meeting is not None
            and self.due_on
            and meeting.starts_on
            and meeting.starts_on <= self.due_on
        ):
            errors["due_on"] = _(
                "A call must be due before the meeting's first day (%(date)s)."
            ) % {"date": un_date(meeting.starts_on)}
        if (
            meeting is not None
            and self.kind == CallKind.AD_HOC_ISSUES
            and meeting.body not in WGETI_BODIES
        ):
            errors["kind"] = _("Calls for ad hoc issues are issued for WGETI meetings only.")
        if errors:
            raise ValidationError(errors)


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


class ParticipationQuerySet(models.QuerySet):
    def holding_seats(self) -> ParticipationQuerySet:
        """Nominations that take one of the delegation's seats: all but the declined."""
        return self.exclude(status=NominationStatus.DECLINED)


def seats_used_up(seats: int) -> str:
    return ngettext(
        "This meeting has %(seats)s seat per delegation, and your delegation has used it.",
        "This meeting has %(seats)s seats per delegation, and your delegation has used them all.",
        seats,
    ) % {"seats": seats}


def nominations_closed(meeting: Meeting) -> str:
    return _("Nominations closed when the meeting ended, on %(date)s.") % {
        "date": un_date(meeting.ends_on)
    }


class Participation(PartOfMeeting, models.Model):
    """A person taking a seat at a meeting: nominated by their delegation's focal point and
    accepted or declined by the Secretariat, or added by the Secretariat when recording
    who attended (a member of an invited organisation, someone who came unannounced).
    Attendance — who actually took part — is recorded by the Secretariat during or after
    the meeting."""

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
    status = models.CharField(
        _("nomination"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    attended = models.BooleanField(_("attended"), default=False)
    attendance_recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "person__state", "person__last_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="participation_once"),
            models.CheckConstraint(
                condition=~Q(status="declined", attended=True),
                name="participation_declined_did_not_attend",
                violation_error_message=_(
                    "A declined participant cannot be recorded as having attended."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(person)s at %(meeting)s") % {"person": self.person, "meeting": self.meeting}

    @property
    def holds_seat(self) -> bool:
        return self.status != NominationStatus.DECLINED

    @property
    def attendance_known(self) -> bool:
        """Whether attendance is recorded (a participant recorded as attending without a
        time — history entered directly — counts as recorded)."""
        return self.attended or self.attendance_recorded_at is not None

    def clean(self) -> None:
        """The rules for the portal, the services and the admin alike."""
        meeting = self.meeting_or_none()
        if meeting is None or not self.person_id:
            return
        today = timezone.localdate()
        if meeting.is_cancelled and (self.pk is None or self.attended):
            raise ValidationError(CANCELLED)
        if (
            self.pk is None
            and self.status == NominationStatus.NOMINATED
            and (today > meeting.ends_on)
        ):
            raise ValidationError(nominations_closed(meeting))
        if self.attended and self.status == NominationStatus.DECLINED:
            raise ValidationError(
                {"attended": _("A declined participant cannot be recorded as having attended.")}
            )
        if self.attended and today < meeting.starts_on:
            raise ValidationError(
                {
                    "attended": _("Attendance is recorded from the meeting's first day, %(date)s.")
                    % {"date": un_date(meeting.starts_on)}
                }
            )
        person = self.person
        if person.state_id:
            invited = meeting.invitations.filter(state_id=person.state_id)
        else:
            invited = meeting.invitations.filter(organisation_id=person.organisation_id)
        if not (person.state_id or person.organisation_id) or not invited.exists():
            raise ValidationError(
                {
                    "person": _(
                        "%(name)s's delegation or organisation is not invited to this meeting."
                    )
                    % {"name": person}
                }
            )
        if person.state_id and self.holds_seat:
            taken = (
                Participation.objects.holding_seats()
                .filter(meeting=meeting, person__state_id=person.state_id)
                .exclude(pk=self.pk)
                .count()
            )
            if taken >= meeting.seats_per_delegation:
                raise ValidationError(seats_used_up(meeting.seats_per_delegation))


class MeetingMessage(EnglishOriginal, PartOfMeeting, models.Model):
    """A message from the Secretariat or the meeting's Chair to every invited delegation:
    sent by e-mail and as a notice (for the DIEF the e-mail only says that a message awaits
    in the confidential area) and read in the portal by those invited."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), max_length=10000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"))
    delegations = models.PositiveIntegerField(_("delegations and organisations written to"))
    people = models.PositiveIntegerField(_("people written to"))
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message to the invited delegations")
        verbose_name_plural = _("messages to the invited delegations")

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("meetings:message_detail", args=[self.meeting_id, self.pk])

    def clean(self) -> None:
        meeting = self.meeting_or_none()
        if meeting is not None and meeting.is_cancelled and self.pk is None:
            raise ValidationError(CANCELLED)


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


def president_of(cycle: CspCycle) -> str:
    """The President of a cycle as a label: "President of CSP12 (Tsholofelo Tsheole)", with
    the person's name when the cycle records it."""
    if cycle.president_id:
        return _("President of %(cycle)s (%(name)s)") % {"cycle": cycle, "name": cycle.president}
    return _("President of %(cycle)s") % {"cycle": cycle}


class DiefConvening(PartOfMeeting, models.Model):
    """The CSP President's decision to convene a DIEF meeting, taken after consulting the
    DIEF Chair and the Secretariat (ToR art. 3); recorded by the Secretariat."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="convening")
    decided_by = models.ForeignKey(
        CspCycle,
        verbose_name=_("decided by the President of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    chair_consulted = models.BooleanField(_("the DIEF Chair was consulted"), default=False)
    secretariat_consulted = models.BooleanField(_("the Secretariat was consulted"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision to convene a DIEF meeting")
        verbose_name_plural = _("decisions to convene a DIEF meeting")

    def __str__(self) -> str:
        return f"{self.meeting}: {un_date(self.decided_on)}"

    def clean(self) -> None:
        meeting = self.meeting_or_none()
        if meeting is None:
            return
        if meeting.body != Body.DIEF:
            raise ValidationError(_("Only a DIEF meeting is convened by the CSP President."))
        if meeting.is_cancelled:
            raise ValidationError(CANCELLED)
        errors = {}
        # ToR art. 3: the President decides "after consulting" the Chair and the Secretariat.
        if not self.chair_consulted:
            errors["chair_consulted"] = _(
                "The President decides after consulting the DIEF Chair (ToR art. 3)."
            )
        if not self.secretariat_consulted:
            errors["secretariat_consulted"] = _(
                "The President decides after consulting the Secretariat (ToR art. 3)."
            )
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = _("A decision is recorded once it is taken, not before.")
        elif self.decided_on and self.decided_on > meeting.starts_on:
            errors["decided_on"] = _(
                "The decision to convene the meeting comes before its first day (%(date)s)."
            ) % {"date": un_date(meeting.starts_on)}
        if errors:
            raise ValidationError(errors)


def dief_chair_term_end(cycle: CspCycle) -> tuple[datetime.date, bool]:
    """The end of a DIEF Chair's term when the President of `cycle` appoints: the close of
    the next Conference (ToR art. 4), i.e. the last day of the CSP Meeting of the following
    cycle. Until that Conference's dates are recorded, 31 December of its year (the same
    fallback as CspCycle.span); the second value says whether the date is the recorded one."""
    recorded = Meeting.objects.filter(
        body=Body.CSP, cycle__number=cycle.number + 1, cancelled_at__isnull=True
    ).aggregate(last=Max("ends_on"))["last"]
    if recorded:
        return recorded, True
    return datetime.date(cycle.year + 1, 12, 31), False


class DiefChairAppointment(models.Model):
    """The CSP President's appointment of the DIEF Chair (ToR art. 4: the facilitator of the
    Article 11 sub-working group is gone, so the President appoints), for a term until the
    close of the next Conference; it opens the Chair's role assignment."""

    cycle = models.ForeignKey(
        CspCycle,
        verbose_name=_("appointed by the President of"),
        on_delete=models.PROTECT,
        related_name="dief_chair_appointments",
    )
    appointed_on = models.DateField(_("appointed on"))
    role_assignment = models.OneToOneField(
        "directory.RoleAssignment",
        on_delete=models.PROTECT,
        related_name="dief_appointment",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-appointed_on", "-pk"]
        verbose_name = _("appointment of the DIEF Chair")
        verbose_name_plural = _("appointments of the DIEF Chair")

    def __str__(self) -> str:
        return f"{self.role_assignment.user}: {un_date(self.appointed_on)}"

    @property
    def president(self) -> str:
        return president_of(self.cycle)

    @property
    def next_conference(self) -> str:
        """The Conference at whose close the term ends ("CSP13", "CEP13" …)."""
        return _("CSP%(number)s") % {"number": self.cycle.number + 1}
