"""Shared fixtures: the demo personas (including those who must get nothing) and sign-in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

from att_portal import demo
from att_portal.directory.models import User
from tests.factories import TOTPDeviceFactory

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_ROLES = (
    "secretariat",
    "dief-chair",
    "wgeti-chair",
    "delegate-sp",
    "delegate-sig",
    "delegate-obs",
    "ngo",
    "expert",
)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English, as a worker or a command does: a request of an earlier
    test must not leave its reader's language active in the test thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo_users(db) -> dict[str, User]:
    """The demo data of `make run`, seeded into the test database."""
    with override_settings(DEBUG=True, DEMO_MODE=True):
        demo.seed()
    return {user.username: user for user in User.objects.filter(username__in=DEMO_ROLES)}


def sign_in(client: Client, user: User, *, second_factor: bool = True) -> Client:
    """Sign `user` in; with `second_factor`, as after entering a valid TOTP code."""
    client.force_login(user)
    if second_factor:
        device = TOTPDeviceFactory(user=user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(demo_users):
    """client_for("ngo") -> a client signed in as that demo persona; None -> anonymous."""

    def make(role: str | None, *, second_factor: bool = True) -> Client:
        client = Client()
        if role is None:
            return client
        return sign_in(client, demo_users[role], second_factor=second_factor)

    return make


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """A media folder of the test's own, created empty: what the test finds there, it
    stored."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def pytest_configure(config) -> None:
    """On CI the suite runs on PostgreSQL and Redis, or not at all."""
    if os.environ.get("CI") != "true":
        return
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(f"CI must run on PostgreSQL, not {engine}.")
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        raise pytest.UsageError("CI must run Celery on Redis.")
