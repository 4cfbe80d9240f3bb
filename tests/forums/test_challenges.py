"""Disclosure challenges (ToR art. 15): raised bilaterally by a participant, the Chair or
the Secretariat against any participant, non-state experts included; answered once by the
challenged participant, with remedial measures only when it acknowledges a disclosure;
seen by the two parties only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus
from att_portal.notifications.models import OutboxMail
from forums.enums import Challenger
from forums.models import DisclosureChallenge
from forums.services.challenges import challenge_answer, challenge_raise
from tests.conftest import sign_in
from tests.factories import (
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    chair = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role="dief_chair")
    observer_state = StateFactory(status=AttStatus.NON_SIGNATORY)
    return {
        "challenger": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "challenged": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "third": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "chair": chair,
        "secretariat": SecretariatUserFactory(),
        "observer": UserFactory(state=observer_state),
        "ngo": OrganisationUserFactory(),
    }


@pytest.fixture
def challenge(people):
    return challenge_raise(
        by=people["challenger"],
        challenged_state=people["challenged"].state,
        description="Our case appeared in the press.",
    )


def client(user) -> Client:
    return sign_in(Client(), user)


def test_participant_raises_a_challenge_for_its_state(people, django_capture_on_commit_callbacks):
    case = CaseFactory(provider=people["challenger"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client(people["challenger"]).post(
            reverse("dief:challenge_new"),
            {
                "challenged_state": people["challenged"].state_id,
                "description": "Details of our case were quoted.",
                "case": case.pk,
            },
        )

    challenge = DisclosureChallenge.objects.get()
    assert response.status_code == 302
    assert (challenge.challenger, challenge.challenger_state, challenge.challenged_state) == (
        Challenger.STATE,
        people["challenger"].state,
        people["challenged"].state,
    )
    assert challenge.case == case
    mail = OutboxMail.objects.get()
    assert mail.recipient == people["challenged"]
    text = mail.subject + mail.body_text + mail.body_html
    assert case.title not in text
    assert "quoted" not in text


def test_secretariat_challenges_in_its_own_name_and_sees_its_challenge(people):
    challenge = challenge_raise(
        by=people["secretariat"], challenged_state=people["challenged"].state, description="x"
    )
    detail = reverse("dief:challenge_detail", args=[challenge.pk])

    assert (challenge.challenger, challenge.challenger_state) == (Challenger.SECRETARIAT, None)
    assert client(people["secretariat"]).get(detail).status_code == 200
    assert client(people["challenged"]).get(detail).status_code == 200
    assert client(people["third"]).get(detail).status_code == 404


def test_chair_who_is_a_delegate_may_challenge_as_chair(people):
    form_page = client(people["chair"]).get(reverse("dief:challenge_new"))
    challenge = challenge_raise(
        by=people["chair"],
        challenged_state=people["challenged"].state,
        description="x",
        capacity=Challenger.CHAIR,
    )

    assert [value for value, _ in form_page.context["form"].fields["capacity"].choices] == [
        "state",
        "chair",
    ]
    assert (challenge.challenger, challenge.challenger_state) == (Challenger.CHAIR, None)
    assert (
        client(people["chair"])
        .get(reverse("dief:challenge_detail", args=[challenge.pk]))
        .status_code
        == 200
    )


def test_a_state_cannot_challenge_itself(people):
    response = client(people["challenger"]).post(
        reverse("dief:challenge_new"),
        {"challenged_state": people["challenger"].state_id, "description": "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "challenged_state": ["A State cannot challenge itself."]
    }
    assert DisclosureChallenge.objects.count() == 0


def test_only_a_participating_state_can_be_challenged(people):
    with pytest.raises(ValidationError) as raised:
        challenge_raise(
            by=people["challenger"], challenged_state=people["observer"].state, description="x"
        )

    assert raised.value.message_dict == {
        "challenged_state": ["Only a State Party or a signatory can be challenged."]
    }


def test_a_role_in_which_the_user_does_not_act_is_refused(people):
    with pytest.raises(PermissionDenied):
        challenge_raise(
            by=people["challenger"],
            challenged_state=people["challenged"].state,
            description="x",
            capacity=Challenger.SECRETARIAT,
        )


@pytest.mark.parametrize("who", ["challenger", "challenged"])
def test_the_two_parties_see_the_challenge_and_its_history(people, challenge, who):
    c = client(people[who])

    page = c.get(reverse("dief:challenge_detail", args=[challenge.pk]))
    listing = c.get(reverse("dief:challenge_list"))

    assert page.status_code == 200
    assert reverse("history", args=["challenge", challenge.pk]).encode() in page.content
    assert listing.context["challenges"] == [challenge]
    assert c.get(reverse("history", args=["challenge", challenge.pk])).status_code == 200


@pytest.mark.parametrize("who", ["third", "chair", "secretariat", "observer", "ngo"])
def test_nobody_else_sees_the_challenge(people, challenge, who):
    c = client(people[who])
    expected = 403 if who in ("observer", "ngo") else 404  # outsiders stop at the gate

    assert c.get(reverse("dief:challenge_detail", args=[challenge.pk])).status_code == expected
    assert c.get(reverse("history", args=["challenge", challenge.pk])).status_code == 404
    if expected == 404:
        assert c.get(reverse("dief:challenge_list")).context["challenges"] == []


def test_the_challenged_state_answers(people, challenge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client(people["challenged"]).post(
            reverse("dief:challenge_answer", args=[challenge.pk]),
            {
                "explanation": "A note was forwarded.",
                "disclosure_acknowledged": "yes",
                "remedial_measures": "Withdrawn.",
            },
        )

    challenge.refresh_from_db()
    assert response.status_code == 302
    assert (
        challenge.explanation,
        challenge.disclosure_acknowledged,
        challenge.remedial_measures,
        challenge.answered_by,
    ) == ("A note was forwarded.", True, "Withdrawn.", people["challenged"])
    mail = OutboxMail.objects.get()
    assert mail.recipient == people["challenger"]
    assert "forwarded" not in mail.body_text


def test_the_challenger_cannot_answer(people, challenge):
    response = client(people["challenger"]).post(
        reverse("dief:challenge_answer", args=[challenge.pk]),
        {"explanation": "x", "remedial_measures": "y"},
    )

    assert response.status_code == 403
    challenge.refresh_from_db()
    assert challenge.answered_at is None


def test_answer_needs_an_explanation_and_whether_a_disclosure_occurred(people, challenge):
    response = client(people["challenged"]).post(
        reverse("dief:challenge_answer", args=[challenge.pk]), {}
    )

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"explanation", "disclosure_acknowledged"}


def test_art15_no_remedial_measures_are_asked_when_no_disclosure_is_acknowledged(people, challenge):
    response = client(people["challenged"]).post(
        reverse("dief:challenge_answer", args=[challenge.pk]),
        {"explanation": "Nothing left our ministry.", "disclosure_acknowledged": "no"},
    )

    challenge.refresh_from_db()
    assert response.status_code == 302
    assert (
        challenge.explanation,
        challenge.disclosure_acknowledged,
        challenge.remedial_measures,
    ) == ("Nothing left our ministry.", False, "")


@pytest.mark.parametrize(
    ("acknowledged", "measures", "error"),
    [
        (True, "", "State the remedial measures taken."),
        (False, "Withdrawn.", "Remedial measures go with an acknowledged disclosure only."),
    ],
)
def test_art15_remedial_measures_go_with_an_acknowledged_disclosure_only(
    people, challenge, acknowledged, measures, error
):
    with pytest.raises(ValidationError) as raised:
        challenge_answer(
            by=people["challenged"],
            challenge=challenge,
            explanation="x",
            disclosure_acknowledged=acknowledged,
            remedial_measures=measures,
        )

    assert raised.value.message_dict == {"remedial_measures": [error]}
    challenge.refresh_from_db()
    assert challenge.answered_at is None


def test_answering_twice_is_refused(people, challenge):
    challenge_answer(
        by=people["challenged"],
        challenge=challenge,
        explanation="x",
        disclosure_acknowledged=True,
        remedial_measures="y",
    )

    with pytest.raises(ValidationError) as raised:
        challenge_answer(
            by=people["challenged"],
            challenge=challenge,
            explanation="z",
            disclosure_acknowledged=False,
        )

    assert raised.value.messages == ["This challenge has already been answered."]
    challenge.refresh_from_db()
    assert challenge.explanation == "x"


def test_answer_to_a_secretariat_challenge_reaches_the_person_who_raised_it(
    people, django_capture_on_commit_callbacks
):
    challenge = challenge_raise(
        by=people["secretariat"], challenged_state=people["challenged"].state, description="x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        challenge_answer(
            by=people["challenged"],
            challenge=challenge,
            explanation="x",
            disclosure_acknowledged=True,
            remedial_measures="y",
        )

    assert (
        OutboxMail.objects.get(key__endswith=f"answered:{people['secretariat'].pk}").recipient
        == people["secretariat"]
    )


def test_an_item_the_challenged_state_cannot_see_is_not_named_to_it(people):
    from forums.enums import Distribution

    case = CaseFactory(provider=people["challenger"], distribution=Distribution.NAMED_STATES)
    challenge = challenge_raise(
        by=people["challenger"],
        challenged_state=people["challenged"].state,
        description="x",
        case=case,
    )

    page = client(people["challenged"]).get(reverse("dief:challenge_detail", args=[challenge.pk]))

    assert page.context["subject"] is None
    assert case.title.encode() not in page.content


@pytest.fixture
def expert(people):
    """A non-state expert admitted to a presentation at a meeting now over."""
    import datetime

    from tests.factories import DiefMeetingFactory
    from tests.factories.forums import CasePresentationFactory, ExpertAdmissionFactory

    over = DiefMeetingFactory(
        starts_on=datetime.date(2024, 2, 22), ends_on=datetime.date(2024, 2, 22)
    )
    case = CaseFactory(provider=people["challenger"])
    admission = ExpertAdmissionFactory(
        presentation=CasePresentationFactory(case=case, meeting=over)
    )
    return admission.expert


def test_art15_a_non_state_expert_may_be_challenged_and_answers_after_the_meeting(
    people, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raised = client(people["challenger"]).post(
            reverse("dief:challenge_new"),
            {"challenged_expert": expert.pk, "description": "Our case was quoted in a talk."},
        )
    challenge = DisclosureChallenge.objects.get()
    expert_client = client(expert)
    listing = expert_client.get(reverse("dief:challenge_list"))
    answered = expert_client.post(
        reverse("dief:challenge_answer", args=[challenge.pk]),
        {
            "explanation": "I quoted it by mistake.",
            "disclosure_acknowledged": "yes",
            "remedial_measures": "The recording was taken down.",
        },
    )

    challenge.refresh_from_db()
    assert raised.status_code == 302
    assert (challenge.challenged_state, challenge.challenged_expert) == (None, expert)
    assert OutboxMail.objects.get(key__contains=":raised:").recipient == expert
    assert list(listing.context["challenges"]) == [challenge]
    assert answered.status_code == 302
    assert (challenge.answered_by, challenge.remedial_measures) == (
        expert,
        "The recording was taken down.",
    )
    assert (
        client(people["third"])
        .get(reverse("dief:challenge_detail", args=[challenge.pk]))
        .status_code
        == 404
    )


def test_a_challenge_names_one_state_or_one_expert(people, expert):
    with pytest.raises(ValidationError) as raised:
        challenge_raise(
            by=people["challenger"],
            challenged_state=people["challenged"].state,
            challenged_expert=expert,
            description="x",
        )

    assert raised.value.messages == ["Challenge one State or one non-state expert."]


def test_a_person_never_admitted_as_an_expert_cannot_be_challenged_as_one(people):
    with pytest.raises(ValidationError) as raised:
        challenge_raise(by=people["challenger"], challenged_expert=people["ngo"], description="x")

    assert raised.value.message_dict == {
        "challenged_expert": ["Only a non-state expert invited to the forum can be challenged."]
    }


def test_the_expert_undertaking_binds_the_expert_to_answer_a_challenge():
    from forums.forms import UndertakingForm

    assert "answer any challenge" in str(UndertakingForm().fields["accept"].label)


@pytest.mark.parametrize("count", [1, 200])
def test_list_query_count_does_not_grow(people, count, django_assert_num_queries):
    DisclosureChallenge.objects.bulk_create(
        [
            DisclosureChallenge(
                challenger=Challenger.STATE,
                challenger_state=people["challenger"].state,
                raised_by=people["challenger"],
                challenged_state=people["challenged"].state,
                description="x",
            )
            for _ in range(count)
        ]
    )
    c = client(people["challenged"])
    c.get(reverse("dief:challenge_list"))

    with django_assert_num_queries(7):
        response = c.get(reverse("dief:challenge_list"))

    assert len(response.context["challenges"]) == count
