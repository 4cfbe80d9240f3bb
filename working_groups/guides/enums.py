"""States and kinds of the voluntary guides (seed 004, DOMAIN §6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SectionKind(models.TextChoices):
    CHAPTER = "chapter", _("Chapter")
    ANNEX = "annex", _("Annex")


class BlockKind(models.TextChoices):
    PARAGRAPH = "paragraph", _("Paragraph")
    BOX = "box", _("Box")
    FOOTNOTE = "footnote", _("Footnote")


class RevisionState(models.TextChoices):
    """proposed → discussed (at a WGETI meeting) → endorsed (by the CSP) → incorporated
    (into a new edition); withdrawn from proposed or discussed."""

    PROPOSED = "proposed", _("Proposed")
    DISCUSSED = "discussed", _("Discussed")
    ENDORSED = "endorsed", _("Endorsed by the CSP")
    INCORPORATED = "incorporated", _("Incorporated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ChangeAction(models.TextChoices):
    REPLACE = "replace", _("Replace the paragraph")
    INSERT_AFTER = "insert_after", _("Insert a new paragraph after it")
    DELETE = "delete", _("Delete the paragraph")
    NEW_ANNEX = "new_annex", _("Add a new annex")


class ProposerKind(models.TextChoices):
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("Organisation")
    CHAIR = "chair", _("WGETI Chair")
    SECRETARIAT = "secretariat", _("ATT Secretariat")


class Transition(models.TextChoices):
    """What an officer may do to a proposed revision (the services check the state)."""

    DISCUSS = "discuss", _("Record that it was discussed")
    ENDORSE = "endorse", _("Record its endorsement by the CSP")
    WITHDRAW = "withdraw", _("Withdraw it")
