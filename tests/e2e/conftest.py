"""The browser of the end-to-end tests: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil

import pytest
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    page.get_by_label("User name or e-mail address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def demo_people(transactional_db):
    """The demo data of `make run` in the live server's database, by user name."""
    from django.test import override_settings

    from att_portal import demo
    from att_portal.directory.models import User

    with override_settings(DEBUG=True, DEMO_MODE=True):
        demo.seed()
    return {user.username: user for user in User.objects.filter(is_demo_account=True)}


def sign_in_as_demo(page, live_server, user) -> None:
    """Sign a demo account in with the demo password, as a visitor of `make run` does."""
    from att_portal import demo

    page.goto(f"{live_server.url}/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(demo.demo_password())
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state("load")
