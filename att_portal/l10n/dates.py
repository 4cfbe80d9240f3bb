"""Dates as the UN writes them in each of its six languages (GLOSSARY.md):

    17 February 2027 · 17 février 2027 · 17 de febrero de 2027 · 17 февраля 2027 года ·
    17 شباط/فبراير 2027 · 2027年2月17日

One helper for pages, e-mails, PDFs and the calendar. Times are Geneva time, 24-hour.
Month names are data, not catalogue entries: they are the UN's forms (the Arabic double
names, the Russian genitive), which differ from Django's own.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation

MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    ),
    # The genitive: "17 февраля 2027 года".
    "ru": (
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
        "сентября", "октября", "ноября", "декабря",
    ),
    # The UN's Arabic gives the Levantine and the Egyptian name of each month.
    "ar": (
        "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
        "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
        "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
    ),
}  # fmt: skip

LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").lower()
    if code.startswith("zh"):
        return "zh-hans"
    code = code.split("-")[0]
    return code if code in LANGUAGES else "en"


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _day(day: int, language: str) -> str:
    # French writes the first day of a month as an ordinal: "1er février 2027".
    return "1er" if language == "fr" and day == 1 else str(day)


def un_date(value, language: str | None = None) -> str:
    """`value` (a date, or a datetime shown on its Geneva date) as the UN writes it."""
    if value in (None, ""):
        return ""
    day = _as_date(value)
    lang = _language(language)
    if lang == "zh-hans":
        return f"{day.year}年{day.month}月{day.day}日"
    month = MONTHS[lang][day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    if lang == "ru":
        return f"{day.day} {month} {day.year} года"
    return f"{_day(day.day, lang)} {month} {day.year}"


def un_time(value, language: str | None = None) -> str:
    """A time of day in Geneva, 24-hour: "10:00"; French "10 h 00"."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if _language(language) == "fr":
        return f"{value.hour} h {value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def un_datetime(value, language: str | None = None) -> str:
    """A moment, in Geneva time: "17 February 2027, 10:00"."""
    if value in (None, ""):
        return ""
    lang = _language(language)
    date, time = un_date(value, lang), un_time(value, lang)
    if lang == "zh-hans":
        return f"{date} {time}"
    if lang == "ar":
        return f"{date}، الساعة {time}"
    return f"{date}, {time}"


def un_date_range(start, end, language: str | None = None) -> str:
    """The days of a meeting: "16–18 March 2026", "30 March–2 April 2026",
    "2026年3月16日至18日", "16 a 18 de marzo de 2026"."""
    if start in (None, ""):
        return ""
    start, end = _as_date(start), _as_date(end or start)
    lang = _language(language)
    if start == end:
        return un_date(start, lang)
    same_year = start.year == end.year
    same_month = same_year and start.month == end.month
    if lang == "zh-hans":
        if same_month:
            return f"{start.year}年{start.month}月{start.day}日至{end.day}日"
        if same_year:
            return f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日"
        return f"{un_date(start, lang)}至{un_date(end, lang)}"
    if lang == "es":
        if same_month:
            return f"{start.day} a {un_date(end, lang)}"
        if same_year:
            return f"{start.day} de {MONTHS['es'][start.month - 1]} a {un_date(end, lang)}"
        return f"{un_date(start, lang)} a {un_date(end, lang)}"
    dash = "-" if lang in ("fr", "ar") else "–"
    if same_month:
        return f"{_day(start.day, lang)}{dash}{un_date(end, lang)}"
    if same_year:
        first = f"{_day(start.day, lang)} {MONTHS[lang][start.month - 1]}"
        return (
            f"{first} {dash} {un_date(end, lang)}"
            if lang == "ar"
            else (f"{first}{dash}{un_date(end, lang)}")
        )
    if lang == "ru":
        first = f"{start.day} {MONTHS['ru'][start.month - 1]} {start.year} года"
        return f"{first} – {un_date(end, lang)}"
    return f"{un_date(start, lang)} {dash} {un_date(end, lang)}"
