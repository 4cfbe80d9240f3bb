"""The top bar's search in a real browser, on a phone's width (390 px): a delegate types a
document's symbol — whole, or a part of it — into the box without opening the menu,
presses Enter and reaches the document."""

from __future__ import annotations

import datetime

import pytest

from att_portal.directory.enums import AttStatus
from documents.enums import Distribution
from documents.services import document_register
from tests.e2e.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory, StateFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def documents():
    officer = SecretariatUserFactory()
    cycle = CspCycleFactory(number=11, year=2025)

    def register(title, body, distribution=Distribution.PUBLIC, forum=""):
        return document_register(
            by=officer,
            title=title,
            cycle=cycle,
            body=body,
            doc_type="Conf.WP",
            issued_on=datetime.date(2025, 3, 3),
            distribution=distribution,
            forum=forum,
            author_office="SEC",
        )

    return {
        "draft decision": register("Draft decision on the budget", ""),
        "wgeti paper": register("Working paper on post-shipment controls", "WGETI"),
        "dief paper": register(
            "Diversion through free zones", "DIEF", Distribution.CONFIDENTIAL, "DIEF"
        ),
    }


@pytest.fixture
def delegate():
    return UserFactory(
        username="lena",
        first_name="Lena",
        last_name="Gruber",
        state=StateFactory(country="AT", status=AttStatus.STATE_PARTY),
    )


def search_from_the_top_bar(page, text: str) -> None:
    top_bar = page.get_by_role("search", name="Search the portal")
    box = top_bar.get_by_role("searchbox", name="Search the portal")
    assert box.is_visible()  # on a phone too, without opening the menu
    box.fill(text)
    box.press("Enter")
    page.get_by_role("heading", name="Search", exact=True).wait_for()


def test_a_delegate_reaches_a_document_by_its_full_symbol_on_a_phone(
    page, live_server, documents, delegate, tmp_path
):
    paper = documents["wgeti paper"]
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, delegate.username)
    page.get_by_role("heading", name="Welcome, Lena Gruber").wait_for()

    search_from_the_top_bar(page, paper.symbol)
    results = page.get_by_role("region", name="Documents")
    assert results.get_by_role("link").all_inner_texts() == [paper.symbol]
    page.screenshot(path=str(tmp_path / "search-symbol.png"), full_page=True)
    results.get_by_role("link", name=paper.symbol).click()

    page.get_by_role("heading", name="Working paper on post-shipment controls").wait_for()
    assert page.url == f"{live_server.url}/documents/{paper.pk}/"
    # The page no wider than the phone: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_delegate_reaches_a_document_by_a_part_of_its_symbol(
    page, live_server, documents, delegate
):
    paper = documents["wgeti paper"]
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, delegate.username)
    page.get_by_role("heading", name="Welcome, Lena Gruber").wait_for()

    search_from_the_top_bar(page, "WGETI")
    results = page.get_by_role("region", name="Documents")
    assert results.get_by_role("link").all_inner_texts() == [paper.symbol]
    results.get_by_role("link", name=paper.symbol).click()
    page.get_by_role("heading", name="Working paper on post-shipment controls").wait_for()

    search_from_the_top_bar(page, "CSP11")
    links = page.get_by_role("region", name="Documents").get_by_role("link")
    # The DIEF paper needs the forum's second factor to open, but its title is listed
    # to a delegate of a State Party, marked confidential, like in the register.
    assert sorted(links.all_inner_texts()) == sorted(d.symbol for d in documents.values())
    assert page.get_by_text("CONFIDENTIAL — DIEF").is_visible()


def test_an_observer_finds_no_dief_document_by_its_exact_symbol(page, live_server, documents):
    observer = UserFactory(username="observer", state=StateFactory(status=None))
    sign_in(page, live_server, observer.username)
    page.get_by_role("heading", name=f"Welcome, {observer.get_full_name()}").wait_for()

    search_from_the_top_bar(page, documents["dief paper"].symbol)

    assert page.get_by_role("region", name="Documents").count() == 0
    assert page.get_by_text("Nothing found.").is_visible()
    assert "Diversion through free zones" not in page.content()
