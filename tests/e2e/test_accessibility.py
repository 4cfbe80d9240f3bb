"""Every page each demo persona reaches passes axe-core's WCAG 2.1 A and AA rules with no
serious or critical violation, and its rules on the page's structure (landmarks, headings,
unique ids) with none at all, in English and in Arabic, on a laptop (1280 px) and on a
phone (390 px, where nothing scrolls sideways).

The crawl starts at the dashboard and follows the portal's own links (GET only: no sign-out,
no download, no administration), one page per address pattern (``/dief/cases/3/`` and
``/dief/cases/4/`` are one pattern), taking the areas in turn so that each area the persona
reaches is checked even when the bound stops the crawl. The Arabic pass revisits the same
addresses after the persona switches the portal to Arabic with the footer's language form.

axe-core comes from the npm registry, pinned in package-lock.json (`npm ci`, which `make
test` runs); it is injected into each page, so this test's browser context bypasses the
portal's Content-Security-Policy, and this test's only.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from tests.conftest import DEMO_ROLES
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, current_code_of, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Distinct address patterns checked per persona, the areas taken in turn: every area a
# persona reaches, and the whole file in about three minutes on two cores.
MAX_PATTERNS = 24
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The page's structure, which axe files under best practice, of whatever impact it rates
# them: one main landmark and all content in landmarks, an h1 and headings that skip no
# level, ids used once.
STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-no-duplicate-main",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
    "duplicate-id",
    "duplicate-id-active",
]
# Not pages to check: signing out, files, the Django administration, the language switch
# (a POST form), the second factor once it is verified.
SKIPPED_PATHS = re.compile(r"^/(admin/|accounts/(logout|language|two-factor)/)")
DOWNLOADS = re.compile(r"\.(pdf|csv|xlsx|ics|docx?|zip|png|jpe?g|svg)$", re.IGNORECASE)
# Views that answer with a file rather than a page (PDFs are slow to make, too).
DOWNLOAD_VIEWS = re.compile(r"(pdf|download|export|feed)$")

RUN_AXE = """async ([tags, structure]) => {
  const rules = Object.fromEntries(structure.map((id) => [id, {enabled: true}]));
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || structure.includes(v.id))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      count: v.nodes.length,
    }));
}"""
# The page's scripts have seen the new width (resize handlers run before animation frames).
AFTER_LAYOUT = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
SCROLLS_SIDEWAYS = "() => document.documentElement.scrollWidth > window.innerWidth"
LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter((a) => !a.hasAttribute('download'))
  .map((a) => a.href)"""


