"""The register's search finds a document by its title in any of the six languages and by
its symbol, even pasted from an Arabic page with invisible direction marks; the pages show
the symbol as one left-to-right unit and the dates as the UN writes them."""

import datetime
import importlib

import pytest
from django.db import connection
from django.urls import reverse

from documents.enums import Distribution
from documents.models import Document
from documents.search import SEARCH_COLUMNS
from documents.selectors import documents_matching
from documents.services import document_register, document_revise
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"


@pytest.fixture
def report():
    return document_register(
        by=SecretariatUserFactory(),
        cycle=CspCycleFactory(number=12, year=2026),
        title={
            "en": "Report on transparency",
            "fr": "Rapport sur la transparence",
            "zh-hans": "透明度报告",
            "ar": "تقرير عن الشفافية",
        },
        body="WGTR",
        doc_type="Conf.Rep",
        issued_on=datetime.date(2026, 8, 1),
        distribution=Distribution.PUBLIC,
        author_office="CHAIR",
    )


@pytest.mark.parametrize(
    "text",
    [
        "transparency",
        "Rapport sur la",
        "透明度",
        "الشفافية",
        "ATT/CSP12.WGTR/2026/CHAIR/1/Conf.Rep",
    ],
)
def test_a_document_is_found_by_its_title_in_any_language_or_its_symbol(report, text):
    assert list(documents_matching(Document.objects.all(), text)) == [report]


def test_a_symbol_pasted_with_direction_marks_is_found(report):
    pasted = f"{RLM}{LRI}ATT/CSP12.WGTR/2026/CHAIR/1/Conf.Rep{PDI}{RLM}"

    assert list(documents_matching(Document.objects.all(), pasted)) == [report]


def test_a_search_made_only_of_direction_marks_filters_nothing(report):
    assert list(documents_matching(Document.objects.all(), f"{LRI}{PDI}")) == [report]


def test_the_list_finds_a_french_title_for_a_reader_of_any_language(client, report):
    sign_in(client, UserFactory(preferred_language="ru"))

    response = client.get(reverse("documents:list"), {"q": "Rapport"})

    assert list(response.context["page"].object_list) == [report]


def test_the_detail_page_shows_the_symbol_as_one_unit_and_the_un_date(client, report):
    revision = document_revise(
        by=SecretariatUserFactory(), document=report, issued_on=datetime.date(2026, 9, 1)
    )
    sign_in(client, UserFactory())

    page = client.get(reverse("documents:detail", args=[report.pk])).content.decode()

    symbol = f'<bdi dir="ltr" class="symbol" translate="no">{revision.symbol}</bdi>'
    url = reverse("documents:detail", args=[revision.pk])
    assert f'Superseded by <a href="{url}">{symbol}</a>' in page
    assert '<dd class="col-sm-9">1 August 2026</dd>' in page


# Search at scale (issue 16): a stored vector and indexes on PostgreSQL, substrings on SQLite;
# the same results on both.

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the search vector, its trigger and its indexes are PostgreSQL's (SQLite matches "
    "substrings)",
)


def register(title, *, body="WGTR", office="CHAIR", issued_on=datetime.date(2026, 8, 1)):
    return document_register(
        by=SecretariatUserFactory(),
        cycle=CspCycleFactory(number=12, year=2026),
        title=title,
        body=body,
        doc_type="Conf.Rep",
        issued_on=issued_on,
        distribution=Distribution.PUBLIC,
        author_office=office,
    )


@pytest.fixture
def budget(report):
    """A second document, registered after `report`, that none of the report's words find."""
    return register(
        {
            "en": "Draft decision on the budget",
            "fr": "Projet de décision sur le budget",
            "ru": "Проект решения о бюджете",
            "zh-hans": "关于预算的决定草案",
            "ar": "مشروع مقرر بشأن الميزانية",
        },
        body="WGETI",
        office="SEC",
        issued_on=datetime.date(2026, 9, 1),
    )


def matching(text):
    return list(documents_matching(Document.objects.all(), text))


@pytest.mark.parametrize(
    "text",
    [
        "transparency",
        "TRANSPARENCY report",  # words in any order and case
        "transparence",
        "transp",  # the start of a word
        "الشفافية",
        "شفافية",  # an Arabic word without the article written joined to it
        "透明",  # a two-character Chinese word, inside a title written without spaces
        "报告",
        "透",
    ],
)
def test_search_finds_a_document_by_a_title_word_in_english_french_arabic_or_chinese(
    report, budget, text
):
    assert matching(text) == [report]


def test_search_finds_a_document_by_its_russian_and_spanish_titles(report, budget):
    budget.title_es = "Proyecto de decisión sobre el presupuesto"
    budget.save()

    assert matching("бюджете") == [budget]
    assert matching("presupuesto") == [budget]


def test_search_finds_nothing_when_one_word_is_missing(report, budget):
    assert matching("transparency budget") == []


def test_search_finds_the_exact_symbol_first_then_the_symbols_it_starts(report, budget):
    revision = document_revise(
        by=SecretariatUserFactory(), document=report, issued_on=datetime.date(2026, 10, 1)
    )

    assert matching(report.symbol) == [report, revision]
    assert matching(report.symbol.lower()) == [report, revision]


def test_search_finds_documents_by_the_start_of_their_symbol_newest_first(report, budget):
    assert matching("ATT/CSP12") == [budget, report]
    assert matching("att/csp12.wgetI/") == [budget]
    assert matching("ATT/2026") == []  # the start of a symbol, not a part of it


def test_search_finds_a_document_by_a_part_of_its_symbol(report, budget):
    assert matching("WGTR") == [report]
    assert matching("1/Conf.Rep") == [report]


