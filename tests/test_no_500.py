"""No page answers 500, whatever the address, the query string or the form data, for every
demo role and for a visitor who is not signed in.

What the tests here cover:

- Every id in an address goes through the ``<id:…>`` converter (at most 19 digits, at most
  2**63 - 1): a route that still takes ``<int:…>`` fails the first test, and an id no
  database row can have answers 404 instead of overflowing the query.
- The demo (``make run``'s data) is seeded once for the module. For each role, a crawl
  follows the links and form actions of the pages the role is shown, from every address
  without parameters, and opens each route once with the ids it found: no 500 there.
- GET, with hypothesis: for each role, a deterministic quarter of the portal's routes (the
  ten roles together open every route two or three times), the parameters filled with ids
  of the demo's objects (those the crawls found), 0, the largest id, numbers beyond it, and
  unicode text for the text parameters, with a query string of random keys and of the keys
  the views read (q, page, lang, sort, state...). No 500 and no exception.
- POST, with hypothesis: every form with method="post" that the crawl showed to the role
  (its fields read with html.parser), posted as a person would fill it in (what the form
  offers, plausible text, a small PDF) and then with up to three of its fields replaced by
  text with invisible and control characters, huge numbers, overlong strings, choices that
  are not offered, junk files, or left out. No 500; and when the answer refuses (4xx, or
  the form shown again with its errors), the number of rows of every table, history
  included, is what it was before.

The admin's pages are left out: Django and its apps define them. Hypothesis runs
derandomized (the same examples on every run, so that CI is repeatable) and keeps no
example database; the numbers of examples are tuned to keep the module near a minute and
a half on SQLite.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pikepdf
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter
from django.urls.exceptions import Resolver404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from att_portal import demo
from att_portal.converters import IdConverter
from att_portal.directory.models import User
from tests.conftest import DEMO_ROLES, sign_in

ROLES = (None, *DEMO_ROLES)  # None: not signed in
LARGEST_ID = 2**63 - 1
BEYOND = ["99999999999999999999", str(LARGEST_ID + 1), "9" * 40]
STRIDE = 4  # each role GETs every fourth route; the ten roles, each route two or three times
GET_EXAMPLES = 2
POST_EXAMPLES = 2
# The routes whose answer is a rendered PDF (slow): the crawl opens each once, not per role.
SLOW = re.compile(r"\.pdf$|/pdf/$")
# Posting these is not input the portal could refuse: it would end the session.
NOT_POSTED = {"accounts:logout"}
# Tables a refused post may change by design: failed sign-ins are recorded (axes), the
# session keeps the messages, and the two-factor device notes its last use.
RECORDS_OF_ATTEMPTS = ("axes_", "django_session", "otp_")

QUERY_KEYS = [
    "q",
    "page",
    "lang",
    "sort",
    "state",
    "status",
    "kind",
    "body",
    "cycle",
    "category",
    "mine",
    "edition",
    "next",
    "language",
    "doc_type",
    "issued_after",
    "issued_before",
    "regional_group",
]
TRICKY_TEXT = [
    "",
    " ",
    "\x00",
    "\u200b\u200b",
    "\u202e\u2066abc",
    "\ufeff",
    "0",
    "-1",
    str(LARGEST_ID),
    *BEYOND,
    "1e309",
    "NaN",
    "-Infinity",
    "１２３",  # digits Python reads as a number, from another script
    "٣",
    "2024-02-30",
    "9999-12-31",
    "0000-00-00T25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "https://evil.example/",
    "%00%ff",
    "a\r\nb",
]
OVERLONG = st.builds(lambda: "x" * 10_001)
text_values = st.one_of(st.sampled_from(TRICKY_TEXT), OVERLONG, st.text(max_size=40))
HYPOTHESIS = settings(
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)

pytestmark = pytest.mark.django_db


# --- the resolver -------------------------------------------------------------------------


def _patterns(resolver: URLResolver, prefix: str = ""):
    """(route, converters) of every pattern, the prefixes joined."""
    for entry in resolver.url_patterns:
        converters = dict(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            for route, inner in _patterns(entry, prefix + str(entry.pattern)):
                yield route, {**converters, **inner}
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), converters


def portal_routes() -> list[tuple[str, dict]]:
    """The portal's routes, simplest first; not the admin's, which Django and its apps
    (django-otp, guardian...) define."""
    routes = {
        route: converters
        for route, converters in _patterns(get_resolver())
        if not route.startswith("admin/") and not route.startswith("^")
    }
    return sorted(routes.items(), key=lambda item: (len(item[1]), item[0]))


def test_every_number_in_an_address_goes_through_the_id_converter():
    takes_int = sorted(
        f"{route} ({name})"
        for route, converters in portal_routes()
        for name, converter in converters.items()
        if isinstance(converter, IntConverter)
    )

    assert takes_int == [], "Use <id:…>, not <int:…>, for the numbers in an address."


@pytest.mark.parametrize(
    ("value", "matches"),
    [
        ("0", True),
        ("1", True),
        (str(LARGEST_ID), True),
        ("0" * 19, True),
        (str(LARGEST_ID + 1), False),
        ("99999999999999999999", False),
        ("-1", False),
        ("+1", False),
        ("１２３", False),
        ("1.0", False),
    ],
)
def test_the_id_converter_takes_only_what_a_64_bit_key_can_hold(value, matches):
    route = f"documents/{value}/"

    try:
        match = resolve("/" + route)
    except Resolver404:
        match = None

    assert (match is not None) == matches
    if matches:
        assert (match.url_name, match.kwargs) == ("detail", {"pk": int(value)})


def test_addresses_with_the_largest_id_are_written_and_read_back():
    path = reverse("documents:version_file", args=[LARGEST_ID, "en", 7])

    assert path == f"/documents/{LARGEST_ID}/files/en/7/"
    assert resolve(path).kwargs == {"pk": LARGEST_ID, "language": "en", "version_pk": 7}


# --- the demo, seeded once ----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_people(django_db_setup, django_db_blocker):
    """The demo data, seeded once for this module in a transaction undone at its end (each
    test runs inside it, in a savepoint of its own)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True, DEMO_MODE=True):
                demo.seed()
            yield {user.username: user for user in User.objects.filter(username__in=DEMO_ROLES)}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def client_as(role: str | None, people: dict[str, User]) -> Client:
    client = Client()
    return client if role is None else sign_in(client, people[role])


