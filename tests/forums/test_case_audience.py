"""Who may read a case or platform item: one choice — all DIEF participants, or only the
States the provider names —, the States belonging to the second; a choice that
contradicts itself is refused by the service (and so by the form) with nothing saved, and
the form says who will read the item before it is saved."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from guardian.models import GroupObjectPermission

from att_portal.directory.enums import AttStatus
from forums.enums import Distribution
from forums.forms import CaseForm
from forums.models import Case, PlatformItem
from forums.services.shared import named_states, shared_item_save
from tests.conftest import sign_in
from tests.factories import StateFactory, UserFactory
from tests.factories.forums import CaseFactory, PlatformItemFactory

pytestmark = pytest.mark.django_db

CONTRADICTION = (
    "You named States but chose “All DIEF participants”, which would let every participant "
    "read it. Choose “Only the States I name” to share it with these States only, or "
    "remove them to share it with all."
)
NONE_NAMED = "Name at least one State, or share with all DIEF participants."
ALL_READERS = (
    "All DIEF participants: the delegates of every State Party and signatory, the DIEF "
    "Chair and the Secretariat."
)

CASE = {
    "title": "Rifles diverted in transit",
    "summary": "Forty rifles left a transit warehouse.",
    "diversion_details": "Paperwork changed in transit.",
    "detection_details": "Found by customs at the next border.",
    "detection_timeliness": "in_transit",
    "methods_and_means": "Forged bills of lading.",
    "actors": "",
    "investigation": "ongoing",
    "categories": ["b"],
}
ITEM = {"title": "Route through a port", "summary": "A pattern.", "information": "Details."}
KINDS = {
    "case": (Case, CaseFactory, "dief:case_new", CASE),
    "item": (PlatformItem, PlatformItemFactory, "dief:item_new", ITEM),
}


@pytest.fixture
def world():
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    return {
        "provider": UserFactory(state=austria),
        "mexico": StateFactory(country="MX", status=AttStatus.STATE_PARTY),
        "thailand": StateFactory(country="TH", status=AttStatus.SIGNATORY),
    }


def client(user) -> Client:
    return sign_in(Client(), user)


def grants() -> int:
    return GroupObjectPermission.objects.count()


@pytest.mark.parametrize("kind", KINDS)
def test_states_picked_while_all_participants_is_chosen_are_refused_and_nothing_is_saved(
    world, kind
):
    """The usability test's finding: the default left on "All DIEF participants", Mexico
    picked."""
    model, _factory, new, fields = KINDS[kind]
    data = {**fields, "distribution": "all", "named_states": [world["mexico"].pk]}

    response = client(world["provider"]).post(reverse(new), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"named_states": [CONTRADICTION]}
    assert (model.objects.count(), grants()) == (0, 0)


@pytest.mark.parametrize("kind", KINDS)
def test_only_named_states_without_a_state_is_refused_and_nothing_is_saved(world, kind):
    model, _factory, new, fields = KINDS[kind]

    response = client(world["provider"]).post(reverse(new), {**fields, "distribution": "named"})

    assert response.context["form"].errors == {"named_states": [NONE_NAMED]}
    assert (model.objects.count(), grants()) == (0, 0)


@pytest.mark.parametrize("kind", KINDS)
def test_the_service_refuses_states_named_for_an_item_open_to_all(world, kind):
    model, factory, _new, _fields = KINDS[kind]
    item = factory.build(provider=world["provider"], distribution=Distribution.ALL_PARTICIPANTS)

    with pytest.raises(ValidationError) as refused:
        shared_item_save(by=world["provider"], item=item, categories=[], named=[world["mexico"]])

    assert refused.value.message_dict == {"named_states": [CONTRADICTION]}
    assert (model.objects.count(), grants()) == (0, 0)


def test_an_open_case_is_not_given_named_states_on_a_change(world):
    case = shared_item_save(
        by=world["provider"],
        item=CaseFactory.build(provider=world["provider"], title="Open"),
        categories=[],
    )
    case.title = "Renamed"

    with pytest.raises(ValidationError):
        shared_item_save(by=world["provider"], item=case, categories=[], named=[world["mexico"]])

    case.refresh_from_db()
    assert (case.title, case.distribution, named_states(case)) == ("Open", "all", [])


def test_naming_only_the_providers_own_state_is_refused(world):
    item = CaseFactory.build(provider=world["provider"], distribution=Distribution.NAMED_STATES)

    with pytest.raises(ValidationError) as refused:
        shared_item_save(
            by=world["provider"], item=item, categories=[], named=[world["provider"].state]
        )

    assert refused.value.message_dict == {"named_states": [NONE_NAMED]}
    assert Case.objects.count() == 0


def test_only_the_states_named_then_read_it(world):
    data = {**CASE, "distribution": "named", "named_states": [world["mexico"].pk]}

    response = client(world["provider"]).post(reverse("dief:case_new"), data)

    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert (case.distribution, named_states(case)) == ("named", [world["mexico"]])


def test_the_form_is_one_control_for_who_reads_it():
    form = CaseForm(provider_state_id=0)

    assert form.fields["distribution"].label == "Who may read it"
    assert list(form.fields["distribution"].choices) == [
        ("all", "All DIEF participants"),
        ("named", "Only the States I name"),
    ]
    assert form.fields["distribution"].initial == "all"


def summary_of(response) -> str:
    """The text of the summary's parts the page shows (those not `hidden`)."""
    html = response.content.decode()
    box = html[html.index('id="audience-summary"') :]
    box = box[: box.index("</div>")]
    shown = re.sub(r"<(p|ul)[^>]* hidden>.*?</\1>", "", box, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", shown.split(">", 1)[1]).split())


def test_a_new_case_says_every_participant_will_read_it(world):
    response = client(world["provider"]).get(reverse("dief:case_new"))

    assert summary_of(response) == f"Who will read this case: {ALL_READERS}"


def test_a_form_sent_back_says_which_named_states_would_read_it(world):
    data = {
        **CASE,
        "title": "",
        "distribution": "named",
        "named_states": [world["thailand"].pk, world["mexico"].pk],
    }

    response = client(world["provider"]).post(reverse("dief:case_new"), data)

    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert summary_of(response) == (
        "Who will read this case: The delegates of your State The delegates of Mexico "
        "The delegates of Thailand The Secretariat, which administers the forum"
    )


def test_a_narrowed_item_without_states_says_no_other_state_is_named(world):
    response = client(world["provider"]).post(
        reverse("dief:item_new"), {**ITEM, "distribution": "named"}
    )

    assert summary_of(response) == (
        "Who will read this information: The delegates of your State The Secretariat, which "
        "administers the forum No other State is named yet: name at least one, or choose "
        "“All DIEF participants”."
    )


def test_the_edit_form_of_a_narrowed_case_names_its_states_in_the_readers_language(world):
    case = shared_item_save(
        by=world["provider"],
        item=CaseFactory.build(provider=world["provider"], distribution="named"),
        categories=[],
        named=[world["thailand"], world["mexico"]],
    )
    world["provider"].preferred_language = "es"
    world["provider"].save()

    response = client(world["provider"]).get(reverse("dief:case_edit", args=[case.pk]))

    with translation.override("es"):
        each = gettext("The delegates of %(state)s")
    shown = re.findall(r"<li data-audience-state>(.*?)</li>", response.content.decode())
    assert shown == [each % {"state": "México"}, each % {"state": "Tailandia"}]
