from django.db import models
from django.utils.translation import gettext_lazy as _


class AttStatus(models.TextChoices):
    STATE_PARTY = "party", _("State Party")
    SIGNATORY = "signatory", _("Signatory")
    NON_SIGNATORY = "non_signatory", _("Non-signatory")


class StatusInstrument(models.TextChoices):
    """The act that changed a State's status under the Treaty."""

    SIGNATURE = "signature", _("Signature")
    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance or approval")
    SIGNATURE_WITHDRAWN = "signature_withdrawn", _("Notice of intention not to ratify")


class RegionalGroup(models.TextChoices):
    AFRICA = "africa", _("African Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EASTERN_EUROPE = "eastern_europe", _("Eastern European Group")
    LATIN_AMERICA = "grulac", _("Latin American and Caribbean Group")
    WESTERN_EUROPE = "weog", _("Western European and Others Group")


class OrganisationKind(models.TextChoices):
    INTERNATIONAL = "international", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INDUSTRY = "industry", _("Industry")
    ACADEMIA = "academia", _("Academia and research")


class Affiliation(models.TextChoices):
    DELEGATION = "delegation", _("Delegation of a State")
    ORGANISATION = "organisation", _("Organisation")
    SECRETARIAT = "secretariat", _("ATT Secretariat")


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    CSP_PRESIDENT = "csp_president", _("CSP President")
    DIEF_CHAIR = "dief_chair", _("DIEF Chair")
    WGETI_CHAIR = "wgeti_chair", _("WGETI Chair")
    SWG_FACILITATOR = "swg_facilitator", _("Sub-working group facilitator")
    FOCAL_POINT = "focal_point", _("Delegation focal point")


class TradeProfile(models.TextChoices):
    """A State's profile in the arms trade, for diverse presenters at WGETI (seed 002)."""

    EXPORTER = "exporter", _("Mainly exporting")
    IMPORTER = "importer", _("Mainly importing")
    BOTH = "both", _("Exporting and importing")
    TRANSIT = "transit", _("Mainly transit or transhipment")
