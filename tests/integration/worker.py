"""Start a real Celery worker process on the configured broker, against the test database."""

from __future__ import annotations

import contextlib
import email
import email.message
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from django.db import connection

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


def start_worker(**env_extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "att_portal.settings.test",
        "DATABASE_URL": database_url_of_test_database(),
        **env_extra,
    }
    return subprocess.Popen(
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


def stop_worker(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.terminate()
    try:
        return worker.communicate(timeout=20)[0] or ""
    except subprocess.TimeoutExpired:
        worker.kill()
        return worker.communicate()[0] or ""


@contextlib.contextmanager
def running_worker(**env_extra: str):
    worker = start_worker(**env_extra)
    try:
        yield worker
    finally:
        stop_worker(worker)


def wait_for(predicate, *, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def delivered_messages(mailbox: Path) -> list[email.message.Message]:
    """Every message the file e-mail backend wrote into `mailbox`, copies included."""
    messages = []
    for path in sorted(mailbox.glob("*.log")):
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                messages.append(email.message_from_string(raw.strip()))
    return messages


def delivered_keys(mailbox: Path) -> Counter:
    """How often each portal message key reached the mailbox of the file e-mail backend."""
    return Counter(
        message["X-ATT-Portal-Key"]
        for message in delivered_messages(mailbox)
        if message["X-ATT-Portal-Key"]
    )
