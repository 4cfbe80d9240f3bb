"""Sign-in: passwords, lockout, second factor, reset by e-mail, languages."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp

from att_portal.directory.models import User
from att_portal.notifications.models import OutboxMail
from att_portal.notifications.services import mail_send
from tests.conftest import sign_in
from tests.factories import (
    MeetingFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    TOTPDeviceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_delegate_signs_in_with_a_password_and_lands_on_the_dashboard(client):
    person = UserFactory(preferred_language="fr")

    response = client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert response.cookies["django_language"].value == "fr"


def test_wrong_password_is_refused_with_a_message(client):
    person = UserFactory()

    response = client.post(
        reverse("accounts:login"), {"username": person.username, "password": "wrong"}
    )

    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_account_is_locked_after_repeated_failures_even_with_the_right_password(client):
    person = UserFactory()
    for _attempt in range(3):
        client.post(reverse("accounts:login"), {"username": person.username, "password": "x"})

    response = client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert response.wsgi_request.user.is_authenticated is False


def test_secretariat_is_sent_to_two_factor_before_any_page(client):
    officer = SecretariatUserFactory()
    sign_in(client, officer, second_factor=False)

    response = client.get(reverse("meetings:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_secretariat_without_a_device_is_sent_on_to_set_one_up(client):
    officer = SecretariatUserFactory()
    sign_in(client, officer, second_factor=False)

    response = client.get(reverse("accounts:two_factor"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_valid_code_verifies_the_session_and_opens_the_admin(client):
    officer = SecretariatUserFactory()
    device = TOTPDeviceFactory(user=officer)
    sign_in(client, officer, second_factor=False)

    response = client.post(
        reverse("accounts:two_factor"), {"token": current_code(device), "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wrong_code_is_refused_and_the_session_stays_unverified(client):
    officer = SecretariatUserFactory()
    device = TOTPDeviceFactory(user=officer)
    sign_in(client, officer, second_factor=False)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts:two_factor"), {"token": wrong})

    assert response.status_code == 200
    assert "This code is not valid" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_setting_up_a_device_confirms_it_with_one_code(client):
    officer = SecretariatUserFactory()
    sign_in(client, officer, second_factor=False)
    client.get(reverse("accounts:two_factor_setup"))
    device = officer.totpdevice_set.get()

    response = client.post(reverse("accounts:two_factor_setup"), {"token": current_code(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("dashboard")).status_code == 200


def test_delegate_uses_ordinary_pages_without_a_second_factor(client):
    sign_in(client, UserFactory(), second_factor=False)

    assert client.get(reverse("meetings:list")).status_code == 200


def test_dief_participant_must_verify_a_second_factor_to_enter_the_dief(client):
    MeetingFactory(body="DIEF")
    sign_in(client, UserFactory(), second_factor=False)

    response = client.get(reverse("dief:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_outsider_is_refused_the_dief_before_being_asked_for_a_code(client):
    sign_in(client, OrganisationUserFactory(), second_factor=False)

    assert client.get(reverse("dief:home")).status_code == 403


@override_settings(DEBUG=True, DEMO_MODE=True)
def test_demo_accounts_skip_the_second_factor_in_demo_mode(client):
    officer = SecretariatUserFactory(is_demo_account=True)
    sign_in(client, officer, second_factor=False)

    assert client.get(reverse("dashboard")).status_code == 200


@override_settings(DEBUG=False, DEMO_MODE=True)
def test_demo_accounts_never_skip_the_second_factor_with_debug_off(client):
    officer = SecretariatUserFactory(is_demo_account=True)
    sign_in(client, officer, second_factor=False)

    assert client.get(reverse("dashboard")).status_code == 302


def test_password_reset_sends_a_working_link_through_the_outbox(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(email="lena@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "LENA@example.org"})

    assert response.status_code == 302
    queued = OutboxMail.objects.get(recipient=person)
    assert queued.state == "sent"
    assert mail_send(mail_id=queued.pk) is False
    assert mail.outbox[0].to == ["lena@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]

    form = client.get("/" + path, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "a fresh long passphrase 42",
            "new_password2": "a fresh long passphrase 42",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a fresh long passphrase 42") is True


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert OutboxMail.objects.count() == 0


def test_choosing_arabic_turns_the_layout_right_to_left_and_is_remembered(client):
    person = UserFactory()
    sign_in(client, person)

    client.post(reverse("accounts:set_language"), {"language": "ar", "next": "/"})
    page = client.get(reverse("dashboard")).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page
    assert User.objects.get(pk=person.pk).preferred_language == "ar"


@pytest.mark.parametrize(
    ("code", "html_lang"),
    [("ar", "ar"), ("zh-hans", "zh-Hans"), ("en", "en"), ("fr", "fr"), ("ru", "ru"), ("es", "es")],
)
def test_each_un_language_is_selectable(client, code, html_lang):
    sign_in(client, UserFactory())

    client.post(reverse("accounts:set_language"), {"language": code, "next": "/"})
    page = client.get(reverse("dashboard")).content.decode()

    assert f'<html lang="{html_lang}"' in page


def test_session_cookie_is_http_only_and_ends_with_the_browser():
    from django.conf import settings

    assert (settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) == (
        True,
        True,
    )


def test_logout_needs_a_post_and_ends_the_session(client):
    sign_in(client, UserFactory())

    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard")).status_code == 302
