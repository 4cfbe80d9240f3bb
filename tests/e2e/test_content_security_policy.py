"""The Content-Security-Policy in a real browser: key pages of the Secretariat and of a
delegate, in English and in Arabic, raise no 'securitypolicyviolation' — Bootstrap's menus
and HTMX work under it, and HTMX injects no style and evaluates nothing."""

from __future__ import annotations

import pytest

from att_portal import demo
from att_portal.directory.models import User
from tests.demo_objects import dief_meeting_ahead, wgeti_meeting_ahead
from tests.e2e.conftest import current_code_of, sign_in_as_demo
from tests.factories import TOTPDeviceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Runs in each page before its own scripts; the browser reports every refusal as an event.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    [event.effectiveDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" ")
  );
});
"""


@pytest.fixture
def watched_page(page):
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    page.console_violations = console
    return page


def violations_on(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate("window.__cspViolations")


def enter_second_factor_if_asked(page, user) -> None:
    if "/accounts/two-factor/" in page.url:
        page.locator("#id_token").fill(current_code_of(user))
        page.locator("#id_token").press("Enter")
        page.wait_for_load_state("load")


def sign_in_as(page, live_server, user) -> None:
    sign_in_as_demo(page, live_server, user)
    enter_second_factor_if_asked(page, user)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_secretariat_pages_and_the_administration_raise_no_violation(
    watched_page, live_server, demo_people, language
):
    page = watched_page
    officer = demo_people["secretariat"]
    User.objects.filter(pk=officer.pk).update(preferred_language=language)
    dief, wgeti = dief_meeting_ahead(), wgeti_meeting_ahead()
    person = demo_people["delegate-sp"]
    # No device yet: the Secretariat is sent to pair one, past the page with the QR code.
    page.goto(f"{live_server.url}/")
    page.locator("#id_username").fill(officer.username)
    page.locator("#id_password").fill(demo.demo_password())
    page.locator("#id_password").press("Enter")
    page.locator(".qr svg").wait_for()
    setup_violations = page.evaluate("window.__cspViolations")
    page.locator("#id_token").fill(current_code_of(officer))
    page.locator("#id_token").press("Enter")
    page.wait_for_load_state("load")

    found = {"two-factor setup": setup_violations}
    for url in (
        "/",
        "/meetings/",
        f"/meetings/{dief.pk}/",
        f"/meetings/{wgeti.pk}/",
        f"/documents/agendas/{dief.pk}/",
        "/documents/",
        "/dief/",
        "/wgeti/",
        "/directory/states/",
        "/admin/",
        "/admin/directory/user/",
        f"/admin/directory/user/{person.pk}/change/",
        f"/admin/meetings/meeting/{dief.pk}/change/",
        "/admin/meetings/meeting/add/",
    ):
        found[url] = violations_on(page, f"{live_server.url}{url}")
    page.goto(f"{live_server.url}/")
    page.locator(".portal-navbar .dropdown-toggle").click()
    page.locator(".portal-navbar .dropdown-menu.show").wait_for()
    found["user menu opened"] = page.evaluate("window.__cspViolations")
    htmx_config = page.evaluate("[htmx.config.allowEval, htmx.config.includeIndicatorStyles]")
    console_before_history = list(page.console_violations)
    # The one known refusal, cosmetic: django-simple-history's change history styles its
    # paginator inline ("border-top: 0"), so the paginator keeps a top border. It also
    # shows that the watch works.
    history = violations_on(page, f"{live_server.url}/admin/directory/user/{person.pk}/history/")

    assert found == {name: [] for name in found}
    assert console_before_history == []
    assert htmx_config == [False, False]
    assert [violation.split()[:2] for violation in history] == [["style-src-attr", "inline"]]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_delegate_pages_and_the_collapsed_menu_raise_no_violation(
    watched_page, live_server, demo_people, language
):
    page = watched_page
    delegate = demo_people["delegate-sp"]
    User.objects.filter(pk=delegate.pk).update(preferred_language=language)
    TOTPDeviceFactory(user=delegate)
    wgeti = wgeti_meeting_ahead()
    sign_in_as(page, live_server, delegate)

    found = {}
    for url in (
        "/",
        "/meetings/",
        f"/meetings/{wgeti.pk}/",
        "/documents/",
        "/wgeti/",
        "/wgeti/guides/",
        "/accounts/profile/",
        "/notices/",
    ):
        found[url] = violations_on(page, f"{live_server.url}{url}")
    page.goto(f"{live_server.url}/dief/")
    enter_second_factor_if_asked(page, delegate)
    found["/dief/"] = page.evaluate("window.__cspViolations")
    # A narrow screen: the menu folds behind the toggler and Bootstrap's collapse opens it.
    page.set_viewport_size({"width": 480, "height": 800})
    page.goto(f"{live_server.url}/")
    page.locator(".navbar-toggler").click()
    page.locator("#portal-nav.show").wait_for()
    found["menu unfolded"] = page.evaluate("window.__cspViolations")

    assert found == {name: [] for name in found}
    assert page.console_violations == []
