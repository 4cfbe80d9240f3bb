from django.db import models
from django.utils.translation import gettext_lazy as _


class Distribution(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted area (all registered participants)")
    CONFIDENTIAL = "confidential", _("Confidential to a forum")


class AuthorOffice(models.TextChoices):
    SEC = "SEC", _("Secretariat")
    CHAIR = "CHAIR", _("Chair")
    PRES = "PRES", _("CSP President")
    MC = "MC", _("Management Committee")


class DocumentType(models.TextChoices):
    """The types the seeds' symbols carry (the last part of a symbol, DOMAIN §7), offered
    for new documents. A historical symbol keeps whatever type it was issued with."""

    # A report *to* the Conference on a body's work (the Chair's report to the CSP, seeds
    # 000 and 001) — not a record of a meeting's discussions (see MEETING_REPORT).
    CONF_REP = "Conf.Rep", _("Report to the Conference")
    # The report *of* a meeting: a record of its discussions. For a DIEF meeting the
    # portal refuses it (ToR art. 17, forums/minutes.py).
    MEETING_REPORT = "MtgRep", _("Report of the meeting")
    CONF_FINREP = "Conf.FinRep", _("Final report")
    CONF_WP = "Conf.WP", _("Working paper")
    CONF_WP_IND = "Conf.WP.Ind", _("Working paper on the role of industry")
    DRWP = "DrWP", _("Draft working paper")
    CONF_PROP = "Conf.Prop", _("Proposal")
    LETTER_SUB_DOCS = "LetterSubDocs", _("Letter with its documents")
    AGENDA = "Agenda", _("Agenda")
    CONF_DIEF_TORS = "Conf.DIEFToRs", _("DIEF Terms of Reference")
    CONF_PARTLIST = "Conf.PartList", _("List of participants")

    @classmethod
    def label_of(cls, code: str) -> str:
        """The type in words where the register knows it, else the type as issued."""
        return cls(code).label if code in cls.values else code


class UnLanguage(models.TextChoices):
    AR = "ar", _("Arabic")
    ZH = "zh-hans", _("Chinese")
    EN = "en", _("English")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ES = "es", _("Spanish")


class AgendaState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    ADOPTED = "adopted", _("Adopted")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class ReportConclusion(models.TextChoices):
    """How a Chair's report ends: recommendations to the Conference (seed 000 ¶17) or a
    draft decision for it to adopt."""

    RECOMMENDATIONS = "recommendations", _("Recommendations to the Conference")
    DRAFT_DECISION = "draft_decision", _("Draft decision")
