"""Dates as the UN writes them in each of the six languages (GLOSSARY.md)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from att_portal.l10n.dates import un_date, un_date_range, un_datetime

pytestmark = pytest.mark.unit

FEB_17 = datetime.date(2027, 2, 17)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "17 February 2027"),
        ("fr", "17 février 2027"),
        ("es", "17 de febrero de 2027"),
        ("ru", "17 февраля 2027 года"),
        ("ar", "17 شباط/فبراير 2027"),
        ("zh-hans", "2027年2月17日"),
    ],
)
def test_a_date_reads_as_the_un_writes_it_in_each_language(language, expected):
    assert un_date(FEB_17, language) == expected


def test_the_first_of_the_month_is_an_ordinal_in_french():
    assert un_date(datetime.date(2026, 2, 1), "fr") == "1er février 2026"


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("ru"):
        assert un_date(datetime.date(2026, 3, 16)) == "16 марта 2026 года"


def test_a_moment_is_shown_in_geneva_time():
    moment = datetime.datetime(2027, 2, 17, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Geneva

    assert [un_datetime(moment, lang) for lang in ("en", "fr", "zh-hans", "ar")] == [
        "17 February 2027, 10:00",
        "17 février 2027, 10 h 00",
        "2027年2月17日 10:00",
        "17 شباط/فبراير 2027، الساعة 10:00",
    ]


def test_a_late_evening_in_utc_is_the_next_day_in_geneva():
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)

    assert un_date(moment, "en") == "1 January 2027"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "16–18 March 2026"),
        ("fr", "16-18 mars 2026"),
        ("es", "16 a 18 de marzo de 2026"),
        ("ru", "16–18 марта 2026 года"),
        ("ar", "16-18 آذار/مارس 2026"),
        ("zh-hans", "2026年3月16日至18日"),
    ],
)
def test_the_days_of_a_meeting_read_as_one_range(language, expected):
    assert un_date_range(datetime.date(2026, 3, 16), datetime.date(2026, 3, 18), language) == (
        expected
    )


def test_a_range_across_months_and_years_names_both_ends():
    assert un_date_range(datetime.date(2026, 3, 30), datetime.date(2026, 4, 2), "en") == (
        "30 March–2 April 2026"
    )
    assert un_date_range(datetime.date(2026, 12, 30), datetime.date(2027, 1, 2), "en") == (
        "30 December 2026 – 2 January 2027"
    )
    assert un_date_range(FEB_17, FEB_17, "en") == "17 February 2027"


def test_templates_have_the_filters_without_loading_anything():
    template = Template("{{ d|un_date }} · {{ m|un_datetime }} · {{ d|un_date_range:e }}")
    moment = timezone.make_aware(datetime.datetime(2027, 2, 17, 15, 0))

    with translation.override("es"):
        text = template.render(Context({"d": FEB_17, "e": datetime.date(2027, 2, 18), "m": moment}))

    assert (
        text == "17 de febrero de 2027 · 17 de febrero de 2027, 15:00 · 17 a 18 de febrero de 2027"
    )
