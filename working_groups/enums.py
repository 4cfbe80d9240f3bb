from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Taken up by the Chair")
    # Seed 004 ¶8: the sub-working group takes up all the issues; the Chair may still
    # leave one aside, saying why.
    DECLINED = "declined", _("Left aside by the Chair")


class OfferState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    CONFIRMED = "confirmed", _("Confirmed by the Chair")
    DECLINED = "declined", _("Not retained")


class SubmissionKind(models.TextChoices):
    COMMENTS = "comments", _("Written comments")
    TEXT_PROPOSAL = "text_proposal", _("Text proposal")
