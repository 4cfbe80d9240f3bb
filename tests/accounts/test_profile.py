"""The profile page: what a person changes about themselves. A delegate's name is changed
by their focal point or the Secretariat, anybody else's by the Secretariat; only
Secretariat staff change their own name here."""

import pytest
from django.urls import reverse

from att_portal.directory.enums import Role
from att_portal.directory.models import User
from tests.conftest import sign_in
from tests.factories import (
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def focal_point() -> User:
    person = UserFactory(first_name="Anna", last_name="Berger")
    RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)
    return person


@pytest.mark.parametrize(
    ("make", "who"),
    [
        (
            lambda: UserFactory(first_name="Karl", last_name="Huber"),
            "Your delegation&#x27;s focal point or the ATT Secretariat changes your name.",
        ),
        (
            focal_point,
            "Your delegation&#x27;s focal point or the ATT Secretariat changes your name.",
        ),
        (
            lambda: OrganisationUserFactory(first_name="Ruth", last_name="Ng"),
            "The ATT Secretariat changes your name.",
        ),
    ],
    ids=["delegate", "focal point", "organisation"],
)
def test_the_profile_shows_the_name_without_offering_to_change_it(client, make, who):
    person = make()
    sign_in(client, person)

    response = client.get(reverse("accounts:profile"))

    assert list(response.context["form"].fields) == ["job_title", "preferred_language"]
    content = response.content.decode()
    assert f"<bdi>{person.get_full_name()}</bdi>" in content
    assert who in content
    assert 'name="first_name"' not in content


@pytest.mark.parametrize("make", [UserFactory, focal_point, OrganisationUserFactory])
def test_a_forged_post_of_a_name_changes_nothing_but_what_the_form_offers(client, make):
    person = make(first_name="Karl", last_name="Huber") if make is not focal_point else make()
    before = (person.first_name, person.last_name)
    sign_in(client, person)

    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "\u200b",
            "last_name": "Somebody Else",
            "job_title": "Customs officer",
            "preferred_language": "en",
        },
    )

    assert response.status_code == 302
    person = User.objects.get(pk=person.pk)
    assert (person.first_name, person.last_name, person.job_title) == (*before, "Customs officer")


def test_secretariat_staff_change_their_own_name_on_the_profile(client):
    officer = SecretariatUserFactory(first_name="Olga", last_name="Officer")
    sign_in(client, officer)

    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Olga ",
            "last_name": "O’Fficer",
            "job_title": "",
            "preferred_language": "en",
        },
    )

    assert response.status_code == 302
    latest = officer.history.order_by("-history_date", "-pk").first()
    assert (latest.first_name, latest.last_name, latest.history_user) == (
        "Olga",
        "O’Fficer",
        officer,
    )
    assert latest.history_change_reason == "Profile edited by its owner"


def test_secretariat_staff_cannot_give_themselves_an_invisible_name(client):
    officer = SecretariatUserFactory(first_name="Olga", last_name="Officer")
    sign_in(client, officer)

    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "\u2066\u200b\u2069", "last_name": "Officer", "preferred_language": "en"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "first_name": [
            "A name cannot contain invisible or control characters (such as a zero-width "
            "space or a direction mark): remove U+2066 (LEFT-TO-RIGHT ISOLATE), U+200B (ZERO "
            "WIDTH SPACE), U+2069 (POP DIRECTIONAL ISOLATE)."
        ]
    }
    officer.refresh_from_db()
    assert officer.first_name == "Olga"