@pytest.mark.parametrize("role", ["secretariat", "delegate-sp"])
@pytest.mark.parametrize(
    "path",
    [
        "/documents/99999999999999999999/files/en/",
        f"/documents/{LARGEST_ID + 1}/",
        f"/meetings/{LARGEST_ID + 1}/",
        "/dief/cases/99999999999999999999/",
        f"/documents/1/files/en/{LARGEST_ID + 1}/",
    ],
)
def test_an_id_beyond_what_the_database_holds_is_not_found(role, path, demo_people, db):
    client = client_as(role, demo_people)

    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


# --- what the pages show: links and forms --------------------------------------------------


@dataclass
class Form:
    page: str
    action: str
    multipart: bool
    fields: list[dict] = field(default_factory=list)


class PageParser(HTMLParser):
    """The links, and the forms that post, of a page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        for key in ("href", "action", "hx-get", "hx-post"):
            if attrs.get(key, "").startswith("/"):
                self.links.append(attrs[key])
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self._form = Form(
                    page=self.page,
                    action=urljoin(self.page, attrs.get("action", "")),
                    multipart="multipart" in attrs.get("enctype", ""),
                )
                self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._select["options"].append(attrs.get("value", ""))
            return
        if tag in ("input", "textarea", "select", "button"):
            entry = {
                "tag": tag,
                "name": attrs["name"],
                "type": attrs.get("type", "text").lower(),
                "value": attrs.get("value", ""),
                "options": [],
                "multiple": "multiple" in attrs,
            }
            if tag == "select":
                self._select = entry
            if tag != "button" or entry["type"] == "submit":
                self._form.fields.append(entry)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _route_of(path: str):
    """The portal route of `path`; None for the admin's (Django's pages) and unknown ones."""
    try:
        match = resolve(urlsplit(html.unescape(path)).path)
    except Resolver404:
        return None
    return None if match.route.startswith("admin/") else match


@dataclass
class SiteMap:
    """What the crawls found: the ids each route was seen with, the forms each role was
    shown, and any answer that was a 500 or an exception."""

    fills: dict[str, list[dict]] = field(default_factory=dict)
    forms: dict[str | None, dict[tuple, Form]] = field(default_factory=dict)
    failures: dict[tuple, str] = field(default_factory=dict)
    slow_seen: set[str] = field(default_factory=set)

    def values_of(self, route: str, name: str) -> list[str]:
        return sorted({str(fill[name]) for fill in self.fills.get(route, []) if name in fill})

    def learn(self, role, page: str, content: str) -> list[str]:
        parser = PageParser(page)
        parser.feed(content)
        found = []
        for link in parser.links:
            match = _route_of(link)
            if match is None:
                continue
            kwargs = dict(match.captured_kwargs)
            known = self.fills.setdefault(match.route, [])
            if kwargs not in known:
                known.append(kwargs)
            found.append(urlsplit(html.unescape(link)).path)
        forms = self.forms.setdefault(role, {})
        for form in parser.forms:
            match = _route_of(form.action)
            if match is None or match.view_name in NOT_POSTED:
                continue
            key = (match.route, tuple(sorted(f["name"] for f in form.fields)))
            forms.setdefault(key, form)
        return found

    def visit(self, client: Client, role, path: str) -> list[str]:
        """GET `path`; the addresses its page shows."""
        try:
            response = client.get(path)
        except Exception as exc:  # any exception is what this module looks for
            self.failures[(role, "GET", path)] = repr(exc)
            return []
        if response.status_code >= 500:
            self.failures[(role, "GET", path)] = str(response.status_code)
        if (
            response.status_code != 200
            or response.streaming
            or "html" not in response.get("Content-Type", "")
        ):
            return []
        return self.learn(role, path, response.content.decode(errors="replace"))


def _crawl(site: SiteMap, client: Client, role) -> None:
    """Open every route without parameters, then each route once with the ids the pages
    show (links and form actions), following what each page shows in turn."""
    visited_routes: set[str] = set()
    queue = ["/" + route for route, converters in portal_routes() if not converters]
    while queue:
        path = queue.pop(0)
        match = _route_of(path)
        if match is None or match.route in visited_routes:
            continue
        if SLOW.search(match.route):
            if match.route in site.slow_seen:
                continue
            site.slow_seen.add(match.route)
        visited_routes.add(match.route)
        queue.extend(site.visit(client, role, path))


@pytest.fixture(scope="module")
def site(demo_people) -> SiteMap:
    site = SiteMap()
    for role in ROLES:
        with transaction.atomic():
            _crawl(site, client_as(role, demo_people), role)
            transaction.set_rollback(True)
    return site


# --- GET ----------------------------------------------------------------------------------


def _param_values(site: SiteMap, route: str, name: str, converter):
    seen = site.values_of(route, name)
    if isinstance(converter, IdConverter):
        generated = st.one_of(
            st.sampled_from(["0", str(LARGEST_ID), *BEYOND]),
            st.integers(min_value=0, max_value=LARGEST_ID).map(str),
        )
    else:
        generated = st.one_of(
            st.sampled_from(["x", "%20", "-1", "..", "\u202e", "9" * 30]),
            st.builds(lambda: "x" * 300),
            st.text(min_size=1, max_size=20).map(lambda text: quote(text, safe="")),
        )
    return st.one_of(st.sampled_from(seen), generated) if seen else generated


def _path(route: str, values: dict) -> str:
    def fill(match):
        return values[match.group("name")]

    return "/" + re.sub(r"<(?:\w+:)?(?P<name>\w+)>", fill, route)


queries = st.dictionaries(
    keys=st.one_of(st.sampled_from(QUERY_KEYS), st.text(min_size=1, max_size=10)),
    values=text_values,
    max_size=4,
)


def _get_route(client: Client, site: SiteMap, route: str, converters: dict) -> dict:
    """GET `route` with generated parameters and query strings; the status of each."""
    answered: dict[tuple, int] = {}
    params = st.fixed_dictionaries(
        {name: _param_values(site, route, name, c) for name, c in converters.items()}
    )

    @settings(HYPOTHESIS, max_examples=GET_EXAMPLES if converters else 1)
    @given(values=params, query=queries)
    def get_answers_cleanly(values, query):
        path = _path(route, values)
        status = client.get(path, query).status_code  # an exception fails the test too
        answered[(path, tuple(sorted(query.items())))] = status
        assert status < 500, (path, query)

    get_answers_cleanly()
    return answered


@pytest.mark.parametrize("role", ROLES)
def test_no_address_answers_500_for_any_role(role, demo_people, site, db):
    client = client_as(role, demo_people)
    offset = ROLES.index(role)
    routes = [r for i, r in enumerate(portal_routes()) if (i + offset) % STRIDE == 0]

    answered = {}
    for route, converters in routes:
        answered |= _get_route(client, site, route, converters)

    assert {key: value for key, value in site.failures.items() if key[0] == role} == {}
    assert len(answered) >= len(routes)


# --- POST ---------------------------------------------------------------------------------


def _tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if not model._meta.db_table.startswith(RECORDS_OF_ATTEMPTS)
        }
    )


def fingerprint(tables: list[str]) -> dict[str, int]:
    """The number of rows of every table (history tables included, so an update shows)."""
    quote_name = connection.ops.quote_name
    # The table names come from the models, quoted: nothing of a request is in this SQL.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote_name(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def junk_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n\x00\xff junk" * 50, "application/pdf")


def pdf_file() -> SimpleUploadedFile:
    """A small, well-formed PDF: what a person would upload."""
    document, out = pikepdf.new(), io.BytesIO()
    document.add_blank_page()
    document.save(out)
    return SimpleUploadedFile("document.pdf", out.getvalue(), "application/pdf")


FILES = st.one_of(
    st.sampled_from(["junk.pdf", "junk.docx", "junk.exe", "ж.pdf", ".pdf", "a.pdf.exe"]),
    st.builds(lambda: "a" * 300 + ".pdf"),
)
# What a person would type in an input of each type (a text input otherwise).
PLAUSIBLE = {
    "date": "2030-06-03",
    "datetime-local": "2030-06-03T10:00",
    "time": "10:00",
    "number": "1",
    "email": "person@example.org",
    "url": "https://example.org/",
    "password": "a long passphrase 1",
}


def _plausible(entries: list[dict]):
    """The value a person would most likely send for a field: what the form offers."""
    entry = entries[0]
    if entry["type"] == "file":
        return st.builds(pdf_file)
    if entry["tag"] == "select":
        offered = [option for option in entry["options"] if option] or [""]
        return st.just(offered[:1] if entry["multiple"] else offered[0])
    if entry["type"] == "hidden":
        return st.just(entry["value"])
    if entry["type"] in ("checkbox", "radio", "submit"):
        return st.just(entry["value"] or "on")
    return st.just(entry["value"] or PLAUSIBLE.get(entry["type"], "Plausible text"))


def _junk(entries: list[dict]):
    entry = entries[0]
    if entry["type"] == "file":
        return st.one_of(st.none(), FILES.map(junk_file))
    if entry["tag"] == "select" or entry["type"] in ("checkbox", "radio"):
        offered = st.sampled_from([entry["value"] for entry in entries] + entry["options"] or [""])
        one = st.one_of(offered, text_values)
        return st.lists(one, max_size=3) if entry["multiple"] else st.one_of(st.none(), one)
    return st.one_of(st.none(), text_values)


def _form_data(form: Form):
    """A plausible submission of the form (what it offers, what a person would type) with
    a few of its fields replaced by junk, or left out."""
    groups: dict[str, list[dict]] = {}
    for entry in form.fields:
        groups.setdefault(entry["name"], []).append(entry)
    names = sorted(name for name in groups if name != "csrfmiddlewaretoken")

    def submission(broken: frozenset[str]):
        return st.fixed_dictionaries(
            {
                name: _junk(entries) if name in broken else _plausible(entries)
                for name, entries in groups.items()
            }
        )

    broken = st.frozensets(st.sampled_from(names), max_size=3) if names else st.just(frozenset())
    return broken.flatmap(submission)


def refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    if response.status_code != 200 or response.streaming:
        return False
    content = response.content.decode(errors="replace")
    return "invalid-feedback" in content or "alert-danger" in content


def _post_form(client: Client, form: Form, tables: list[str]) -> dict:
    """POST `form` with generated values; the status of each. A refusal changes nothing."""
    posted: dict[tuple, int] = {}

    @settings(HYPOTHESIS, max_examples=POST_EXAMPLES)
    @given(data=_form_data(form))
    def post_answers_cleanly(data):
        data = {key: value for key, value in data.items() if value is not None}
        before = fingerprint(tables)
        response = client.post(form.action, data)  # an exception fails the test too
        posted[repr(sorted(data.items(), key=str))] = response.status_code
        assert response.status_code < 500, (form.action, data)
        if refused(response):
            after = fingerprint(tables)
            changed = {t: (before[t], after[t]) for t in tables if before[t] != after[t]}
            assert changed == {}, (form.action, response.status_code, data)

    post_answers_cleanly()
    return posted


@pytest.mark.parametrize("role", ROLES)
def test_no_form_answers_500_and_a_refused_one_changes_nothing(role, demo_people, site, db):
    client = client_as(role, demo_people)
    tables = _tables()
    forms = site.forms.get(role, {})

    posted = {}
    for key, form in sorted(forms.items()):
        posted[key] = _post_form(client, form, tables)

    assert sorted(posted) == sorted(forms)
