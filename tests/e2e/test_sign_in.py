"""A real browser (Debian's Chromium driven by Playwright) through sign-in and the dashboard."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import current_code_of, sign_in
from tests.factories import OrganisationUserFactory, SecretariatUserFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_state_party_delegate_signs_in_and_sees_the_dief_on_the_dashboard(page, live_server):
    delegate = UserFactory(username="lena", first_name="Lena", last_name="Gruber")

    sign_in(page, live_server, delegate.username)

    page.get_by_role("heading", name="Welcome, Lena Gruber").wait_for()
    areas = page.locator("#areas").inner_text()
    assert "Diversion Information Exchange Forum" in areas
    assert "Administration" not in areas


def test_observer_signs_in_and_the_dashboard_offers_no_dief(page, live_server):
    observer = OrganisationUserFactory(username="hana", first_name="Hana", last_name="Mikami")

    sign_in(page, live_server, observer.username)

    page.get_by_role("heading", name="Welcome, Hana Mikami").wait_for()
    assert "Diversion Information Exchange Forum" not in page.locator("#areas").inner_text()
    assert page.locator("a[href='/dief/']").count() == 0


def test_secretariat_sets_up_two_factor_then_reaches_the_dashboard(page, live_server):
    officer = SecretariatUserFactory(username="amal", first_name="Amal", last_name="Haddad")

    sign_in(page, live_server, officer.username)

    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    code = current_code_of(officer)
    page.get_by_label("Six-digit code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Welcome, Amal Haddad").wait_for()
    assert "Administration" in page.locator("#areas").inner_text()

    page.get_by_role("button", name="Amal Haddad").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to the ATT Portal").wait_for()
