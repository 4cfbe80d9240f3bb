"""What the benchmark measures in-process, against the same database: the queries of each
page, the time of the PDFs, and the first and second run of the two beat tasks."""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

# As behind the TLS proxy of a deployment (SECURE_PROXY_SSL_HEADER).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def is_transaction_control(sql: str) -> bool:
    """BEGIN, savepoints and their release: not queries of the page (their number depends
    on the database and on the transaction around the request)."""
    return sql.lstrip().upper().startswith(TRANSACTION_CONTROL)


class QueryCounter:
    """Counts the queries sent to the database, transaction control left out, however many
    (CaptureQueriesContext keeps the last 9,000 only: too few for a beat task's run)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        if not is_transaction_control(sql):
            self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> QueryCounter:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)


def client_for(session_key: str | None) -> Client:
    client = Client(headers=PROXY_HEADERS)
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


@dataclass(frozen=True)
class PageQueries:
    status: int
    queries: int


def page_queries(client: Client, path: str) -> PageQueries:
    """The queries of one request once the process is warm (the first request fills the
    caches a long-running worker already holds)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    queries = [query for query in captured if not is_transaction_control(query["sql"])]
    return PageQueries(status=response.status_code, queries=len(queries))


def median_seconds(run: Callable[[], object], *, runs: int) -> float:
    run()  # warm: fonts and templates loaded once per process
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def pdf_timings(client: Client, pdfs: dict[str, str], *, runs: int) -> dict[str, dict]:
    """Median seconds to render each PDF, as the Secretariat downloads it."""
    results = {}
    for name, path in pdfs.items():
        response = client.get(path)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            raise RuntimeError(f"{name}: {path} answered {response.status_code}, not a PDF")
        seconds = median_seconds(lambda path=path: client.get(path), runs=runs)
        results[name] = {"path": path, "median_s": seconds, "bytes": len(response.content)}
    return results


class _RolledBack(Exception):
    pass


def beat_runs(task: Callable[[], object]) -> dict[str, dict]:
    """Time and count the queries of a task's first run and of a second run straight after,
    inside a transaction rolled back at the end: the database is left as it was (and the
    messages it queues are never sent: they go out on commit), so the first run can be
    measured again next time."""
    runs = {}
    try:
        with transaction.atomic():
            for name in ("first", "second"):
                with QueryCounter() as counter:
                    started = time.perf_counter()
                    result = task()
                    seconds = time.perf_counter() - started
                runs[name] = {"seconds": seconds, "queries": counter.count, "result": result}
            raise _RolledBack
    except _RolledBack:
        pass
    return runs


def busiest_reminder_day(*, horizon_days: int = 56) -> datetime.date:
    """The day of the next eight weeks whose reminder window holds the most deadlines not
    yet met: the hourly scan is measured on a day it has work to do, whenever the bench
    runs after the seeding (the run is rolled back, so a day ahead harms nothing)."""
    from att_portal.meetings.deadlines import deadlines_of
    from att_portal.meetings.models import Meeting
    from att_portal.meetings.reminders import WINDOW_DAYS

    today = timezone.localdate()
    meetings = (
        Meeting.objects.filter(cancelled_at__isnull=True, ends_on__gte=today)
        .select_related("cycle")
        .prefetch_related("completions", "calls")
    )
    due = [d.due_on for d in deadlines_of(meetings) if d.completion is None]
    window = datetime.timedelta(days=WINDOW_DAYS)

    def load(day: datetime.date) -> int:
        return sum(day <= on <= day + window for on in due)

    days = [today + datetime.timedelta(days=n) for n in range(horizon_days)]
    return max(days, key=lambda day: (load(day), -days.index(day)))
