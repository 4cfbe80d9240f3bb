"""The directory every part of the portal uses: States, organisations, people, roles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from att_portal.l10n.dates import un_date

from . import names
from .enums import (
    Affiliation,
    AttStatus,
    OrganisationKind,
    RegionalGroup,
    Role,
    StatusInstrument,
    TradeProfile,
)

# Statuses that open the DIEF to a State's delegates (ToR art. 6).
DIEF_STATUSES = (AttStatus.STATE_PARTY, AttStatus.SIGNATORY)


class StateQuerySet(models.QuerySet):
    def with_current_status(self, on: datetime.date | None = None) -> StateQuerySet:
        """Annotate `current_status`: the status of the latest change in effect on `on`."""
        on = on or timezone.localdate()
        latest = StateStatusChange.objects.filter(
            state=OuterRef("pk"), effective_on__lte=on
        ).order_by("-effective_on", "-pk")
        return self.annotate(
            current_status=Coalesce(
                Subquery(latest.values("status")[:1]), Value(AttStatus.NON_SIGNATORY.value)
            )
        )

    def with_status(self, *statuses: str, on: datetime.date | None = None) -> StateQuerySet:
        return self.with_current_status(on).filter(current_status__in=statuses)


class State(models.Model):
    country = CountryField(_("country"), unique=True)
    regional_group = models.CharField(
        _("regional group"), max_length=20, choices=RegionalGroup.choices
    )
    trade_profile = models.CharField(
        _("profile in the arms trade"), max_length=10, choices=TradeProfile.choices, blank=True
    )
    # The State's delegates as a group, so that per-object grants can name a State
    # (a provider narrowing a DIEF item to named States). Kept in step by a signal.
    delegation_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="delegation_of",
    )
    history = HistoricalRecords(excluded_fields=["delegation_group"])

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["country"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:state_detail", args=[self.alpha3.lower()])

    @property
    def name(self) -> str:
        """The UN short name in the reader's language ("Republic of Korea",
        "République de Corée", "大韩民国" …)."""
        return self.name_in(None)

    def name_in(self, language: str | None) -> str:
        from .un_names import un_name

        return un_name(self.country.code, language) or str(self.country.name)

    @property
    def alpha3(self) -> str:
        return self.country.alpha3

    def status_on(self, on: datetime.date | None = None) -> str:
        """The State's ATT status on a date (today by default)."""
        if on is None and hasattr(self, "current_status"):
            return self.current_status
        on = on or timezone.localdate()
        change = (
            self.status_changes.filter(effective_on__lte=on)
            .order_by("-effective_on", "-pk")
            .first()
        )
        return change.status if change else AttStatus.NON_SIGNATORY.value

    def get_current_status_display(self) -> str:
        return AttStatus(self.status_on()).label


class StateStatusChange(models.Model):
    """One step of a State's path through the Treaty, kept as history."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=AttStatus.choices)
    instrument = models.CharField(_("instrument"), max_length=24, choices=StatusInstrument.choices)
    instrument_date = models.DateField(
        _("date of the instrument"),
        help_text=_("Date of signature, or of deposit of the instrument."),
    )
    effective_on = models.DateField(
        _("effective on"),
        help_text=_("For a State Party, the date the Treaty entered into force for it."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "effective_on", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "effective_on", "status"], name="status_change_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=F("instrument_date")),
                name="status_effective_after_instrument",
                violation_error_message=_("A status cannot take effect before its instrument."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_status_display()} ({un_date(self.effective_on)})"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", args=[self.pk])


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("affiliation", Affiliation.SECRETARIAT)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: a delegate, an organisation's representative or Secretariat staff."""

    # A name shows on watermarks and in access logs: the validator keeps it visible.
    first_name = models.CharField(
        _("first name"),
        max_length=names.MAX_NAME_LENGTH,
        blank=True,
        validators=[names.validate_person_name],
    )
    last_name = models.CharField(
        _("last name"),
        max_length=names.MAX_NAME_LENGTH,
        blank=True,
        validators=[names.validate_person_name],
    )
    affiliation = models.CharField(_("affiliation"), max_length=20, choices=Affiliation.choices)
    state = models.ForeignKey(
        State,
        verbose_name=_("delegation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    is_law_enforcement = models.BooleanField(
        _("law-enforcement official"),
        default=False,
        help_text=_("DIEF ToR art. 7 strongly encourages law-enforcement officials to attend."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        default="en",
        choices=settings.LANGUAGES,
    )
    is_demo_account = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PortalUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        affiliation=Affiliation.DELEGATION,
                        state__isnull=False,
                        organisation__isnull=True,
                    )
                    | Q(
                        affiliation=Affiliation.ORGANISATION,
                        state__isnull=True,
                        organisation__isnull=False,
                    )
                    | Q(
                        affiliation=Affiliation.SECRETARIAT,
                        state__isnull=True,
                        organisation__isnull=True,
                    )
                ),
                name="user_affiliation_matches_state_or_organisation",
                violation_error_message=_(
                    "A delegate belongs to a State, an organisation's representative to an "
                    "organisation, and Secretariat staff to neither."
                ),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_case_insensitive",
                violation_error_message=_("Another account already uses this e-mail address."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        self.first_name = names.normalise_person_name(self.first_name)
        self.last_name = names.normalise_person_name(self.last_name)

    def get_full_name(self) -> str:
        """The name as the directory shows it: what an older record may hold from before
        names were checked (a zero-width space …) is left out; empty if nothing is left."""
        return names.readable_name(f"{self.first_name} {self.last_name}")

    @property
    def visible_username(self) -> str:
        return names.visible_text(self.username) or f"#{self.pk}"

    @property
    def name_with_username(self) -> str:
        """The name and the username, e.g. "Lena Gruber (lena.gruber@example.org)": one
        person, even if two share a name; never empty."""
        full_name = self.get_full_name()
        return f"{full_name} ({self.visible_username})" if full_name else self.visible_username

    @property
    def awaits_first_sign_in(self) -> bool:
        """Invited but not yet in: no password chosen yet (an invitation leaves the account
        without one) or never signed in. Read from the row itself, no query."""
        return not self.has_usable_password() or self.last_login is None

    @property
    def affiliation_label(self) -> str:
        if self.affiliation == Affiliation.DELEGATION and self.state_id:
            return str(self.state)
        if self.affiliation == Affiliation.ORGANISATION and self.organisation_id:
            return str(self.organisation)
        return str(Affiliation.SECRETARIAT.label)


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class RoleAssignment(models.Model):
    """A role held for a term, e.g. DIEF Chair until the close of the next CSP (ToR art. 4)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)
    scope = models.CharField(
        _("scope"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the sub-working group a facilitator leads."),
    )
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "-starts_on"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="role_term_ends_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        user = self.user if self.user_id else None
        if user is None:
            return
        if self.role == Role.SECRETARIAT and user.affiliation != Affiliation.SECRETARIAT:
            raise ValidationError(
                {"role": _("Only Secretariat staff can hold the Secretariat role.")}
            )
        if self.role == Role.FOCAL_POINT and user.affiliation != Affiliation.DELEGATION:
            raise ValidationError({"role": _("A focal point must belong to a State's delegation.")})
