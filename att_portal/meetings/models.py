from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from att_portal.directory.models import State

from .enums import CONFIDENTIAL_BODIES, Body, MeetingFormat


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
        return f"CSP{self.number}"


class MeetingQuerySet(models.QuerySet):
    def with_related(self) -> MeetingQuerySet:
        return self.select_related("cycle", "cycle__president_state")


class Meeting(models.Model):
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
    history = HistoricalRecords()

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
