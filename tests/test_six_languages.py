"""A delegate reads the portal in their own language: no English interface string on the
dashboard, a DIEF case, the WGETI home or a guide; the language follows the person's
preference, else the browser; the switch keeps the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from att_portal.directory.models import User
from forums.models import Case
from working_groups.guides.models import Guide

LOCALE = settings.BASE_DIR / "locale"
CATALOGUE_OF = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")
TAG = re.compile(r"<[^>]+>")
# Words that are the same in the interface of every language: acronyms and names.
SAME_EVERYWHERE = {"PDF", "DIEF", "ATT", "HTML", "CSV", "TOTP", "OK"}


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and the labels of attributes, leaving out
    scripts, styles and what is marked as written in another language (content shown in
    English because it has not been translated carries lang="en")."""

    LABELS = ("title", "placeholder", "aria-label", "alt")
    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area"}

    def __init__(self, page_language: str):
        super().__init__()
        self.page_language = page_language
        self.stack: list[tuple[str, bool]] = []
        self.nodes: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        skip = tag in ("script", "style") or (bool(lang) and lang != self.page_language)
        if not skip and not self._skipping():
            self.nodes.extend(attrs[name].strip() for name in self.LABELS if attrs.get(name))
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.nodes.append(" ".join(data.split()))


def visible_text(html: str, language: str) -> list[str]:
    parser = VisibleText(language.lower())
    parser.feed(html)
    return parser.nodes


def english_interface_strings(language: str) -> list[tuple[str, re.Pattern]]:
    """The msgids whose translation differs from the English, as patterns (placeholders
    match any text)."""
    po = polib.pofile(str(LOCALE / CATALOGUE_OF[language] / "LC_MESSAGES" / "django.po"))
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        pairs = (
            [(entry.msgid, entry.msgstr_plural.get(0, "")), (entry.msgid_plural, "")]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for msgid, msgstr in pairs:
            if msgid == msgstr:
                continue
            for piece in TAG.split(msgid):
                piece = " ".join(piece.split())
                words = PLACEHOLDER.sub(" ", piece).split()
                if len("".join(words)) < 3 or piece in SAME_EVERYWHERE:
                    continue
                if len(words) == 1:  # a single word: a whole label, not a word in a sentence
                    pattern = rf"^{re.escape(piece)}$"
                else:
                    parts = [re.escape(p.strip()) for p in PLACEHOLDER.split(piece)]
                    pattern = r"(?<!\w)" + r".+?".join(p for p in parts if p) + r"(?!\w)"
                found.append((piece, re.compile(pattern)))
    return found


def english_left(html: str, language: str) -> list[str]:
    nodes = visible_text(html, language)
    text = " ".join(nodes)
    left = set()
    for piece, pattern in english_interface_strings(language):
        if pattern.pattern.startswith("^"):
            if any(pattern.match(node) for node in nodes):
                left.add(piece)
        elif pattern.search(text):
            left.add(piece)
    return sorted(left)


@pytest.fixture
def delegate_reading(client_for, demo_users):
    def make(language: str) -> Client:
        User.objects.filter(username="delegate-sp").update(preferred_language=language)
        demo_users["delegate-sp"].refresh_from_db()
        return client_for("delegate-sp")

    return make


def key_pages() -> dict[str, str]:
    case = Case.objects.filter(provider_state__country="AT").order_by("pk").first()
    guide = Guide.objects.order_by("pk").first()
    return {
        "dashboard": reverse("dashboard"),
        "DIEF case": reverse("dief:case_detail", args=[case.pk]),
        "WGETI home": reverse("wgeti:home"),
        "guide": guide.get_absolute_url(),
    }


@pytest.mark.parametrize("language", list(CATALOGUE_OF))
def test_key_pages_show_no_english_interface_string_to_a_delegate_reading_another_language(
    language, delegate_reading
):
    client = delegate_reading(language)
    left = {}
    for name, url in key_pages().items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response.headers["Content-Language"] == language
        english = english_left(response.content.decode(), language)
        if english:
            left[name] = english

    assert left == {}


def test_the_check_finds_english_left_on_a_page():
    html = '<p>Meetings</p><p lang="en">My deadlines</p><button title="Search">x</button>'

    assert english_left(html, "fr") == ["Meetings", "Search"]


def test_a_signed_in_person_reads_their_preferred_language_whatever_the_browser_asks(
    delegate_reading,
):
    client = delegate_reading("ru")

    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="fr")

    assert response.headers["Content-Language"] == "ru"
    assert '<html lang="ru" dir="ltr">' in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("ar,en;q=0.5", "ar"), ("zh-CN,zh;q=0.9", "zh-hans"), ("es-MX", "es"), ("de-CH", "en")],
)
def test_the_sign_in_page_speaks_the_language_the_browser_asks_for(db, accept, expected):
    response = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=accept)

    assert response.headers["Content-Language"] == expected


def test_the_language_switch_keeps_the_person_on_their_page(delegate_reading):
    client = delegate_reading("en")
    page = reverse("wgeti:home") + "?tab=calls"

    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": page})

    assert response.status_code == 302
    assert response.headers["Location"] == page
    assert client.get(page).headers["Content-Language"] == "fr"
    assert User.objects.get(username="delegate-sp").preferred_language == "fr"


def test_the_language_switch_refuses_an_address_outside_the_portal(delegate_reading):
    client = delegate_reading("en")

    response = client.post(
        reverse("accounts:set_language"), {"language": "fr", "next": "https://evil.example/"}
    )

    assert response.headers["Location"] == reverse("dashboard")
