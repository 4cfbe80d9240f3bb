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
