"""Demo data taken from the Treaty's documents: CSP cycles 8-12, the DIEF meetings, the
March 2026 WGETI meeting, a realistic set of States and the organisations named in the
seeds, and one account per role — and, laid out relative to the day of seeding, a DIEF
meeting and a WGETI meeting ahead, so that the demo is live on any date. Seeding again is
harmless (it adds nothing twice and changes nothing of the record); it is refused with
DEBUG off."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone

from att_portal import demo_calendar as calendar
from att_portal.demo_calendar import month_title
from att_portal.directory.enums import (
    Affiliation,
    AttStatus,
    OrganisationKind,
    RegionalGroup,
    Role,
    StatusInstrument,
)
from att_portal.directory.models import (
    Organisation,
    RoleAssignment,
    State,
    StateStatusChange,
    User,
)
from att_portal.l10n.content import (
    LANGUAGE_CODES,
    english,
    field_name,
    set_translations,
    translations_of,
)
from att_portal.meetings.enums import Body, CallKind, MeetingFormat
from att_portal.meetings.models import (
    DIEF_MEETINGS_PER_YEAR,
    CspCycle,
    Meeting,
    MeetingCall,
    MeetingSession,
)
from att_portal.meetings.services import meeting_invitations_issue, participant_nominate

D = datetime.date
DEFAULT_DEMO_PASSWORD = "att-demo"  # noqa: S105  (documented demo password, DEBUG only)

# (alpha-2, regional group, signature date or None, (instrument, deposit, entry into force) or None,
#  signature withdrawn on or None)
STATES = [
    (
        "AT",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 6, 3), D(2014, 12, 24)),
        None,
    ),
    (
        "IE",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 4, 2), D(2014, 12, 24)),
        None,
    ),
    (
        "MX",
        RegionalGroup.LATIN_AMERICA,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2013, 9, 25), D(2014, 12, 24)),
        None,
    ),
    (
        "FR",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 4, 2), D(2014, 12, 24)),
        None,
    ),
    (
        "DE",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 4, 2), D(2014, 12, 24)),
        None,
    ),
    (
        "GB",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 4, 2), D(2014, 12, 24)),
        None,
    ),
    (
        "RO",
        RegionalGroup.EASTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 4, 2), D(2014, 12, 24)),
        None,
    ),
    (
        "JP",
        RegionalGroup.ASIA_PACIFIC,
        D(2013, 6, 3),
        (StatusInstrument.ACCEPTANCE, D(2014, 5, 9), D(2014, 12, 24)),
        None,
    ),
    (
        "SL",
        RegionalGroup.AFRICA,
        D(2013, 9, 25),
        (StatusInstrument.RATIFICATION, D(2014, 8, 12), D(2014, 12, 24)),
        None,
    ),
    (
        "ZA",
        RegionalGroup.AFRICA,
        D(2013, 9, 25),
        (StatusInstrument.RATIFICATION, D(2014, 12, 22), D(2015, 3, 22)),
        None,
    ),
    (
        "CH",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2015, 1, 30), D(2015, 4, 30)),
        None,
    ),
    (
        "KR",
        RegionalGroup.ASIA_PACIFIC,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2016, 11, 28), D(2017, 2, 26)),
        None,
    ),
    (
        "BR",
        RegionalGroup.LATIN_AMERICA,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2018, 8, 13), D(2018, 11, 11)),
        None,
    ),
    (
        "CN",
        RegionalGroup.ASIA_PACIFIC,
        None,
        (StatusInstrument.ACCESSION, D(2020, 7, 6), D(2020, 10, 4)),
        None,
    ),
    (
        "PH",
        RegionalGroup.ASIA_PACIFIC,
        D(2013, 9, 25),
        (StatusInstrument.RATIFICATION, D(2022, 3, 24), D(2022, 6, 22)),
        None,
    ),
    (
        "NG",
        RegionalGroup.AFRICA,
        D(2013, 8, 12),
        (StatusInstrument.RATIFICATION, D(2013, 8, 12), D(2014, 12, 24)),
        None,
    ),
    (
        "AU",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 6, 3), D(2014, 12, 24)),
        None,
    ),
    (
        "NZ",
        RegionalGroup.WESTERN_EUROPE,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 9, 2), D(2014, 12, 24)),
        None,
    ),
    (
        "AR",
        RegionalGroup.LATIN_AMERICA,
        D(2013, 6, 3),
        (StatusInstrument.RATIFICATION, D(2014, 9, 25), D(2014, 12, 24)),
        None,
    ),
    (
        "GH",
        RegionalGroup.AFRICA,
        D(2013, 6, 24),
        (StatusInstrument.RATIFICATION, D(2015, 12, 22), D(2016, 3, 21)),
        None,
    ),
    ("TH", RegionalGroup.ASIA_PACIFIC, D(2014, 9, 25), None, None),
    ("IL", RegionalGroup.WESTERN_EUROPE, D(2014, 12, 18), None, None),
    ("SG", RegionalGroup.ASIA_PACIFIC, D(2014, 12, 5), None, None),
    ("ZW", RegionalGroup.AFRICA, D(2014, 8, 18), None, None),
    ("BH", RegionalGroup.ASIA_PACIFIC, D(2013, 9, 25), None, None),
    ("US", RegionalGroup.WESTERN_EUROPE, D(2013, 9, 25), None, D(2019, 7, 18)),
    ("ID", RegionalGroup.ASIA_PACIFIC, None, None, None),
    ("IN", RegionalGroup.ASIA_PACIFIC, None, None, None),
    ("EG", RegionalGroup.AFRICA, None, None, None),
    ("RU", RegionalGroup.EASTERN_EUROPE, None, None, None),
    ("SA", RegionalGroup.ASIA_PACIFIC, None, None, None),
    ("PK", RegionalGroup.ASIA_PACIFIC, None, None, None),
]

ORGANISATIONS = [
    ("Control Arms", "", OrganisationKind.CIVIL_SOCIETY),
    ("Maat for Peace, Development and Human Rights", "Maat", OrganisationKind.CIVIL_SOCIETY),
    ("Small Arms Survey", "SAS", OrganisationKind.CIVIL_SOCIETY),
    ("United Nations Institute for Disarmament Research", "UNIDIR", OrganisationKind.INTERNATIONAL),
    ("Conflict Armament Research", "CAR", OrganisationKind.ACADEMIA),
    ("Stimson Center", "", OrganisationKind.ACADEMIA),
    (
        "Geneva Academy of International Humanitarian Law and Human Rights",
        "Geneva Academy",
        OrganisationKind.ACADEMIA,
    ),
    ("European Union", "EU", OrganisationKind.REGIONAL),
    ("Economic Community of West African States", "ECOWAS", OrganisationKind.REGIONAL),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    affiliation: str
    state: str | None = None
    organisation: str | None = None
    job_title: str = ""
    roles: tuple[tuple[str, datetime.date, datetime.date | None, str], ...] = ()
    is_law_enforcement: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        "secretariat",
        "Amal",
        "Haddad",
        Affiliation.SECRETARIAT,
        job_title="Programme Officer, ATT Secretariat",
        roles=((Role.SECRETARIAT, D(2020, 1, 1), None, ""),),
    ),
    DemoAccount(
        "dief-chair",
        "Ana",
        "Ortega",
        Affiliation.DELEGATION,
        state="MX",
        job_title="Ambassador, Permanent Mission of Mexico in Geneva",
        roles=(
            (
                Role.DIEF_CHAIR,
                D(2025, 8, 29),
                D(2026, 8, 28),
                "Appointed by the CSP11 President until the close of CSP12 (ToR art. 4)",
            ),
            (
                Role.DIEF_CHAIR,
                D(2026, 8, 29),
                D(2027, 8, 27),
                "Reappointed by the CSP12 President until the close of CSP13 (ToR art. 4)",
            ),
        ),
    ),
    DemoAccount(
        "wgeti-chair",
        "Philippe",
        "Lejeune",
        Affiliation.DELEGATION,
        state="FR",
        job_title="Colonel, Ministry of the Armed Forces",
        roles=(
            (Role.WGETI_CHAIR, D(2025, 8, 29), D(2026, 8, 28), "CSP12 cycle"),
            (Role.WGETI_CHAIR, D(2026, 8, 29), D(2027, 8, 27), "CSP13 cycle"),
            (
                Role.SWG_FACILITATOR,
                D(2025, 8, 29),
                D(2026, 8, 28),
                "Current and Emerging Implementation Issues",
            ),
        ),
    ),
    DemoAccount(
        "delegate-sp",
        "Lena",
        "Gruber",
        Affiliation.DELEGATION,
        state="AT",
        job_title="Licensing officer, Federal Ministry for European and International Affairs",
        roles=((Role.FOCAL_POINT, D(2023, 1, 1), None, ""),),
    ),
    DemoAccount(
        "delegate-sig",
        "Somchai",
        "Srisuk",
        Affiliation.DELEGATION,
        state="TH",
        job_title="Customs officer",
        is_law_enforcement=True,
    ),
    DemoAccount(
        "delegate-obs",
        "Rahmat",
        "Wijaya",
        Affiliation.DELEGATION,
        state="ID",
        job_title="First Secretary, Permanent Mission of Indonesia",
    ),
    DemoAccount(
        "ngo",
        "Hana",
        "Mikami",
        Affiliation.ORGANISATION,
        organisation="Control Arms",
        job_title="Policy adviser",
    ),
    DemoAccount(
        "expert",
        "Jonah",
        "Leff",
        Affiliation.ORGANISATION,
        organisation="Conflict Armament Research",
        job_title="Field investigator",
    ),
]

# People named in the documents who appear in the directory without a demo login.
OTHER_PEOPLE = [
    DemoAccount(
        "tsholofelo.tsheole",
        "Tsholofelo",
        "Tsheole",
        Affiliation.DELEGATION,
        state="ZA",
        job_title="President of CSP12",
        roles=((Role.CSP_PRESIDENT, D(2025, 8, 29), D(2026, 8, 28), "CSP12"),),
    ),
    DemoAccount(
        "essate.weldemichael",
        "Essate",
        "Weldemichael",
        Affiliation.DELEGATION,
        state="SL",
        roles=(
            (
                Role.SWG_FACILITATOR,
                D(2025, 8, 29),
                D(2026, 8, 28),
                "Exchange of National Implementation Practices",
            ),
        ),
    ),
    DemoAccount(
        "edward.kawa",
        "Edward",
        "Kawa",
        Affiliation.DELEGATION,
        state="SL",
        roles=(
            (
                Role.SWG_FACILITATOR,
                D(2025, 8, 29),
                D(2026, 8, 28),
                "Exchange of National Implementation Practices",
            ),
        ),
    ),
    DemoAccount(
        "markus.huber",
        "Markus",
        "Huber",
        Affiliation.DELEGATION,
        state="AT",
        job_title="Federal Criminal Police Office",
        is_law_enforcement=True,
    ),
]

CYCLES = [
    # (number, year, presidency); the cycles after CSP12 are added as the meetings ahead
    # need them (att_portal.demo_calendar.cycle_for).
    (8, 2022, None),
    (9, 2023, None),
    (10, 2024, "RO"),
    (11, 2025, "KR"),
    (12, 2026, "ZA"),
]

# Texts that people write, in the six UN languages (UN style; terms of GLOSSARY.md, the
# Chinese of the seeds). The English text is the one the code and the tests look up.
GENEVA = {
    "en": "Geneva",
    "fr": "Genève",
    "es": "Ginebra",
    "ru": "Женева",
    "ar": "جنيف",
    "zh-hans": "日内瓦",
}
# A proper name: the same in every language.
CICG = dict.fromkeys(
    ("en", "fr", "es", "ru", "ar", "zh-hans"), "Centre International de Conférences Genève (CICG)"
)
WGETI_MARCH_2026 = {
    "en": "WGETI meeting, March 2026",
    "fr": "Réunion du GTAET, mars 2026",
    "es": "Reunión del GTAET, marzo de 2026",
    "ru": "Совещание РГЭОД, март 2026 года",
    "ar": "اجتماع الفريق العامل المعني بالتنفيذ الفعال للمعاهدة، آذار/مارس 2026",
    "zh-hans": "2026年3月有效执行条约工作组会议",
}

# The historical record: the meetings of the seeds, on their dates. The meetings ahead are
# laid out relative to the day of seeding (`_meetings_ahead`).
MEETINGS = [
    # (cycle, body, title, start, end, venue, format)
    (
        8,
        Body.DIEF,
        {
            "en": "DIEF meeting during CSP8",
            "fr": "Réunion du DIEF tenue pendant la CEP8",
            "es": "Reunión del DIEF celebrada durante la CEP8",
            "ru": "Заседание DIEF в ходе КГУ8",
            "ar": "اجتماع منتدى تبادل المعلومات المتعلقة بالتسريب المعقود خلال المؤتمر الثامن "
            "للدول الأطراف",
            "zh-hans": "第八届缔约国会议期间举行的转用信息交流论坛会议",
        },
        D(2022, 8, 24),
        D(2022, 8, 24),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
    (
        9,
        Body.DIEF,
        {
            "en": "DIEF meeting, May 2023",
            "fr": "Réunion du DIEF, mai 2023",
            "es": "Reunión del DIEF, mayo de 2023",
            "ru": "Заседание DIEF, май 2023 года",
            "ar": "اجتماع منتدى تبادل المعلومات المتعلقة بالتسريب، أيار/مايو 2023",
            "zh-hans": "2023年5月转用信息交流论坛会议",
        },
        D(2023, 5, 11),
        D(2023, 5, 11),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
    (
        9,
        Body.DIEF,
        {
            "en": "DIEF meeting during CSP9",
            "fr": "Réunion du DIEF tenue pendant la CEP9",
            "es": "Reunión del DIEF celebrada durante la CEP9",
            "ru": "Заседание DIEF в ходе КГУ9",
            "ar": "اجتماع منتدى تبادل المعلومات المتعلقة بالتسريب المعقود خلال المؤتمر التاسع "
            "للدول الأطراف",
            "zh-hans": "第九届缔约国会议期间举行的转用信息交流论坛会议",
        },
        D(2023, 8, 23),
        D(2023, 8, 23),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
    (
        10,
        Body.DIEF,
        {
            "en": "DIEF meeting on the review of the forum",
            "fr": "Réunion du DIEF consacrée à l'examen du Forum",
            "es": "Reunión del DIEF sobre el examen del Foro",
            "ru": "Заседание DIEF, посвященное обзору Форума",
            "ar": "اجتماع منتدى تبادل المعلومات المتعلقة بالتسريب بشأن استعراض المنتدى",
            "zh-hans": "关于论坛审查的转用信息交流论坛会议",
        },
        D(2024, 2, 22),
        D(2024, 2, 22),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
    (
        10,
        Body.CSP,
        {
            "en": "Tenth Conference of States Parties (CSP10)",
            "fr": "Dixième Conférence des États Parties (CEP10)",
            "es": "Décima Conferencia de los Estados Partes (CEP10)",
            "ru": "Десятая Конференция государств-участников (КГУ10)",
            "ar": "المؤتمر العاشر للدول الأطراف",
            "zh-hans": "第十届缔约国会议",
        },
        D(2024, 8, 19),
        D(2024, 8, 23),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
    (
        11,
        Body.CSP,
        {
            "en": "Eleventh Conference of States Parties (CSP11)",
            "fr": "Onzième Conférence des États Parties (CEP11)",
            "es": "Undécima Conferencia de los Estados Partes (CEP11)",
            "ru": "Одиннадцатая Конференция государств-участников (КГУ11)",
            "ar": "المؤتمر الحادي عشر للدول الأطراف",
            "zh-hans": "第十一届缔约国会议",
        },
        D(2025, 8, 25),
        D(2025, 8, 29),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
    (
        12,
        Body.WGETI,
        WGETI_MARCH_2026,
        D(2026, 3, 16),
        D(2026, 3, 18),
        CICG,
        MeetingFormat.HYBRID,
    ),
    (
        12,
        Body.PREP,
        {
            "en": "Informal preparatory meeting for CSP12",
            "fr": "Réunion préparatoire informelle de la CEP12",
            "es": "Reunión preparatoria oficiosa de la CEP12",
            "ru": "Неофициальное подготовительное совещание к КГУ12",
            "ar": "الاجتماع التحضيري غير الرسمي للمؤتمر الثاني عشر للدول الأطراف",
            "zh-hans": "第十二届缔约国会议非正式筹备会议",
        },
        D(2026, 5, 27),
        D(2026, 5, 28),
        GENEVA,
        MeetingFormat.HYBRID,
    ),
    (
        12,
        Body.CSP,
        {
            "en": "Twelfth Conference of States Parties (CSP12)",
            "fr": "Douzième Conférence des États Parties (CEP12)",
            "es": "Duodécima Conferencia de los Estados Partes (CEP12)",
            "ru": "Двенадцатая Конференция государств-участников (КГУ12)",
            "ar": "المؤتمر الثاني عشر للدول الأطراف",
            "zh-hans": "第十二届缔约国会议",
        },
        D(2026, 8, 24),
        D(2026, 8, 28),
        GENEVA,
        MeetingFormat.IN_PERSON,
    ),
]


def in_languages(field: str, texts: Mapping[str, str]) -> dict[str, str | None]:
    """`texts` ({"en": …, "fr": …}) as the values of `field` and of its column per UN
    language, for the `defaults` of update_or_create: the plain column first (it keeps the
    English text and is saved with the others; setting it also writes the active language's
    column, which the columns after it overwrite), then one column per language (a language
    not given is left empty and falls back to English)."""
    columns: dict[str, str | None] = {field: english(texts)}
    for language in LANGUAGE_CODES:
        columns[field_name(field, language)] = (texts.get(language) or "").strip() or None
    return columns


def refresh_translations(obj, texts: Mapping[str, Mapping[str, str]]) -> None:
    """Give `obj` these texts ({field: {language: text}}); saved only if they changed, so
    that re-seeding leaves no history behind."""
    changed = False
    for field, value in texts.items():
        wanted = {language: text for language, text in value.items() if text}
        if translations_of(obj, field) != wanted:
            set_translations(obj, field, value)
            changed = True
    if changed:
        obj.save()


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def _status_changes(signed, joined, withdrawn):
    if signed:
        yield {
            "status": AttStatus.SIGNATORY,
            "instrument": StatusInstrument.SIGNATURE,
            "instrument_date": signed,
            "effective_on": signed,
        }
    if joined:
        instrument, deposit, in_force = joined
        yield {
            "status": AttStatus.STATE_PARTY,
            "instrument": instrument,
            "instrument_date": deposit,
            "effective_on": in_force,
        }
    if withdrawn:
        yield {
            "status": AttStatus.NON_SIGNATORY,
            "instrument": StatusInstrument.SIGNATURE_WITHDRAWN,
            "instrument_date": withdrawn,
            "effective_on": withdrawn,
        }


def _person(account: DemoAccount, states, organisations, password: str | None) -> User:
    user, _created = User.objects.update_or_create(
        username=account.username,
        defaults={
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": f"{account.username}@demo.att-portal.invalid",
            "affiliation": account.affiliation,
            "state": states.get(account.state),
            "organisation": organisations.get(account.organisation),
            "job_title": account.job_title,
            "is_law_enforcement": account.is_law_enforcement,
            "is_demo_account": password is not None,
            "is_staff": account.affiliation == Affiliation.SECRETARIAT,
        },
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    for role, starts_on, ends_on, scope in account.roles:
        RoleAssignment.objects.update_or_create(
            user=user,
            role=role,
            starts_on=starts_on,
            defaults={"ends_on": ends_on, "scope": scope},
        )
    return user


@transaction.atomic
def seed() -> list[str]:
    """Create or refresh the demo data; return the demo user names."""
    if not (settings.DEBUG and settings.DEMO_MODE):
        raise ImproperlyConfigured("Demo data is seeded only with DEBUG and DEMO_MODE on.")
    states = {}
    for code, group, signed, joined, withdrawn in STATES:
        state, _created = State.objects.update_or_create(
            country=code, defaults={"regional_group": group}
        )
        for change in _status_changes(signed, joined, withdrawn):
            StateStatusChange.objects.update_or_create(
                state=state,
                effective_on=change.pop("effective_on"),
                status=change.pop("status"),
                defaults=change,
            )
        states[code] = state
    organisations = {}
    for name, acronym, kind in ORGANISATIONS:
        organisations[name], _created = Organisation.objects.update_or_create(
            name=name, defaults={"acronym": acronym, "kind": kind}
        )
    password = demo_password()
    people = {a.username: _person(a, states, organisations, password) for a in DEMO_ACCOUNTS}
    for account in OTHER_PEOPLE:
        people[account.username] = _person(account, states, organisations, None)
    cycles = {}
    for number, year, presidency in CYCLES:
        cycles[number], _created = CspCycle.objects.update_or_create(
            number=number,
            defaults={
                "year": year,
                "president_state": states.get(presidency),
                "president": people["tsholofelo.tsheole"] if number == 12 else None,
            },
        )
    meetings = {}
    for number, body, title, start, end, venue, meeting_format in MEETINGS:
        # Keyed by the English title, as the other demo modules and the tests know them.
        meetings[english(title)], _created = Meeting.objects.update_or_create(
            cycle=cycles[number],
            body=body,
            starts_on=start,
            defaults={
                **in_languages("title", title),
                **in_languages("venue", venue),
                "ends_on": end,
                "format": meeting_format,
            },
        )
    _march_2026(meetings[english(WGETI_MARCH_2026)], people["secretariat"])
    _documents(cycles, people["secretariat"])
    ahead = _meetings_ahead(people, timezone.localdate())
    _draft_agenda(ahead.dief)
    from forums import demo as dief_demo

    dief_demo.seed(people, states, meetings, ahead)
    from working_groups import demo as wgeti_demo

    wgeti_demo.seed(people, states, meetings, cycles, ahead)
    return [a.username for a in DEMO_ACCOUNTS]


# -- The meetings ahead ----------------------------------------------------------------------
#
# Seeded on any date, the demo offers a DIEF meeting and a WGETI meeting ahead, laid out
# relative to that date (att_portal.demo_calendar) and titled by their month in the six
# languages. A meeting laid out earlier that is still live is kept: seeding twice changes
# nothing, seeding a few days later changes nothing either. One no longer live (over, or
# too close for what the demo shows) stays as it is, part of the record, and the next
# seeding lays out a new meeting for its own date.


@dataclass(frozen=True)
class MeetingsAhead:
    today: datetime.date
    dief: Meeting
    wgeti: Meeting


def _meetings_ahead(people: dict[str, User], today: datetime.date) -> MeetingsAhead:
    dief = _dief_meeting_ahead(today, people["secretariat"])
    wgeti = _wgeti_meeting_ahead(today, people["secretariat"])
    _chair_terms(people, max(dief.cycle.number, wgeti.cycle.number))
    _nomination_awaiting_the_secretariat(people, wgeti)
    return MeetingsAhead(today=today, dief=dief, wgeti=wgeti)


def _nomination_awaiting_the_secretariat(people: dict[str, User], meeting: Meeting) -> None:
    """Austria's focal point has nominated Markus Huber for the WGETI meeting ahead: the
    Secretariat has a nomination to accept or decline."""
    if meeting.participations.filter(person=people["markus.huber"]).exists():
        return
    participant_nominate(by=people["delegate-sp"], meeting=meeting, person=people["markus.huber"])


def _laid_out(meetings) -> list[Meeting]:
    """The meetings among `meetings` that the demo laid out: titled by their month."""
    return [
        meeting
        for meeting in meetings.filter(cancelled_at__isnull=True).order_by("starts_on", "pk")
        if meeting.title_en == month_title(meeting.body, meeting.starts_on)["en"]
    ]


def _meeting_ahead(
    body: str, first: datetime.date, last: datetime.date, by: User, **fields
) -> Meeting:
    """The demo's meeting of `body` starting on `first`, laid out by the Secretariat (`by`)
    if it is not there yet."""
    laid_out = _laid_out(Meeting.objects.filter(body=body, starts_on=first))
    if laid_out:
        refresh_translations(laid_out[0], {"title": month_title(body, first)})
        return laid_out[0]
    meeting = Meeting(
        cycle=calendar.cycle_for(first, by=by),
        body=body,
        starts_on=first,
        ends_on=last,
        **in_languages("title", month_title(body, first)),
        **fields,
    )
    meeting._history_user = by
    meeting._change_reason = "Demo: a meeting ahead"
    meeting.full_clean()
    meeting.save()
    return meeting


def _dief_meeting_ahead(today: datetime.date, secretariat: User) -> Meeting:
    """A DIEF meeting whose deadlines are ahead: the one laid out earlier while an expert
    can still be proposed for it, else a new one (ToR art. 3: at most two in a year)."""
    kept = _laid_out(
        Meeting.objects.filter(
            body=Body.DIEF,
            starts_on__gte=today + datetime.timedelta(days=calendar.DIEF_KEPT_DAYS_AHEAD),
        )
    )
    if kept:
        return _meeting_ahead(Body.DIEF, kept[0].starts_on, kept[0].ends_on, secretariat)
    first = calendar.dief_start(today)
    while (
        Meeting.objects.filter(
            body=Body.DIEF, starts_on__year=first.year, cancelled_at__isnull=True
        ).count()
        >= DIEF_MEETINGS_PER_YEAR
    ):
        first = calendar.weekday_on_or_after(D(first.year + 1, 2, 1), calendar.WEDNESDAY)
    return _meeting_ahead(
        Body.DIEF,
        first,
        first,
        secretariat,
        format=MeetingFormat.IN_PERSON,
        **in_languages("venue", GENEVA),
    )


def _wgeti_meeting_ahead(today: datetime.date, secretariat: User) -> Meeting:
    """A WGETI meeting with calls still open: the one laid out earlier while one of its
    calls is open, else a new one with its timetable, its calls and its invitations."""
    kept = _laid_out(
        Meeting.objects.filter(
            body=Body.WGETI, starts_on__gt=today, calls__due_on__gte=today
        ).distinct()
    )
    if kept:
        return _meeting_ahead(Body.WGETI, kept[0].starts_on, kept[0].ends_on, secretariat)
    first = calendar.wgeti_start(today)
    meeting = _meeting_ahead(
        Body.WGETI,
        first,
        first + datetime.timedelta(days=calendar.WGETI_DAYS - 1),
        secretariat,
        format=MeetingFormat.HYBRID,
        observers_admitted=True,
        rolling_basis=True,
        **in_languages("venue", CICG),
    )
    if not meeting.sessions.exists():
        _timetable(meeting)
    if not meeting.calls.exists():
        dates = calendar.wgeti_calls(first, today)
        for kind, title, due_on, issued_by in (
            (
                CallKind.AD_HOC_ISSUES,
                AD_HOC_ISSUES_CALL,
                dates["ad_hoc_issues_due_on"],
                f"CSP{meeting.cycle.number} President",
            ),
            (
                CallKind.WRITTEN_COMMENTS,
                WRITTEN_COMMENTS_CALL,
                dates["written_comments_due_on"],
                "WGETI Chair",
            ),
        ):
            call = MeetingCall(
                meeting=meeting,
                kind=kind,
                issued_on=dates["issued_on"],
                due_on=due_on,
                issued_by=issued_by,
                **in_languages("title", title),
            )
            call.full_clean()
            call._history_user = secretariat
            call.save()
    if not meeting.invitations.exists():
        meeting_invitations_issue(by=secretariat, meeting=meeting)
    return meeting


def _timetable(meeting: Meeting) -> None:
    """As in March 2026 (seed 004): 3-hour sessions, the last afternoon given to WGTU."""
    zurich = ZoneInfo("Europe/Zurich")
    day = meeting.starts_on
    while day <= meeting.ends_on:
        for hour in (10, 15):
            body = Body.WGTU if (day, hour) == (meeting.ends_on, 15) else Body.WGETI
            session = MeetingSession(
                meeting=meeting,
                body=body,
                starts_at=datetime.datetime.combine(day, datetime.time(hour), tzinfo=zurich),
                ends_at=datetime.datetime.combine(day, datetime.time(hour + 3), tzinfo=zurich),
                room="CICG, Room 2",
                **in_languages("title", SESSION_TITLES[body]),
            )
            try:
                session.full_clean()
            except ValidationError:  # the room is taken at that time: left to the Secretariat
                session.room = ""
                session.full_clean()
            session.save()
        day += datetime.timedelta(days=1)


def _chair_terms(people: dict[str, User], up_to: int) -> None:
    """The demo's Chairs stay in office through the cycles ahead: each term runs until the
    close of the next Conference (ToR art. 4), and the WGETI Chair keeps facilitating the
    sub-working group on current and emerging issues."""
    for number in range(13, up_to + 1):
        starts_on = calendar.csp_week(calendar.FIRST_CSP_YEAR + number - 1)[1]
        starts_on += datetime.timedelta(days=1)
        ends_on = calendar.csp_week(calendar.FIRST_CSP_YEAR + number)[1]
        terms = [
            (
                "wgeti-chair",
                Role.SWG_FACILITATOR,
                "Current and Emerging Implementation Issues",
            ),
        ]
        if number > 13:  # CSP13's are among the demo accounts
            terms += [
                (
                    "dief-chair",
                    Role.DIEF_CHAIR,
                    f"Reappointed by the CSP{number - 1} President until the close of "
                    f"CSP{number} (ToR art. 4)",
                ),
                ("wgeti-chair", Role.WGETI_CHAIR, f"CSP{number} cycle"),
            ]
        for username, role, scope in terms:
            RoleAssignment.objects.get_or_create(
                user=people[username],
                role=role,
                starts_on=starts_on,
                defaults={"ends_on": ends_on, "scope": scope},
            )


DOCUMENTS = [
    # (symbol, title, issued on, distribution, forum); the symbol is the same in every language
    (
        "ATT/CSP10.DIEF/2024/CHAIR/781/DrWP",
        {
            "en": "Working paper of the DIEF Chair on the review of the forum",
            "fr": "Document de travail de la présidence du DIEF sur l'examen du Forum",
            "es": "Documento de trabajo de la Presidencia del DIEF sobre el examen del Foro",
            "ru": "Рабочий документ Председателя DIEF об обзоре Форума",
            "ar": "ورقة عمل مقدمة من رئيس منتدى تبادل المعلومات المتعلقة بالتسريب بشأن استعراض "
            "المنتدى",
            "zh-hans": "转用信息交流论坛主席关于论坛审查的工作文件",
        },
        D(2024, 2, 1),
        "confidential",
        "DIEF",
    ),
    (
        "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep",
        {
            "en": "DIEF Chair's report to the Tenth Conference of States Parties",
            "fr": "Rapport de la présidence du DIEF à la dixième Conférence des États Parties",
            "es": "Informe de la Presidencia del DIEF a la Décima Conferencia de los Estados "
            "Partes",
            "ru": "Доклад Председателя DIEF десятой Конференции государств-участников",
            "ar": "تقرير رئيس منتدى تبادل المعلومات المتعلقة بالتسريب إلى المؤتمر العاشر للدول "
            "الأطراف",
            "zh-hans": "转用信息交流论坛主席向第十届缔约国会议提交的报告",
        },
        D(2024, 7, 19),
        "public",
        "",
    ),
    (
        "ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs",
        {
            "en": "WGETI Chair's letter with the documents for the meeting of the CSP11 cycle",
            "fr": "Lettre de la présidence du GTAET transmettant les documents de la réunion du "
            "cycle de la CEP11",
            "es": "Carta de la Presidencia del GTAET con los documentos para la reunión del ciclo "
            "de la CEP11",
            "ru": "Письмо Председателя РГЭОД с документами для совещания цикла КГУ11",
            "ar": "رسالة من رئيس الفريق العامل المعني بالتنفيذ الفعال للمعاهدة تتضمن وثائق "
            "اجتماع دورة المؤتمر الحادي عشر للدول الأطراف",
            "zh-hans": "有效执行条约工作组主席关于第十一届缔约国会议周期会议文件的信函",
        },
        D(2025, 2, 26),
        "restricted",
        "",
    ),
]

# The DIEF Chair's draft agenda for the DIEF meeting ahead: (title, annotation); "ToR art."
# as the portal writes it in each language.
DIEF_DRAFT_AGENDA = [
    (
        {
            "en": "Opening of the meeting",
            "fr": "Ouverture de la réunion",
            "es": "Apertura de la reunión",
            "ru": "Открытие заседания",
            "ar": "افتتاح الاجتماع",
            "zh-hans": "会议开幕",
        },
        {
            "en": "The Chair opens the meeting and recalls its confidentiality (ToR art. 14).",
            "fr": "La présidence ouvre la réunion et rappelle son caractère confidentiel "
            "(mandat, art. 14).",
            "es": "La Presidencia abre la reunión y recuerda su carácter confidencial "
            "(mandato, art. 14).",
            "ru": "Председатель открывает заседание и напоминает о его конфиденциальном "
            "характере (круг ведения, ст. 14).",
            "ar": "يفتتح الرئيس الاجتماع ويذكّر بطابعه السري (الاختصاصات، المادة 14).",
            "zh-hans": "主席宣布会议开幕，并重申会议的保密性质（职权范围第14条）。",
        },
    ),
    (
        {
            "en": "Adoption of the agenda",
            "fr": "Adoption de l'ordre du jour",
            "es": "Aprobación del programa",
            "ru": "Утверждение повестки дня",
            "ar": "إقرار جدول الأعمال",
            "zh-hans": "通过议程",
        },
        {
            "en": "Intentions to present a case close with the adoption (ToR art. 11).",
            "fr": "L'intention de présenter un cas peut être notifiée jusqu'à l'adoption de "
            "l'ordre du jour (mandat, art. 11).",
            "es": "La intención de presentar un caso puede notificarse hasta la aprobación del "
            "programa (mandato, art. 11).",
            "ru": "О намерении представить случай можно заявить до утверждения повестки дня "
            "(круг ведения, ст. 11).",
            "ar": "يجوز الإعلان عن اعتزام عرض حالة حتى إقرار جدول الأعمال (الاختصاصات، المادة 11).",
            "zh-hans": "拟介绍案件的意向可在议程通过前提出（职权范围第11条）。",
        },
    ),
    (
        {
            "en": "Presentation of cases",
            "fr": "Présentation de cas",
            "es": "Presentación de casos",
            "ru": "Представление случаев",
            "ar": "عرض الحالات",
            "zh-hans": "介绍案件",
        },
        {
            "en": "Presentations of detected or suspected diversion cases, "
            "each followed by the right of reply of concerned States.",
            "fr": "Présentation de cas de détournement détectés ou présumés, chacune suivie de "
            "l'exercice du droit de réponse des États concernés.",
            "es": "Presentación de casos de desvío detectados o presuntos, cada una seguida del "
            "derecho de respuesta de los Estados concernidos.",
            "ru": "Представление выявленных или предполагаемых случаев утечки; после каждого "
            "представления заинтересованные государства могут воспользоваться правом на ответ.",
            "ar": "عرض حالات التسريب المكتشفة أو المشتبه فيها، ويعقب كل عرض ممارسة الدول المعنية "
            "لحق الرد.",
            "zh-hans": "介绍已侦获或涉嫌的转用案件，每次介绍后由所涉国家行使答辩权。",
        },
    ),
    (
        {
            "en": "Exchange of operational information",
            "fr": "Échange d'informations opérationnelles",
            "es": "Intercambio de información operacional",
            "ru": "Обмен оперативной информацией",
            "ar": "تبادل المعلومات العملياتية",
            "zh-hans": "交流实操信息",
        },
        {},
    ),
    (
        {
            "en": "Closing of the meeting",
            "fr": "Clôture de la réunion",
            "es": "Clausura de la reunión",
            "ru": "Закрытие заседания",
            "ar": "اختتام الاجتماع",
            "zh-hans": "会议闭幕",
        },
        {},
    ),
]


def _draft_agenda(meeting: Meeting) -> None:
    """The DIEF Chair's draft agenda for the DIEF meeting ahead, not yet issued. Seeded
    again, the items still on it get their texts refreshed; none is added back."""
    from documents.models import Agenda, AgendaItem

    agenda, created = Agenda.objects.get_or_create(meeting=meeting)
    for position, (title, annotation) in enumerate(DIEF_DRAFT_AGENDA, start=1):
        if created:
            item = AgendaItem(agenda=agenda, position=position)
            set_translations(item, "title", title)
            set_translations(item, "annotation", annotation)
            item.save()
            continue
        item = agenda.items.filter(parent__isnull=True, title_en=english(title)).first()
        if item is not None:
            refresh_translations(item, {"title": title, "annotation": annotation})


def _minimal_pdf(title: str) -> bytes:
    """A one-page PDF with the title, so that the demo has a file to download."""
    text = title.encode("latin-1", "replace")[:80]
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def _documents(cycles, secretariat: User) -> None:
    from django.core.files.base import ContentFile

    from documents.models import Document, LanguageVersion, RunningNumber
    from documents.symbols import DocumentSymbol

    for text, title, issued_on, distribution, forum in DOCUMENTS:
        symbol = DocumentSymbol.parse(text)
        document, _created = Document.objects.update_or_create(
            symbol=text,
            defaults={
                "number": symbol.number,
                **in_languages("title", title),
                "issued_on": issued_on,
                "cycle": cycles[symbol.cycle],
                "body": symbol.body or "",
                "author_office": symbol.author,
                "doc_type": symbol.doc_type,
                "distribution": distribution,
                "forum": forum,
            },
        )
        if not document.versions.filter(language="en").exists():
            version = LanguageVersion(
                document=document,
                language="en",
                original_name=f"{symbol.number}-en.pdf",
                content_type="application/pdf",
                uploaded_by=secretariat,
                storage_name=f"demo-{symbol.number}-en.pdf",
                size=0,
            )
            content = _minimal_pdf(english(title))
            version.size = len(content)
            version.file.save(version.storage_name, ContentFile(content), save=False)
            version.save()
    highest = max(DocumentSymbol.parse(text).number for text, *_rest in DOCUMENTS)
    counter, _created = RunningNumber.objects.get_or_create(name="secretariat")
    if counter.last < highest:
        counter.last = highest
        counter.save(update_fields=["last"])


SESSION_TITLES = {
    Body.WGETI: {
        "en": "WGETI",
        "fr": "GTAET",
        "es": "GTAET",
        "ru": "РГЭОД",
        "ar": "الفريق العامل المعني بالتنفيذ الفعال للمعاهدة",
        "zh-hans": "有效执行条约工作组",
    },
    Body.WGTU: {
        "en": "WGTU",
        "fr": "GTUT",
        "es": "GTUT",
        "ru": "РГУД",
        "ar": "الفريق العامل المعني بعالمية المعاهدة",
        "zh-hans": "普遍加入条约工作组",
    },
}
AD_HOC_ISSUES_CALL = {
    "en": "Proposals of ad hoc issues",
    "fr": "Propositions de questions ad hoc",
    "es": "Propuestas de cuestiones especiales",
    "ru": "Предложения специальных вопросов",
    "ar": "اقتراحات المسائل المخصصة",
    "zh-hans": "特别讨论议题提案",
}
WRITTEN_COMMENTS_CALL = {
    "en": "Written comments on the draft agenda notes",
    "fr": "Observations écrites sur les notes relatives au projet d'ordre du jour",
    "es": "Observaciones por escrito sobre las notas relativas al proyecto de programa",
    "ru": "Письменные замечания по пояснениям к проекту повестки дня",
    "ar": "تعليقات مكتوبة على المذكرات المتعلقة بمشروع جدول الأعمال",
    "zh-hans": "关于会议议程草案说明的书面意见",
}


def _march_2026(meeting: Meeting, secretariat: User) -> None:
    """Seed 004: five 3-hour sessions, Wednesday afternoon given to WGTU; the President's
    call for ad hoc issues of 4 December 2025 and the Chair's call for written comments."""
    zurich = ZoneInfo("Europe/Zurich")
    for day in (16, 17, 18):
        for hour in (10, 15):
            body = Body.WGTU if (day, hour) == (18, 15) else Body.WGETI
            MeetingSession.objects.update_or_create(
                meeting=meeting,
                starts_at=datetime.datetime(2026, 3, day, hour, tzinfo=zurich),
                defaults={
                    **in_languages("title", SESSION_TITLES[body]),
                    "body": body,
                    "ends_at": datetime.datetime(2026, 3, day, hour + 3, tzinfo=zurich),
                    "room": "CICG, Room 2",
                },
            )
    for kind, title, issued_on, due_on, issued_by in (
        (
            CallKind.AD_HOC_ISSUES,
            AD_HOC_ISSUES_CALL,
            D(2025, 12, 4),
            D(2026, 2, 1),
            "CSP12 President",
        ),
        (
            CallKind.WRITTEN_COMMENTS,
            WRITTEN_COMMENTS_CALL,
            D(2026, 2, 18),
            D(2026, 3, 5),
            "WGETI Chair",
        ),
    ):
        MeetingCall.objects.update_or_create(
            meeting=meeting,
            kind=kind,
            defaults={
                **in_languages("title", title),
                "issued_on": issued_on,
                "due_on": due_on,
                "issued_by": issued_by,
            },
        )
    if not meeting.invitations.exists():
        meeting_invitations_issue(by=secretariat, meeting=meeting)
