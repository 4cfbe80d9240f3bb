"""The top bar's search finds documents as the register does — by their symbol, whole or
in part, and by words of their titles — and only those the reader may see: a DIEF
document is found, marked confidential, by those the forum admits, and by nobody else,
not even by its exact symbol."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from att_portal import registry
from documents.enums import Distribution
from documents.models import Document
from documents.services import document_register, document_revise
from tests.conftest import DEMO_ROLES, sign_in
from tests.documents.test_search import (  # noqa: F401 - fixtures of the register's search
    ALL_SEARCH_INDEXES,
    budget,
    plan,
    postgresql_only,
    register_of_thousands,
    report,
)
from tests.factories import CspCycleFactory, SecretariatUserFactory, UserFactory

pytestmark = pytest.mark.django_db

DIEF_PAPER = "ATT/CSP10.DIEF/2024/CHAIR/781/DrWP"
DIEF_REPORT = "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep"
WGETI_LETTER = "ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs"
# Those the DIEF admits (ToR arts. 6 and 14); the restricted area is theirs too.
SEES_DIEF = {"secretariat", "dief-chair", "wgeti-chair", "delegate-sp", "delegate-sig"}


def symbols_found(response) -> list[str]:
    return [document.symbol for document in response.context["results"]["documents"]]


def symbols_shown(response) -> set[str]:
    return set(re.findall(r'<bdi dir="ltr" class="symbol" translate="no">([^<]+)</bdi>',
                          response.content.decode()))  # fmt: skip


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_each_role_finds_exactly_the_documents_it_may_see_whole_or_partial_symbol(role, client_for):
    client = client_for(role)
    sees_dief = role in SEES_DIEF

    exact = client.get(reverse("search"), {"q": DIEF_PAPER})
    partial = client.get(reverse("search"), {"q": "CSP10.DIEF"})
    number = client.get(reverse("search"), {"q": "781"})
    letter = client.get(reverse("search"), {"q": "808"})
    title = client.get(reverse("search"), {"q": "review of the forum"})

    assert symbols_found(exact) == ([DIEF_PAPER] if sees_dief else [])
    assert exact.context["counts"]["documents"] == (1 if sees_dief else 0)
    assert symbols_found(partial) == ([DIEF_REPORT, DIEF_PAPER] if sees_dief else [DIEF_REPORT])
    assert symbols_found(number) == ([DIEF_PAPER] if sees_dief else [])
    assert symbols_found(letter) == ([WGETI_LETTER] if sees_dief else [])
    assert symbols_found(title) == ([DIEF_PAPER] if sees_dief else [])
    if not sees_dief:  # not shown, not counted, nothing marked confidential
        for response in (exact, number, title):
            assert DIEF_PAPER not in symbols_shown(response)
            assert "on the review of the forum" not in response.content.decode()
            assert "CONFIDENTIAL" not in response.content.decode()
            assert 'data-count="documents">0<' in response.content.decode()
        assert WGETI_LETTER not in symbols_shown(letter)


@pytest.mark.parametrize("role", ["delegate-sp", "secretariat"])
def test_a_dief_document_found_is_marked_confidential_and_the_page_never_stored(role, client_for):
    response = client_for(role).get(reverse("search"), {"q": DIEF_PAPER})
    content = response.content.decode()

    assert symbols_shown(response) == {DIEF_PAPER}
    assert "CONFIDENTIAL — DIEF" in content
    assert '<span class="badge text-bg-danger">Confidential</span>' in content
    assert "no-store" in response["Cache-Control"]


def test_a_delegate_without_the_second_factor_still_finds_a_dief_document_by_title_only(
    client_for,
):
    """As in the register's list: the title of a confidential document is listed before the
    second factor; the document itself asks for it."""
    client = client_for("delegate-sp", second_factor=False)

    response = client.get(reverse("search"), {"q": DIEF_PAPER})

    assert response.status_code == 200
    assert symbols_found(response) == [DIEF_PAPER]
    assert "CONFIDENTIAL — DIEF" in response.content.decode()
    document = Document.objects.get(symbol=DIEF_PAPER)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 302


@pytest.fixture
def officer():
    return SecretariatUserFactory()


def register(officer, title, *, distribution=Distribution.PUBLIC, cycle=None, day=1):
    return document_register(
        by=officer,
        title=title,
        cycle=cycle or CspCycleFactory(number=11, year=2025),
        body="WGETI",
        doc_type="Conf.WP",
        issued_on=datetime.date(2025, 3, day),
        distribution=distribution,
        forum="DIEF" if distribution == Distribution.CONFIDENTIAL else "",
        author_office="SEC",
    )


def test_the_exact_symbol_comes_first_then_the_symbols_it_starts(client, officer):
    paper = register(officer, "Paper on brokering")
    revision = document_revise(by=officer, document=paper, issued_on=datetime.date(2025, 4, 1))
    other = register(officer, "Paper on transit", day=2)
    sign_in(client, UserFactory())

    exact = client.get(reverse("search"), {"q": paper.symbol})
    start = client.get(reverse("search"), {"q": "ATT/CSP11.WGETI/2025/"})

    assert symbols_found(exact) == [paper.symbol, revision.symbol]
    assert symbols_found(start) == [revision.symbol, other.symbol, paper.symbol]


def test_a_section_shows_ten_documents_and_leads_to_the_register_for_the_rest(client, officer):
    cycle = CspCycleFactory(number=11, year=2025)
    for day in range(1, 13):
        register(officer, f"Working paper on transit {day}", cycle=cycle, day=day)
    sign_in(client, UserFactory())

    response = client.get(reverse("search"), {"q": "transit"})

    assert len(response.context["results"]["documents"]) == 10
    assert response.context["counts"]["documents"] == 12
    assert 'data-count="documents">12<' in response.content.decode()
    more = f"{reverse('documents:list')}?q=transit"
    assert f'<a href="{more}">All matching documents in the register</a>' in (
        response.content.decode()
    )
    assert client.get(more).context["page"].matching == 12


def test_the_count_stops_at_its_limit(client, officer):
    cycle = CspCycleFactory(number=11, year=2025)
    Document.objects.bulk_create(
        Document(
            symbol=f"ATT/CSP11/2025/SEC/{number}/Conf.WP",
            number=number,
            year=2025,
            title=f"Transit paper {number}",
            title_en=f"Transit paper {number}",
            issued_on=datetime.date(2025, 1, 1),
            cycle=cycle,
            doc_type="Conf.WP",
            author_office="SEC",
            distribution=Distribution.PUBLIC,
        )
        for number in range(1000, 1105)
    )
    sign_in(client, UserFactory())

    response = client.get(reverse("search"), {"q": "transit"})

    assert response.context["counts"]["documents"] is None
    assert 'data-count="documents">more than 100<' in response.content.decode()
    assert len(response.context["results"]["documents"]) == 10


def test_a_confidential_document_is_not_found_by_a_delegate_of_an_observer_state(client, officer):
    paper = register(officer, "Diversion through free zones", distribution="confidential")
    public = register(officer, "Diversion in transit", day=2)
    sign_in(client, UserFactory(state__status=None))

    by_symbol = client.get(reverse("search"), {"q": paper.symbol})
    by_word = client.get(reverse("search"), {"q": "diversion"})

    assert symbols_found(by_symbol) == []
    assert symbols_found(by_word) == [public.symbol]
    assert by_word.context["counts"]["documents"] == 1
    assert symbols_shown(by_symbol) | symbols_shown(by_word) == {public.symbol}
    assert "free zones" not in by_symbol.content.decode() + by_word.content.decode()


def plan_of(queryset, full_scans: tuple[str, ...]) -> str:
    """`plan`, its settings undone afterwards (they would last to the test's end)."""
    try:
        return plan(queryset, full_scans=full_scans)
    finally:
        with connection.cursor() as cursor:
            for scan in full_scans:
                cursor.execute(f"RESET enable_{scan}")


@postgresql_only
@pytest.mark.usefixtures("register_of_thousands")
@pytest.mark.parametrize(
    ("text", "index", "ruled_out"),
    [
        ("ATT/CSP11/2025/SEC/2001/Conf.WP", "documents_document_symbol_upper", "indexscan"),
        ("paper 2001", "documents_document_search_vector", "indexscan"),
        # A word in most titles: the list's index, walked to the tenth row.
        ("working", "Index Scan using document_list_order", "bitmapscan"),
    ],
)
def test_postgresql_answers_the_documents_section_from_the_registers_indexes(
    text, index, ruled_out
):
    """The section's rows and its count, as the search page asks for them (on 2,000
    rows the planner would read them all: its other ways are ruled out to show which
    index it takes, as in tests/documents/test_search.py)."""
    request = RequestFactory().get("/search/")
    request.user = UserFactory()
    [provider] = [p for p in registry.search_providers() if p.key == "documents"]
    found = provider.results(request, text)

    rows = plan_of(found[:10], ("seqscan", ruled_out))
    counted = plan_of(found.order_by()[:101], ("seqscan",))

    assert index in rows
    if ruled_out == "bitmapscan":  # no sorting of the many matches: the index's order
        assert "Sort" not in rows
    # The count finds its matches through the search indexes and stops at its limit.
    assert counted.startswith("Limit")
    assert "Seq Scan on documents_document" not in rows + counted
    assert {name for name in ALL_SEARCH_INDEXES if name in counted} == (
        {"documents_document_symbol_upper"}
        if text.startswith("ATT/")
        else {"documents_document_search_vector"}
    )
