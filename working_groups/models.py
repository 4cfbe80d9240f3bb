"""WGETI (seeds 002 and 004): sub-working groups per CSP cycle, the multi-year workplan,
the topics a meeting takes up, calls for ad hoc issues and their proposals, presentations
of national practice, and written submissions. The voluntary guides live in
`working_groups.guides`."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from att_portal.directory import names
from att_portal.directory.models import Organisation, State
from att_portal.l10n.content import EnglishOriginal
from att_portal.meetings.models import CspCycle, Meeting, MeetingCall

from .enums import OfferState, ProposalState, SubmissionKind

# A contribution comes from a State's delegation or from an organisation, never both.
ONE_CONTRIBUTOR = (Q(state__isnull=False) & Q(organisation__isnull=True)) | (
    Q(state__isnull=True) & Q(organisation__isnull=False)
)


class Contribution(models.Model):
    """Something a delegation or an organisation submits."""

    state = models.ForeignKey(
        State,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def contributor(self) -> State | Organisation:
        return self.state or self.organisation


class SubWorkingGroup(EnglishOriginal, models.Model):
    """A WGETI sub-working group of one CSP cycle, with its facilitators."""

    cycle = models.ForeignKey(
        CspCycle,
        verbose_name=_("CSP cycle"),
        on_delete=models.PROTECT,
        related_name="sub_working_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    facilitators = models.CharField(
        _("facilitators"),
        max_length=400,
        help_text=_(
            "As announced, e.g. “Ms Essate Weldemichael and Mr Edward Kawa (Sierra Leone)”."
        ),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # history: see translation.py (it keeps every language)

    class Meta:
        ordering = ["cycle", "position", "name"]
        verbose_name = _("sub-working group")
        verbose_name_plural = _("sub-working groups")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="swg_name_unique_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cycle})"


class Phase(EnglishOriginal, models.Model):
    """A phase of practical implementation in the multi-year workplan (or the cross-cutting
    function of international cooperation and assistance)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    is_cross_cutting = models.BooleanField(_("cross-cutting function"), default=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("phase of implementation")
        verbose_name_plural = _("phases of implementation")

    def __str__(self) -> str:
        return self.title


class Topic(EnglishOriginal, models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["phase", "position", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["phase", "title"], name="topic_unique_in_phase"),
        ]

    def __str__(self) -> str:
        return self.title


class ImplementationQuestion(EnglishOriginal, models.Model):
    """A practical implementation question of a workplan topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["topic", "position", "pk"]
        verbose_name = _("practical implementation question")
        verbose_name_plural = _("practical implementation questions")

    def __str__(self) -> str:
        return self.text[:80]


class MeetingTopic(models.Model):
    """A workplan topic that a WGETI meeting takes up, in a sub-working group."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="workplan_topics")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    sub_working_group = models.ForeignKey(
        SubWorkingGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "topic__phase__number", "topic__position"]
        verbose_name = _("topic of a meeting")
        verbose_name_plural = _("topics of meetings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "topic"], name="meeting_topic_once"),
        ]

    def __str__(self) -> str:
        return gettext("“%(topic)s” at %(meeting)s") % {
            "topic": self.topic,
            "meeting": self.meeting,
        }


