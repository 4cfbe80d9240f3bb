"""On the embedded SQLite default the web process, the Celery worker and beat write to one
file: a writer waits for the others instead of failing with "database is locked".

A separate process (tests/integration/sqlite_writer.py) writes as the worker does while
the live server takes concurrent sign-ins and profile changes, and while beat starts.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from att_portal.directory.models import User
from att_portal.notifications.models import OutboxMail
from tests.factories import UserFactory

from .worker import ROOT, database_url_of_test_database, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PEOPLE = 25  # each signs in and changes the language of the profile: 50 form posts
PASSWORD = "correct horse battery staple"  # UserFactory's
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BEAT_SCHEDULE = {"send-queued-mail", "send-deadline-reminders", "advance-expert-procedures"}


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip(
            f"'database is locked' is SQLite's: these tests run on the embedded default, "
            f"not on {connection.vendor}."
        )


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the answer to a post is its own status, not the page it leads to


class Browser:
    """A person's browser: cookies, and the status of every answer, redirects included."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _KeepRedirects
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(errors="replace")

    def post_form(self, path: str, data: dict) -> int:
        status, page = self.request(path)
        if status != 200:
            return status  # the form itself was not shown
        token = CSRF_FIELD.search(page).group(1)
        return self.request(path, {"csrfmiddlewaretoken": token, **data})[0]


@contextlib.contextmanager
def writer_process(tmp_path: Path, recipient: User):
    """The worker's role: writes to the database continuously until the block ends."""
    stop = tmp_path / "stop"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.sqlite_writer", str(recipient.pk), str(stop)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "att_portal.settings.test",
            "DATABASE_URL": database_url_of_test_database(),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = {"text": ""}
    try:
        first = process.stdout.readline()
        assert first == "ready\n", first + process.stdout.read()
        yield output
    finally:
        stop.touch()
        try:
            output["text"] = process.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            output["text"] = process.communicate()[0]
        output["status"] = process.returncode


def _sign_in_and_choose_french(browser: Browser, person: User, statuses: list) -> None:
    statuses.append(
        browser.post_form("/accounts/login/", {"username": person.username, "password": PASSWORD})
    )
    statuses.append(
        browser.post_form(
            "/accounts/profile/",
            {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "job_title": "",
                "preferred_language": "fr",
            },
        )
    )


def test_concurrent_form_posts_wait_for_the_worker_instead_of_failing(
    live_server, tmp_path, caplog
):
    people = UserFactory.create_batch(PEOPLE, preferred_language="en")
    statuses: list[int] = []
    started = time.monotonic()

    with writer_process(tmp_path, people[0]) as writer:
        threads = [
            threading.Thread(
                target=_sign_in_and_choose_french,
                args=(Browser(live_server.url), person, statuses),
            )
            for person in people
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(statuses) == [302] * (2 * PEOPLE)  # every sign-in and every save succeeded
    assert "database is locked" not in caplog.text
    assert (writer["status"], "locked" in writer["text"]) == (0, False), writer["text"]
    written = int(writer["text"].rsplit("writes=", 1)[1])
    assert OutboxMail.objects.filter(key__startswith="writer:").count() == written
    assert set(
        User.objects.filter(pk__in=[p.pk for p in people]).values_list(
            "preferred_language", flat=True
        )
    ) == {"fr"}
    assert time.monotonic() - started < 30


def test_beat_starts_on_sqlite_while_the_worker_writes(tmp_path):
    people = UserFactory.create_batch(1)
    env = {
        **os.environ,
        # The production settings, on the test database and a broker of its own.
        "DJANGO_SETTINGS_MODULE": "att_portal.settings.base",
        "DEBUG": "false",
        "DEMO_MODE": "false",
        "SECRET_KEY": "beat-test-key-only-for-this-test-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url_of_test_database(),
        "CELERY_BROKER_URL": "memory://",
    }
    from django_celery_beat.models import PeriodicTask

    with writer_process(tmp_path, people[0]) as writer:
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "att_portal", "beat", "-S", "django"]
            + ["--loglevel=info", "--pidfile="],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            # Starting beat (importing Django and Celery) takes seconds on an idle machine and
            # more than 20 on a loaded one: what this test proves is that it starts without
            # "database is locked", not how fast.
            installed = wait_for(
                lambda: set(PeriodicTask.objects.values_list("name", flat=True)) >= BEAT_SCHEDULE,
                seconds=120,
            )
            time.sleep(1)  # beat's first tick and sync, still with the writer running
            running = beat.poll() is None
        finally:
            beat.terminate()
            try:
                output = beat.communicate(timeout=20)[0]
            except subprocess.TimeoutExpired:
                beat.kill()
                output = beat.communicate()[0]

    assert (installed, running) == (True, True), output
    assert ("locked" in output, "Traceback" in output) == (False, False), output
    assert (writer["status"], "locked" in writer["text"]) == (0, False), writer["text"]
