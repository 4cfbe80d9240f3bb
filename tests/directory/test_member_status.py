"""What a delegation's page says of each member's account, and deactivation that asks first."""

import pytest
from django.urls import reverse
from django.utils import timezone

from att_portal.directory import services
from att_portal.directory.enums import Role
from att_portal.directory.models import User
from tests.conftest import sign_in
from tests.factories import RoleAssignmentFactory, SecretariatUserFactory, StateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal_point():
    person = UserFactory(state=StateFactory(status="party"), last_login=timezone.now())
    RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)
    return person


def delegation_page(client, state) -> str:
    return client.get(reverse("directory:state_detail", args=[state.alpha3.lower()])).content


def account_cell(client, person) -> str:
    """The "Account" cell of the person's row on their delegation's page."""
    page = delegation_page(client, person.state).decode()
    row = page.split(f'<tr id="member-{person.pk}">', 1)[1].split("</tr>", 1)[0]
    return row.split("<td>")[5 if "Law enforcement" in page else 4].split("</td>")[0]


def test_an_invited_member_who_has_chosen_no_password_shows_as_invited(client, focal_point):
    invited = services.delegate_invite(
        by=focal_point,
        state=focal_point.state,
        email="nadia.ferreira@example.org",
        first_name="Nadia",
        last_name="Ferreira",
    )
    sign_in(client, focal_point)

    assert account_cell(client, invited) == "Invited — has not signed in yet"
    assert account_cell(client, focal_point) == "Active"


def test_a_member_with_a_password_who_never_signed_in_still_shows_as_invited(client, focal_point):
    member = UserFactory(state=focal_point.state, last_login=None)
    sign_in(client, focal_point)

    assert account_cell(client, member) == "Invited — has not signed in yet"


def test_once_the_member_has_signed_in_the_account_shows_as_active(client, focal_point):
    member = UserFactory(state=focal_point.state, last_login=None)
    client.post(
        reverse("accounts:login"),
        {"username": member.username, "password": "correct horse battery staple"},
    )
    client.logout()
    sign_in(client, focal_point)

    assert account_cell(client, User.objects.get(pk=member.pk)) == "Active"


def test_a_deactivated_invitee_shows_as_deactivated(client, focal_point):
    member = UserFactory(state=focal_point.state, last_login=None, is_active=False)
    sign_in(client, focal_point)

    assert account_cell(client, member) == "Deactivated"


def test_the_deactivate_button_opens_a_confirmation_page_and_changes_nothing(client, focal_point):
    member = UserFactory(
        state=focal_point.state,
        first_name="Markus",
        last_name="Huber",
        username="markus.huber",
        email="markus.huber@example.org",
    )
    sign_in(client, focal_point)
    url = reverse("directory:person_deactivate", args=[member.pk])

    assert f'href="{url}"' in delegation_page(client, focal_point.state).decode()
    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Deactivate the account of <bdi>Markus Huber</bdi>?" in page
    assert "<bdi>markus.huber@example.org</bdi>" in page
    assert (
        "<bdi>Markus Huber</bdi> will lose access to the ATT Portal as soon as you confirm"
    ) in page
    assert '<input type="hidden" name="confirmed" value="yes">' in page
    member.refresh_from_db()
    assert member.is_active is True


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}])
def test_a_post_that_did_not_come_from_the_confirmation_deactivates_nobody(
    client, focal_point, headers
):
    member = UserFactory(state=focal_point.state, first_name="Markus", last_name="Huber")
    sign_in(client, focal_point)

    response = client.post(reverse("directory:person_deactivate", args=[member.pk]), **headers)

    assert response.status_code == 200
    assert "Deactivate the account of <bdi>Markus Huber</bdi>?" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active is True


def test_the_secretariat_confirms_and_the_member_is_deactivated(client, focal_point):
    member = UserFactory(state=focal_point.state, first_name="Markus", last_name="Huber")
    sign_in(client, SecretariatUserFactory())

    response = client.post(
        reverse("directory:person_deactivate", args=[member.pk]), {"confirmed": "yes"}, follow=True
    )

    member.refresh_from_db()
    assert member.is_active is False
    assert response.redirect_chain == [
        (reverse("directory:state_detail", args=[focal_point.state.alpha3.lower()]), 302)
    ]
    assert "Markus Huber can no longer sign in." in response.content.decode()
    assert member.history.first().history_change_reason.startswith("Deactivated by ")


def test_a_member_who_may_not_manage_gets_403_on_the_confirmation_page(client, focal_point):
    member = UserFactory(state=focal_point.state)
    colleague = UserFactory(state=focal_point.state)
    sign_in(client, member)

    response = client.get(reverse("directory:person_deactivate", args=[colleague.pk]))

    assert response.status_code == 403


def test_the_confirmation_page_of_an_account_already_deactivated_goes_back(client, focal_point):
    member = UserFactory(state=focal_point.state, is_active=False)
    sign_in(client, focal_point)

    response = client.get(reverse("directory:person_deactivate", args=[member.pk]))

    assert response.status_code == 302
    assert response["Location"] == focal_point.state.get_absolute_url()