class AdHocIssueProposal(Contribution):
    """A proposal of an ad hoc issue in answer to a call (seed 004: by 1 Feb 2026), with its
    explanatory memorandum, guiding questions where the proposer gives them (Control Arms
    gave none), a moderator or chair of the discussion if proposed (Small Arms Survey:
    "Chair: Panama (TBC)") and at most three proposed speakers — a moderator is not one of
    them."""

    call = models.ForeignKey(MeetingCall, on_delete=models.PROTECT, related_name="ad_hoc_proposals")
    title = models.CharField(_("issue"), max_length=300)
    memorandum = models.TextField(_("explanatory memorandum"))
    guiding_questions = models.TextField(_("guiding questions"), blank=True)
    moderator = models.CharField(
        _("moderator or chair"),
        max_length=300,
        blank=True,
        help_text=_("Who would moderate or chair the discussion, if you propose someone."),
    )
    moderator_to_be_confirmed = models.BooleanField(_("moderator to be confirmed"), default=False)
    sub_working_group = models.ForeignKey(
        SubWorkingGroup,
        verbose_name=_("for the sub-working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ad_hoc_proposals",
    )
    state_of_proposal = models.CharField(
        pgettext_lazy("status of a proposal, an offer", "state"),
        max_length=10,
        choices=ProposalState.choices,
        default=ProposalState.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    agenda_item = models.ForeignKey(
        "documents.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("proposal of an ad hoc issue")
        verbose_name_plural = _("proposals of ad hoc issues")
        constraints = [
            models.CheckConstraint(condition=ONE_CONTRIBUTOR, name="ad_hoc_one_contributor"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.state_of_proposal == ProposalState.DECLINED and not self.decision_note.strip():
            # Seed 004 ¶8 takes up every issue: one left aside says why.
            raise ValidationError({"decision_note": gettext("Say why the issue is left aside.")})


MAX_SPEAKERS = 3  # seed 004: "at most three proposed speakers"


class ProposedSpeaker(models.Model):
    proposal = models.ForeignKey(
        AdHocIssueProposal, on_delete=models.CASCADE, related_name="speakers"
    )
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SPEAKERS)]
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[names.validate_person_name]
    )
    title = models.CharField(
        pgettext_lazy("a speaker's job title", "title"), max_length=200, blank=True
    )
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=False)

    class Meta:
        ordering = ["proposal", "position"]
        verbose_name = _("proposed speaker")
        verbose_name_plural = _("proposed speakers")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "position"], name="speaker_position_once"),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=MAX_SPEAKERS),
                name="at_most_three_speakers",
                violation_error_message=_("At most three speakers may be proposed."),
            ),
            models.CheckConstraint(
                condition=Q(to_be_confirmed=True) | ~Q(name=""),
                name="speaker_named_or_to_be_confirmed",
                violation_error_message=_("Name the speaker or mark them “to be confirmed”."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("To be confirmed"))


class PresentationOffer(Contribution):
    """A delegation (or another stakeholder) volunteers to present its national practice
    on a workplan topic at a meeting; the Chair confirms the presenters."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="presentation_offers"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="presentation_offers")
    summary = models.TextField(_("what the presentation covers"))
    status = models.CharField(
        pgettext_lazy("status of a proposal, an offer", "state"),
        max_length=10,
        choices=OfferState.choices,
        default=OfferState.OFFERED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "topic", "submitted_at"]
        verbose_name = _("offer to present")
        verbose_name_plural = _("offers to present")
        constraints = [
            models.CheckConstraint(condition=ONE_CONTRIBUTOR, name="offer_one_contributor"),
            models.UniqueConstraint(
                fields=["meeting", "topic", "state"],
                condition=Q(state__isnull=False),
                name="offer_once_per_state_and_topic",
            ),
            models.UniqueConstraint(
                fields=["meeting", "topic", "organisation"],
                condition=Q(organisation__isnull=False),
                name="offer_once_per_organisation_and_topic",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Offer by %(contributor)s to present on “%(topic)s”") % {
            "contributor": self.contributor,
            "topic": self.topic,
        }


class PresenterList(models.Model):
    """The final list of presenting delegations, published before the meeting."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="presenter_list")
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("list of presenting delegations")
        verbose_name_plural = _("lists of presenting delegations")

    def __str__(self) -> str:
        return gettext("Final list of presenting delegations for %(meeting)s") % {
            "meeting": self.meeting
        }


class WrittenSubmission(Contribution):
    """Written comments or a text proposal on a working paper or a guide. The Chair's call
    has a due date (seed 004: 5 March 2026), and Appendix 1 invites comments before *and
    after* the meeting: a submission sent after the due date is accepted and marked as
    sent after the meeting. Seen by the Chair and the Secretariat, and by everybody once
    the Chair publishes it."""

    call = models.ForeignKey(
        MeetingCall, on_delete=models.PROTECT, related_name="written_submissions"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("on the document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=SubmissionKind.choices)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("written submission")
        verbose_name_plural = _("written submissions")
        constraints = [
            models.CheckConstraint(condition=ONE_CONTRIBUTOR, name="submission_one_contributor"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.contributor}"

    @property
    def after_the_meeting(self) -> bool:
        """Sent after the call's due date (the end of that day, Geneva time)."""
        from django.utils import timezone

        sent = timezone.localdate(self.submitted_at) if self.submitted_at else timezone.localdate()
        return sent > self.call.due_on
