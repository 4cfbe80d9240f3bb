"""Sign-in lockout: per user name at the client's real address, per address for a password
spray, the client's address behind the TLS proxy, and a password reset that lifts the lock."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from att_portal.accounts.client_address import client_address
from tests.factories import UserFactory
from tests.test_project import manage

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.1"
ADDRESS_A = "198.51.100.23"  # the attacker's
ADDRESS_B = "203.0.113.7"  # the person's


def sign_in_attempt(client, username: str, password: str, **meta):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **meta
    )


def fail_until_locked(client, username: str, **meta) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in_attempt(client, username, "a wrong guess", **meta)


# The client's address ------------------------------------------------------------------


def request_from(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    assert client_address(request_from(ADDRESS_A, forwarded=ADDRESS_B)) == ADDRESS_A


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    assert client_address(request_from(PROXY, forwarded=ADDRESS_B)) == ADDRESS_B


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_what_the_client_wrote_in_front_is_ignored():
    assert client_address(request_from(PROXY, forwarded=f"{ADDRESS_B}, {ADDRESS_A}")) == ADDRESS_A


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_address_from_the_right_is_the_client():
    forwarded = f"{ADDRESS_B}, {ADDRESS_A}, 10.0.0.2"

    assert client_address(request_from(PROXY, forwarded=forwarded)) == ADDRESS_A


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", [None, "", "not an address", " , "])
def test_behind_a_proxy_a_missing_or_broken_header_falls_back_to_the_peer(forwarded):
    assert client_address(request_from(PROXY, forwarded=forwarded)) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_ipv6_addresses_are_normalised():
    assert client_address(request_from(PROXY, forwarded="2001:DB8:0::1")) == "2001:db8::1"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT is the number of proxies"),
        (
            {"AXES_FAILURE_LIMIT": "30", "SIGN_IN_ADDRESS_FAILURE_LIMIT": "30"},
            "SIGN_IN_ADDRESS_FAILURE_LIMIT (failures from one address under any user names) "
            "must be higher than AXES_FAILURE_LIMIT",
        ),
    ],
)
def test_settings_refuse_a_proxy_count_or_limits_that_make_no_sense(environment, message):
    result = manage(
        "check",
        env={
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60,
            "DJANGO_SETTINGS_MODULE": "att_portal.settings.base",
            **environment,
        },
    )

    assert result.returncode != 0
    assert message in result.stderr


# Locked per user name at the client's address -----------------------------------------


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_failures_from_another_address_do_not_lock_the_person_out(client):
    person = UserFactory()
    fail_until_locked(client, person.username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_A)
    attacker_retry = sign_in_attempt(
        client, person.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_A
    )

    response = sign_in_attempt(
        client, person.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_B
    )

    assert attacker_retry.status_code == 429
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        (person.username, ADDRESS_A)
    ]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_an_attacker_cannot_pass_for_the_persons_address(client):
    person = UserFactory()
    # The attacker writes the person's address into the header; the proxy appends the real one.
    fail_until_locked(
        client, person.username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{ADDRESS_B}, {ADDRESS_A}"
    )

    response = sign_in_attempt(
        client, person.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_B
    )

    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ADDRESS_A]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_a_spoofed_forwarded_header_neither_locks_others_nor_escapes(client):
    person = UserFactory()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # A different made-up address each time, and once the person's own.
        spoofed = ADDRESS_B if attempt == 0 else f"192.0.2.{attempt}"
        sign_in_attempt(
            client, person.username, "wrong", REMOTE_ADDR=ADDRESS_A, HTTP_X_FORWARDED_FOR=spoofed
        )

    attacker = sign_in_attempt(
        client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    owner = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_B)

    assert attacker.status_code == 429
    assert owner.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        (ADDRESS_A, settings.AXES_FAILURE_LIMIT)
    ]


@pytest.mark.django_db
def test_the_lockout_page_says_which_lock_how_long_and_what_lifts_it(client):
    person = UserFactory(username="lena.m")
    fail_until_locked(client, person.username, REMOTE_ADDR=ADDRESS_A)

    response = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A)

    page = response.content.decode()
    assert response.status_code == 429
    assert response.wsgi_request.user.is_authenticated is False
    assert (
        "Sign-in as <bdi>lena.m</bdi> from your network address is blocked for 1 hour after "
        "the last failed attempt. Signing in from another network is not affected: failed "
        "attempts made elsewhere do not count towards this block."
    ) in page
    assert "The block also ends as soon as you complete a password reset" in page
    assert f'href="{reverse("accounts:password_reset")}"' in page


@pytest.mark.django_db
def test_the_lock_ends_one_hour_after_the_failure_that_set_it_and_retries_do_not_extend_it(
    client,
):
    person = UserFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_locked(client, person.username, REMOTE_ADDR=ADDRESS_A)
    with time_machine.travel(start + datetime.timedelta(minutes=50), tick=False):
        during = sign_in_attempt(client, person.username, "still wrong", REMOTE_ADDR=ADDRESS_A)
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        after = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A)

    assert (during.status_code, after.status_code) == (429, 302)


# Locked per address: a password spray --------------------------------------------------


def spray(client, count: int, address: str) -> None:
    """`count` failures from `address`, under distinct user names, fewer than the per-name
    limit each."""
    for attempt in range(count):
        sign_in_attempt(client, f"guess{attempt}", "Summer2025!", REMOTE_ADDR=address)


@pytest.mark.django_db
def test_a_spray_across_many_user_names_locks_the_address(client):
    person = UserFactory()
    spray(client, settings.SIGN_IN_ADDRESS_FAILURE_LIMIT, ADDRESS_A)

    at_the_address = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A)
    elsewhere = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_B)

    assert at_the_address.status_code == 429
    assert (
        "Sign-in from this address is blocked for everybody for 1 hour after the last of them."
        in at_the_address.content.decode()
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_one_failure_short_of_the_address_limit_does_not_lock_the_address(client):
    person = UserFactory()
    spray(client, settings.SIGN_IN_ADDRESS_FAILURE_LIMIT - 1, ADDRESS_A)

    response = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A)

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_sprayer_signing_into_their_own_account_does_not_reset_the_address_count(client):
    own = UserFactory()
    spray(client, settings.SIGN_IN_ADDRESS_FAILURE_LIMIT - 1, ADDRESS_A)
    assert sign_in_attempt(client, own.username, PASSWORD, REMOTE_ADDR=ADDRESS_A).status_code == 302
    client.post(reverse("accounts:logout"))

    sign_in_attempt(client, "one-more-guess", "Summer2025!", REMOTE_ADDR=ADDRESS_A)
    response = sign_in_attempt(client, own.username, PASSWORD, REMOTE_ADDR=ADDRESS_A)

    assert response.status_code == 429


# A completed password reset lifts the lock ---------------------------------------------


def complete_password_reset(client, person, new_password: str, **meta):
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    form = client.get(
        reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True, **meta
    )
    return client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        **meta,
    )


@pytest.mark.django_db
def test_after_a_completed_password_reset_the_person_signs_in_at_once(client):
    person = UserFactory()
    fail_until_locked(client, person.username, REMOTE_ADDR=ADDRESS_A)
    assert (
        sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A).status_code == 429
    )

    reset = complete_password_reset(
        client, person, "a fresh long passphrase 42", REMOTE_ADDR=ADDRESS_A
    )
    response = sign_in_attempt(
        client, person.username, "a fresh long passphrase 42", REMOTE_ADDR=ADDRESS_A
    )

    assert reset.status_code == 302
    assert reset["Location"] == reverse("accounts:password_reset_complete")
    assert AccessAttempt.objects.filter(username=person.username).count() == 0
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


@pytest.mark.django_db
def test_a_reset_that_is_not_completed_leaves_the_lock(client):
    person = UserFactory()
    fail_until_locked(client, person.username, REMOTE_ADDR=ADDRESS_A)
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    form = client.get(
        reverse(
            "accounts:password_reset_confirm",
            args=[uid, default_token_generator.make_token(person)],
        ),
        follow=True,
    )
    # The two passwords differ: the form refuses, nothing changes.
    refused = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a fresh long passphrase 42", "new_password2": "another one 43"},
    )

    response = sign_in_attempt(client, person.username, PASSWORD, REMOTE_ADDR=ADDRESS_A)

    assert refused.status_code == 200
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_password_reset_does_not_lift_the_lock_of_a_spraying_address(client):
    person = UserFactory()
    spray(client, settings.SIGN_IN_ADDRESS_FAILURE_LIMIT, ADDRESS_A)

    complete_password_reset(client, person, "a fresh long passphrase 42", REMOTE_ADDR=ADDRESS_A)
    response = sign_in_attempt(
        client, person.username, "a fresh long passphrase 42", REMOTE_ADDR=ADDRESS_A
    )

    assert response.status_code == 429
    assert "A password reset does not lift this block" in response.content.decode()
