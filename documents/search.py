"""How the register finds a document by its symbol or by words of its title, in any of the
six languages, on 50,000 documents and more.

* A text that starts with ``ATT/`` is a symbol, or the start of one: it matches the symbols
  that start with it, whatever the case (an exact match first). PostgreSQL answers from an
  index on ``UPPER(symbol)``.
* Any other text is split into words at its spaces. A document matches when each word is
  found in its symbol or in one of its titles: as the start of a word there (a word with
  punctuation inside, "CSP11.WGETI", as its parts one after the other). An Arabic word of
  three characters or more is also found anywhere in the text: Arabic writes the article
  and some prepositions joined to the word ("شفافية" is found in "الشفافية"). Chinese is
  written without spaces: a Chinese word is matched by its pairs of characters, one after
  the other (one character by itself).

On PostgreSQL each document keeps a search vector (the ``search_vector`` column, in the
``simple`` configuration so that no language's words are stemmed or dropped, Chinese as
single characters and pairs), written by a trigger on every insert and on every update of
the symbol or a title, whoever writes, with a GIN index; substrings are found through a
trigram (pg_trgm) GIN index over the symbol and the titles. The functions that build the
vector, the query and the text are SQL functions of migration 0009, so that the vector and
the query split words the same way. Only an Arabic word pays for the substring, whose
index must be checked against the text of every row it finds: a common English word ("report"
is in half the register's titles) is answered by the vector alone. On SQLite, the embedded
default, every word is matched as a substring (so "port" also finds "report" there).

A symbol search gives the exact match first, then the symbols that start with the text,
newest first. A word search gives the matching documents newest first, as the list does:
the database then walks the list's index and stops at the page's last row, whatever the
number of matches (ordering by rank would mean ranking every match, and a common word such
as "report" is in half the register's titles); a rare word is found through the indexes
of the vector and sorted among its few matches.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)

from att_portal.l10n.content import LANGUAGE_CODES, field_name

# A title is written per UN language (title_en, title_fr, …): search finds it in any.
TITLE_COLUMNS = tuple(field_name("title", language) for language in LANGUAGE_CODES)
# The arguments of the SQL functions documents_search_text and documents_search_vector, in
# the order migration 0009 declares them (its indexes are built over these columns).
SEARCH_COLUMNS = ("symbol", *TITLE_COLUMNS)
SYMBOL_START = "ATT/"
# The list's order, which its index (document_list_order, migration 0009) reads.
NEWEST_FIRST = ("-issued_on", "-number", "-pk")
# A longer text is not a search anyone types; its further words are not looked for.
MAX_WORDS = 8
# pg_trgm finds a substring from its trigrams: a shorter word is matched as a word start.
SUBSTRING_MIN_LENGTH = 3
# The Arabic script's blocks: Arabic, its Supplement, Extended-A and the presentation forms.
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_symbol(text: str) -> bool:
    return text[: len(SYMBOL_START)].upper() == SYMBOL_START


def search_words(text: str) -> list[str]:
    """The words of `text` that are looked for: those with a letter or digit in them."""
    words = [word for word in text.split() if any(c.isalnum() for c in word)]
    return words[:MAX_WORDS]


def documents_matching(queryset: QuerySet, text: str) -> QuerySet:
    """`queryset` narrowed to the documents that match `text` (already stripped of
    direction marks), in the order of the module's docstring; unchanged for an empty
    text."""
    if not text:
        return queryset
    if is_symbol(text):
        return _symbol_matching(queryset, text)
    words = search_words(text)
    if not words:
        return queryset.none()  # punctuation only: nothing to look for, nothing found
    word_q = _word_q_postgresql if connection.vendor == "postgresql" else _word_q_substring
    return queryset.filter(*(word_q(word) for word in words)).order_by(*NEWEST_FIRST)


def _symbol_matching(queryset: QuerySet, text: str) -> QuerySet:
    # UPPER("symbol"::text) LIKE UPPER('ATT/…%'): served by the index on UPPER(symbol).
    exact = Case(When(symbol__iexact=text, then=1), default=0, output_field=IntegerField())
    return (
        queryset.filter(symbol__istartswith=text)
        .annotate(symbol_match=exact)
        .order_by("-symbol_match", *NEWEST_FIRST)
    )


def _word_q_substring(word: str) -> Q:
    found = Q(symbol__icontains=word)
    for column in TITLE_COLUMNS:
        found |= Q(**{f"{column}__icontains": word})
    return found


class SearchVectorColumn(Expression):
    """The document's stored search vector (a column of PostgreSQL only, kept by its
    trigger, so not a model field: no page ever reads it)."""

    output_field = TextField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def _query(text: str) -> Func:
    return Func(Value(text), function="documents_search_query", output_field=TextField())


def _word_q_postgresql(word: str) -> Q:
    matches = Func(
        SearchVectorColumn(),
        _query(word),
        template="(%(expressions)s)",
        arg_joiner=" @@ ",
        output_field=BooleanField(),
    )
    if len(word) < SUBSTRING_MIN_LENGTH or not ARABIC_LETTER.search(word):
        return Q(matches)
    search_text = Func(*map(F, SEARCH_COLUMNS), function="documents_search_text")
    contains = Func(
        search_text,
        Value(f"%{_escape_like(word)}%"),
        template="(%(expressions)s)",
        arg_joiner=" ILIKE ",
        output_field=BooleanField(),
    )
    return Q(matches) | Q(contains)


def _escape_like(word: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", word)
