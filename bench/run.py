"""Measure the portal on the bench database (`make bench-seed` first).

    DATABASE_URL=postgres://… python -m bench.run [--quick]

For each role (a State Party's delegate, a Secretariat officer) and each key page, and
for `bare/` and `bare-auth/`: requests per second, p50 and p99 through gunicorn (DEBUG
off, two sync workers) under wrk at 16 connections — every page in random order in each
round, the median of the rounds reported — and the page's number of queries, counted
in-process. Then the PDFs (median seconds) and the two beat tasks (first and second run,
inside a transaction rolled back). One table on the console, everything in
var/bench/<date>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass

ROUNDS, SECONDS = 3, 5
QUICK_ROUNDS, QUICK_SECONDS = 2, 2
CONNECTIONS, WORKERS = 16, 2


@dataclass
class Row:
    page: str
    role: str
    path: str
    queries: int | None = None
    requests_per_s: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    share_of_bare_auth: float | None = None
    errors: int = 0
    rounds: list | None = None


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _volume() -> dict[str, int]:
    from django.contrib.auth.models import Group

    from att_portal.directory.models import State, User
    from att_portal.meetings.models import Invitation, Meeting, Participation
    from documents.models import Document, LanguageVersion
    from forums.models import (
        Case,
        CaseGroupObjectPermission,
        ExpertProposal,
        PlatformItem,
        PlatformItemGroupObjectPermission,
    )

    return {
        "States": State.objects.count(),
        "people": User.objects.count(),
        "delegation groups": Group.objects.filter(delegation_of__isnull=False).count(),
        "cases and platform items": Case.objects.count() + PlatformItem.objects.count(),
        "grants": CaseGroupObjectPermission.objects.count()
        + PlatformItemGroupObjectPermission.objects.count(),
        "documents": Document.objects.count(),
        "language versions": LanguageVersion.objects.count(),
        "meetings": Meeting.objects.count(),
        "invitations": Invitation.objects.count(),
        "participations": Participation.objects.count(),
        "expert proposals": ExpertProposal.objects.count(),
    }


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607  (git from the PATH)
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def measure_queries(rows: list[Row], sessions: dict[str, str]) -> None:
    from . import measure

    for row in rows:
        client = measure.client_for(sessions.get(row.role))
        result = measure.page_queries(client, row.path)
        if result.status != 200:
            raise RuntimeError(f"{row.page} ({row.role}): {row.path} answered {result.status}")
        row.queries = result.queries


def measure_http(rows: list[Row], sessions, *, rounds: int, seconds: int, log) -> None:
    from django.conf import settings

    from . import http
    from .pages import BARE_AUTH

    cookies = {role: f"{settings.SESSION_COOKIE_NAME}={key}" for role, key in sessions.items()}
    with http.Server(workers=WORKERS) as server:
        log(f"gunicorn on {server.base_url} ({WORKERS} sync workers, DEBUG off)")
        for row in rows:  # every page answers as in-process, and each worker is warm
            for _ in range(WORKERS * 2):
                status, body = http.get(server.base_url + row.path, cookie=cookies.get(row.role))
                if status != 200:
                    raise RuntimeError(f"{row.page} ({row.role}) answered {status} over HTTP")
            if row.path == BARE_AUTH and body != b"signed in":
                raise RuntimeError(f"The session of {row.role} is not accepted over HTTP.")
        results: dict[int, list] = {id(row): [] for row in rows}
        shuffler = random.Random(16)  # noqa: S311  (an order, not a secret)
        for number in range(1, rounds + 1):
            order = rows[:]
            shuffler.shuffle(order)
            log(f"round {number}/{rounds}: {len(order)} runs of {seconds} s")
            for row in order:
                server.wait_idle()
                result = http.wrk(
                    server.base_url + row.path,
                    seconds=seconds,
                    connections=CONNECTIONS,
                    cookie=cookies.get(row.role),
                )
                results[id(row)].append(result)
        server.wait_idle()
    for row in rows:
        runs = results[id(row)]
        row.rounds = [asdict(run) for run in runs]
        row.requests_per_s = _median([run.requests_per_s for run in runs])
        row.p50_ms = _median([run.p50_ms for run in runs])
        row.p99_ms = _median([run.p99_ms for run in runs])
        row.errors = sum(run.errors for run in runs)


def _shares(rows: list[Row]) -> dict[str, float]:
    bare = next(r for r in rows if r.page == "bare")
    bare_auth = {r.role: r for r in rows if r.page == "bare-auth"}
    for row in rows:
        reference = bare_auth.get(row.role)
        if row.page not in ("bare", "bare-auth") and reference and reference.requests_per_s:
            row.share_of_bare_auth = 100 * (row.requests_per_s or 0) / reference.requests_per_s
    return {
        role: 100 * (row.requests_per_s or 0) / bare.requests_per_s
        for role, row in bare_auth.items()
        if bare.requests_per_s
    }


def _number(value, pattern: str) -> str:
    return "—" if value is None else format(value, pattern)


def table(rows: list[Row], shares: dict[str, float]) -> str:
    lines = [
        f"{'page':<16} {'role':<12} {'req/s':>8} {'% bare-auth':>12} {'p50 ms':>9} "
        f"{'p99 ms':>9} {'queries':>8}",
    ]
    for row in rows:
        lines.append(
            f"{row.page:<16} {row.role or '—':<12} {_number(row.requests_per_s, '.1f'):>8} "
            f"{_number(row.share_of_bare_auth, '.0f'):>12} {_number(row.p50_ms, '.1f'):>9} "
            f"{_number(row.p99_ms, '.1f'):>9} {_number(row.queries, 'd'):>8}"
            + (f"  ({row.errors} errors)" if row.errors else "")
        )
    lines.append(
        "bare-auth as a share of bare: "
        + ", ".join(f"{role} {share:.0f} %" for role, share in shares.items())
    )
    return "\n".join(lines)


def measure_pdfs(session: str, *, runs: int) -> dict:
    from django.urls import reverse

    from working_groups.guides.models import FactSheet

    from . import measure
    from .pages import bench_user, key_case
    from .seed_meetings import AGENDA_ITEMS, key_wgeti_meeting

    meeting = key_wgeti_meeting()
    sheet = FactSheet.objects.order_by("pk").first()
    pdfs = {
        f"agenda of {AGENDA_ITEMS} items": reverse("documents:agenda_pdf", args=[meeting.pk])
        + "?lang=en",
        "case": reverse("dief:case_pdf", args=[key_case(bench_user("delegate")).pk]),
    }
    if sheet is not None:
        url = reverse("wgeti:guides:fact_sheet", args=[sheet.pk])
        pdfs["fact sheet (Arabic)"] = url + "?lang=ar"
        pdfs["fact sheet (Chinese)"] = url + "?lang=zh-hans"
    return measure.pdf_timings(measure.client_for(session), pdfs, runs=runs)


def measure_beat() -> dict:
    from att_portal.meetings.reminders import reminders_queue
    from forums.services.experts import expert_procedures_advance

    from . import measure

    day = measure.busiest_reminder_day()
    return {
        "reminders_queue": {
            "as_on": day.isoformat(),
            **measure.beat_runs(lambda: reminders_queue(today=day)),
        },
        "expert_procedures_advance": measure.beat_runs(expert_procedures_advance),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short runs (2 rounds of 2 s)")
    parser.add_argument("--rounds", type=int, help=f"rounds (default {ROUNDS})")
    parser.add_argument("--seconds", type=int, help=f"seconds per run (default {SECONDS})")
    args = parser.parse_args(argv)
    rounds = args.rounds or (QUICK_ROUNDS if args.quick else ROUNDS)
    seconds = args.seconds or (QUICK_SECONDS if args.quick else SECONDS)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from forums.models import AccessRecord

    from . import http, pages

    if connection.vendor != "postgresql":
        print("bench.run: set DATABASE_URL to the PostgreSQL database of `make bench-seed`.")
        return 2
    log = print
    try:
        http.wrk_path()
        key_pages = pages.key_pages()
        users = {role: pages.bench_user(role) for role in pages.ROLES}
    except (pages.NotSeeded, http.InstrumentMissing) as problem:
        print(f"bench.run: {problem}", file=sys.stderr)
        return 2
    log(
        f"Database {connection.settings_dict['NAME']}; sessions: {settings.SESSION_ENGINE} "
        f"(CACHE_URL {'set' if os.environ.get('CACHE_URL') else 'not set'}); "
        "collecting static files …"
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    started_at = timezone.now()
    last_record = AccessRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sessions = {role: pages.sign_in(user) for role, user in users.items()}
    rows = [Row("bare", "", pages.BARE)] + [
        Row("bare-auth", role, pages.BARE_AUTH) for role in pages.ROLES
    ]
    rows += [Row(page.name, role, page.path) for role in pages.ROLES for page in key_pages]
    try:
        log("Queries per page, in-process …")
        measure_queries(rows, sessions)
        measure_http(rows, sessions, rounds=rounds, seconds=seconds, log=log)
        shares = _shares(rows)
        log("PDFs, in-process …")
        pdfs = measure_pdfs(sessions["secretariat"], runs=3 if args.quick else 5)
        log("Beat tasks, in-process (rolled back) …")
        beat = measure_beat()
    finally:
        # The case pages and PDFs log each opening for the provider: the bench's own go.
        AccessRecord.objects.filter(pk__gt=last_record, person__in=users.values()).delete()
        for key in sessions.values():
            pages.sign_out(key)
    print()
    print(table(rows, shares))
    print()
    for name, result in pdfs.items():
        print(f"PDF {name:<24} {result['median_s'] * 1000:8.0f} ms (median)")
    for task, runs in beat.items():
        as_on = f" (as on {runs['as_on']})" if "as_on" in runs else ""
        print(
            f"{task + as_on:<40} first run {runs['first']['seconds']:7.2f} s, "
            f"{runs['first']['queries']:>6} queries; second run {runs['second']['seconds']:7.2f} s,"
            f" {runs['second']['queries']:>6} queries"
        )
    output = (
        settings.VAR_DIR / "bench" / f"{started_at:%Y-%m-%d}{'-quick' if args.quick else ''}.json"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "date": started_at.isoformat(),
                "commit": _commit(),
                "database": connection.settings_dict["NAME"],
                "volume": _volume(),
                "server": {
                    "workers": WORKERS,
                    "worker_class": "sync",
                    "debug": settings.DEBUG,
                    "session_engine": settings.SESSION_ENGINE,
                },
                "load": {"rounds": rounds, "seconds": seconds, "connections": CONNECTIONS},
                "pages": [asdict(row) for row in rows],
                "bare_auth_share_of_bare": shares,
                "pdf": pdfs,
                "beat": beat,
            },
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    print(f"\nWritten to {output.relative_to(settings.BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
