"""Bad input gets a clear, specific message and changes nothing; no page answers 500."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from att_portal.directory.enums import Role
from att_portal.directory.models import User
from att_portal.notifications.models import OutboxMail
from tests.conftest import DEMO_ROLES, sign_in
from tests.factories import (
    CspCycleFactory,
    RoleAssignmentFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from working_groups.models import SubWorkingGroup
from working_groups.services.workplan import sub_working_group_create

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        User.objects.count(),
        OutboxMail.objects.count(),
        sorted(
            User.objects.values_list(
                "username", "first_name", "last_name", "email", "preferred_language", "is_active"
            )
        ),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This field is required."),
        (
            {"first_name": "A", "last_name": "B", "email": "not-an-address"},
            "Enter a valid email address.",
        ),
        (
            {"first_name": "A", "last_name": "B", "email": "LENA.GRUBER@example.org"},
            "Another account already uses this e-mail address.",
        ),
        (
            {"first_name": "A" * 151, "last_name": "B", "email": "new@example.org"},
            "Ensure this value has at most 150 characters (it has 151).",
        ),
        (
            {"first_name": "\u200b\u200b", "last_name": "B", "email": "new@example.org"},
            "A name cannot contain invisible or control characters (such as a zero-width "
            "space or a direction mark): remove U+200B (ZERO WIDTH SPACE).",
        ),
        (
            {
                "first_name": "A",
                "last_name": "B",
                "email": "new@example.org",
                "preferred_language": "klingon",
            },
            "Select a valid choice. klingon is not one of the available choices.",
        ),
    ],
)
def test_invitation_form_refuses_bad_input_and_creates_nobody(data, message, client_for):
    UserFactory(email="lena.gruber@example.org")
    client = client_for("delegate-sp")
    before = snapshot()

    response = client.post(reverse("directory:delegate_invite", args=["aut"]), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"job_title": "x" * 201, "preferred_language": "en"},
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"job_title": "x", "preferred_language": "xx"},
            "Select a valid choice. xx is not one of the available choices.",
        ),
    ],
)
def test_profile_form_refuses_bad_input_and_saves_nothing(data, message, client):
    person = UserFactory()
    sign_in(client, person)
    before = snapshot()

    response = client.post(reverse("accounts:profile"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("abcdef", "The code has six digits and nothing else."),
        ("12345", "Ensure this value has at least 6 characters (it has 5)."),
        ("", "This field is required."),
    ],
)
def test_two_factor_form_explains_what_is_wrong_with_the_code(token, message, client):
    person = UserFactory()
    TOTPDeviceFactory(user=person)
    sign_in(client, person, second_factor=False)

    response = client.post(reverse("accounts:two_factor"), {"token": token})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.wsgi_request.user.is_verified() is False


def test_two_factor_setup_refuses_a_wrong_code_and_leaves_the_device_unconfirmed(client):
    person = UserFactory()
    sign_in(client, person, second_factor=False)
    client.get(reverse("accounts:two_factor_setup"))

    response = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})

    assert response.status_code == 200
    assert "This code is not valid" in response.content.decode()
    assert person.totpdevice_set.get().confirmed is False


def test_login_form_with_missing_fields_says_so(client):
    response = client.post(reverse("accounts:login"), {"username": ""})

    assert response.status_code == 200
    assert "Please correct the errors below." in response.content.decode()


def test_password_reset_with_a_malformed_address_says_so_and_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "lena at example"})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert OutboxMail.objects.count() == 0


def test_new_password_that_is_too_short_or_mismatched_is_refused(client):
    person = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    form = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True)
    url = form.redirect_chain[-1][0]

    short = client.post(url, {"new_password1": "short", "new_password2": "short"})
    mismatch = client.post(
        url, {"new_password1": "a long passphrase 1", "new_password2": "a long passphrase 2"}
    )

    assert "This password is too short. It must contain at least 12 characters." in (
        short.content.decode()
    )
    assert "The two password fields didn" in mismatch.content.decode()
    person.refresh_from_db()
    assert person.check_password("correct horse battery staple") is True


def test_password_reset_link_with_a_forged_token_explains_that_it_no_longer_works(client):
    person = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(person.pk))

    response = client.get(reverse("accounts:password_reset_confirm", args=[uid, "forged-token"]))

    assert "This link no longer works" in response.content.decode()


def test_unknown_language_is_refused_with_a_message_and_keeps_the_language(client):
    person = UserFactory(preferred_language="fr")
    sign_in(client, person)

    response = client.post(
        reverse("accounts:set_language"), {"language": "tlh", "next": "/"}, follow=True
    )

    with translation.override("fr"):
        message = escape(gettext("Choose one of the six languages of the United Nations."))
    assert message in response.content.decode()  # in the person's language, which is kept
    person.refresh_from_db()
    assert person.preferred_language == "fr"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "/directory/states/?status=banana",
            "Select a valid choice. banana is not one of the available choices.",
        ),
        (
            "/directory/organisations/?kind=banana",
            "Select a valid choice. banana is not one of the available choices.",
        ),
        ("/directory/states/?q=" + "x" * 5000, "Ensure this value has at most 100 characters"),
        ("/search/?q=a", "Type at least two characters."),
    ],
)
def test_filters_explain_bad_values(url, message, client):
    sign_in(client, UserFactory())

    response = client.get(url)

    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/directory/states/zzz/", 404),
        ("/directory/states/12/", 404),
        ("/directory/states/a%20b/", 404),
        ("/history/banana/1/", 404),
        ("/meetings/?body=xyz&page=-1", 200),
        ("/meetings/?page=abc", 200),
        ("/directory/states/?page=999999", 200),
        ("/search/?q=" + "%00" * 3000, 200),
    ],
)
def test_malformed_addresses_answer_cleanly(url, status, client):
    sign_in(client, UserFactory())

    assert client.get(url).status_code == status


def _routes(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern) == "admin/":
                yield "admin/"
                continue
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def concrete_paths(route: str) -> list[str]:
    """The route with plausible and implausible values for its parameters."""
    fillers = {
        "<id:pk>": ["1", "999999"],
        "<id:participation_pk>": ["1", "999999"],
        "<str:key>": ["invitations", "draft_agenda", "minutes"],
        "<str:token>": ["not-a-token"],
        "<str:language>": ["en", "xx"],
        "<id:meeting_pk>": ["1", "999999"],
        "<id:item_pk>": ["1", "999999"],
        "<id:case_pk>": ["1", "999999"],
        "<id:presentation_pk>": ["1", "999999"],
        "<id:attachment_pk>": ["1", "999999"],
        "<id:message_pk>": ["1", "999999"],
        "<str:action>": ["up", "issue", "adopt", "nonsense"],
        "<str:alpha3>": ["aut", "zzz"],
        "<str:kind>": ["state", "meeting", "nonsense"],
        "<uidb64>": ["MQ"],
        "<token>": ["set-password", "garbage"],
    }
    paths = ["/" + route]
    for placeholder, values in fillers.items():
        paths = [
            path.replace(placeholder, value) if placeholder in path else path
            for path in paths
            for value in (values if placeholder in path else [None])
        ]
    return sorted(set(paths))


GARBAGE = [
    {"x": "\x00\xff", "username": ["a", "b"], "token": "\u202e" * 50},
    {"email": "a" * 10_000, "language": "../../etc/passwd", "next": "https://evil.example"},
]


@pytest.mark.parametrize("role", [None, *DEMO_ROLES])
def test_garbage_posted_or_requested_anywhere_never_answers_500(role, client_for):
    client = client_for(role)
    paths = [path for route in _routes(get_resolver()) for path in concrete_paths(route)]
    answers = {}
    for path in paths:
        answers[("GET", path)] = client.get(path, {"q": "\x00" * 10, "page": "-1"}).status_code
        for data in GARBAGE:
            answers[("POST", path)] = client.post(path, data).status_code
        answers[("POST binary", path)] = client.post(
            path, data=b"\x00\xff\xfe" * 100, content_type="application/octet-stream"
        ).status_code

    assert {key: code for key, code in answers.items() if code >= 500} == {}


def test_a_sub_working_group_named_like_another_in_one_language_is_refused(client):
    """Each language's name is unique in a cycle: a clash in Spanish only is a message on
    the form, not a database error."""
    cycle = CspCycleFactory(number=12, year=2026)
    chair = RoleAssignmentFactory(role=Role.WGETI_CHAIR).user
    sub_working_group_create(
        by=chair, cycle=cycle, name={"en": "Diversion", "es": "Desvío"}, facilitators="A"
    )
    sign_in(client, chair)

    response = client.post(
        reverse("wgeti:sub_working_groups") + "?cycle=12",
        {"name": "Transparency", "name__es": "Desvío", "facilitators": "B", "position": 0},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"The {cycle} cycle already has a sub-working group “Desvío”."
    ]
    assert list(SubWorkingGroup.objects.values_list("name_en", flat=True)) == ["Diversion"]


@pytest.mark.parametrize(
    "next_url", ["0", "dashboard", "accounts:profile", "https://evil.example/"]
)
def test_language_choice_returns_only_to_a_page_of_the_portal(next_url, client):
    """`next` is followed only when it is a path of this site; a word is not taken for the
    name of a view."""
    sign_in(client, UserFactory())

    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": next_url})

    assert (response.status_code, response["Location"]) == (302, reverse("dashboard"))
