"""States as the UN names them: the UN short name in each of the six languages
(UNTERM; `data/un_state_names.csv`), sorted as a reader of that language expects.

ISO names ("South Korea", "Russia", "Türkiye" spelt "Turkey") are not the Treaty's: a list
of States Parties reads "Republic of Korea", "Russian Federation", "Türkiye". A code the
table does not know falls back to django-countries' name.

Order: the Unicode Collation Algorithm for English, French, Spanish and Russian ("Émirats"
among the E's); Arabic as UN lists sort it, ignoring the article "ال" and the hamza on the
alef; Chinese by pinyin, as UN Chinese lists are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from django.utils import translation

TABLE = Path(__file__).resolve().parent / "data" / "un_state_names.csv"
COLUMN = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh-hans": "zh"}
_ARABIC_ARTICLE = re.compile(r"^ال")
_ARABIC_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})

T = TypeVar("T")


@cache
def _table() -> dict[str, dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {row["alpha2"]: row for row in csv.DictReader(handle)}


@cache
def _collator():
    from pyuca import Collator

    return Collator()


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").lower()
    if code.startswith("zh"):
        return "zh-hans"
    code = code.split("-")[0]
    return code if code in COLUMN else "en"


def un_name(alpha2: str, language: str | None = None) -> str | None:
    """The UN short name of the State with ISO code `alpha2`, in `language` (the reader's
    by default); None for a code the UN table does not have."""
    row = _table().get((alpha2 or "").upper())
    if row is None:
        return None
    return row[COLUMN[_language(language)]] or row["en"]


def sort_key(name: str, language: str | None = None, alpha2: str | None = None) -> tuple:
    """The key that puts `name` in its place in a list in `language`."""
    language = _language(language)
    if language == "zh-hans":
        row = _table().get((alpha2 or "").upper())
        pinyin = row["zh_pinyin"] if row and row["zh"] == name else name
        return (pinyin, name)
    if language == "ar":
        folded = _ARABIC_ARTICLE.sub("", name.strip()).translate(_ARABIC_ALEF)
        return (_collator().sort_key(folded), name)
    return (_collator().sort_key(name), name)


def sorted_by_name(
    items: Iterable[T],
    state: Callable[[T], object] = lambda item: item,
    language: str | None = None,
) -> list[T]:
    """`items` in the order of their States' names in `language`; `state(item)` gives the
    item's State (anything with `name` and `country`), the item itself by default.
    Items without a State come last."""
    language = _language(language)

    def key(item):
        found = state(item)
        if found is None:
            return (1, ())
        name = found.name_in(language) if hasattr(found, "name_in") else str(found)
        code = getattr(getattr(found, "country", None), "code", None)
        return (0, sort_key(name, language, code))

    return sorted(items, key=key)


@cache
def _codes_in_order(language: str) -> tuple[str, ...]:
    from django_countries import countries

    def name(code: str) -> str:
        return un_name(code, language) or str(dict(countries)[code])

    with translation.override(language):
        codes = [code for code, _name in countries]
        return tuple(sorted(codes, key=lambda code: sort_key(name(code), language, code)))


@cache
def _positions(language: str) -> dict[str, int]:
    return {code: position for position, code in enumerate(_codes_in_order(language))}


def in_name_order(
    rows: Iterable[T], code: Callable[[T], str | None], language: str | None = None
) -> list[T]:
    """`rows` in the order `by_name` gives them, sorted here instead: `code(row)` is the
    alpha-2 code of the row's State (None for a row without one: last). Rows of one
    position keep the order they came in, as by_name leaves the rest to the query's other
    ORDER BY fields. For a list read whole: the CASE of by_name costs more to build than
    this takes."""
    positions = _positions(_language(language))
    last = len(positions)
    return sorted(rows, key=lambda row: positions.get(code(row) or "", last))


def by_name(field: str = "country", language: str | None = None):
    """An ORDER BY expression that sorts States (or rows with a State, e.g.
    `by_name("state__country")`) by their UN name in `language` — the reader's by default.
    The names live in the table above, not in the database, hence the CASE."""
    from django.db.models import Case, IntegerField, Value, When

    codes = _codes_in_order(_language(language))
    return Case(
        *[When(**{field: code}, then=Value(position)) for position, code in enumerate(codes)],
        default=Value(len(codes)),
        output_field=IntegerField(),
    )


def codes_matching(text: str, language: str | None = None) -> list[str]:
    """Alpha-2 codes of the States whose name — in the reader's language or in English, UN
    or ISO form — or alpha-3 code contains `text`."""
    from django_countries import countries

    needle = text.casefold().strip()
    if not needle:
        return []
    language = _language(language)
    found = []
    for code, iso_name in countries:
        names = {iso_name, un_name(code, language) or "", un_name(code, "en") or ""}
        if needle == countries.alpha3(code).casefold() or any(
            needle in n.casefold() for n in names if n
        ):
            found.append(code)
    return found


@cache
def search_terms(alpha2: str) -> str:
    """Every name a reader may type to find the State with code `alpha2` in a picker: its
    UN names in the six languages, its ISO name, its codes and the pinyin of its Chinese
    name (spaced and run together). The same whatever the reader's language."""
    from django_countries import countries

    code = (alpha2 or "").upper()
    row = _table().get(code, {})
    with translation.override("en"):
        iso_name = str(dict(countries).get(code, ""))
    pinyin = row.get("zh_pinyin", "")
    terms = [
        *(row.get(column, "") for column in COLUMN.values()),
        iso_name,
        code,
        countries.alpha3(code) or "",
        pinyin,
        pinyin.replace(" ", ""),
    ]
    return " ".join(dict.fromkeys(term for term in terms if term))