def test_a_word_search_lists_the_newest_first_whether_symbol_or_title_holds_the_word():
    older = register(
        {"en": "Provisional agenda"}, body="WGETI", issued_on=datetime.date(2026, 3, 1)
    )
    newer = register(
        {"en": "Comments of the WGETI Chair"}, body="WGTR", issued_on=datetime.date(2026, 9, 1)
    )

    assert matching("WGETI") == [newer, older]


@pytest.mark.parametrize("text", ["100%", "a_b", "x\\y", "o'brien", "%", "-"])
def test_search_reads_wildcards_quotes_and_backslashes_as_text(report, budget, text):
    assert matching(text) == []


def test_search_follows_a_title_changed_by_save_or_by_a_bulk_update(report, budget):
    report.title_fr = "Rapport sur le courtage"
    report.save()

    assert matching("courtage") == [report]
    assert matching("transparence") == []

    Document.objects.filter(pk=report.pk).update(title_zh_hans="中介活动报告")

    assert matching("中介") == [report]
    assert matching("透明") == []


def stored_vector(document) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM documents_document WHERE id = %s", [document.pk]
        )
        return cursor.fetchone()[0]


@postgresql_only
def test_the_stored_vector_follows_every_title_change(report):
    assert "'transparence':" in stored_vector(report)
    assert "'透明':" in stored_vector(report)

    report.title_fr = "Rapport sur le courtage"
    report.save()
    Document.objects.filter(pk=report.pk).update(title_zh_hans="中介活动报告")

    vector = stored_vector(report)
    assert ("'courtage':" in vector, "'transparence':" in vector) == (True, False)
    assert ("'中介':" in vector, "'透明':" in vector) == (True, False)


ALL_SEARCH_INDEXES = (
    "documents_document_search_vector",
    "documents_document_search_text",
    "documents_document_symbol_upper",
)


@pytest.fixture
def register_of_thousands(report, budget):
    """2,000 more documents of another cycle, and the planner's statistics on them."""
    cycle = CspCycleFactory(number=11, year=2025)
    Document.objects.bulk_create(
        Document(
            symbol=f"ATT/CSP11/2025/SEC/{number}/Conf.WP",
            number=number,
            year=2025,
            title=f"Working paper {number}",
            title_en=f"Working paper {number}",
            issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=number % 365),
            cycle=cycle,
            doc_type="Conf.WP",
            author_office="SEC",
            distribution=Distribution.PUBLIC,
        )
        for number in range(1000, 3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_document")


def plan(queryset, *, full_scans: tuple[str, ...] = ("seqscan",)) -> str:
    """The plan of `queryset` with the given ways of reading a whole table ruled out: on
    2,000 rows reading them all still costs little, so the planner shows which index it
    would take (on 50,000 rows it takes it by itself)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for scan in full_scans:
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgresql_only
@pytest.mark.parametrize(
    ("text", "indexes"),
    [
        ("transparence", {"documents_document_search_vector"}),
        ("شفافية", {"documents_document_search_vector", "documents_document_search_text"}),
        ("透明", {"documents_document_search_vector"}),
        ("ATT/CSP12.WGTR/2026", {"documents_document_symbol_upper"}),
    ],
)
def test_postgresql_answers_a_search_from_its_indexes(register_of_thousands, text, indexes):
    from documents.selectors import documents_visible_to

    found = documents_matching(documents_visible_to(UserFactory()), text)[:51]
    # Also no walk through a whole B-tree index (the cycle's), filtering every row.
    shown = plan(found, full_scans=("seqscan", "indexscan"))

    assert {name for name in ALL_SEARCH_INDEXES if name in shown} == indexes
    assert "Seq Scan on documents_document" not in shown


@postgresql_only
@pytest.mark.parametrize("role", ["delegate", "secretariat"])
def test_a_word_in_most_titles_is_found_by_walking_the_list_index_to_the_page_end(
    register_of_thousands, role
):
    """A word in 2,000 of the 2,002 titles: ranking or sorting every match would cost what
    the register holds; walking the list's index stops at the page's last row. (The
    planner takes that walk by itself at 50,000 documents — `make bench` — here its other
    ways are ruled out to show that the order needs no sort.)"""
    from documents.pagination import ListPaginator
    from documents.selectors import documents_visible_to

    reader = SecretariatUserFactory() if role == "secretariat" else UserFactory()
    found = documents_matching(documents_visible_to(reader), "working")
    page_ids = found.values_list("pk", flat=True)[:51]
    shown = plan(page_ids, full_scans=("seqscan", "bitmapscan"))

    assert "Index Scan using document_list_order on documents_document" in shown
    assert "Sort" not in shown
    page = ListPaginator(found, 50).get_page(1)
    assert [d.number for d in page.object_list] == sorted(range(1000, 3000), key=lambda n: (
        -(datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 365)).toordinal(), -n
    ))[:50]  # fmt: skip
    assert page.has_next()


@postgresql_only
def test_postgresql_reads_the_list_in_the_order_of_its_index(register_of_thousands):
    listed = Document.objects.order_by("-issued_on", "-number", "-pk")[:51]

    assert "Index Scan using document_list_order on documents_document" in plan(listed)


def test_the_search_functions_take_the_columns_the_code_passes():
    """Migration 0009 builds its trigger and indexes over these columns, in this order."""
    migration = importlib.import_module("documents.migrations.0009_search_vector_and_list_order")

    assert migration.COLUMNS == SEARCH_COLUMNS


@postgresql_only
def test_a_later_migration_may_still_change_the_type_of_a_title_column(report):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the fixture's checks, before the DDL
        cursor.execute("ALTER TABLE documents_document ALTER COLUMN title_fr TYPE varchar(500)")

    report.title_fr = "Rapport sur le courtage"
    report.save()

    assert "'courtage':" in stored_vector(report)
