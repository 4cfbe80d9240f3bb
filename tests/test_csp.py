"""The Content-Security-Policy: every page each demo role reaches carries the strict policy,
and none needs what it forbids — no inline <script>, no on… handler, no style attribute,
no <style> element, no javascript: link. Error pages carry it too."""

from __future__ import annotations

import json
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from att_portal.directory.models import User
from tests.conftest import DEMO_ROLES, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRICT_POLICY = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "frame-ancestors": ("'none'",),
    "form-action": ("'self'",),
}
# Views that answer with a file, not a page (PDFs are rendered by WeasyPrint, not a
# browser), and the sign-out, which is a POST anyway.
FILE_VIEWS = frozenset(
    {
        "accounts:logout",
        "dief:attachment_download",
        "dief:case_pdf",
        "dief:item_pdf",
        "documents:agenda_pdf",
        "documents:agenda_version_pdf",
        "documents:cover_letter_pdf",
        "documents:report_pdf",
        "documents:version_download",
        "documents:version_file",
        "meetings:calendar_feed",
        "meetings:participants_export",
        "meetings:pdf",
        "wgeti:guides:fact_sheet",
    }
)
# A view shows its pages through one template: a couple of its pages stand for the rest
# (all the States, every case), and one page for each view of the administration, which
# keeps the crawl of the eight roles near a minute.
PAGES_PER_VIEW = 2
PAGES_PER_ADMIN_VIEW = 1
PAGES_PER_ROLE = 300
# The one thing in the administration the policy refuses, and it is cosmetic:
# django-simple-history's change history styles its paginator inline ("border-top: 0"), so
# the paginator keeps a top border (tests/e2e/test_content_security_policy.py sees it).
ADMIN_HISTORY_PAGINATOR = "style= on <p>"


def policy_of(response) -> dict[str, tuple[str, ...]]:
    directives = [part.split() for part in response.get("Content-Security-Policy", "").split(";")]
    policy = {words[0]: tuple(words[1:]) for words in directives if words}
    assert len(policy) == len([words for words in directives if words]), "a directive twice"
    return policy


class PageParser(HTMLParser):
    """The links of a page, and whatever in it a strict policy would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.refused: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "script" and not values.get("src"):
            self.refused.append("inline <script>")
        if tag == "style":
            self.refused.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(f"{name}= on <{tag}>")
            elif name == "style":
                self.refused.append(f"style= on <{tag}>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.refused.append(f"javascript: in {name}= on <{tag}>")


def view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def refused_on(url: str, response) -> list[str]:
    """What in this response a strict policy refuses, or the wrong header."""
    found = [f"status {response.status_code}"] if response.status_code >= 500 else []
    if policy_of(response) != STRICT_POLICY:
        found.append(f"policy {response.get('Content-Security-Policy')!r}")
    return found


def same_origin(base: str, link: str) -> str | None:
    target, _fragment = urldefrag(urljoin(base, link))
    parts = urlsplit(target)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, start: str) -> tuple[dict[str, list[str]], int]:
    """Visit the pages reachable from `start` by same-origin links. Returns, for each page
    that breaks the policy, what it has that the policy refuses; and how many were seen."""
    problems: dict[str, list[str]] = {}
    queue, seen, per_view = deque([start]), {start}, {}
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        url = queue.popleft()
        path = urlsplit(url).path
        name = view_name(path)
        in_admin = path.startswith("/admin/")
        limit = PAGES_PER_ADMIN_VIEW if in_admin else PAGES_PER_VIEW
        if name in FILE_VIEWS or per_view.get(name, 0) >= limit:
            continue
        per_view[name] = per_view.get(name, 0) + 1
        visited += 1
        response = client.get(url)
        found = refused_on(url, response)
        links = []
        if response.status_code in (301, 302):
            links = [response["Location"]]
        elif response["Content-Type"].startswith("text/html"):
            parser = PageParser()
            parser.feed(response.content.decode())
            found += [
                refusal
                for refusal in parser.refused
                if not (
                    in_admin and path.endswith("/history/") and refusal == ADMIN_HISTORY_PAGINATOR
                )
            ]
            links = parser.links
        if found:
            problems[url] = found
        for link in links:
            local = same_origin(url, link)
            if local is not None and local not in seen:
                seen.add(local)
                queue.append(local)
    return problems, visited


def test_every_page_of_every_demo_role_carries_the_strict_policy_and_needs_nothing_it_refuses(
    demo_users,
):
    problems, visited = {}, {}
    for role in DEMO_ROLES:
        user = demo_users[role]
        User.objects.filter(pk=user.pk).update(preferred_language="en")
        # A page that fails is reported with the others rather than stopping the crawl.
        client = sign_in(Client(raise_request_exception=False), user)
        problems[role], visited[role] = crawl(client, reverse("dashboard"))

    assert problems == {role: {} for role in DEMO_ROLES}
    # The crawl went everywhere: past the dashboard, and into the administration for the
    # Secretariat.
    assert min(visited.values()) > 30
    assert visited["secretariat"] > 100


def test_the_sign_in_and_password_reset_pages_carry_the_policy(client):
    for url in (reverse("accounts:login"), reverse("accounts:password_reset")):
        response = client.get(url)
        parser = PageParser()
        parser.feed(response.content.decode())

        assert (response.status_code, policy_of(response), parser.refused) == (
            200,
            STRICT_POLICY,
            [],
        )


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("delegate-obs", "/no-such-page/", 404),
        ("ngo", "/dief/", 403),
        ("delegate-obs", "/meetings/999999/", 404),
    ],
)
def test_error_pages_carry_the_policy(client_for, role, url, status):
    response = client_for(role).get(url)
    parser = PageParser()
    parser.feed(response.content.decode())

    assert (response.status_code, policy_of(response), parser.refused) == (
        status,
        STRICT_POLICY,
        [],
    )


def test_the_lockout_page_carries_the_policy(client):
    person = UserFactory()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": person.username, "password": "x"})

    response = client.post(
        reverse("accounts:login"),
        {"username": person.username, "password": "correct horse battery staple"},
    )

    assert (response.status_code, policy_of(response)) == (429, STRICT_POLICY)


def test_htmx_is_told_to_inject_no_style_and_evaluate_no_javascript(client_for):
    page = client_for("delegate-sp").get(reverse("dashboard")).content.decode()
    parser = MetaParser()
    parser.feed(page)

    assert json.loads(parser.meta["htmx-config"]) == {
        "includeIndicatorStyles": False,
        "allowEval": False,
    }


class MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.meta[values["name"]] = values.get("content") or ""
