"""Law-enforcement contacts (ToR art. 20): exchanged via the Secretariat, read by States
Parties' and signatories' delegates only, with their change history kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus
from forums.models import LawEnforcementContact
from forums.services.contacts import law_enforcement_contact_delete, law_enforcement_contact_save
from tests.conftest import sign_in
from tests.factories import (
    OrganisationUserFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Jane Doe",
    "position": "Inspector",
    "agency": "National Police, Firearms Unit",
    "email": "firearms@example.org",
    "phone": "+1 000",
    "languages": "English",
    "notes": "",
}


@pytest.fixture
def people():
    return {
        "secretariat": SecretariatUserFactory(),
        "party": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "signatory": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "observer": UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY)),
        "ngo": OrganisationUserFactory(),
        "expert": OrganisationUserFactory(),
    }


@pytest.fixture
def contact(people):
    return law_enforcement_contact_save(
        by=people["secretariat"],
        contact=LawEnforcementContact(state=people["party"].state, **FORM),
    )


def client(user) -> Client:
    return sign_in(Client(), user)


def test_secretariat_adds_a_contact(people):
    response = client(people["secretariat"]).post(
        reverse("dief:contact_new"), {**FORM, "state": people["signatory"].state_id}
    )

    assert response.status_code == 302
    contact = LawEnforcementContact.objects.get()
    assert (contact.state, contact.name, contact.email) == (
        people["signatory"].state,
        "Jane Doe",
        "firearms@example.org",
    )


def test_a_contact_of_a_non_participating_state_is_refused(people):
    response = client(people["secretariat"]).post(
        reverse("dief:contact_new"), {**FORM, "state": people["observer"].state_id}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["state"]
    assert LawEnforcementContact.objects.count() == 0


def test_secretariat_edits_a_contact_and_history_is_kept(people, contact):
    secretariat = client(people["secretariat"])

    response = secretariat.post(
        reverse("dief:contact_edit", args=[contact.pk]),
        {**FORM, "state": contact.state_id, "phone": "+1 999"},
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.phone == "+1 999"
    assert [h.history_change_reason for h in contact.history.order_by("history_date")] == [
        "Entered",
        "Updated",
    ]
    history = secretariat.get(reverse("history", args=["law-enforcement-contact", contact.pk]))
    assert history.status_code == 200


def test_secretariat_removes_a_contact(people, contact):
    response = client(people["secretariat"]).post(reverse("dief:contact_delete", args=[contact.pk]))

    assert response.status_code == 302
    assert LawEnforcementContact.objects.count() == 0
    assert contact.history.latest().history_type == "-"


@pytest.mark.parametrize("who", ["party", "signatory"])
def test_delegates_of_parties_and_signatories_read_the_contacts(people, contact, who):
    c = client(people[who])

    response = c.get(reverse("dief:contact_list"))

    assert response.status_code == 200
    assert response.context["contacts"] == [contact]
    assert b"firearms@example.org" in response.content
    assert c.get(reverse("dief:contact_new")).status_code == 403
    assert c.get(reverse("dief:contact_edit", args=[contact.pk])).status_code == 403
    assert c.post(reverse("dief:contact_delete", args=[contact.pk])).status_code == 403
    assert LawEnforcementContact.objects.count() == 1


def test_delegates_cannot_save_through_the_service(people, contact):
    with pytest.raises(PermissionDenied):
        law_enforcement_contact_save(
            by=people["party"], contact=LawEnforcementContact(state=people["party"].state, **FORM)
        )
    with pytest.raises(PermissionDenied):
        law_enforcement_contact_delete(by=people["party"], contact=contact)


@pytest.mark.parametrize("who", ["observer", "ngo", "expert"])
def test_observers_ngos_and_experts_get_nothing(people, contact, who):
    c = client(people[who])

    assert c.get(reverse("dief:contact_list")).status_code == 403
    assert c.get(reverse("dief:contact_edit", args=[contact.pk])).status_code == 403
    assert (
        c.get(reverse("history", args=["law-enforcement-contact", contact.pk])).status_code == 404
    )


def test_list_is_filtered_by_state(people, contact):
    other = law_enforcement_contact_save(
        by=people["secretariat"],
        contact=LawEnforcementContact(state=people["signatory"].state, **FORM),
    )
    c = client(people["party"])

    response = c.get(reverse("dief:contact_list"), {"state": people["signatory"].state_id})

    assert response.context["contacts"] == [other]


@pytest.mark.parametrize("count", [1, 200])
def test_list_query_count_does_not_grow(people, count, django_assert_num_queries):
    states = [people["party"].state, people["signatory"].state]
    LawEnforcementContact.objects.bulk_create(
        [
            LawEnforcementContact(
                state=states[i % 2], name=f"Officer {i}", agency="Police", email=f"o{i}@example.org"
            )
            for i in range(count)
        ]
    )
    c = client(people["signatory"])
    c.get(reverse("dief:contact_list"))

    with django_assert_num_queries(8):
        response = c.get(reverse("dief:contact_list"))

    assert len(response.context["contacts"]) == count


def test_a_contact_named_with_invisible_characters_is_refused_naming_them(people):
    response = client(people["secretariat"]).post(
        reverse("dief:contact_new"),
        {**FORM, "name": "\u200bJane\u200b", "state": people["party"].state_id},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "A name cannot contain invisible or control characters (such as a zero-width space "
        "or a direction mark): remove U+200B (ZERO WIDTH SPACE)."
    ]
    assert LawEnforcementContact.objects.count() == 0


def test_the_service_refuses_a_contact_whose_name_is_not_a_name(people):
    # The administration saves through the model's own validation: the same refusal.
    with pytest.raises(ValidationError) as refusal:
        law_enforcement_contact_save(
            by=people["secretariat"],
            contact=LawEnforcementContact(
                state=people["party"].state, **{**FORM, "name": "Jane <b>Doe</b>"}
            ),
        )

    assert list(refusal.value.message_dict) == ["name"]
    assert LawEnforcementContact.objects.count() == 0
