from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted by the Chair")
    DECLINED = "declined", _("Declined by the Chair")


class OfferState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    CONFIRMED = "confirmed", _("Confirmed by the Chair")
    DECLINED = "declined", _("Not retained")


class SubmissionKind(models.TextChoices):
    COMMENTS = "comments", _("Written comments")
    TEXT_PROPOSAL = "text_proposal", _("Text proposal")
