"""A real Celery worker, on the configured broker (Redis on CI), executes what we send."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from att_portal.celery import app
from att_portal.notifications.enums import MailState
from att_portal.notifications.models import OutboxMail
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def database_url_of_test_database() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "att_portal.settings.test",
        "DATABASE_URL": database_url_of_test_database(),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "att_portal",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_for(predicate, *, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.integration
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_real_worker_sends_a_queued_mail_exactly_once(celery_worker_process):
    person = UserFactory()
    mail = OutboxMail.objects.create(
        key="integration:worker",
        recipient=person,
        to_address=person.email,
        language="en",
        subject="Worker test",
        body_text="Sent by a real worker.",
    )

    app.send_task("notifications.send_mail", args=[mail.pk])
    app.send_task("notifications.send_mail", args=[mail.pk])

    sent = wait_for(lambda: OutboxMail.objects.get(pk=mail.pk).state == MailState.SENT)
    if not sent:
        celery_worker_process.terminate()
        output = celery_worker_process.communicate(timeout=20)[0]
        pytest.fail(f"The worker did not send the mail within 60 s. Worker output:\n{output}")
    time.sleep(1)  # let the duplicate message be consumed too
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.sent_at is not None) == (MailState.SENT, 1, True)
