"""The register's list reads a page without counting every document: 50 rows and one more
to know whether a next page exists, and a count that stops at `COUNT_LIMIT`."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import pagination
from documents.enums import Distribution
from documents.models import Document
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, UserFactory

pytestmark = pytest.mark.django_db


def bulk_documents(count: int, *, start: int = 1) -> list[Document]:
    """`count` public documents, issued one a day (the later the number, the newer)."""
    cycle = CspCycleFactory(number=11, year=2025)
    return Document.objects.bulk_create(
        Document(
            symbol=f"ATT/CSP11/2025/SEC/{number}/Conf.WP",
            number=number,
            year=2025,
            title=f"Working paper {number}",
            title_en=f"Working paper {number}",
            issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            cycle=cycle,
            doc_type="Conf.WP",
            author_office="SEC",
            distribution=Distribution.PUBLIC,
        )
        for number in range(start, start + count)
    )


@pytest.fixture
def reader(client):
    return sign_in(client, UserFactory())


def list_page(client, **params):
    response = client.get(reverse("documents:list"), params)
    assert response.status_code == 200
    return response


def numbers(response) -> list[int]:
    return [document.number for document in response.context["page"]]


def test_the_first_page_shows_the_fifty_newest_and_links_to_the_next(reader):
    bulk_documents(120)

    response = list_page(reader)

    assert numbers(response) == list(range(120, 70, -1))
    content = response.content.decode()
    assert '<p class="text-body-secondary" data-count="documents">120 documents</p>' in content
    assert "page=2" in content
    assert "Page 1" in content


def test_the_last_page_shows_the_rest_and_no_next_link(reader):
    bulk_documents(120)

    response = list_page(reader, page=3)

    assert numbers(response) == list(range(20, 0, -1))
    page = response.context["page"]
    assert (page.has_next(), page.previous_page_number(), page.start_index()) == (False, 2, 101)
    assert "page=4" not in response.content.decode()


@pytest.mark.parametrize(
    ("asked", "shown"), [("0", 1), ("-3", 1), ("two", 1), ("99999999", 10_000)]
)
def test_a_page_number_out_of_bounds_reads_a_page_in_bounds(reader, asked, shown):
    bulk_documents(3)

    page = list_page(reader, page=asked).context["page"]

    assert page.number == shown
    assert [d.number for d in page] == ([3, 2, 1] if shown == 1 else [])


def test_the_count_stops_at_the_limit_and_says_more_than_it(reader, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 60)
    bulk_documents(120)

    with CaptureQueriesContext(connection) as queries:
        response = list_page(reader, q="Working")

    assert "More than 60 documents" in response.content.decode()
    counts = [
        q["sql"] for q in queries if "COUNT(" in q["sql"] and "documents_document" in q["sql"]
    ]
    assert len(counts) == 1
    assert "LIMIT 61" in counts[0]


def test_the_exact_total_is_still_there_for_whoever_asks(reader):
    bulk_documents(60)

    page = list_page(reader).context["page"]

    assert (len(page), page.paginator.count) == (50, 60)


@pytest.mark.parametrize("query", [{}, {"q": "Working"}, {"q": "ATT/CSP11"}])
def test_the_list_reads_as_many_queries_for_3_documents_as_for_120(reader, query):
    bulk_documents(3)
    list_page(reader, **query)  # warm per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        list_page(reader, **query)

    bulk_documents(117, start=4)
    with CaptureQueriesContext(connection) as many:
        response = list_page(reader, **query)

    assert len(response.context["page"]) == 50
    assert len(many) == len(few)
    documents_read = [q["sql"] for q in many if 'FROM "documents_document"' in q["sql"]]
    assert len(documents_read) == 3  # the page's ids, its rows and its count
    # Each bounded: by a LIMIT, or by the ids of the page.
    assert [sql for sql in documents_read if "LIMIT" not in sql and '"id" IN (' not in sql] == []
