"""The register of official documents: symbol, running number, distribution, revisions,
annexes and a file per UN language."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from att_portal.directory.models import State
from att_portal.l10n.content import EnglishOriginal
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle, Meeting

from .enums import AgendaState, AuthorOffice, Distribution, UnLanguage
from .symbols import DocumentSymbol


class RunningNumber(models.Model):
    """The Secretariat's one running number across all documents (DOMAIN §7)."""

    name = models.CharField(max_length=40, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.last}"


class Document(EnglishOriginal, models.Model):
    symbol = models.CharField(_("symbol"), max_length=120, unique=True)
    number = models.PositiveIntegerField(_("running number"))
    title = models.CharField(_("title"), max_length=400)
    issued_on = models.DateField(_("issued on"))
    cycle = models.ForeignKey(
        CspCycle, verbose_name=_("CSP cycle"), on_delete=models.PROTECT, related_name="documents"
    )
    body = models.CharField(
        _("body"),
        max_length=12,
        choices=Body.choices,
        blank=True,
        help_text=_("Empty for the plenary."),
    )
    author_office = models.CharField(
        _("author"), max_length=5, choices=AuthorOffice.choices, blank=True
    )
    author_states = models.ManyToManyField(
        State, verbose_name=_("authoring States"), blank=True, related_name="documents"
    )
    doc_type = models.CharField(_("type"), max_length=40)
    revision = models.PositiveSmallIntegerField(_("revision"), null=True, blank=True)
    revises = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    original_language = models.CharField(
        _("original language"), max_length=10, choices=UnLanguage.choices, default=UnLanguage.EN
    )
    distribution = models.CharField(_("distribution"), max_length=12, choices=Distribution.choices)
    forum = models.CharField(_("confidential to"), max_length=12, choices=Body.choices, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("annex of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="annexes",
    )
    annex_label = models.CharField(
        _("annex"), max_length=40, blank=True, help_text=_("E.g. Annex A, Appendix 3.")
    )
    position = models.PositiveSmallIntegerField(_("order among the annexes"), default=0)
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # A revision keeps its original's number; other documents each have their own.
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(revises__isnull=True),
                name="document_running_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(distribution=Distribution.CONFIDENTIAL) | ~Q(forum=""),
                name="confidential_document_names_its_forum",
                violation_error_message=_("A confidential document names its forum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} — {self.title}"

    @property
    def superseded_by(self) -> Document | None:
        """The latest revision, for an original that has been revised."""
        if self.revises_id:
            return None
        revisions = sorted(self.revisions.all(), key=lambda d: d.revision or 0)
        return revisions[-1] if revisions else None

    @property
    def parsed_symbol(self) -> DocumentSymbol:
        return DocumentSymbol.parse(self.symbol)

    @property
    def confidential_forum(self) -> str | None:
        if self.distribution != Distribution.CONFIDENTIAL:
            return None
        return self.forum or None


def version_path(instance: LanguageVersion, filename: str) -> str:
    # The stored name says nothing about the content: files are served by a view only.
    return f"documents/{instance.document_id}/{instance.language}/{instance.storage_name}"


class LanguageVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=UnLanguage.choices)
    file = models.FileField(_("file"), upload_to=version_path)
    storage_name = models.CharField(max_length=80)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    generated = models.BooleanField(_("generated by the portal"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="one_file_per_document_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.symbol} ({self.language})"

    @property
    def confidential_forum(self) -> str | None:
        return self.document.confidential_forum


class Agenda(models.Model):
    """A meeting's agenda, built by its Chair: draft → issued → adopted."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="agenda")
    state = models.CharField(
        _("state"), max_length=10, choices=AgendaState.choices, default=AgendaState.DRAFT
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The latest issued version."),
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def __str__(self) -> str:
        return f"Agenda of {self.meeting}"

    @property
    def confidential_forum(self) -> str | None:
        return self.meeting.confidential_forum


class AgendaItem(EnglishOriginal, models.Model):
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    annotation = models.TextField(_("annotation"), blank=True)
    session = models.ForeignKey(
        "meetings.MeetingSession",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    presenters = models.CharField(_("presenters"), max_length=500, blank=True)
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["agenda", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def confidential_forum(self) -> str | None:
        return self.agenda.confidential_forum


class AgendaVersion(models.Model):
    """Every issued or adopted agenda is kept as it was."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=AgendaState.choices)
    items = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agenda", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "number"], name="agenda_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agenda} v{self.number}"
