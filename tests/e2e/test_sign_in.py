"""A real browser (Debian's Chromium driven by Playwright) through sign-in and the dashboard."""

from __future__ import annotations

import os
import shutil

import pytest
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import OrganisationUserFactory, SecretariatUserFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI; `make test` installs it.")
        pytest.skip("Debian's chromium package is not installed (make test installs it).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def current_code_of(user) -> str:
    """The code the person's authenticator app shows now. Playwright's sync API runs the
    test in a greenlet, where Django opens a connection of its own: close it after use."""
    try:
        device = TOTPDevice.objects.get(user=user)
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    finally:
        connection.close()


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


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
