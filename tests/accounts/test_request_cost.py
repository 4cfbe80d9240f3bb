"""What a signed-in request costs before its view does anything: the session and the user,
and the second factor's device only where a gate asks for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django_otp import DEVICE_ID_SESSION_KEY

from tests.conftest import sign_in
from tests.factories import SecretariatUserFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


@login_required
def bare(request):
    return HttpResponse("ok")


@login_required
def verified(request):
    return HttpResponse("yes" if request.user.is_verified() else "no")


urlpatterns = [
    path("bare/", bare, name="bare"),
    path("verified/", verified, name="verified"),
    path("accounts/", include("att_portal.accounts.urls")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def tables_read(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # The tables read, and any other statement but the request's transaction
    # (ATOMIC_REQUESTS: a savepoint inside the test's own transaction).
    return [
        q["sql"].split(" FROM ")[1].split()[0].strip('"')
        if q["sql"].startswith("SELECT")
        else q["sql"]
        for q in queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


def test_a_verified_delegate_pays_for_the_user_alone_once_the_session_is_cached(client):
    sign_in(client, UserFactory())
    client.get("/bare/")  # the session enters this process's cache

    assert tables_read(client, "/bare/") == ["directory_user"]


def test_a_verified_officer_pays_for_the_user_and_the_device_the_gate_asks_for(client):
    sign_in(client, SecretariatUserFactory())
    client.get("/bare/")

    assert tables_read(client, "/bare/") == ["directory_user", "otp_totp_totpdevice"]


def test_the_device_is_read_when_a_page_asks_and_checked_as_before(client):
    person = UserFactory()
    sign_in(client, person)

    assert client.get("/verified/").content == b"yes"
    person.totpdevice_set.update(confirmed=False)
    assert client.get("/verified/").content == b"no"
    assert DEVICE_ID_SESSION_KEY not in client.session  # the session forgets it


def test_a_removed_device_stops_verifying_the_officer_at_once(client):
    officer = SecretariatUserFactory()
    sign_in(client, officer)
    assert client.get("/bare/").status_code == 200

    officer.totpdevice_set.all().delete()

    assert client.get("/bare/").url.startswith("/accounts/two-factor/")


def test_a_device_of_someone_else_verifies_nobody(client):
    person, other = UserFactory(), UserFactory()
    sign_in(Client(), other)
    client.force_login(person)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = other.totpdevice_set.get().persistent_id
    session.save()

    assert client.get("/verified/").content == b"no"


def settings_of(env: dict[str, str]) -> str:
    """The session engine and the cache backend that the settings choose in `env`."""
    code = (
        "import att_portal.settings.base as s;"
        "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"CACHE_URL": "redis://cache.internal:6379/1", "DEBUG": "false"},
            "django.contrib.sessions.backends.cache django.core.cache.backends.redis.RedisCache",
        ),
        (
            {"DEBUG": "true"},
            "django.contrib.sessions.backends.cached_db "
            "django.core.cache.backends.locmem.LocMemCache",
        ),
        (
            {"DEBUG": "false"},
            "django.contrib.sessions.backends.db django.core.cache.backends.locmem.LocMemCache",
        ),
    ],
)
def test_sessions_live_in_a_shared_cache_when_there_is_one(env, expected):
    environment = {"SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "portal.example.org", **env}

    assert settings_of(environment) == expected
