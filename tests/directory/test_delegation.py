"""A focal point manages their own delegation's members and nobody else's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from att_portal.directory import services
from att_portal.directory.enums import Affiliation, Role
from att_portal.directory.models import User
from att_portal.notifications.models import OutboxMail
from tests.conftest import sign_in
from tests.factories import RoleAssignmentFactory, StateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal_point():
    person = UserFactory(state=StateFactory(status="party"))
    RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)
    return person


def test_focal_point_invites_a_member_who_gets_a_link_by_mail(client, focal_point):
    sign_in(client, focal_point)
    url = reverse("directory:delegate_invite", args=[focal_point.state.alpha3.lower()])

    response = client.post(
        url,
        {
            "first_name": "Nadia",
            "last_name": "Ferreira",
            "email": "Nadia.Ferreira@Example.org",
            "job_title": "Customs",
            "is_law_enforcement": "on",
            "preferred_language": "es",
        },
    )

    assert response.status_code == 302
    invited = User.objects.get(email="nadia.ferreira@example.org")
    assert (invited.state, invited.affiliation, invited.is_law_enforcement) == (
        focal_point.state,
        Affiliation.DELEGATION,
        True,
    )
    assert invited.has_usable_password() is False
    outbox = OutboxMail.objects.get(key=f"delegate-invitation:{invited.pk}")
    assert (outbox.to_address, outbox.language) == ("nadia.ferreira@example.org", "es")
    assert "/accounts/reset/" in outbox.body_text
    assert invited.history.first().history_user == focal_point


def test_focal_point_may_not_invite_into_another_delegation(focal_point):
    other_state = StateFactory()

    with pytest.raises(PermissionDenied):
        services.delegate_invite(
            by=focal_point,
            state=other_state,
            email="x@example.org",
            first_name="X",
            last_name="Y",
        )
    assert User.objects.filter(email="x@example.org").exists() is False


def test_delegate_who_is_not_focal_point_gets_403_on_the_invitation_form(client):
    delegate = UserFactory()
    sign_in(client, delegate)

    response = client.get(
        reverse("directory:delegate_invite", args=[delegate.state.alpha3.lower()])
    )

    assert response.status_code == 403


def test_focal_point_deactivates_a_member_who_can_no_longer_sign_in(client, focal_point):
    member = UserFactory(state=focal_point.state)
    sign_in(client, focal_point)

    response = client.post(
        reverse("directory:person_deactivate", args=[member.pk]), {"confirmed": "yes"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active is False
    client.logout()
    login = client.post(
        reverse("accounts:login"),
        {"username": member.username, "password": "correct horse battery staple"},
    )
    assert (login.status_code, login.wsgi_request.user.is_authenticated) == (200, False)


def test_focal_point_gets_404_deactivating_someone_of_another_delegation(client, focal_point):
    stranger = UserFactory()
    sign_in(client, focal_point)

    response = client.post(reverse("directory:person_deactivate", args=[stranger.pk]))

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active is True


def test_focal_point_may_not_deactivate_themselves(focal_point):
    with pytest.raises(PermissionDenied):
        services.delegate_set_active(by=focal_point, person=focal_point, active=False)


def test_ordinary_member_gets_403_deactivating_a_colleague(client):
    member = UserFactory()
    colleague = UserFactory(state=member.state)
    sign_in(client, member)

    response = client.post(reverse("directory:person_deactivate", args=[colleague.pk]))

    assert response.status_code == 403


def test_focal_point_role_past_its_term_manages_nothing(focal_point):
    import datetime

    focal_point.role_assignments.update(ends_on=datetime.date(2020, 6, 30))
    focal_point = User.objects.get(pk=focal_point.pk)
    member = UserFactory(state=focal_point.state)

    with pytest.raises(PermissionDenied):
        services.delegate_set_active(by=focal_point, person=member, active=False)


def test_delegate_and_organisation_must_match_the_affiliation():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        UserFactory(affiliation=Affiliation.SECRETARIAT)


def test_state_detail_shows_the_status_history_and_dates(client):
    state = StateFactory(status="party")
    sign_in(client, UserFactory())

    response = client.get(reverse("directory:state_detail", args=[state.alpha3.lower()]))

    assert response.status_code == 200
    assert [change.status for change in response.context["status_changes"]] == [
        "signatory",
        "party",
    ]


def test_state_list_filters_by_status_and_name(client):
    party = StateFactory(status="party")
    StateFactory(status="signatory")
    sign_in(client, UserFactory(state=party))

    response = client.get(reverse("directory:state_list"), {"status": "signatory"})
    names = [state.name for state in response.context["page"]]
    assert all(state.current_status == "signatory" for state in response.context["page"]), names

    response = client.get(reverse("directory:state_list"), {"q": party.alpha3})
    assert [state.pk for state in response.context["page"]] == [party.pk]


def test_service_refuses_a_duplicate_email_with_a_clear_message(focal_point):
    from django.core.exceptions import ValidationError

    UserFactory(email="taken@example.org")
    with pytest.raises(ValidationError, match="already uses this e-mail"):
        services.delegate_invite(
            by=focal_point,
            state=focal_point.state,
            email="TAKEN@example.org",
            first_name="A",
            last_name="B",
        )


def test_get_visible_or_404_hides_unknown_people(focal_point):
    from att_portal import access

    with pytest.raises(Http404):
        access.get_visible_or_404(focal_point, User, pk=999999)


def test_htmx_reactivation_answers_with_the_updated_row(client, focal_point):
    member = UserFactory(
        state=focal_point.state, first_name="Nadia", last_name="Ferreira", is_active=False
    )
    sign_in(client, focal_point)

    response = client.post(
        reverse("directory:person_reactivate", args=[member.pk]), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    row = response.content.decode()
    assert row.strip().startswith(f'<tr id="member-{member.pk}">')
    deactivate = reverse("directory:person_deactivate", args=[member.pk])
    assert ("Deactivated" in row, f'href="{deactivate}"' in row) == (False, True)
    member.refresh_from_db()
    assert member.is_active is True


def test_law_enforcement_flag_is_shown_to_the_focal_point_not_to_other_members(client, focal_point):
    UserFactory(state=focal_point.state, is_law_enforcement=True)
    member = UserFactory(state=focal_point.state)
    url = reverse("directory:state_detail", args=[focal_point.state.alpha3.lower()])

    sign_in(client, focal_point)
    assert "Law enforcement" in client.get(url).content.decode()
    client.logout()
    sign_in(client, member)
    assert "Law enforcement" not in client.get(url).content.decode()


def test_a_delegate_saved_in_the_portal_joins_their_states_delegation_group():
    state = StateFactory(status="party")
    group = services.delegation_group(state)

    person = UserFactory(state=state)

    assert list(person.groups.all()) == [group]


def test_a_delegate_loaded_as_stored_is_not_moved_between_groups_by_the_portal():
    # A restore or a fixture brings the user's groups with it: the signal that keeps a
    # delegate in their State's group must not act on a row saved raw.
    from django.core import serializers

    first, second = StateFactory(status="party"), StateFactory(status="party")
    first_group = services.delegation_group(first)
    services.delegation_group(second)
    person = UserFactory(state=first)
    assert list(person.groups.all()) == [first_group]
    person.state = second
    fields = [field.name for field in User._meta.concrete_fields if field.name != "id"]
    stored = serializers.serialize("json", [person], fields=fields)

    for row in serializers.deserialize("json", stored):
        row.save()

    person.refresh_from_db()
    assert (person.state, list(person.groups.all())) == (second, [first_group])
