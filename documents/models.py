"""The register of official documents: symbol, running number, distribution, revisions,
annexes and a file per UN language."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from att_portal.directory.models import State
from att_portal.l10n.content import EnglishOriginal
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle, Meeting

from .enums import (
    AgendaState,
    AuthorOffice,
    Distribution,
    DocumentType,
    ReportConclusion,
    ReportState,
    UnLanguage,
)
from .symbols import OFFICE_AUTHORS, DocumentSymbol


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
    year = models.PositiveSmallIntegerField(
        _("year in the symbol"),
        blank=True,  # left empty, it is read from the symbol
        help_text=_("The year of issue, or the year a historical symbol carries."),
    )
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
        indexes = [
            # The register's list, newest first (`documents.views.document_list`). The
            # search indexes are PostgreSQL's own: see documents/search.py.
            models.Index(fields=["-issued_on", "-number", "-id"], name="document_list_order"),
        ]
        constraints = [
            # A revision keeps its original's number; other documents each have their own.
            # A revision registered before its original (historical symbols) does not
            # take the number either; the register refuses another document under it.
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(revises__isnull=True, revision__isnull=True),
                name="document_running_number_unique",
            ),
            models.UniqueConstraint(fields=["number", "revision"], name="document_revision_once"),
            models.CheckConstraint(
                condition=~Q(distribution=Distribution.CONFIDENTIAL) | ~Q(forum=""),
                name="confidential_document_names_its_forum",
                violation_error_message=_("A confidential document names its forum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} — {self.title}"

    def save(self, *args, **kwargs):
        self._year_from_symbol()
        super().save(*args, **kwargs)

    def _year_from_symbol(self) -> None:
        if self.year is None and self.symbol:
            with contextlib.suppress(ValueError):  # clean() says what is wrong with it
                self.year = DocumentSymbol.parse(self.symbol).year

    def clean(self) -> None:
        super().clean()
        self._year_from_symbol()
        errors = self.symbol_errors()
        if errors:
            raise ValidationError(errors)

    def set_pending_authors(self, codes: Iterable[str]) -> None:
        """The authoring States' alpha-3 codes about to be saved (a many-to-many relation is
        written after the document): `clean()` checks them against the symbol."""
        self._pending_author_codes = tuple(codes)

    def _author_codes(self) -> tuple[str, ...] | None:
        pending = getattr(self, "_pending_author_codes", None)
        if pending is not None:
            return pending
        if self.pk is None:
            return None  # not saved yet: the register sets them from the symbol itself
        return tuple(state.alpha3 for state in self.author_states.all())

    def symbol_errors(self) -> dict[str, list[str]]:
        """What in the register's fields contradicts the symbol, by field: the symbol is
        made of them and is never edited apart from them (the portal and the admin alike).
        Parts are compared as parsed, so a historical form written "exactly as written"
        (``…/Conf.Rep/Rev.``, ``Conf. Rep``) matches its fields."""
        try:
            parsed = DocumentSymbol.parse(self.symbol)
        except ValueError as exc:
            return {"symbol": [str(exc)]}
        symbol = self.symbol
        errors: dict[str, list[str]] = {}

        def refuse(field: str, message: str, **values) -> None:
            errors.setdefault(field, []).append(message % {"symbol": symbol, **values})

        if self.cycle_id is not None and self.cycle.number != parsed.cycle:
            refuse(
                "cycle",
                gettext("The symbol %(symbol)s is of the CSP%(cycle)s cycle."),
                cycle=parsed.cycle,
            )
        if (self.body or None) != parsed.body:
            if parsed.body:
                refuse(
                    "body",
                    gettext("The symbol %(symbol)s names the body %(body)s."),
                    body=parsed.body,
                )
            else:
                refuse("body", gettext("The symbol %(symbol)s names no body (the plenary)."))
        if self.year != parsed.year:
            refuse(
                "year",
                gettext("The symbol %(symbol)s carries the year %(year)s."),
                year=parsed.year,
            )
        if self.number != parsed.number:
            refuse(
                "number",
                gettext("The symbol %(symbol)s carries the running number %(number)s."),
                number=parsed.number,
            )
        if normal_type(self.doc_type) != parsed.doc_type:
            refuse(
                "doc_type",
                gettext("The symbol %(symbol)s is of the type %(type)s."),
                type=parsed.doc_type,
            )
        self._check_authors(parsed, refuse)
        self._check_revision(parsed, refuse)
        return errors

    def _check_authors(self, parsed: DocumentSymbol, refuse) -> None:
        message = gettext("The symbol %(symbol)s names the author %(author)s.")
        codes = self._author_codes()
        if parsed.authors[0] in OFFICE_AUTHORS:
            if self.author_office != parsed.author:
                refuse("author_office", message, author=parsed.author)
            if codes:
                refuse("author_states", message, author=parsed.author)
            return
        if self.author_office:
            refuse("author_office", message, author=parsed.author)
        if codes is not None and set(codes) != set(parsed.authors):
            refuse("author_states", message, author=parsed.author)

    def _check_revision(self, parsed: DocumentSymbol, refuse) -> None:
        if self.revision != parsed.revision:
            if parsed.revision is None:
                refuse("revision", gettext("The symbol %(symbol)s is not a revision."))
            else:
                refuse(
                    "revision",
                    gettext("The symbol %(symbol)s is revision %(revision)s."),
                    revision=parsed.revision,
                )
        original = self.revises if self.revises_id else None
        if original is None:
            return
        if parsed.revision is None:
            refuse("revises", gettext("The symbol %(symbol)s is not a revision."))
            return
        try:
            original_symbol = DocumentSymbol.parse(original.symbol)
        except ValueError:
            original_symbol = None
        if (
            original.pk == self.pk
            or original_symbol is None
            or not parsed.same_document_as(original_symbol)
            or (original.revision or 0) >= parsed.revision
        ):
            refuse(
                "revises",
                gettext("%(original)s is not an earlier version of %(symbol)s."),
                original=original.symbol,
            )

    @property
    def doc_type_label(self) -> str:
        """The type in words where the register knows it (else the type as issued)."""
        return DocumentType.label_of(self.doc_type)

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


def normal_type(doc_type: str) -> str:
    """A type as the symbol parser reads it ("Conf. Rep" is "Conf.Rep")."""
    return (doc_type or "").replace(". ", ".")


def version_path(instance: LanguageVersion, filename: str) -> str:
    # The stored name says nothing about the content: files are served by a view only.
    return f"documents/{instance.document_id}/{instance.language}/{instance.storage_name}"


class LanguageVersionQuerySet(models.QuerySet):
    def current(self):
        """The file each language has today (neither replaced nor withdrawn)."""
        return self.filter(replaced_at__isnull=True, withdrawn_at__isnull=True)

    def earlier(self):
        """Files that were replaced or withdrawn: kept, with who did it and when."""
        return self.exclude(replaced_at__isnull=True, withdrawn_at__isnull=True)


class LanguageVersion(models.Model):
    """One file of one language of a document. Replacing it keeps the earlier file (its
    `replaced_at` is set); withdrawing it keeps it too, with the reason, and the language
    shows as missing until a new file comes."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=UnLanguage.choices)
    number = models.PositiveSmallIntegerField(_("version"), default=1)
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
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    # Set by `manage.py check_stored_files --quarantine` for a stored file that fails the
    # upload checks: its file is moved aside and it is no longer served.
    quarantined_at = models.DateTimeField(_("quarantined at"), null=True, blank=True)
    quarantine_reason = models.CharField(_("reason for the quarantine"), max_length=500, blank=True)
    history = HistoricalRecords()

    objects = LanguageVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "language", "-number"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                condition=Q(replaced_at__isnull=True, withdrawn_at__isnull=True),
                name="one_current_file_per_document_language",
            ),
            models.UniqueConstraint(
                fields=["document", "language", "number"], name="language_version_number_once"
            ),
            models.CheckConstraint(
                condition=Q(replaced_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="language_version_replaced_or_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.symbol} ({self.language}) v{self.number}"

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None and self.withdrawn_at is None

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

    def clean(self) -> None:
        # A draft agenda is adopted by the meeting itself, at its opening (DIEF ToR art. 11):
        # never before the meeting's first day, Geneva time.
        from django.utils import timezone

        meeting = self.meeting
        if (
            self.adopted_at is not None
            and meeting.starts_on
            and timezone.localdate(self.adopted_at) < meeting.starts_on
        ):
            from att_portal.l10n.dates import un_date

            raise ValidationError(
                {
                    "adopted_at": gettext(
                        "The agenda is adopted by the meeting itself, at its opening: not "
                        "before the meeting's first day, %(date)s (ToR art. 11)."
                    )
                    % {"date": un_date(meeting.starts_on)}
                }
            )

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


# -- What the Chairs compose in the portal: letters and reports ------------------------------


class Letter(EnglishOriginal, models.Model):
    """A letter composed in the portal (e.g. the WGETI Chair's cover letter, seed 004). It is
    registered when composed, as a ``LetterSubDocs`` document: its annexes are documents of
    the register attached to that document (``parent``/``annex_label``/``position``), and
    its PDF is the letter followed by each annex the reader may see."""

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="letter", verbose_name=_("document")
    )
    addressees = models.TextField(_("addressees"))
    place = models.CharField(_("place"), max_length=120)
    dated_on = models.DateField(_("date of the letter"))
    body = models.TextField(_("text of the letter"))
    signature = models.TextField(_("signature block"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # history: see translation.py (it keeps every language)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self) -> str:
        return self.document.symbol

    def clean(self) -> None:
        from att_portal.l10n.content import require_english

        super().clean()
        require_english(self, ("addressees", "place", "body", "signature"))

    @property
    def confidential_forum(self) -> str | None:
        return self.document.confidential_forum


class ChairReport(EnglishOriginal, models.Model):
    """A Chair's report to the Conference (seeds 000, 001; the WGETI Chair's draft report):
    sections of numbered paragraphs — numbered on across sections —, annexes with their own
    numbering, and recommendations or a draft decision. A draft stays with the Chair and the
    Secretariat; issuing it registers it (``…/CHAIR/n/Conf.Rep``) with a PDF per language."""

    body = models.CharField(_("body"), max_length=12, choices=Body.choices)
    cycle = models.ForeignKey(
        CspCycle, verbose_name=_("CSP cycle"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=400)
    conclusion = models.CharField(
        _("the report ends with"),
        max_length=20,
        choices=ReportConclusion.choices,
        default=ReportConclusion.RECOMMENDATIONS,
    )
    recommendations = models.TextField(
        _("recommendations or draft decision"),
        blank=True,
        help_text=_("One per line; the PDF numbers them 1), 2), …"),
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=12,
        choices=Distribution.choices,
        default=Distribution.RESTRICTED,
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    document = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chair_report",
        verbose_name=_("registered as"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("Chair's report")
        verbose_name_plural = _("Chair's reports")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from att_portal.l10n.content import require_english

        super().clean()
        require_english(self, ("title",))
        if self.body not in (Body.DIEF, Body.WGETI):
            raise ValidationError(
                {"body": _("Reports to the Conference are drafted by the DIEF or WGETI Chair.")}
            )

    @property
    def confidential_forum(self) -> str | None:
        if self.distribution != Distribution.CONFIDENTIAL:
            return None
        return self.body


class ReportSection(EnglishOriginal, models.Model):
    """A section of a Chair's report, or one of its annexes (a section with an annex label,
    printed after the report on a page of its own, its paragraphs numbered from 1). The
    text's paragraphs are separated by an empty line; the PDF numbers them."""

    report = models.ForeignKey(ChairReport, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    annex_label = models.CharField(
        _("annex"),
        max_length=40,
        blank=True,
        help_text=_("Empty for a section of the report; e.g. Annex for an annex."),
    )
    heading = models.CharField(_("heading"), max_length=300)
    text = models.TextField(_("paragraphs"), help_text=_("Separate paragraphs with an empty line."))
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["report", "position", "pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")

    def __str__(self) -> str:
        return self.heading

    def clean(self) -> None:
        from att_portal.l10n.content import require_english

        super().clean()
        require_english(self, ("heading", "text"))

    @property
    def is_annex(self) -> bool:
        return bool(self.annex_label)

    @property
    def confidential_forum(self) -> str | None:
        return self.report.confidential_forum
