from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """ToR art. 19: the categories of information exchanged at the forum."""

    ILLICIT_TRANSFERS = "a", _("(a) Illicit arms transfer activities, including corruption")
    TRAFFICKING_ROUTES = "b", _("(b) International trafficking routes")
    ILLICIT_BROKERS = "c", _("(c) Illicit brokers")
    ILLICIT_SOURCES = "d", _("(d) Sources of illicit supply")
    CONCEALMENT = "e", _("(e) Concealment methods")
    DISPATCH_POINTS = "f", _("(f) Common points of dispatch")
    DESTINATIONS = "g", _("(g) Destinations used by organised groups engaged in diversion")


class Distribution(models.TextChoices):
    """Who may read an item: the whole forum, or only States its provider names."""

    ALL_PARTICIPANTS = "all", _("All DIEF participants")
    NAMED_STATES = "named", _("Only the States I name")


class Marking(models.TextChoices):
    """The provider's confidentiality marking (ToR art. 15). There is no marking that
    forbids passing an item to national authorities: participants may share all they
    learn with them, in particular law enforcement, under strict confidentiality (art. 16);
    operational use is discussed with the provider first (`ProviderPosition`)."""

    CONFIDENTIAL = "confidential", _("Confidential")


class Investigation(models.TextChoices):
    ONGOING = "ongoing", _("Investigation ongoing")
    CLOSED = "closed", _("Investigation closed")


class DetectionTimeliness(models.TextChoices):
    BEFORE_EXPORT = "before_export", _("Before export")
    IN_TRANSIT = "in_transit", _("In transit")
    AFTER_DELIVERY = "after_delivery", _("After delivery")
    POST_SHIPMENT = "post_shipment", _("Post-shipment or long after delivery")
    UNKNOWN = "unknown", _("Not known")


class OperationalPurpose(models.TextChoices):
    """ToR art. 16: examples of operational use that must first be discussed."""

    EXPORT_ASSESSMENT = "export_assessment", _("Export assessment")
    ENFORCEMENT = "enforcement", _("Enforcement proceedings")
    OTHER = "other", _("Other operational use")


class ProviderPosition(models.TextChoices):
    """ToR art. 16: operational use "must first be discussed" with the provider. The
    provider states where it stands in the discussion, and may restate it as the
    discussion goes on; it neither grants nor declines a request."""

    AWAITED = "awaited", _("Awaiting the provider's position")
    AGREES = "agrees", _("The provider agrees")
    AGREES_WITH_CONDITIONS = "agrees_with_conditions", _("The provider agrees with conditions")
    HAS_CONCERNS = "has_concerns", _("The provider has concerns")


class Challenger(models.TextChoices):
    """ToR art. 15: any participant, the Chair or the Secretariat may challenge."""

    STATE = "state", _("A participating State")
    CHAIR = "chair", _("The DIEF Chair")
    SECRETARIAT = "secretariat", _("The Secretariat")


class BriefingAudience(models.TextChoices):
    WGETI = "WGETI", _("Working Group on Effective Treaty Implementation")
    CSP = "CSP", _("Conference of States Parties")


class Position(models.TextChoices):
    AGREE = "agree", _("Agrees")
    OBJECT = "object", _("Objects")


class BriefingState(models.TextChoices):
    """Where a briefing stands under art. 22, computed on read from its date and the
    positions recorded. OBJECTED and AWAITING_CONSENT are the Chair's and the
    Secretariat's; a State sees CIRCULATED, then NOT_CLEARED."""

    DRAFT = "draft", _("Not yet circulated")
    CIRCULATED = "circulated", _("Circulated: open for objections")
    OBJECTED = "objected", _("Objected to")
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting the consent of a State it refers to")
    NOT_CLEARED = "not_cleared", _("Not cleared")
    CLEARED = "cleared", _("Cleared by consensus")


class AccessKind(models.TextChoices):
    VIEW = "view", _("Opened")
    DOWNLOAD = "download", _("Downloaded an attachment")
    PDF = "pdf", _("Downloaded as PDF")


class ProcedureState(models.TextChoices):
    """Where a proposal of a non-state expert stands (ToR art. 8), derived from its dates
    and recorded acts whenever it is read."""

    PROPOSED = "proposed", _("Proposed, awaiting circulation")
    IN_SILENCE = "in_silence", _("Circulated: silence procedure running")
    # An objection stands while the silence still runs: the two States consult (art. 8).
    OBJECTED_IN_SILENCE = "objected_in_silence", _("Objection raised — awaiting resolution")
    APPROVED_BY_SILENCE = "approved_by_silence", _("Approved: no objection in the silence period")
    IN_CONSULTATION = "in_consultation", _("Objection: consultation between the two States")
    APPROVED_AFTER_CONSULTATION = (
        "approved_after_consultation",
        _("Approved: objection withdrawn after consultation"),
    )
    REFERRED = (
        "referred",
        _("Referred to the States Parties at the meeting for a procedural decision"),
    )
    DECIDED_APPROVED = "decided_approved", _("Approved by procedural decision")
    DECIDED_NOT_APPROVED = "decided_not_approved", _("Not approved by procedural decision")


# The silence procedure runs: States Parties may still object (ToR art. 8).
SILENCE_STATES = frozenset({ProcedureState.IN_SILENCE, ProcedureState.OBJECTED_IN_SILENCE})

# An objection stands and the two States consult, before any referral (ToR art. 8).
OBJECTION_PENDING_STATES = frozenset(
    {ProcedureState.OBJECTED_IN_SILENCE, ProcedureState.IN_CONSULTATION}
)

APPROVED_STATES = frozenset(
    {
        ProcedureState.APPROVED_BY_SILENCE,
        ProcedureState.APPROVED_AFTER_CONSULTATION,
        ProcedureState.DECIDED_APPROVED,
    }
)


class ProceduralDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    NOT_APPROVED = "not_approved", _("Not approved")
