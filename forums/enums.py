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
    """The provider's confidentiality marking (ToR art. 15)."""

    CONFIDENTIAL = "confidential", _("Confidential")
    STRICTLY_CONFIDENTIAL = (
        "strictly_confidential",
        _("Strictly confidential: not to be shared with national authorities"),
    )


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


class OperationalUseDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting the provider")
    AGREED = "agreed", _("Agreed")
    AGREED_WITH_CONDITIONS = "conditions", _("Agreed with conditions")
    DECLINED = "declined", _("Declined")


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
    DRAFT = "draft", _("Awaiting consensus")
    OBJECTED = "objected", _("Objected to")
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
