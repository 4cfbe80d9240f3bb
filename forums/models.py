"""The DIEF's confidential material (ToR arts. 11-22): cases, the information exchange
platform, concerned States, operational use, disclosure challenges, law-enforcement
contacts and oral briefings. Every model here is confidential to the forum; who sees a
row is decided in `forums.permissions`, never here."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from att_portal.directory import names
from att_portal.directory.enums import Affiliation
from att_portal.directory.models import State
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting

from .enums import (
    AccessKind,
    BriefingAudience,
    Category,
    Challenger,
    DetectionTimeliness,
    Distribution,
    Investigation,
    Marking,
    OperationalPurpose,
    Position,
    ProceduralDecision,
    ProviderPosition,
)

FORUM = Body.DIEF.value
EXACTLY_ONE_SUBJECT = (Q(case__isnull=False) & Q(platform_item__isnull=True)) | (
    Q(case__isnull=True) & Q(platform_item__isnull=False)
)


class DiefMaterial:
    """Everything of the forum is confidential to it (ToR art. 14): pages that show it are
    marked and never cached (att_portal.marking)."""

    confidential_forum = FORUM


class InformationCategory(models.Model):
    """One of the seven categories of ToR art. 19 (rows a-g, created by a migration)."""

    code = models.CharField(max_length=1, primary_key=True, choices=Category.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("information category")
        verbose_name_plural = _("information categories")

    def __str__(self) -> str:
        return str(self.get_code_display())


class SharedItem(DiefMaterial, models.Model):
    """What a State shares with the forum, under the marking and distribution it chooses."""

    provider_state = models.ForeignKey(
        State, verbose_name=_("provided by"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    # ToR arts. 13 and 19: States share "any information they deem relevant, in
    # particular" a)-g): the categories are optional, and a free subject may stand
    # beside them or alone.
    categories = models.ManyToManyField(
        InformationCategory,
        verbose_name=_("categories of information (ToR art. 19)"),
        related_name="+",
        blank=True,
    )
    other_subject = models.CharField(
        _("other subject"),
        max_length=300,
        blank=True,
        help_text=_(
            "Any other subject you deem relevant, besides the categories of ToR art. 19 or "
            "instead of them."
        ),
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=10,
        choices=Distribution.choices,
        default=Distribution.ALL_PARTICIPANTS,
    )
    marking = models.CharField(
        _("confidentiality marking"),
        max_length=30,
        choices=Marking.choices,
        default=Marking.CONFIDENTIAL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The lists' order: a page of a list is read from this index, newest first.
            models.Index(fields=["-created_at", "-id"], name="%(app_label)s_%(class)s_listed"),
            # The columns the visibility rule tests, and the key it looks up in the
            # grants: how many items a delegate may see is counted from this index alone.
            models.Index(
                fields=["distribution", "provider_state", "id"],
                name="%(app_label)s_%(class)s_visibility",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def release(self) -> ConfidentialityRelease | None:
        """The participants' decision releasing the item from confidentiality (art. 14)."""
        return self.releases.first()


class Case(SharedItem):
    """A detected or suspected diversion case (ToR arts. 11, 18 and 19)."""

    diversion_details = models.TextField(_("details of the diversion"))
    detection_details = models.TextField(_("details of its detection"))
    detection_timeliness = models.CharField(
        _("timeliness of detection"), max_length=20, choices=DetectionTimeliness.choices
    )
    methods_and_means = models.TextField(_("methods and means"))
    actors = models.TextField(
        _("actors involved"),
        blank=True,
        help_text=_("Where appropriate and feasible (ToR art. 18)."),
    )
    investigation = models.CharField(
        _("investigation"), max_length=10, choices=Investigation.choices
    )
    history = HistoricalRecords()

    class Meta(SharedItem.Meta):
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dief:case_detail", args=[self.pk])


class PlatformItem(SharedItem):
    """Information shared outside meetings on the information exchange platform (art. 13)."""

    information = models.TextField(_("information"))
    history = HistoricalRecords()

    class Meta(SharedItem.Meta):
        verbose_name = _("platform item")
        verbose_name_plural = _("platform items")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dief:item_detail", args=[self.pk])


# Narrowing to named States: per-object grants to the named States' delegation groups,
# stored with direct foreign keys (django-guardian's advice for hot models).
class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class PlatformItemUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(PlatformItem, on_delete=models.CASCADE)


class PlatformItemGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(PlatformItem, on_delete=models.CASCADE)


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name says nothing about the content: files are served by a view only.
    return f"dief/{instance.storage_name}"


