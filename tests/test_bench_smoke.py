"""The benchmark stays runnable: its tiny version seeds in seconds, every key page answers
both bench roles with at most a pinned number of queries, and that number does not grow
when the volume does. Timings are for `make bench`, never asserted here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from bench import measure, pages
from bench.http import parse_wrk
from bench.seed import Plan, RefusedDatabase, check_database, seed
from forums.models import Case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SMALL, LARGER = 0.002, 0.02
# The most queries each page may make for each bench role (a request once the process is
# warm). Lower them when a page gets cheaper; a page that needs more must say why.
PINNED = {
    "dashboard": {"delegate": 6, "secretariat": 5},
    # The page's ids, then its rows (documents/pagination.py), then its files and its count.
    "document search": {"delegate": 8, "secretariat": 8},
    # Fourteen sections (the DIEF's two for the delegate), each its first rows and its
    # count up to the limit; the files of the documents shown.
    "portal search": {"delegate": 31, "secretariat": 30},
    "portal search by symbol": {"delegate": 31, "secretariat": 30},
    "documents": {"delegate": 8, "secretariat": 8},
    "document": {"delegate": 9, "secretariat": 9},
    "DIEF cases": {"delegate": 7, "secretariat": 6},
    # The Secretariat's one more: the access log counts the provider's own openings apart.
    "case": {"delegate": 12, "secretariat": 11},
    "platform items": {"delegate": 7, "secretariat": 6},
    # The delegate's seven more: what the workflows ask of their State (forums/acts.py: the
    # presentations, notices, briefings, the State's name, the experts in their silence
    # procedure counted per meeting and those meetings; and the guides' open revisions),
    # whatever their number.
    "my deadlines": {"delegate": 13, "secretariat": 6},
    # The delegate's one more: whether the agenda page opens to them (the issued agenda,
    # else its issued versions), so that the page never links a 404; editors ask nothing.
    "meeting": {"delegate": 16, "secretariat": 19},
    "WGETI home": {"delegate": 7, "secretariat": 7},
    "guide": {"delegate": 9, "secretariat": 9},
}


def _key_page_queries() -> dict[tuple[str, str], tuple[int, int]]:
    """(page, role) -> (status, queries of a request once warm), as `make bench` counts."""
    results = {}
    key_pages = pages.key_pages()
    for role in pages.ROLES:
        session = pages.sign_in(pages.bench_user(role))
        client = measure.client_for(session)
        for page in key_pages:
            result = measure.page_queries(client, page.path)
            results[(page.name, role)] = (result.status, result.queries)
        pages.sign_out(session)
    return results


def test_every_key_page_answers_both_bench_roles_within_pinned_queries_at_two_volumes():
    seed(SMALL)
    small = _key_page_queries()
    cases_before = Case.objects.count()
    report = seed(LARGER)
    larger = _key_page_queries()

    assert report.made["documents"] > 0
    assert Case.objects.count() > cases_before
    assert {key: status for key, (status, _n) in small.items()} == dict.fromkeys(small, 200)
    assert {key: status for key, (status, _n) in larger.items()} == dict.fromkeys(larger, 200)
    over = {
        key: queries
        for key, (_status, queries) in larger.items()
        if queries > PINNED[key[0]][key[1]]
    }
    assert over == {}
    grown = {
        key: (small[key][1], queries)
        for key, (_status, queries) in larger.items()
        if queries > small[key][1]
    }
    assert grown == {}


def test_a_second_seeding_finds_the_volume_there_and_makes_nothing():
    seed(SMALL)

    report = seed(SMALL)

    assert report.nothing_made
    assert set(report.made) >= {"States", "people", "meetings", "documents", "grants"}


def test_the_bench_delegate_reads_a_case_narrowed_to_their_state_through_its_group():
    seed(SMALL)
    delegate = pages.bench_user("delegate")
    case = pages.key_case(delegate)
    session = pages.sign_in(delegate)
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session

    response = client.get(case.get_absolute_url())

    assert response.status_code == 200
    assert case.provider_state_id != delegate.state_id
    assert delegate.groups.filter(delegation_of__pk=delegate.state_id).count() == 1


def test_the_plan_scales_each_kind_down_to_a_floor():
    assert Plan.at(1.0).targets == {
        "states": 200,
        "people": 5000,
        "shared_items": 20_000,
        "documents": 50_000,
        "meetings": 310,
        "expert_proposals": 1000,
    }
    assert Plan.at(0.01).targets == {
        "states": 40,
        "people": 60,
        "shared_items": 200,
        "documents": 500,
        "meetings": 16,
        "expert_proposals": 10,
    }
    with pytest.raises(ValueError, match="positive"):
        Plan.at(0)


def test_the_seed_command_fills_postgresql_only():
    if connection.vendor == "postgresql":
        check_database()  # an empty test database is accepted
        UserFactory.create_batch(51)
        with pytest.raises(RefusedDatabase, match="neither the demo"):
            check_database()
    else:
        with pytest.raises(RefusedDatabase, match="PostgreSQL"):
            check_database()


def test_the_reference_views_exist_under_the_bench_urls_only(client):
    with pytest.raises(Resolver404):
        resolve("/bare/")
    with override_settings(ROOT_URLCONF="bench.urls"):
        bare = client.get("/bare/")
        anonymous = client.get("/bare-auth/")
        portal_page = client.get("/documents/")

    assert (bare.status_code, bare.content) == (200, b"bare")
    assert (anonymous.status_code, anonymous.content) == (200, b"anonymous")
    assert portal_page.status_code == 302  # the portal's own pages, behind the sign-in


def test_no_module_of_the_portal_imports_the_bench():
    root = Path(settings.BASE_DIR)
    offenders = []
    for app in ("att_portal", "forums", "working_groups", "documents"):
        for path in (root / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                if any(name.split(".")[0] == "bench" for name in names):
                    offenders.append(str(path.relative_to(root)))

    assert offenders == []


def test_wrk_output_is_read_with_its_padded_latencies():
    output = "\n".join(
        [
            "Running 2s test @ http://127.0.0.1:8000/documents/?q=report",
            "  2 threads and 16 connections",
            "  Latency Distribution",
            "     50%    1.60s ",
            "     75%    1.84s ",
            "     90%  912.00ms",
            "     99%  750.5us ",
            "  7 requests in 2.08s, 151.85KB read",
            "  Socket errors: connect 0, read 1, write 0, timeout 2",
            "  Non-2xx or 3xx responses: 3",
            "Requests/sec:      3.36",
        ]
    )

    result = parse_wrk(output)

    assert (result.requests, result.requests_per_s) == (7, 3.36)
    assert (result.p50_ms, result.p99_ms) == (1600.0, pytest.approx(0.7505))
    assert result.errors == 6
