"""Releases from confidentiality (ToR art. 14): DIEF material is confidential "unless
participants decide otherwise". The Secretariat records the participants' decision (which
meeting, when) on a page of the DIEF area; the released item or document is then
restricted-area material, and everything else stays confidential."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from att_portal import access
from att_portal.directory.enums import AttStatus
from documents.enums import Distribution as DocumentDistribution
from documents.models import Document
from documents.services import document_register
from forums.enums import Distribution
from forums.models import ConfidentialityRelease
from forums.services.releases import confidentiality_release_record
from forums.services.shared import shared_item_save
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, PlatformItemFactory

pytestmark = pytest.mark.django_db

REVIEW = datetime.date(2024, 2, 22)


@pytest.fixture
def people():
    wgeti_chair = UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))
    RoleAssignmentFactory(user=wgeti_chair, role="wgeti_chair")
    dief_chair = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=dief_chair, role="dief_chair")
    return {
        "provider": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "named": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "third": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        # In the restricted area but not a DIEF participant.
        "wgeti_chair": wgeti_chair,
        "dief_chair": dief_chair,
        "secretariat": SecretariatUserFactory(),
        "observer": UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY)),
        "ngo": OrganisationUserFactory(),
    }


@pytest.fixture
def meeting():
    return DiefMeetingFactory(title="DIEF review meeting", starts_on=REVIEW, ends_on=REVIEW)


@pytest.fixture
def narrowed_case(people):
    case = CaseFactory.build(provider=people["provider"], distribution=Distribution.NAMED_STATES)
    return shared_item_save(
        by=people["provider"], item=case, categories=[], named=[people["named"].state]
    )


def client(user) -> Client:
    return sign_in(Client(), user)


def test_art14_the_secretariat_records_a_release_and_the_case_becomes_restricted_material(
    people, meeting, narrowed_case
):
    detail = reverse("dief:released_detail", args=["case", narrowed_case.pk])
    before = {who: client(people[who]).get(detail).status_code for who in ("third", "wgeti_chair")}

    response = client(people["secretariat"]).post(
        reverse("dief:release_new"),
        {
            "case": narrowed_case.pk,
            "meeting": meeting.pk,
            "decided_on": "2024-02-22",
            "terms": "General lessons only.",
        },
    )

    release = ConfidentialityRelease.objects.get()
    assert response.status_code == 302
    assert (release.case, release.meeting, release.decided_on, release.recorded_by) == (
        narrowed_case,
        meeting,
        REVIEW,
        people["secretariat"],
    )
    assert before == {"third": 404, "wgeti_chair": 404}
    for who in ("third", "wgeti_chair", "named", "provider"):
        page = client(people[who]).get(detail)
        assert page.status_code == 200, who
        assert page.context["release"] == release
        # Restricted, not confidential: no DIEF marking, no no-store.
        assert "no-store" not in page.get("Cache-Control", ""), who
        assert b"CONFIDENTIAL" not in page.content
    without_second_factor = sign_in(Client(), people["third"], second_factor=False)
    assert without_second_factor.get(detail).status_code == 200
    listing = client(people["wgeti_chair"]).get(reverse("dief:released_list"))
    assert [case.title for case in listing.context["cases"]] == [narrowed_case.title]


def test_art14_everything_not_released_stays_confidential(people, meeting, narrowed_case):
    other = CaseFactory(provider=people["provider"])
    item = PlatformItemFactory(provider=people["provider"])
    confidentiality_release_record(
        by=people["secretariat"], meeting=meeting, decided_on=REVIEW, case=narrowed_case
    )

    chair = client(people["wgeti_chair"])
    listing = chair.get(reverse("dief:released_list"))

    assert chair.get(reverse("dief:released_detail", args=["case", other.pk])).status_code == 404
    assert chair.get(reverse("dief:released_detail", args=["item", item.pk])).status_code == 404
    assert (list(listing.context["cases"]), list(listing.context["items"])) == (
        [narrowed_case],
        [],
    )
    assert chair.get(reverse("dief:case_detail", args=[narrowed_case.pk])).status_code == 403


@pytest.mark.parametrize("who", ["observer", "ngo"])
def test_art14_released_material_is_not_for_those_outside_the_restricted_area(
    people, meeting, narrowed_case, who
):
    confidentiality_release_record(
        by=people["secretariat"], meeting=meeting, decided_on=REVIEW, case=narrowed_case
    )
    visitor = client(people[who])

    assert visitor.get(reverse("dief:released_list")).status_code == 403
    assert (
        visitor.get(reverse("dief:released_detail", args=["case", narrowed_case.pk])).status_code
        == 404
    )


def test_art14_a_released_document_moves_to_the_restricted_area_of_the_register(people, meeting):
    paper = document_register(
        by=people["secretariat"],
        title="DIEF paper",
        cycle=CspCycleFactory(),
        body="DIEF",
        doc_type="DrWP",
        issued_on=datetime.date(2024, 1, 10),
        distribution=DocumentDistribution.CONFIDENTIAL,
        forum="DIEF",
        author_office="CHAIR",
    )
    chair = people["wgeti_chair"]
    before = access.visible(chair, Document).filter(pk=paper.pk).exists()

    confidentiality_release_record(
        by=people["secretariat"], meeting=meeting, decided_on=REVIEW, document=paper
    )

    paper.refresh_from_db()
    assert before is False
    assert (paper.distribution, paper.forum) == ("restricted", "")
    assert access.visible(chair, Document).filter(pk=paper.pk).exists()
    assert paper.history.first().history_change_reason == (
        "Released from confidentiality by the DIEF participants"
    )


@pytest.mark.parametrize("who", ["dief_chair", "provider", "third"])
def test_only_the_secretariat_records_a_release(people, meeting, narrowed_case, who):
    visitor = client(people[who])

    assert visitor.get(reverse("dief:release_list")).status_code == 403
    assert visitor.get(reverse("dief:release_new")).status_code == 403
    assert (
        visitor.post(
            reverse("dief:release_new"),
            {"case": narrowed_case.pk, "meeting": meeting.pk, "decided_on": "2024-02-22"},
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        confidentiality_release_record(
            by=people[who], meeting=meeting, decided_on=REVIEW, case=narrowed_case
        )
    assert ConfidentialityRelease.objects.count() == 0


@pytest.mark.parametrize(
    ("decided_on", "error"),
    [
        (REVIEW - datetime.timedelta(days=1), "The participants decide at or after their meeting."),
        (datetime.date(2999, 1, 1), "Record a decision once it is taken."),
    ],
)
def test_a_decision_is_taken_at_or_after_the_meeting_and_not_in_the_future(
    people, meeting, narrowed_case, decided_on, error
):
    with pytest.raises(ValidationError) as raised:
        confidentiality_release_record(
            by=people["secretariat"], meeting=meeting, decided_on=decided_on, case=narrowed_case
        )

    assert raised.value.message_dict == {"decided_on": [error]}


def test_a_release_names_one_item_and_a_meeting_of_the_dief(people, narrowed_case):
    from tests.factories import MeetingFactory

    wgeti = MeetingFactory(starts_on=REVIEW, ends_on=REVIEW)
    item = PlatformItemFactory(provider=people["provider"])

    with pytest.raises(ValidationError) as two:
        confidentiality_release_record(
            by=people["secretariat"],
            meeting=wgeti,
            decided_on=REVIEW,
            case=narrowed_case,
            platform_item=item,
        )
    with pytest.raises(ValidationError) as not_dief:
        confidentiality_release_record(
            by=people["secretariat"], meeting=wgeti, decided_on=REVIEW, case=narrowed_case
        )

    assert two.value.messages == ["Choose one case, one platform item or one document."]
    assert not_dief.value.message_dict == {"meeting": ["Choose a meeting of the DIEF."]}


@pytest.mark.parametrize("count", [1, 3])
def test_release_pages_query_count_does_not_grow(people, meeting, count, django_assert_num_queries):
    for _ in range(count):
        confidentiality_release_record(
            by=people["secretariat"],
            meeting=meeting,
            decided_on=REVIEW,
            platform_item=PlatformItemFactory(provider=people["provider"]),
        )
    secretariat, chair = client(people["secretariat"]), client(people["wgeti_chair"])
    secretariat.get(reverse("dief:release_list"))
    chair.get(reverse("dief:released_list"))

    with django_assert_num_queries(QUERIES["release_list"]):
        recorded = secretariat.get(reverse("dief:release_list"))
    with django_assert_num_queries(QUERIES["released_list"]):
        released = chair.get(reverse("dief:released_list"))

    assert len(recorded.context["releases"]) == count
    assert len(released.context["items"]) == count


QUERIES = {"release_list": 6, "released_list": 12}
