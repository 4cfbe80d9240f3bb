"""Who changes a person's name: the focal point of the person's delegation or the
Secretariat; nobody their own, except Secretariat staff. Every change is in the history,
with who made it and why; the admin refuses what the portal's pages refuse."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from att_portal.directory import services
from att_portal.directory.enums import Role
from att_portal.directory.models import User
from tests.conftest import sign_in
from tests.factories import (
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ZERO_WIDTH_REFUSED = (
    "A name cannot contain invisible or control characters (such as a zero-width space or "
    "a direction mark): remove U+200B (ZERO WIDTH SPACE)."
)


@pytest.fixture
def focal_point():
    person = UserFactory(state=StateFactory(status="party"), first_name="Anna", last_name="Berger")
    RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)
    return person


@pytest.fixture
def member(focal_point):
    return UserFactory(state=focal_point.state, first_name="Karl", last_name="Huber")


def rename_url(person) -> str:
    return reverse("directory:person_rename", args=[person.pk])


def names_of(person) -> tuple[str, str, int]:
    person = User.objects.get(pk=person.pk)
    return person.first_name, person.last_name, person.history.count()


def test_focal_point_changes_the_name_of_a_member_and_the_history_says_who(
    client, focal_point, member
):
    sign_in(client, focal_point)

    response = client.post(rename_url(member), {"first_name": "Karl", "last_name": "Hüber"})

    assert response.status_code == 302
    assert response["Location"] == focal_point.state.get_absolute_url()
    latest, before = member.history.order_by("-history_date", "-pk")[:2]
    assert (latest.first_name, latest.last_name, before.last_name) == ("Karl", "Hüber", "Huber")
    assert (latest.history_user, latest.history_change_reason, latest.history_type) == (
        focal_point,
        "Name changed by the delegation's focal point",
        "~",
    )
    assert latest.history_date > before.history_date


def test_focal_point_gets_404_for_a_delegate_of_another_state(client, focal_point):
    stranger = UserFactory(first_name="Somchai", last_name="Srisuk")
    sign_in(client, focal_point)
    before = names_of(stranger)

    form = client.get(rename_url(stranger))
    post = client.post(rename_url(stranger), {"first_name": "X", "last_name": "Y"})

    assert (form.status_code, post.status_code) == (404, 404)
    assert names_of(stranger) == before


def test_focal_point_may_not_change_their_own_name(client, focal_point):
    sign_in(client, focal_point)
    before = names_of(focal_point)

    response = client.post(rename_url(focal_point), {"first_name": "Me", "last_name": "Myself"})

    assert response.status_code == 403
    assert names_of(focal_point) == before


def test_a_member_who_is_not_focal_point_gets_403_renaming_a_colleague(client, member):
    colleague = UserFactory(state=member.state, first_name="Lena", last_name="Wolf")
    sign_in(client, member)
    before = names_of(colleague)

    response = client.post(rename_url(colleague), {"first_name": "X", "last_name": "Y"})

    assert response.status_code == 403
    assert names_of(colleague) == before


@pytest.mark.parametrize(
    "person",
    [
        lambda: UserFactory(first_name="Karl", last_name="Huber"),
        lambda: OrganisationUserFactory(first_name="Ruth", last_name="Ng"),
        lambda: SecretariatUserFactory(first_name="Olga", last_name="Officer"),
    ],
    ids=["delegate", "organisation", "secretariat colleague"],
)
def test_secretariat_changes_anybodys_name(client, person):
    person = person()
    officer = SecretariatUserFactory()
    sign_in(client, officer)

    response = client.post(rename_url(person), {"first_name": "Ирина", "last_name": "Иванова"})

    assert response.status_code == 302
    latest = person.history.order_by("-history_date", "-pk").first()
    assert (latest.first_name, latest.last_name, latest.history_user) == (
        "Ирина",
        "Иванова",
        officer,
    )
    assert latest.history_change_reason == "Name changed by the Secretariat"


@pytest.mark.parametrize(
    "people",
    [
        lambda: (OrganisationUserFactory(), None),  # their own
        lambda: (OrganisationUserFactory(), OrganisationUserFactory()),  # another organisation
        lambda: (UserFactory(), OrganisationUserFactory()),  # a delegate, an NGO's person
    ],
    ids=["own name", "another organisation", "delegate renaming an NGO person"],
)
def test_nobody_else_changes_a_name(client, people):
    user, person = people()
    person = person or user
    sign_in(client, user)
    before = names_of(person)

    response = client.post(rename_url(person), {"first_name": "X", "last_name": "Y"})

    assert response.status_code == (403 if person == user else 404)
    assert names_of(person) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_name": "\u200b", "last_name": "\u200b\u200b"}, ZERO_WIDTH_REFUSED),
        (
            {"first_name": "Karl", "last_name": "Hu\u202eber"},
            "A name cannot contain invisible or control characters (such as a zero-width "
            "space or a direction mark): remove U+202E (RIGHT-TO-LEFT OVERRIDE).",
        ),
        (
            {"first_name": "Karl", "last_name": "Huber 2"},
            "A name can contain letters, spaces, hyphens, apostrophes and full stops after "
            "initials only: remove “2”.",
        ),
        (
            {"first_name": " ", "last_name": ""},
            "Give the person&#x27;s first name, last name or both.",
        ),
        (
            {"first_name": "K" * 151, "last_name": "Huber"},
            "Ensure this value has at most 150 characters (it has 151).",
        ),
    ],
)
def test_a_refused_name_comes_back_with_its_message_and_changes_nothing(
    client, focal_point, member, data, message
):
    sign_in(client, focal_point)
    before = names_of(member)

    response = client.post(rename_url(member), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert names_of(member) == before


def test_the_name_is_stored_normalised(client, focal_point, member):
    sign_in(client, focal_point)

    client.post(
        rename_url(member), {"first_name": " Jean \u00a0 Luc ", "last_name": "Nguye\u0302\u0303n"}
    )

    assert names_of(member)[:2] == ("Jean Luc", "Nguyễn")


def test_saving_the_same_name_adds_no_history(client, focal_point, member):
    sign_in(client, focal_point)
    before = names_of(member)

    response = client.post(rename_url(member), {"first_name": "Karl", "last_name": "Huber"})

    assert response.status_code == 302
    assert names_of(member) == before


def test_the_service_checks_the_permission_layer_itself(focal_point, member):
    stranger = UserFactory()

    with pytest.raises(PermissionDenied):
        services.person_rename(by=focal_point, person=focal_point, first_name="A", last_name="B")
    with pytest.raises(PermissionDenied):
        services.person_rename(by=member, person=focal_point, first_name="A", last_name="B")
    with pytest.raises(Http404):
        services.person_rename(by=focal_point, person=stranger, first_name="A", last_name="B")


def test_the_delegation_page_offers_the_change_to_the_focal_point_for_others_only(
    client, focal_point, member
):
    sign_in(client, focal_point)

    page = client.get(focal_point.state.get_absolute_url())

    assert page.context["renamable"] == {member.pk}
    assert rename_url(member) in page.content.decode()
    assert rename_url(focal_point) not in page.content.decode()


# -- The admin ----------------------------------------------------------------------------


def admin_post(person, **changes) -> dict:
    data = {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "job_title": person.job_title,
        "preferred_language": person.preferred_language,
        "affiliation": person.affiliation,
        "state": person.state_id or "",
        "organisation": person.organisation_id or "",
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    return data | changes


def test_the_admin_refuses_an_invisible_name_and_changes_nothing(client, member):
    sign_in(client, SecretariatUserFactory())
    before = names_of(member)
    url = reverse("admin:directory_user_change", args=[member.pk])

    response = client.post(url, admin_post(member, first_name="\u200b\u200b"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"first_name": [ZERO_WIDTH_REFUSED]}
    assert names_of(member) == before


def test_a_name_changed_in_the_admin_is_in_the_history_with_who_and_why(client, member):
    officer = SecretariatUserFactory()
    sign_in(client, officer)
    url = reverse("admin:directory_user_change", args=[member.pk])

    response = client.post(url, admin_post(member, first_name="  Carl "))

    assert response.status_code == 302
    latest = member.history.order_by("-history_date", "-pk").first()
    assert (latest.first_name, latest.history_user, latest.history_change_reason) == (
        "Carl",
        officer,
        "Name changed by the Secretariat in the administration",
    )
