from django.db import models
from django.utils.translation import gettext_lazy as _


class Body(models.TextChoices):
    CSP = "CSP", _("Conference of States Parties")
    DIEF = "DIEF", _("Diversion Information Exchange Forum")
    WGETI = "WGETI", _("Working Group on Effective Treaty Implementation")
    WGETI_SWG = "WGETI-SWG", _("WGETI sub-working group")
    WGTR = "WGTR", _("Working Group on Transparency and Reporting")
    WGTU = "WGTU", _("Working Group on Treaty Universalization")
    MC = "MC", _("Management Committee")
    PREP = "PREP", _("Informal preparatory meeting")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")


# Bodies whose material is confidential to a forum (DIEF ToR art. 14).
CONFIDENTIAL_BODIES = frozenset({Body.DIEF})
