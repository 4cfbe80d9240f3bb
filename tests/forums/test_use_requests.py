"""Operational use (ToR art. 16): a participant discusses with the provider before using
its information operationally, and the provider states its position (agrees, agrees with
conditions, has concerns); only the two States (and the Secretariat) see the discussion."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus
from att_portal.notifications.models import Notice, OutboxMail
from forums.enums import Distribution, OperationalPurpose, ProviderPosition
from forums.models import OperationalUseMessage, OperationalUseRequest
from forums.services.shared import shared_item_save
from forums.services.use_requests import (
    _notify,
    positions_stated,
    use_request_create,
    use_request_message_post,
    use_request_position_state,
)
from tests.conftest import sign_in
from tests.factories import (
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, PlatformItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    provider_state = StateFactory(status=AttStatus.STATE_PARTY)
    requester_state = StateFactory(status=AttStatus.SIGNATORY)
    third_state = StateFactory(status=AttStatus.STATE_PARTY)
    chair = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role="dief_chair")
    return {
        "provider": UserFactory(state=provider_state),
        "requester": UserFactory(state=requester_state),
        "third": UserFactory(state=third_state),
        "chair": chair,
        "secretariat": SecretariatUserFactory(),
        "observer": UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY)),
        "ngo": OrganisationUserFactory(),
    }


@pytest.fixture
def case(people):
    return CaseFactory(provider=people["provider"])


@pytest.fixture
def use_request(people, case):
    return use_request_create(
        by=people["requester"],
        item=case,
        purpose=OperationalPurpose.EXPORT_ASSESSMENT,
        description="For a pending licence.",
    )


def client(user) -> Client:
    return sign_in(Client(), user)


def test_requester_asks_the_provider_about_a_case(people, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client(people["requester"]).post(
            reverse("dief:use_request_new", args=[case.pk]),
            {"purpose": "enforcement", "description": "To support a prosecution."},
        )

    request = OperationalUseRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dief:use_request_detail", args=[request.pk])
    assert (request.case, request.requesting_state, request.requested_by) == (
        case,
        people["requester"].state,
        people["requester"],
    )
    assert (request.purpose, request.provider_position) == ("enforcement", ProviderPosition.AWAITED)
    mail = OutboxMail.objects.get()
    assert mail.recipient == people["provider"]
    assert case.title not in mail.subject + mail.body_text + mail.body_html
    assert "To support a prosecution" not in mail.body_text + mail.body_html
    assert Notice.objects.get().title == "DIEF: a discussion about information your State shared"


def test_requester_asks_about_a_platform_item(people):
    item = PlatformItemFactory(provider=people["provider"])

    response = client(people["requester"]).post(
        reverse("dief:item_use_request_new", args=[item.pk]),
        {"purpose": "other", "description": "Training of customs officers."},
    )

    assert response.status_code == 302
    assert OperationalUseRequest.objects.get().platform_item == item


def test_request_on_an_item_the_user_cannot_see_is_404(people, case):
    narrowed = CaseFactory(provider=people["provider"], distribution=Distribution.NAMED_STATES)
    shared_item_save(
        by=people["provider"], item=narrowed, categories=["a"], named=[people["third"].state]
    )

    response = client(people["requester"]).get(reverse("dief:use_request_new", args=[narrowed.pk]))

    assert response.status_code == 404
    with pytest.raises(Http404):
        use_request_create(by=people["requester"], item=narrowed, purpose="other", description="x")


def test_provider_cannot_request_use_of_its_own_item(people, case):
    response = client(people["provider"]).post(
        reverse("dief:use_request_new", args=[case.pk]),
        {"purpose": "other", "description": "x"},
    )

    assert response.status_code == 403
    assert OperationalUseRequest.objects.count() == 0


def test_secretariat_cannot_request_use(people, case):
    with pytest.raises(PermissionDenied):
        use_request_create(by=people["secretariat"], item=case, purpose="other", description="x")


def test_empty_request_form_is_shown_again_with_errors(people, case):
    response = client(people["requester"]).post(reverse("dief:use_request_new", args=[case.pk]), {})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"purpose", "description"}
    assert OperationalUseRequest.objects.count() == 0


def test_the_two_states_discuss_in_the_thread(
    people, use_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client(people["provider"]).post(
            reverse("dief:use_request_message", args=[use_request.pk]), {"body": "Which licence?"}
        )
        client(people["requester"]).post(
            reverse("dief:use_request_message", args=[use_request.pk]), {"body": "Ammunition."}
        )

    assert list(use_request.messages.values_list("author", "body")) == [
        (people["provider"].pk, "Which licence?"),
        (people["requester"].pk, "Ammunition."),
    ]
    assert [m.recipient for m in OutboxMail.objects.order_by("pk")] == [
        people["requester"],
        people["provider"],
    ]
    page = client(people["requester"]).get(
        reverse("dief:use_request_detail", args=[use_request.pk])
    )
    assert b"Which licence?" in page.content


def test_secretariat_reads_the_discussion_but_cannot_write_or_state_a_position(people, use_request):
    secretariat = client(people["secretariat"])

    assert (
        secretariat.get(reverse("dief:use_request_detail", args=[use_request.pk])).status_code
        == 200
    )
    assert (
        secretariat.post(
            reverse("dief:use_request_message", args=[use_request.pk]), {"body": "Hello"}
        ).status_code
        == 403
    )
    assert (
        secretariat.post(
            reverse("dief:use_request_position", args=[use_request.pk]), {"position": "agrees"}
        ).status_code
        == 403
    )
    assert OperationalUseMessage.objects.count() == 0


@pytest.mark.parametrize("who", ["third", "chair", "observer", "ngo"])
def test_others_cannot_see_the_request_its_thread_or_its_history(people, use_request, who):
    use_request_message_post(by=people["provider"], request=use_request, body="Secret detail")
    other = client(people[who])
    expected = 404 if who in ("third", "chair") else 403  # outsiders stop at the DIEF gate

    assert (
        other.get(reverse("dief:use_request_detail", args=[use_request.pk])).status_code == expected
    )
    assert (
        other.post(
            reverse("dief:use_request_message", args=[use_request.pk]), {"body": "x"}
        ).status_code
        == expected
    )
    assert other.get(reverse("history", args=["use-request", use_request.pk])).status_code == 404
    if who in ("third", "chair"):
        listing = other.get(reverse("dief:use_request_list"))
        assert listing.status_code == 200
        assert list(listing.context["sent"]) + list(listing.context["received"]) == []
        assert listing.context["others"] == []


def test_both_states_see_the_history_link_and_the_history(people, use_request):
    for who in ("requester", "provider"):
        c = client(people[who])
        page = c.get(reverse("dief:use_request_detail", args=[use_request.pk]))
        history_url = reverse("history", args=["use-request", use_request.pk])
        assert history_url.encode() in page.content
        assert c.get(history_url).status_code == 200


def test_art16_the_provider_states_its_position_in_the_discussion(
    people, use_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client(people["provider"]).post(
            reverse("dief:use_request_position", args=[use_request.pk]), {"position": "agrees"}
        )

    use_request.refresh_from_db()
    assert response.status_code == 302
    assert (
        use_request.provider_position,
        use_request.position_stated_by,
        use_request.position_details,
    ) == (ProviderPosition.AGREES, people["provider"], "")
    assert use_request.position_stated_at is not None
    mail = OutboxMail.objects.get()
    assert mail.recipient == people["requester"]
    assert "agree" not in (mail.subject + mail.body_text).lower()


def test_art16_the_provider_agrees_with_conditions(people, use_request):
    use_request_position_state(
        by=people["provider"],
        request=use_request,
        position=ProviderPosition.AGREES_WITH_CONDITIONS,
        details="Do not name our State.",
    )

    use_request.refresh_from_db()
    assert (use_request.provider_position, use_request.position_details) == (
        "agrees_with_conditions",
        "Do not name our State.",
    )


def test_art16_the_provider_has_concerns_and_says_which(people, use_request):
    use_request_position_state(
        by=people["provider"],
        request=use_request,
        position=ProviderPosition.HAS_CONCERNS,
        details="The investigation is still open.",
    )

    use_request.refresh_from_db()
    assert (use_request.provider_position, use_request.position_details) == (
        "has_concerns",
        "The investigation is still open.",
    )


def test_art16_there_is_no_grant_or_decline_of_a_request():
    assert ProviderPosition.values == [
        "awaited",
        "agrees",
        "agrees_with_conditions",
        "has_concerns",
    ]
    assert reverse("dief:use_request_position", args=[1]) == "/dief/use-requests/1/position/"


@pytest.mark.parametrize(
    ("position", "errors"),
    [
        ("agrees_with_conditions", {"details": ["State the conditions."]}),
        ("has_concerns", {"details": ["State the concerns."]}),
    ],
)
def test_conditions_and_concerns_must_be_stated(people, use_request, position, errors):
    response = client(people["provider"]).post(
        reverse("dief:use_request_position", args=[use_request.pk]),
        {"position": position, "details": "   "},
    )

    assert response.status_code == 200
    assert response.context["position_form"].errors == errors
    with pytest.raises(ValidationError) as raised:
        use_request_position_state(
            by=people["provider"], request=use_request, position=position, details=""
        )
    assert raised.value.message_dict == {"position_details": errors["details"]}
    use_request.refresh_from_db()
    assert use_request.provider_position == ProviderPosition.AWAITED


def test_art16_the_provider_may_restate_its_position_and_each_one_is_kept(people, use_request):
    use_request_position_state(
        by=people["provider"],
        request=use_request,
        position="has_concerns",
        details="Which licence is it?",
    )
    use_request_message_post(by=people["requester"], request=use_request, body="Licence 12.")
    use_request_position_state(
        by=people["provider"],
        request=use_request,
        position="agrees_with_conditions",
        details="Do not name our State.",
    )

    page = client(people["requester"]).get(
        reverse("dief:use_request_detail", args=[use_request.pk])
    )

    assert [(p.provider_position, p.position_details) for p in positions_stated(use_request)] == [
        ("has_concerns", "Which licence is it?"),
        ("agrees_with_conditions", "Do not name our State."),
    ]
    assert [p.provider_position for p in page.context["positions"]] == [
        "has_concerns",
        "agrees_with_conditions",
    ]
    assert page.context["position_form"] is None  # the requester states no position


@pytest.mark.parametrize(("who", "status"), [("requester", 403), ("third", 404), ("chair", 404)])
def test_only_the_provider_states_a_position(people, use_request, who, status):
    response = client(people[who]).post(
        reverse("dief:use_request_position", args=[use_request.pk]), {"position": "agrees"}
    )

    assert response.status_code == status
    use_request.refresh_from_db()
    assert use_request.provider_position == ProviderPosition.AWAITED


def test_notifications_are_queued_once(people, use_request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            _notify(
                request=use_request,
                state_id=people["provider"].state_id,
                step="requested",
                template="dief-use-request",
            )

    assert OutboxMail.objects.count() == 1
    assert Notice.objects.count() == 1


def test_list_shows_sent_and_received_requests(people, case, use_request):
    own = CaseFactory(provider=people["requester"])
    received = use_request_create(
        by=people["provider"], item=own, purpose="enforcement", description="x"
    )

    provider_page = client(people["provider"]).get(reverse("dief:use_request_list"))
    secretariat_page = client(people["secretariat"]).get(reverse("dief:use_request_list"))

    assert (provider_page.context["sent"], provider_page.context["received"]) == (
        [received],
        [use_request],
    )
    assert secretariat_page.context["others"] == [received, use_request]


@pytest.mark.parametrize("count", [1, 200])
def test_list_query_count_does_not_grow(people, count, django_assert_num_queries):
    cases = CaseFactory.create_batch(2, provider=people["provider"])
    OperationalUseRequest.objects.bulk_create(
        [
            OperationalUseRequest(
                case=cases[i % 2],
                requesting_state=people["requester"].state,
                requested_by=people["requester"],
                purpose="other",
                description="x",
            )
            for i in range(count)
        ]
    )
    c = client(people["requester"])
    c.get(reverse("dief:use_request_list"))  # warm the session and content types

    with django_assert_num_queries(8):
        response = c.get(reverse("dief:use_request_list"))

    assert len(response.context["sent"]) == count


def test_art16_granted_and_declined_requests_become_positions_in_the_rows_and_their_history(
    people, case
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("forums.migrations.0006_operational_use_discussed_with_the_provider")
    discussions = [
        use_request_create(by=people["requester"], item=case, purpose="other", description="x")
        for _ in range(4)
    ]
    old = ["pending", "agreed", "conditions", "declined"]
    for discussion, value in zip(discussions, old, strict=True):
        stated = {"provider_position": value, "position_details": "Not in court."}
        if value in ("pending", "agreed"):
            stated["position_details"] = ""
        OperationalUseRequest.objects.filter(pk=discussion.pk).update(**stated)
        discussion.history.update(**stated)

    migration.rename_positions(apps, None)

    assert [OperationalUseRequest.objects.get(pk=d.pk).provider_position for d in discussions] == [
        "awaited",
        "agrees",
        "agrees_with_conditions",
        "has_concerns",
    ]
    assert [d.history.get().provider_position for d in discussions] == [
        "awaited",
        "agrees",
        "agrees_with_conditions",
        "has_concerns",
    ]
