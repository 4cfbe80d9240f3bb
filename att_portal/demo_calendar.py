"""The calendar of the live demo: where the meetings ahead fall, relative to the day the
demo is seeded (Geneva), and their titles in the six UN languages.

The historical record (2022-2026, from the seeds) has fixed dates. Besides it, the demo lays
out a DIEF meeting and a WGETI meeting ahead, so that on any date a newcomer finds calls
open, deadlines to meet, an expert proposal in its silence procedure and a guide revision
open for comments. Nothing here writes to the database except `cycle_for`, which adds the
cycles (and their Conferences) that the meetings ahead belong to.
"""

from __future__ import annotations

import datetime

from att_portal.l10n.dates import MONTHS
from att_portal.meetings.enums import Body, MeetingFormat

MONDAY, WEDNESDAY, FRIDAY = 0, 2, 4

# The DIEF meeting ahead falls on the Wednesday on or after today + 75 days: when it is laid
# out, every deadline of the Terms of Reference is still ahead — invitations (art. 9, 50
# days before), the draft agenda (art. 10), expert proposals (art. 8) and concerned-State
# notices (art. 12, 30 days before), the concerned States' replies (art. 12, 15 days before).
DIEF_DAYS_AHEAD = 75
# Seeded again later, the demo keeps that meeting while an expert can still be proposed for
# it and circulated on time (art. 8: 30 days before), with a few days to spare; after that it
# lays out the next one (at most two a year, art. 3).
DIEF_KEPT_DAYS_AHEAD = 35
# The WGETI meeting ahead runs from the Monday on or after today + 14 weeks to the
# Wednesday. Its calls (seed 004 had the President's call for ad hoc issues and the Chair's
# call for written comments): ad hoc issues due 70 days before the meeting (some four
# weeks after it is laid out), written comments 11 days before (5 March for 16 March 2026).
WGETI_DAYS_AHEAD = 98
WGETI_DAYS = 3
CALLS_ISSUED_DAYS_BEFORE = 110
AD_HOC_ISSUES_DUE_DAYS_BEFORE = 70
WRITTEN_COMMENTS_DUE_DAYS_BEFORE = 11

# The cycles of the seeds: CSP8 was held in 2022, CSP12 in 2026.
FIRST_CSP_YEAR = 2014


def weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def dief_start(today: datetime.date) -> datetime.date:
    """The first day of a DIEF meeting laid out today (before the two-a-year rule)."""
    return weekday_on_or_after(today + datetime.timedelta(days=DIEF_DAYS_AHEAD), WEDNESDAY)


def wgeti_start(today: datetime.date) -> datetime.date:
    """The first day of a WGETI meeting laid out today; a week that would meet the
    Conference's is moved two weeks on."""
    start = weekday_on_or_after(today + datetime.timedelta(days=WGETI_DAYS_AHEAD), MONDAY)
    first, last = csp_week(start.year)
    if start <= last and start + datetime.timedelta(days=WGETI_DAYS - 1) >= first:
        start += datetime.timedelta(days=14)
    return start


def wgeti_calls(start: datetime.date, today: datetime.date) -> dict[str, datetime.date]:
    """The dates of the calls of a WGETI meeting laid out today."""
    days = datetime.timedelta
    return {
        "issued_on": min(start - days(CALLS_ISSUED_DAYS_BEFORE), today),
        "ad_hoc_issues_due_on": start - days(AD_HOC_ISSUES_DUE_DAYS_BEFORE),
        "written_comments_due_on": start - days(WRITTEN_COMMENTS_DUE_DAYS_BEFORE),
    }


# -- Cycles and their Conferences ------------------------------------------------------------


def csp_week(year: int) -> tuple[datetime.date, datetime.date]:
    """The Conference of that year: as recorded (CSP10-CSP12 of the seeds), else the last
    full Monday-to-Friday week of August (CSP13: 23-27 August 2027)."""
    from att_portal.meetings.models import Meeting

    recorded = (
        Meeting.objects.filter(body=Body.CSP, cycle__number=year - FIRST_CSP_YEAR)
        .values_list("starts_on", "ends_on")
        .first()
    )
    if recorded:
        return recorded
    last_friday = weekday_on_or_after(datetime.date(year, 8, 25), FRIDAY)
    return last_friday - datetime.timedelta(days=4), last_friday


def cycle_number_for(day: datetime.date) -> int:
    """The cycle a meeting on `day` belongs to: the one whose Conference it leads to."""
    _first, last = csp_week(day.year)
    return day.year - FIRST_CSP_YEAR + (0 if day <= last else 1)


