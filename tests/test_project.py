"""Project-wide promises: deploy checks, migrations, demo data, history, marking."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from att_portal import demo
from att_portal.directory.models import State, User
from att_portal.meetings.models import CspCycle, Meeting
from tests.conftest import DEMO_ROLES, sign_in
from tests.demo_objects import dief_meeting_ahead, wgeti_meeting_ahead
from tests.factories import SecretariatUserFactory, StateFactory

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    inherited = {
        "DJANGO_SETTINGS_MODULE",
        "DEBUG",
        "DEMO_MODE",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_a_warning():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "false",
            "SECRET_KEY": "p" * 20 + "-production-secret-" + "q" * 40,
            "ALLOWED_HOSTS": "portal.example.org",
            "DJANGO_SETTINGS_MODULE": "att_portal.settings.base",
        },
    )

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    ), result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage(
        "check", env={"DEBUG": "false", "DJANGO_SETTINGS_MODULE": "att_portal.settings.base"}
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_demo_mode_refuses_to_run_with_debug_off():
    result = manage(
        "check",
        env={
            "DEBUG": "false",
            "DEMO_MODE": "true",
            "SECRET_KEY": "x" * 60,
            "DJANGO_SETTINGS_MODULE": "att_portal.settings.base",
        },
    )

    assert result.returncode != 0
    assert "DEMO_MODE requires DEBUG" in result.stderr


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_seeding_demo_data_is_refused_when_debug_is_off():
    with pytest.raises(CommandError, match="only with DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == 0


def test_demo_data_holds_the_treaty_bodies_and_the_demo_accounts(demo_users):
    assert sorted(demo_users) == sorted(DEMO_ROLES)
    dief_ahead, wgeti_ahead = dief_meeting_ahead(), wgeti_meeting_ahead()
    # The cycles of the seeds, then those up to the cycle of the meetings ahead.
    last_cycle = max(dief_ahead.cycle.number, wgeti_ahead.cycle.number)
    assert [c.number for c in CspCycle.objects.order_by("number")] == list(range(8, last_cycle + 1))
    dief_dates = Meeting.objects.filter(body="DIEF").order_by("starts_on")
    assert [m.starts_on.isoformat() for m in dief_dates] == [
        "2022-08-24",
        "2023-05-11",
        "2023-08-23",
        "2024-02-22",
        dief_ahead.starts_on.isoformat(),
    ]
    statuses = {s.alpha3: s.current_status for s in State.objects.with_current_status()}
    assert (statuses["AUT"], statuses["THA"], statuses["IDN"], statuses["USA"]) == (
        "party",
        "signatory",
        "non_signatory",
        "non_signatory",
    )


def test_seeding_twice_changes_nothing(demo_users):
    counts = (User.objects.count(), State.objects.count(), Meeting.objects.count())
    with override_settings(DEBUG=True, DEMO_MODE=True):
        demo.seed()

    assert (User.objects.count(), State.objects.count(), Meeting.objects.count()) == counts


@pytest.mark.django_db
def test_secretariat_sees_who_changed_what_and_when(client):
    officer = SecretariatUserFactory(first_name="Amal", last_name="Haddad")
    state = StateFactory()
    sign_in(client, officer)
    state.regional_group = "weog"
    state._history_user = officer
    state._change_reason = "Regional group corrected"
    state.save()

    response = client.get(reverse("history", args=["state", state.pk]))

    entries = response.context["entries"]
    assert (entries[0]["record"].history_user, entries[0]["record"].history_change_reason) == (
        officer,
        "Regional group corrected",
    )
    assert [(c.field, c.old, c.new) for c in entries[0]["changes"]] == [
        ("regional_group", "africa", "weog")
    ]
    # The field as the reader calls it, in one translatable phrase with its raw values.
    assert "<div><strong>Regional group</strong>: africa → weog</div>" in response.content.decode()


@pytest.mark.django_db
def test_admin_is_closed_to_everyone_but_the_secretariat(client):
    from tests.factories import UserFactory

    sign_in(client, UserFactory())
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/directory/state/").status_code == 403

    client.logout()
    officer = SecretariatUserFactory()
    sign_in(client, officer)
    assert client.get("/admin/directory/state/").status_code == 200
    assert client.get("/admin/directory/user/").status_code == 200
    for page in (
        "meetings/meeting",
        "meetings/invitation",
        "meetings/participation",
        "notifications/outboxmail",
    ):
        assert client.get(f"/admin/{page}/").status_code == 200


@pytest.mark.parametrize(
    ("make_args", "operator_url", "expected"),
    [
        (["PORT=8123"], None, "http://127.0.0.1:8123"),
        ([], "https://portal.example.org", "https://portal.example.org"),
    ],
    ids=["the address make run serves on", "the address the operator set"],
)
def test_make_run_gives_mail_links_the_address_it_serves_on(make_args, operator_url, expected):
    """The commands `make run` would run, with the seeding replaced by printing the base URL
    the portal's e-mails link to."""
    plan = subprocess.run(
        ["make", "-n", "run", *make_args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    (seeding,) = [line for line in plan.splitlines() if line.endswith("manage.py seed_demo")]
    show = seeding.replace(
        "manage.py seed_demo", "-c 'import os; print(os.environ[\"PORTAL_BASE_URL\"])'"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PORTAL_BASE_URL"}
    if operator_url:
        environment["PORTAL_BASE_URL"] = operator_url

    shown = subprocess.run(
        ["bash", "-c", show], cwd=ROOT, env=environment, capture_output=True, text=True
    )

    assert shown.stdout.strip() == expected
