"""factory_boy factories for the portal's models."""

import datetime

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from att_portal.directory.enums import (
    Affiliation,
    AttStatus,
    OrganisationKind,
    RegionalGroup,
    Role,
    StatusInstrument,
)
from att_portal.directory.models import Organisation, RoleAssignment, State, StateStatusChange, User
from att_portal.meetings.enums import Body, MeetingFormat
from att_portal.meetings.models import CspCycle, Meeting

# Alpha-2 codes not used by the demo data, for States the factories make. Left out: the
# States whose English name has an apostrophe (CI, KP, LA), which a page escapes: a test
# that looks for a factory State's name in a page must not pass or fail by which code
# its State happened to get. Tests of escaping name such a State themselves.
_FREE_CODES = [
    "AD",
    "AE",
    "AF",
    "AG",
    "AI",
    "AL",
    "AM",
    "AO",
    "AQ",
    "AS",
    "AW",
    "AX",
    "AZ",
    "BA",
    "BB",
    "BD",
    "BE",
    "BF",
    "BG",
    "BI",
    "BJ",
    "BL",
    "BM",
    "BN",
    "BO",
    "BQ",
    "BS",
    "BT",
    "BV",
    "BW",
    "BY",
    "BZ",
    "CA",
    "CC",
    "CD",
    "CF",
    "CG",
    "CK",
    "CL",
    "CM",
    "CO",
    "CR",
    "CU",
    "CV",
    "CW",
    "CX",
    "CY",
    "CZ",
    "DJ",
    "DK",
    "DM",
    "DO",
    "DZ",
    "EC",
    "EE",
    "EH",
    "ER",
    "ES",
    "ET",
    "FI",
    "FJ",
    "FK",
    "FM",
    "FO",
    "GA",
    "GD",
    "GE",
    "GF",
    "GG",
    "GI",
    "GL",
    "GM",
    "GN",
    "GP",
    "GQ",
    "GR",
    "GS",
    "GT",
    "GU",
    "GW",
    "GY",
    "HK",
    "HM",
    "HN",
    "HR",
    "HT",
    "HU",
    "IM",
    "IO",
    "IQ",
    "IR",
    "IS",
    "IT",
    "JE",
    "JM",
    "JO",
    "KE",
    "KG",
    "KH",
    "KI",
    "KM",
    "KN",
    "KW",
    "KY",
    "KZ",
    "LB",
    "LC",
    "LI",
    "LK",
    "LR",
    "LS",
    "LT",
    "LU",
    "LV",
    "LY",
    "MA",
    "MC",
    "MD",
    "ME",
    "MF",
    "MG",
    "MH",
    "MK",
    "ML",
    "MM",
    "MN",
    "MO",
    "MP",
    "MQ",
    "MR",
    "MS",
    "MT",
    "MU",
    "MV",
    "MW",
    "MY",
    "MZ",
    "NA",
    "NC",
    "NE",
    "NF",
    "NI",
    "NL",
    "NO",
    "NP",
    "NR",
    "NU",
    "OM",
    "PA",
    "PE",
    "PF",
    "PG",
    "PL",
    "PM",
    "PN",
    "PR",
    "PS",
    "PT",
    "PW",
    "PY",
    "QA",
    "RE",
    "RS",
    "RW",
    "SB",
    "SC",
    "SD",
    "SE",
    "SH",
    "SI",
    "SJ",
    "SK",
    "SM",
    "SN",
    "SO",
    "SR",
    "SS",
    "ST",
    "SV",
    "SX",
    "SY",
    "SZ",
    "TC",
    "TD",
    "TF",
    "TG",
    "TJ",
    "TK",
    "TL",
    "TM",
    "TN",
    "TO",
    "TR",
    "TT",
    "TV",
    "TW",
    "TZ",
    "UA",
    "UG",
    "UM",
    "UY",
    "UZ",
    "VA",
    "VC",
    "VE",
    "VG",
    "VI",
    "VN",
    "VU",
    "WF",
    "WS",
    "YE",
    "YT",
    "ZM",
]


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        skip_postgeneration_save = True

    # Codes are reused across tests (each test has its own database), unique within one:
    # a test may have made some States with codes of its choice before, so the factory
    # takes the next code that is still free there.
    country = factory.Sequence(lambda n: n)
    regional_group = RegionalGroup.AFRICA

    @classmethod
    def _create(cls, model_class, *args, country, **kwargs):
        if isinstance(country, int):
            taken = set(State.objects.values_list("country", flat=True))
            free = [code for code in _FREE_CODES if code not in taken]
            if not free:
                raise RuntimeError("StateFactory: every free country code is taken.")
            country = free[country % len(free)]
        return super()._create(model_class, *args, country=country, **kwargs)

    @factory.post_generation
    def status(self, create, extracted, **kwargs):
        """StateFactory(status=AttStatus.SIGNATORY) records the history that leads there."""
        if not create or extracted in (None, AttStatus.NON_SIGNATORY):
            return
        signed = datetime.date(2014, 1, 10)
        StateStatusChange.objects.create(
            state=self,
            status=AttStatus.SIGNATORY,
            instrument=StatusInstrument.SIGNATURE,
            instrument_date=signed,
            effective_on=signed,
        )
        if extracted == AttStatus.STATE_PARTY:
            StateStatusChange.objects.create(
                state=self,
                status=AttStatus.STATE_PARTY,
                instrument=StatusInstrument.RATIFICATION,
                instrument_date=datetime.date(2015, 1, 5),
                effective_on=datetime.date(2015, 4, 5),
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CIVIL_SOCIETY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    affiliation = Affiliation.DELEGATION
    state = factory.SubFactory(StateFactory, status=AttStatus.STATE_PARTY)
    password = factory.django.Password("correct horse battery staple")


class SecretariatUserFactory(UserFactory):
    affiliation = Affiliation.SECRETARIAT
    state = None

    @factory.post_generation
    def secretariat_role(self, create, extracted, **kwargs):
        if create:
            RoleAssignment.objects.create(
                user=self, role=Role.SECRETARIAT, starts_on=datetime.date(2020, 1, 1)
            )


class OrganisationUserFactory(UserFactory):
    affiliation = Affiliation.ORGANISATION
    state = None
    organisation = factory.SubFactory(OrganisationFactory)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.FOCAL_POINT
    starts_on = datetime.date(2020, 1, 1)


class CspCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CspCycle
        django_get_or_create = ["number"]

    # Cycles as the Treaty numbers them (CSP12 = 2026); the sequence wraps, so that a long
    # run still gives symbols a three-digit cycle.
    number = factory.Sequence(lambda n: 20 + n % 900)
    year = factory.LazyAttribute(lambda o: 2014 + o.number)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    # The cycle of its dates: the Conference of late August closes a cycle.
    cycle = factory.LazyAttribute(
        lambda o: CspCycleFactory(
            number=o.starts_on.year - 2014 + (1 if o.starts_on.month > 8 else 0)
        )
    )
    body = Body.WGETI
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_on = datetime.date(2027, 3, 15)
    ends_on = datetime.date(2027, 3, 17)
    venue = "Geneva"
    format = MeetingFormat.IN_PERSON


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class DiefMeetingFactory(MeetingFactory):
    body = Body.DIEF
    starts_on = datetime.date(2027, 2, 17)
    ends_on = datetime.date(2027, 2, 17)
