"""Signing in with the user name or the e-mail address: either opens the same account, and
failures under either count against that one account (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.urls import reverse

from att_portal.accounts.identifiers import username_for
from att_portal.directory import services
from att_portal.directory.enums import Role
from att_portal.notifications.models import OutboxMail
from tests.accounts.test_lockout import complete_password_reset
from tests.factories import RoleAssignmentFactory, StateFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ADDRESS = "198.51.100.23"


def attempt(client, identifier: str, password: str):
    return client.post(
        reverse("accounts:login"),
        {"username": identifier, "password": password},
        REMOTE_ADDR=ADDRESS,
    )


def test_the_sign_in_field_is_labelled_for_the_user_name_or_the_email_address(client):
    page = client.get(reverse("accounts:login")).content.decode()

    assert '<label class="form-label" for="id_username">User name or e-mail address</label>' in (
        page
    )


@pytest.mark.parametrize("typed", ["lena.gruber@example.org", "  Lena.Gruber@EXAMPLE.org "])
def test_a_person_signs_in_with_their_email_address_whatever_its_case(client, typed):
    person = UserFactory(username="lena", email="lena.gruber@example.org")

    response = attempt(client, typed, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert response.wsgi_request.user == person


def test_failures_by_email_and_by_user_name_count_against_the_same_account(client):
    person = UserFactory(username="lena", email="lena.gruber@example.org")
    attempt(client, "lena.gruber@example.org", "wrong once")
    attempt(client, "LENA.GRUBER@example.org", "wrong twice")
    attempt(client, "lena", "wrong thrice")  # AXES_FAILURE_LIMIT is 3 in the tests

    by_name = attempt(client, "lena", PASSWORD)
    by_email = attempt(client, "lena.gruber@example.org", PASSWORD)

    assert settings.AXES_FAILURE_LIMIT == 3
    assert (by_name.status_code, by_email.status_code) == (429, 429)
    assert by_email.wsgi_request.user.is_authenticated is False
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        (person.username, 3)
    ]


def test_a_password_reset_lifts_the_lock_set_by_failures_under_the_email_address(client):
    person = UserFactory(username="lena", email="lena.gruber@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "lena.gruber@example.org", "a wrong guess")
    assert attempt(client, "lena", PASSWORD).status_code == 429

    complete_password_reset(client, person, "a fresh long passphrase 42", REMOTE_ADDR=ADDRESS)
    response = attempt(client, "lena.gruber@example.org", "a fresh long passphrase 42")

    assert response.status_code == 302
    assert AccessAttempt.objects.count() == 0


def test_the_lockout_page_names_what_was_typed_not_the_user_name_behind_an_email(client):
    UserFactory(username="lena", email="lena.gruber@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "lena.gruber@example.org", "a wrong guess")

    page = attempt(client, "lena.gruber@example.org", PASSWORD).content.decode()

    assert "Sign-in as <bdi>lena.gruber@example.org</bdi> from your network address" in page
    assert "<bdi>lena</bdi>" not in page


def test_a_user_name_that_is_an_email_address_means_its_own_account(client):
    owner = UserFactory(username="desk@example.org", email="owner@example.org")
    UserFactory(username="other", email="DESK@example.org")

    response = attempt(client, "desk@example.org", PASSWORD)

    assert response.wsgi_request.user == owner
    assert username_for("Desk@Example.org") == "other"  # not a user name: the e-mail address


def test_an_unknown_email_address_is_refused_like_a_wrong_password(client):
    UserFactory(username="lena", email="lena.gruber@example.org")

    response = attempt(client, "nobody@example.org", PASSWORD)

    assert response.status_code == 200
    assert (
        "Your user name or e-mail address and password did not match. Please try again."
        in response.content.decode()
    )
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["nobody@example.org"]


def test_an_email_address_of_two_accounts_signs_nobody_in_and_asks_for_the_user_name(client):
    # Records older than the rule of one account per address: the rule's index is dropped
    # inside this test's transaction to hold them.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX user_email_unique_case_insensitive")
    first = UserFactory(username="lena", email="shared@example.org")
    UserFactory(username="lena.office", email="Shared@example.org")

    refused = attempt(client, "shared@example.org", PASSWORD)
    by_name = attempt(client, "lena", PASSWORD)

    assert refused.status_code == 200
    assert refused.wsgi_request.user.is_authenticated is False
    assert (
        "Several accounts use this e-mail address: sign in with your user name instead."
        in refused.content.decode()
    )
    assert by_name.wsgi_request.user == first
    assert username_for("shared@example.org") is None


def test_the_invitation_says_to_sign_in_with_the_user_name_or_the_email_address():
    focal_point = UserFactory(state=StateFactory(status="party"))
    RoleAssignmentFactory(user=focal_point, role=Role.FOCAL_POINT)

    person = services.delegate_invite(
        by=focal_point,
        state=focal_point.state,
        email="Nadia.Ferreira@Example.org",
        first_name="Nadia",
        last_name="Ferreira",
    )

    mail = OutboxMail.objects.get(key=f"delegate-invitation:{person.pk}")
    sentence = (
        "Sign in with your user name (nadia.ferreira@example.org) or your e-mail address "
        "(nadia.ferreira@example.org)."
    )
    assert sentence in mail.body_text
    assert sentence in mail.body_html