def cycle_for(day: datetime.date, *, by=None):
    """The cycle of a meeting on `day`, with the cycles before it from CSP13 on and each
    one's Conference in late August, added (by the Secretariat `by`) if missing."""
    from att_portal.demo import GENEVA, in_languages, refresh_translations
    from att_portal.meetings.models import CspCycle, Meeting

    wanted = cycle_number_for(day)
    for number in range(13, wanted + 1):
        cycle, _created = CspCycle.objects.get_or_create(
            number=number, defaults={"year": FIRST_CSP_YEAR + number}
        )
        existing = Meeting.objects.filter(cycle=cycle, body=Body.CSP).first()
        if existing is not None:
            if existing.title_en == csp_title(number)["en"]:
                refresh_translations(existing, {"title": csp_title(number)})
            continue
        first, last = csp_week(cycle.year)
        conference = Meeting(
            cycle=cycle,
            body=Body.CSP,
            starts_on=first,
            ends_on=last,
            format=MeetingFormat.IN_PERSON,
            **in_languages("title", csp_title(number)),
            **in_languages("venue", GENEVA),
        )
        conference._history_user = by
        conference._change_reason = "Demo: the Conference of a cycle ahead"
        conference.full_clean()
        conference.save()
    return CspCycle.objects.get(number=wanted)


# -- Titles in the six languages -------------------------------------------------------------

# Titles name the month in the nominative: "Заседание DIEF, февраль 2027 года" (the
# month names of att_portal.l10n.dates are the genitive of a date, "17 февраля 2027 года").
RUSSIAN_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
    "октябрь", "ноябрь", "декабрь",
)  # fmt: skip

MONTH_TITLES = {
    Body.DIEF: {
        "en": "DIEF meeting, {month} {year}",
        "fr": "Réunion du DIEF, {month} {year}",
        "es": "Reunión del DIEF, {month} de {year}",
        "ru": "Заседание DIEF, {month} {year} года",
        "ar": "اجتماع منتدى تبادل المعلومات المتعلقة بالتسريب، {month} {year}",
        "zh-hans": "{year}年{number}月转用信息交流论坛会议",
    },
    Body.WGETI: {
        "en": "WGETI meeting, {month} {year}",
        "fr": "Réunion du GTAET, {month} {year}",
        "es": "Reunión del GTAET, {month} de {year}",
        "ru": "Совещание РГЭОД, {month} {year} года",
        "ar": "اجتماع الفريق العامل المعني بالتنفيذ الفعال للمعاهدة، {month} {year}",
        "zh-hans": "{year}年{number}月有效执行条约工作组会议",
    },
}


def month_title(body: str, day: datetime.date) -> dict[str, str]:
    """ "DIEF meeting, February 2027" in each UN language."""
    titles = {}
    for language, pattern in MONTH_TITLES[body].items():
        if language == "ru":
            month = RUSSIAN_MONTHS[day.month - 1]
        else:
            month = MONTHS.get(language, MONTHS["en"])[day.month - 1]
        titles[language] = pattern.format(month=month, year=day.year, number=day.month)
    return titles


# The ordinal of each Conference in the six languages (en, fr, es, ru, ar, zh-hans).
ORDINALS = {
    13: ("Thirteenth", "Treizième", "Decimotercera", "Тринадцатая", "الثالث عشر", "十三"),
    14: ("Fourteenth", "Quatorzième", "Decimocuarta", "Четырнадцатая", "الرابع عشر", "十四"),
    15: ("Fifteenth", "Quinzième", "Decimoquinta", "Пятнадцатая", "الخامس عشر", "十五"),
    16: ("Sixteenth", "Seizième", "Decimosexta", "Шестнадцатая", "السادس عشر", "十六"),
    17: ("Seventeenth", "Dix-septième", "Decimoséptima", "Семнадцатая", "السابع عشر", "十七"),
    18: ("Eighteenth", "Dix-huitième", "Decimoctava", "Восемнадцатая", "الثامن عشر", "十八"),
    19: ("Nineteenth", "Dix-neuvième", "Decimonovena", "Девятнадцатая", "التاسع عشر", "十九"),
    20: ("Twentieth", "Vingtième", "Vigésima", "Двадцатая", "العشرون", "二十"),
}
CSP_TITLES = {
    "en": "{ordinal} Conference of States Parties (CSP{number})",
    "fr": "{ordinal} Conférence des États Parties (CEP{number})",
    "es": "{ordinal} Conferencia de los Estados Partes (CEP{number})",
    "ru": "{ordinal} Конференция государств-участников (КГУ{number})",
    "ar": "المؤتمر {ordinal} للدول الأطراف",
    "zh-hans": "第{ordinal}届缔约国会议",
}
# Beyond the table: the number for the ordinal.
CSP_TITLES_BY_NUMBER = {
    "en": "Conference of States Parties (CSP{number})",
    "fr": "Conférence des États Parties (CEP{number})",
    "es": "Conferencia de los Estados Partes (CEP{number})",
    "ru": "Конференция государств-участников (КГУ{number})",
    "ar": "المؤتمر {number} للدول الأطراف",
    "zh-hans": "第{number}届缔约国会议",
}


def csp_title(number: int) -> dict[str, str]:
    """ "Thirteenth Conference of States Parties (CSP13)" in each UN language."""
    if number not in ORDINALS:
        return {lang: text.format(number=number) for lang, text in CSP_TITLES_BY_NUMBER.items()}
    ordinals = dict(zip(("en", "fr", "es", "ru", "ar", "zh-hans"), ORDINALS[number], strict=True))
    return {
        language: pattern.format(ordinal=ordinals[language], number=number)
        for language, pattern in CSP_TITLES.items()
    }