class Attachment(DiefMaterial, models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    platform_item = models.ForeignKey(
        PlatformItem, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    storage_name = models.CharField(max_length=80, unique=True, default=uuid.uuid4)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Set by `manage.py check_stored_files --quarantine` for a stored file that fails the
    # upload checks: its file is moved aside and it is no longer served.
    quarantined_at = models.DateTimeField(_("quarantined at"), null=True, blank=True)
    quarantine_reason = models.CharField(_("reason for the quarantine"), max_length=500, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=EXACTLY_ONE_SUBJECT, name="attachment_belongs_to_one_item"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def subject(self) -> Case | PlatformItem:
        return self.case or self.platform_item


class AccessRecord(DiefMaterial, models.Model):
    """Who opened or downloaded a case or platform item, for its provider to see."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="access_records"
    )
    platform_item = models.ForeignKey(
        PlatformItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_records",
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The person's affiliation at the time: a delegate may later change State.
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    affiliation_label = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=AccessKind.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=EXACTLY_ONE_SUBJECT, name="access_record_one_item"),
        ]
        indexes = [
            models.Index(fields=["case", "-at"], name="access_case_at"),
            models.Index(fields=["platform_item", "-at"], name="access_item_at"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.kind} {self.case or self.platform_item}"

    @property
    def affiliation(self) -> str:
        """The State (its name in the reader's language) or office of the person, as it
        was when they opened the item."""
        # The label is stored in English (forums.services.shared.access_record).
        with translation.override("en"):
            as_state = bool(self.state_id) and self.affiliation_label == self.state.name_in("en")
            as_secretariat = self.affiliation_label == str(Affiliation.SECRETARIAT.label)
        if as_state:
            return str(self.state)
        if as_secretariat:
            return str(Affiliation.SECRETARIAT.label)
        return self.affiliation_label


class CasePresentation(DiefMaterial, models.Model):
    """A State's intention to present one of its cases at a DIEF meeting (ToR art. 11)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="presentations")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="case_presentations"
    )
    intended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    intended_at = models.DateTimeField(_("intention notified at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        "documents.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_item = models.ForeignKey(
        "documents.AgendaItem",
        verbose_name=_("right-of-reply slot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__starts_on", "intended_at", "pk"]
        verbose_name = _("case presentation")
        verbose_name_plural = _("case presentations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "meeting"], name="case_presented_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        # Neutral: the name shows in headings (history) read by those who may not see a
        # case narrowed to named States.
        return gettext("Presentation by %(state)s at the meeting “%(meeting)s”") % {
            "state": self.case.provider_state,
            "meeting": self.meeting.title,
        }


class PresentationIntention(DiefMaterial, models.Model):
    """A State's intention to present one of its cases at the next DIEF meeting, notified
    before that meeting is announced (ToR art. 11: "even before the meeting is
    announced"). When the next DIEF meeting is created, the intention becomes its
    case presentation (`presentation`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="intentions")
    intended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    intended_at = models.DateTimeField(_("intention notified at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    presentation = models.OneToOneField(
        CasePresentation,
        verbose_name=_("presentation at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intention",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["intended_at", "pk"]
        verbose_name = _("intention to present a case at the next meeting")
        verbose_name_plural = _("intentions to present a case at the next meeting")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(withdrawn_at__isnull=True, presentation__isnull=True),
                name="case_intended_once_for_the_next_meeting",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Intention of %(state)s to present a case at the next DIEF meeting") % {
            "state": self.case.provider_state
        }

    @property
    def pending(self) -> bool:
        return self.withdrawn_at is None and self.presentation_id is None


class ConcernedState(DiefMaterial, models.Model):
    """A State the presenting State says its presentation may involve (ToR art. 12)."""

    presentation = models.ForeignKey(
        CasePresentation, on_delete=models.CASCADE, related_name="concerned_states"
    )
    state = models.ForeignKey(
        State, verbose_name=_("concerned State"), on_delete=models.PROTECT, related_name="+"
    )
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notified_at = models.DateTimeField(_("notified at"), auto_now_add=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["presentation", "state__country"]
        verbose_name = _("concerned State")
        verbose_name_plural = _("concerned States")
        constraints = [
            models.UniqueConstraint(
                fields=["presentation", "state"], name="concerned_state_named_once"
            ),
        ]

    def __str__(self) -> str:
        return gettext("Notice to %(state)s as a concerned State (meeting “%(meeting)s”)") % {
            "state": self.state,
            "meeting": self.presentation.meeting.title,
        }


class ExpertProposal(DiefMaterial, models.Model):
    """A State Party's or signatory's proposal to invite a non-state expert to the
    presentation of a case and the debate on it (ToR art. 8). Its state is derived from
    the dates and acts recorded here (`forums.selectors.experts.procedure_state`)."""

    presentation = models.ForeignKey(
        CasePresentation, on_delete=models.PROTECT, related_name="expert_proposals"
    )
    expert_name = models.CharField(
        _("name of the expert"), max_length=200, validators=[names.validate_person_name]
    )
    expert_email = models.EmailField(_("e-mail of the expert"))
    expert_affiliation = models.CharField(_("affiliation"), max_length=300)
    expertise = models.TextField(
        _("expertise"),
        help_text=_("In investigating, prosecuting, identifying or handling diversion cases."),
    )
    purpose = models.TextField(_("purpose of the participation"))
    # ToR art. 8: any State Party or signatory may propose, not only the presenting State.
    proposing_state = models.ForeignKey(
        State, verbose_name=_("proposing State"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("received by the Secretariat"), auto_now_add=True)
    circulated_at = models.DateTimeField(_("circulated to States Parties"), null=True, blank=True)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Recorded by the Celery tasks when they act (messages sent, admission made); the
    # state itself never depends on them.
    silence_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    referred_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision = models.CharField(
        _("procedural decision"), max_length=15, choices=ProceduralDecision.choices, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert's account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("proposal of a non-state expert")
        verbose_name_plural = _("proposals of non-state experts")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_on__isnull=False),
                name="expert_decision_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Proposal of a non-state expert (meeting “%(meeting)s”)") % {
            "meeting": self.presentation.meeting.title
        }


class ExpertObjection(DiefMaterial, models.Model):
    """A State Party's objection to a circulated proposal, with its reasons; it opens a
    consultation with the proposing State (ToR art. 8)."""

    proposal = models.ForeignKey(
        ExpertProposal, on_delete=models.CASCADE, related_name="objections"
    )
    state = models.ForeignKey(
        State, verbose_name=_("objecting State"), on_delete=models.PROTECT, related_name="+"
    )
    # ToR art. 8 asks for no reasons: they are welcome, not required.
    reasons = models.TextField(_("reasons"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("objection to an expert")
        verbose_name_plural = _("objections to experts")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "state"], name="expert_objection_once_per_state"
            ),
        ]

    def __str__(self) -> str:
        return gettext("Objection of %(state)s") % {"state": self.state}


class ConsultationMessage(DiefMaterial, models.Model):
    """The consultation between the objecting and the proposing State."""

    objection = models.ForeignKey(
        ExpertObjection, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("consultation message")
        verbose_name_plural = _("consultation messages")

    def __str__(self) -> str:
        return f"{self.author} on objection {self.objection_id}"


class ExpertAdmission(DiefMaterial, models.Model):
    """A non-state expert approved for one presentation and the debate on it (arts. 8, 15).
    The expert sees the case only after accepting the confidentiality undertaking, and only
    until the meeting ends."""

    presentation = models.ForeignKey(
        CasePresentation, on_delete=models.CASCADE, related_name="expert_admissions"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_admissions"
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    admitted_at = models.DateTimeField(auto_now_add=True)
    proposal = models.OneToOneField(
        ExpertProposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admission",
    )
    undertaking_accepted_at = models.DateTimeField(
        _("confidentiality undertaking accepted at"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert admission")
        verbose_name_plural = _("expert admissions")
        constraints = [
            models.UniqueConstraint(fields=["presentation", "expert"], name="expert_admitted_once"),
        ]

    def __str__(self) -> str:
        return gettext(
            "%(expert)s, admitted to the presentation of a case (meeting “%(meeting)s”)"
        ) % {
            "expert": self.expert,
            "meeting": self.presentation.meeting.title,
        }


class OperationalUseRequest(DiefMaterial, models.Model):
    """A discussion with the provider before a participant uses its information
    operationally (ToR art. 16): the provider states its position (agrees, agrees with
    conditions, has concerns); it is not a request granted or declined. The class keeps
    its first name; the portal calls it an operational-use discussion."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="use_requests"
    )
    platform_item = models.ForeignKey(
        PlatformItem, on_delete=models.CASCADE, null=True, blank=True, related_name="use_requests"
    )
    requesting_state = models.ForeignKey(
        State,
        verbose_name=_("State considering the use"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("discussion opened at"), auto_now_add=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=OperationalPurpose.choices)
    description = models.TextField(_("intended use"))
    provider_position = models.CharField(
        _("position of the provider"),
        max_length=25,
        choices=ProviderPosition.choices,
        default=ProviderPosition.AWAITED,
    )
    position_details = models.TextField(_("conditions or concerns"), blank=True)
    position_stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position_stated_at = models.DateTimeField(_("position stated at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("operational-use discussion")
        verbose_name_plural = _("operational-use discussions")
        constraints = [
            models.CheckConstraint(condition=EXACTLY_ONE_SUBJECT, name="use_request_one_item"),
            models.CheckConstraint(
                condition=~Q(provider_position=ProviderPosition.AGREES_WITH_CONDITIONS)
                | ~Q(position_details=""),
                name="use_discussion_conditions_stated",
                violation_error_message=_("State the conditions."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requesting_state}: {self.get_purpose_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        details = self.position_details.strip()
        if self.provider_position == ProviderPosition.AGREES_WITH_CONDITIONS and not details:
            raise ValidationError({"position_details": _("State the conditions.")})
        if self.provider_position == ProviderPosition.HAS_CONCERNS and not details:
            raise ValidationError({"position_details": _("State the concerns.")})
        if self.provider_position in (ProviderPosition.AWAITED, ProviderPosition.AGREES) and (
            self.position_details.strip()
        ):
            raise ValidationError(
                {
                    "position_details": _(
                        "Conditions or concerns go only with an agreement with conditions "
                        "or with concerns."
                    )
                }
            )

    @property
    def subject(self) -> Case | PlatformItem:
        return self.case or self.platform_item


class OperationalUseMessage(DiefMaterial, models.Model):
    """The private thread in which the two States discuss the intended use."""

    request = models.ForeignKey(
        OperationalUseRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.author} on {self.request_id}"


class DisclosureChallenge(DiefMaterial, models.Model):
    """A bilateral challenge over a suspected unauthorised disclosure (ToR art. 15)."""

    challenger = models.CharField(_("challenged by"), max_length=12, choices=Challenger.choices)
    challenger_state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    # Any participant may be challenged (art. 15): a State, or a non-state expert, who is
    # bound by the confidentiality of the forum as the States are.
    challenged_state = models.ForeignKey(
        State,
        verbose_name=_("challenged State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    challenged_expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("challenged non-state expert"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    platform_item = models.ForeignKey(
        PlatformItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("the suspected disclosure"))
    explanation = models.TextField(_("explanation"), blank=True)
    # Remedial measures follow only an acknowledged disclosure ("if any such apparent
    # unauthorised disclosure occurred", art. 15).
    disclosure_acknowledged = models.BooleanField(
        _("an unauthorised disclosure is acknowledged"), null=True, blank=True
    )
    remedial_measures = models.TextField(_("remedial measures taken"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("disclosure challenge")
        verbose_name_plural = _("disclosure challenges")
        constraints = [
            models.CheckConstraint(
                condition=(Q(challenger=Challenger.STATE) & Q(challenger_state__isnull=False))
                | (~Q(challenger=Challenger.STATE) & Q(challenger_state__isnull=True)),
                name="challenge_state_only_for_a_state_challenger",
            ),
            models.CheckConstraint(
                condition=~Q(challenger_state=models.F("challenged_state")),
                name="challenge_is_bilateral",
                violation_error_message=_("A State cannot challenge itself."),
            ),
            models.CheckConstraint(
                condition=(Q(challenged_state__isnull=False) & Q(challenged_expert__isnull=True))
                | (Q(challenged_state__isnull=True) & Q(challenged_expert__isnull=False)),
                name="challenge_names_one_participant",
                violation_error_message=_("Challenge one State or one non-state expert."),
            ),
            models.CheckConstraint(
                condition=Q(remedial_measures="") | Q(disclosure_acknowledged=True),
                name="remedies_only_for_an_acknowledged_disclosure",
                violation_error_message=_(
                    "Remedial measures go with an acknowledged disclosure only."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_challenger_display()} → {self.challenged}"

    @property
    def challenged(self):
        """The challenged participant: a State or a non-state expert."""
        return self.challenged_state or self.challenged_expert

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.disclosure_acknowledged and not self.remedial_measures.strip():
            raise ValidationError({"remedial_measures": _("State the remedial measures taken.")})


class LawEnforcementContact(DiefMaterial, models.Model):
    """Up-to-date law-enforcement contact details, supplied via the Secretariat (art. 20)."""

    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, validators=[names.validate_person_name])
    position = models.CharField(_("job title"), max_length=200, blank=True)
    agency = models.CharField(_("agency"), max_length=300)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    languages = models.CharField(_("working languages"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["state__country", "name"]
        verbose_name = _("law-enforcement contact")
        verbose_name_plural = _("law-enforcement contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "email"], name="law_enforcement_contact_once_per_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"


class Briefing(DiefMaterial, models.Model):
    """The Chair's oral briefing of WGETI or the CSP after a meeting (ToR art. 22)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="briefings")
    audience = models.CharField(_("briefing for"), max_length=10, choices=BriefingAudience.choices)
    text = models.TextField(_("text of the briefing"))
    # Each change of the text is a new revision: agreements are to one revision.
    revision = models.PositiveIntegerField(default=1)
    based_on = models.ManyToManyField(
        CasePresentation,
        verbose_name=_("based on the presentations"),
        blank=True,
        related_name="briefings",
    )
    # Art. 22, consensus: the Chair circulates the text with a date; the briefing is
    # cleared when that date has passed with no standing objection (silence is consent).
    # Empty while the text has not been circulated.
    objections_due_on = models.DateField(_("objections by"), null=True, blank=True)
    # Art. 22: passages attributable to a State need that State's explicit consent. The
    # States the Chair declares and those the text names (found when it is saved).
    attributable_to = models.ManyToManyField(
        State,
        verbose_name=_("States to which passages are attributable"),
        blank=True,
        related_name="+",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("oral briefing")
        verbose_name_plural = _("oral briefings")

    def __str__(self) -> str:
        return gettext("%(briefing)s, on the meeting “%(meeting)s”") % {
            "briefing": self.heading,
            "meeting": self.meeting.title,
        }

    @property
    def heading(self) -> str:
        if self.audience == BriefingAudience.CSP:
            return gettext("Oral briefing to the Conference of States Parties")
        return gettext("Oral briefing to the Working Group on Effective Treaty Implementation")


class BriefingPosition(DiefMaterial, models.Model):
    """A participating State agrees to or objects to a briefing (kept between it, the Chair
    and the Secretariat)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="positions")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField()
    position = models.CharField(
        _("position on the briefing"), max_length=10, choices=Position.choices
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["briefing", "state__country"]
        verbose_name = _("position on a briefing")
        verbose_name_plural = _("positions on briefings")
        constraints = [
            models.UniqueConstraint(fields=["briefing", "state"], name="briefing_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_position_display()}"


class ConfidentialityRelease(models.Model):
    """The participants' decision to release an item or a document from confidentiality
    (ToR art. 14: meetings and their documents are confidential "unless participants
    decide otherwise"), recorded by the Secretariat. The released item is treated as
    restricted-area material; everything else stays confidential."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    platform_item = models.ForeignKey(
        PlatformItem, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("decided by the participants of the meeting"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    terms = models.TextField(_("terms of the decision"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("release from confidentiality")
        verbose_name_plural = _("releases from confidentiality")
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, platform_item__isnull=True, document__isnull=True)
                | Q(case__isnull=True, platform_item__isnull=False, document__isnull=True)
                | Q(case__isnull=True, platform_item__isnull=True, document__isnull=False),
                name="release_of_one_item_or_document",
            ),
            models.UniqueConstraint(fields=["case"], name="case_released_once"),
            models.UniqueConstraint(fields=["platform_item"], name="platform_item_released_once"),
            models.UniqueConstraint(fields=["document"], name="document_released_once"),
        ]

    def __str__(self) -> str:
        from att_portal.l10n.dates import un_date

        return gettext("Release from confidentiality decided on %(date)s") % {
            "date": un_date(self.decided_on)
        }

    @property
    def subject(self):
        return self.case or self.platform_item or self.document

    def clean(self) -> None:
        from django.core.exceptions import ValidationError
        from django.utils import timezone

        errors = {}
        if self.meeting_id and self.meeting.body != FORUM:
            errors["meeting"] = _("Choose a meeting of the DIEF.")
        if self.decided_on and self.meeting_id and self.decided_on < self.meeting.starts_on:
            errors["decided_on"] = _("The participants decide at or after their meeting.")
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = _("Record a decision once it is taken.")
        if errors:
            raise ValidationError(errors)