@pytest.fixture
def browser(live_server):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI; `make test` installs it.")
        pytest.skip("Debian's chromium package is not installed (make test installs it).")
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"axe-core is missing ({AXE}); `make test` installs it with `npm ci` "
                "(Debian packages nodejs and npm)."
            )
        pytest.skip("axe-core is not installed: run `npm ci` (Debian packages nodejs and npm).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pattern_of(url: str) -> str:
    """The address pattern a URL is an instance of: its route, and the names of its query
    parameters (not their values)."""
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = re.sub(r"/\d+(?=/|$)", "/<id>", parts.path)
    keys = sorted({key for key, _value in parse_qsl(parts.query) if key != "page"})
    return route + ("?" + "&".join(keys) if keys else "")


def area_of(pattern: str) -> tuple[str, str]:
    """The part of the portal an address pattern belongs to, and the part of that part:
    ("dief", "cases"), ("meetings", "")."""
    words = [part for part in pattern.split("?")[0].split("/") if part and "<" not in part]
    return (words[0] if words else "", words[1] if len(words) > 1 else "")


def is_page_to_check(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or parts.scheme not in ("http", "https"):
        return False
    if SKIPPED_PATHS.match(parts.path) or DOWNLOADS.search(parts.path):
        return False
    try:
        return not DOWNLOAD_VIEWS.search(resolve(parts.path).url_name or "")
    except Resolver404:
        return True


class Checker:
    """Runs axe on pages of one persona's browser context and collects what fails."""

    def __init__(self, page, role: str):
        self.page = page
        self.role = role
        self.problems: list[str] = []

    def check_here(self, label: str) -> None:
        """The page now shown, at both widths."""
        url = self.page.url
        for name, viewport in (("1280px", DESKTOP), ("390px", PHONE)):
            self.page.set_viewport_size(viewport)
            self.page.evaluate(AFTER_LAYOUT)
            where = f"{self.role} · {label} · {name} · {url}"
            if not self.page.evaluate("() => typeof axe !== 'undefined'"):
                self.page.add_script_tag(path=str(AXE))
            for violation in self.page.evaluate(RUN_AXE, [WCAG_TAGS, STRUCTURE_RULES]):
                self.problems.append(
                    f"{where}\n    {violation['impact']} {violation['id']}: {violation['help']}"
                    f" ({violation['count']}×) at {violation['targets']}"
                )
            if viewport is PHONE and self.page.evaluate(SCROLLS_SIDEWAYS):
                width = self.page.evaluate("() => document.documentElement.scrollWidth")
                self.problems.append(f"{where}\n    scrolls sideways: {width}px wide")
        self.page.set_viewport_size(DESKTOP)

    def visit(self, url: str, label: str) -> list[str] | None:
        """Open `url`, check it, and return the links on it (None: not a page)."""
        from playwright.sync_api import Error

        try:
            response = self.page.goto(url)
        except Error as error:
            if "Download is starting" in str(error):
                return None
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            return None
        if response.status >= 500:
            self.problems.append(f"{self.role} · {label} · {url}\n    answered {response.status}")
            return None
        self.check_here(label)
        return self.page.evaluate(LINKS)


def crawl(checker: Checker, origin: str) -> list[str]:
    """Check the pages reachable from the dashboard, one per pattern, taking the areas in
    turn (the DIEF, then the WGETI, ...), and in an area its parts in turn (the DIEF's
    cases, then its briefings, ...); return the addresses checked."""
    queued: dict[tuple[str, str], list[str]] = defaultdict(list)  # area -> addresses
    seen_patterns: set[str] = set()
    checked: list[str] = []
    visits: dict[tuple[str, str] | str, int] = defaultdict(int)  # per area and per part

    def enqueue(url: str) -> None:
        url = url.split("#", 1)[0]
        if not is_page_to_check(url, origin):
            return
        pattern = pattern_of(url)
        if pattern in seen_patterns:
            return
        seen_patterns.add(pattern)
        queued[area_of(pattern)].append(url)

    enqueue(f"{origin}/")
    # The search page is reached by the top bar's form, not by a link.
    enqueue(f"{origin}/search/?q=arms")
    while len(checked) < MAX_PATTERNS:
        waiting = [area for area, urls in queued.items() if urls]
        if not waiting:
            break
        area = min(waiting, key=lambda a: (visits[a[0]], visits[a], a))
        url = queued[area].pop(0)
        visits[area[0]] += 1
        visits[area] += 1
        links = checker.visit(url, "en")
        if links is None:
            continue
        checked.append(url)
        for link in links:
            enqueue(link)
    return checked


def verify_second_factor(checker: Checker, user) -> None:
    """On the page that asks for the second factor, as a first-time user: check the page,
    then enter the code of the authenticator app it set up."""
    checker.check_here("en")
    checker.page.get_by_label("Six-digit code from your authenticator app").fill(
        current_code_of(user)
    )
    checker.page.get_by_role("button", name=re.compile("^(Confirm|Verify)$")).click()
    checker.page.wait_for_url(lambda url: "/accounts/two-factor" not in url)


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_every_page_a_persona_reaches_passes_wcag_21_aa_in_english_and_arabic(
    browser, live_server, demo_users, role
):
    user = demo_users[role]
    user.set_password(PASSWORD)
    user.preferred_language = "en"
    user.save(update_fields=["password", "preferred_language"])
    context = browser.new_context(locale="en-GB", viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    checker = Checker(page, role)
    origin = live_server.url

    page.goto(f"{origin}/")
    checker.check_here("en, signed out")
    # A persona who must use a second factor sets up the authenticator app as on first use
    # (the Secretariat on signing in, the others on entering the DIEF): those pages too.
    sign_in(page, live_server, role)
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    if "/accounts/two-factor" in page.url:
        verify_second_factor(checker, user)
    # The DIEF asks for the second factor of those who may enter it.
    page.goto(f"{origin}/dief/")
    if "/accounts/two-factor" in page.url:
        verify_second_factor(checker, user)

    checked = crawl(checker, origin)

    # The reader's language is their profile's: the footer's form changes it.
    page.goto(f"{origin}/")
    page.locator("footer").get_by_label("Language").select_option("ar")
    page.locator("footer").get_by_role("button", name="Change").click()
    page.wait_for_function("() => document.documentElement.dir === 'rtl'")
    for url in checked:
        checker.visit(url, "ar")
    context.close()

    areas = sorted({"/".join(area_of(pattern_of(url))).strip("/") for url in checked})
    print(f"{role}: {len(checked)} address patterns in 2 languages at 2 widths; areas {areas}")
    assert len(checked) >= 5, f"{role} reached only {checked}"
    report = "\n".join(checker.problems)
    assert checker.problems == [], f"{len(checker.problems)} accessibility problems:\n{report}"
