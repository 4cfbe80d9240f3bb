"""Voluntary guides (DOMAIN §6, seed 004): a guide in editions; an edition in sections
(chapters and annexes) of blocks (numbered paragraphs, boxes, footnotes). Texts are in
the six UN languages through django-modeltranslation (`translation.py`): English is
required, a missing translation falls back to English and is shown as untranslated.

A published edition is never changed: a new edition copies the blocks. A block's `key`
names "the same paragraph" across editions, whatever its number becomes.

Work on a guide goes through proposed revisions of specific paragraphs (seed 004,
Appendix 3), which the WGETI discusses, the CSP endorses and the Secretariat
incorporates into a new edition (`services.guide_edition_incorporate`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from att_portal.directory.models import Organisation, State
from att_portal.meetings.models import CspCycle

from .enums import (
    BlockKind,
    ChangeAction,
    EditionState,
    ProposerKind,
    RevisionState,
    SectionKind,
)


class Guide(models.Model):
    # No HistoricalRecords here: simple-history's copy would lack the translated titles;
    # the editions and the revisions carry the history.
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("voluntary guide")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("wgeti:guides:detail", args=[self.pk])


class GuideEdition(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveSmallIntegerField(_("edition"))
    state = models.CharField(
        pgettext_lazy("status of an edition, a revision", "state"),
        max_length=20,
        choices=EditionState.choices,
        default=EditionState.DRAFT,
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    endorsed_at_cycle = models.ForeignKey(
        CspCycle,
        verbose_name=_("endorsed at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="guide_edition_number_unique")
        ]
        verbose_name = _("edition")

    def __str__(self) -> str:
        return _("Edition %(number)s") % {"number": self.number}

    @property
    def is_published(self) -> bool:
        return self.state == EditionState.PUBLISHED


class GuideSection(models.Model):
    """A chapter ("3") or an annex ("B")."""

    edition = models.ForeignKey(GuideEdition, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    label = models.CharField(_("number or letter"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "label"], name="guide_section_label_unique"
            )
        ]
        verbose_name = _("section")

    def __str__(self) -> str:
        if self.kind == SectionKind.ANNEX:
            return _("Annex %(label)s") % {"label": self.label}
        return _("Chapter %(label)s") % {"label": self.label}

    def get_absolute_url(self) -> str:
        """The section on the page of its guide, in its edition."""
        edition = self.edition
        return f"{edition.guide.get_absolute_url()}?edition={edition.number}#{self.anchor}"

    @property
    def anchor(self) -> str:
        """The section's id on the guide's page."""
        return f"section-{self.kind}-{slugify(self.label)}"


class GuideBlock(models.Model):
    """A numbered paragraph ("104", "104 bis"), a box ("3") or a footnote ("2")."""

    section = models.ForeignKey(GuideSection, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices)
    number = models.CharField(_("number or label"), max_length=20)
    key = models.CharField(
        _("key"),
        max_length=80,
        help_text=_("Names the same paragraph in every edition, whatever its number."),
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section__position", "position"]
        verbose_name = _("block")

    def __str__(self) -> str:
        return BLOCK_NAMES[self.kind] % {"number": self.number}

    def get_absolute_url(self) -> str:
        """The paragraph, box or footnote on the page of its guide, in its edition."""
        edition = self.section.edition
        return f"{edition.guide.get_absolute_url()}?edition={edition.number}#block-{self.key}"


BLOCK_NAMES = {
    BlockKind.PARAGRAPH: _("Paragraph %(number)s"),
    BlockKind.BOX: _("Box %(number)s"),
    BlockKind.FOOTNOTE: _("Footnote %(number)s"),
}


class FactSheet(models.Model):
    """Sections of a guide published separately (seed 004, footnote 11). `selection`
    lists the parts, one per line: "3: 104-108", "3: box 3", "1: 26-35".

    Seed 004 ¶23: publication waits for the CSP's decision on the guidance it draws on. A
    fact sheet is drafted (the officers and the Secretariat read it), then published when
    the Secretariat records that decision."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="fact_sheets")
    title = models.CharField(_("title"), max_length=300)
    selection = models.TextField(_("selection"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(
        _("decision of the Conference"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where the decision is recorded, e.g. the symbol of the CSP's final report and "
            "its paragraph."
        ),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["guide", "title_en"]
        verbose_name = _("fact sheet")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.published_at is not None and not (self.decided_on and self.decision.strip()):
            # Seed 004 ¶23: never published before the Conference's decision is recorded.
            raise ValidationError(
                _("A fact sheet is published once the Conference's decision is recorded.")
            )


ONE_PROPOSER = (
    Q(proposer_kind=ProposerKind.STATE, proposer_state__isnull=False)
    | Q(proposer_kind=ProposerKind.ORGANISATION, proposer_organisation__isnull=False)
    | Q(proposer_kind__in=[ProposerKind.CHAIR, ProposerKind.SECRETARIAT])
)


class ProposedRevision(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT, related_name="revisions")
    base_edition = models.ForeignKey(
        GuideEdition,
        verbose_name=_("proposed against"),
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    title = models.CharField(_("title"), max_length=300)
    rationale = models.TextField(_("rationale"), blank=True)
    proposer_kind = models.CharField(_("proposed by"), max_length=20, choices=ProposerKind.choices)
    proposer_state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposer_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    state = models.CharField(
        pgettext_lazy("status of an edition, a revision", "state"),
        max_length=20,
        choices=RevisionState.choices,
        default=RevisionState.PROPOSED,
    )
    comments_due_on = models.DateField(
        _("comments due on"), help_text=_("Comments are accepted until the end of this day.")
    )
    discussed_on = models.DateField(_("discussed on"), null=True, blank=True)
    endorsed_on = models.DateField(_("endorsed on"), null=True, blank=True)
    endorsed_at_cycle = models.ForeignKey(
        CspCycle,
        verbose_name=_("endorsed at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    incorporated_into = models.ForeignKey(
        GuideEdition,
        verbose_name=_("incorporated into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incorporated_revisions",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last moved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("last moved at"), null=True, blank=True)
    # Optimistic locking: every write bumps it; a form carrying an older one is refused.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [models.CheckConstraint(condition=ONE_PROPOSER, name="revision_one_proposer")]
        verbose_name = _("proposed revision")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("wgeti:guides:revision_detail", args=[self.pk])

    @property
    def proposer(self) -> str:
        if self.proposer_kind == ProposerKind.STATE and self.proposer_state:
            return str(self.proposer_state)
        if self.proposer_kind == ProposerKind.ORGANISATION and self.proposer_organisation:
            return str(self.proposer_organisation)
        return str(ProposerKind(self.proposer_kind).label)


# What a change does to a paragraph, as one phrase (its number in the edition read).
CHANGE_HEADINGS = {
    ChangeAction.REPLACE: _("Replace paragraph %(number)s"),
    ChangeAction.INSERT_AFTER: _("Insert a new paragraph after paragraph %(number)s"),
    ChangeAction.DELETE: _("Delete paragraph %(number)s"),
}


class RevisionChange(models.Model):
    """One change of a proposed revision, applied in `position` order."""

    revision = models.ForeignKey(ProposedRevision, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("change"), max_length=20, choices=ChangeAction.choices)
    target = models.ForeignKey(
        GuideBlock,
        verbose_name=_("paragraph"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A paragraph of the edition the change was proposed against."),
    )
    annex_label = models.CharField(_("annex"), max_length=20, blank=True)
    annex_title = models.CharField(_("title of the annex"), max_length=300, blank=True)
    new_text = models.TextField(
        _("new text"),
        blank=True,
        help_text=_("For a new annex, one paragraph per block separated by a blank line."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["revision", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action="new_annex", target__isnull=True)
                | (~Q(action="new_annex") & Q(target__isnull=False)),
                name="revision_change_target",
            )
        ]
        verbose_name = _("change")

    def __str__(self) -> str:
        if self.action == ChangeAction.NEW_ANNEX:
            return _("New annex %(label)s") % {"label": self.annex_label}
        return self.heading()

    def heading(self, number: str | None = None) -> str:
        """The change as one phrase — “Replace paragraph 104”, “New annex B: …”; `number`
        is the paragraph's number in the edition read, when it changed since the proposal."""
        if self.action == ChangeAction.NEW_ANNEX:
            return _("New annex %(label)s: %(title)s") % {
                "label": self.annex_label,
                "title": self.annex_title,
            }
        return CHANGE_HEADINGS[self.action] % {"number": number or self.target.number}


class RevisionComment(models.Model):
    revision = models.ForeignKey(
        ProposedRevision, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["revision", "created_at", "pk"]
        verbose_name = _("comment")

    def __str__(self) -> str:
        return f"{self.on_behalf_of}: {self.text[:40]}"
