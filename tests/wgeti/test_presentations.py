"""Presentations of national practice (seeds 002 and 004): offers, the Chair's decisions,
the count and diversity of presenting States per phase, and the final list."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from att_portal.directory.enums import AttStatus, RegionalGroup, Role, TradeProfile
from att_portal.meetings.enums import Body
from tests.conftest import sign_in
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.wgeti.test_workplan import make_topic, queries_for, wgeti_chair
from working_groups.enums import OfferState
from working_groups.models import MeetingTopic, PresentationOffer, PresenterList
from working_groups.selectors.presentations import presentation_overview
from working_groups.services.presentations import (
    presentation_offer_decide,
    presentation_offer_submit,
    presenter_list_publish,
)

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")
BEFORE = datetime.datetime(2027, 2, 1, 10, tzinfo=ZURICH)  # MeetingFactory: 15-17 March 2027


@pytest.fixture(autouse=True)
def before_the_meeting():
    with time_machine.travel(BEFORE, tick=False):
        yield


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def risk(meeting):
    topic = make_topic()
    MeetingTopic.objects.create(meeting=meeting, topic=topic)
    return topic


def delegate_of(
    country="AT", region=RegionalGroup.WESTERN_EUROPE, profile="", status=AttStatus.STATE_PARTY
):
    state = StateFactory(
        country=country, regional_group=region, trade_profile=profile, status=status
    )
    return UserFactory(state=state)


def confirmed(meeting, topic, delegate):
    offer = PresentationOffer.objects.create(
        meeting=meeting, topic=topic, state=delegate.state, submitted_by=delegate, summary="S"
    )
    offer.status = OfferState.CONFIRMED
    offer.save()
    return offer


# -- Offers -------------------------------------------------------------------------------


def test_delegate_offers_to_present_for_its_state(meeting, risk):
    delegate = delegate_of()

    offer = presentation_offer_submit(by=delegate, meeting=meeting, topic=risk, summary="Art. 7")

    assert (offer.state, offer.organisation, offer.status) == (
        delegate.state,
        None,
        OfferState.OFFERED,
    )


def test_organisation_member_offers_for_its_organisation(meeting, risk):
    member = OrganisationUserFactory()

    offer = presentation_offer_submit(by=member, meeting=meeting, topic=risk, summary="Research")

    assert (offer.state, offer.organisation) == (None, member.organisation)


def test_secretariat_has_no_delegation_to_offer_for(meeting, risk):
    with pytest.raises(PermissionDenied):
        presentation_offer_submit(
            by=SecretariatUserFactory(), meeting=meeting, topic=risk, summary="S"
        )


def test_second_offer_of_the_same_state_on_the_topic_is_refused_clearly(meeting, risk):
    delegate = delegate_of()
    presentation_offer_submit(by=delegate, meeting=meeting, topic=risk, summary="First")
    colleague = UserFactory(state=delegate.state)

    with pytest.raises(ValidationError) as refusal:
        presentation_offer_submit(by=colleague, meeting=meeting, topic=risk, summary="Second")

    assert refusal.value.message_dict == {
        "topic": ["Austria has already offered to present on “Risk assessment” at this meeting."]
    }
    assert PresentationOffer.objects.count() == 1


def test_offer_on_a_topic_the_meeting_does_not_take_up_is_refused(meeting):
    with pytest.raises(ValidationError) as refusal:
        presentation_offer_submit(
            by=delegate_of(), meeting=meeting, topic=make_topic("Prohibitions"), summary="S"
        )

    assert refusal.value.message_dict == {"topic": ["The meeting does not take up “Prohibitions”."]}


def test_volunteer_after_the_list_is_published_is_refused(meeting, risk):
    PresenterList.objects.create(
        meeting=meeting, published_at=timezone.now(), published_by=wgeti_chair()
    )

    with pytest.raises(ValidationError) as refusal:
        presentation_offer_submit(by=delegate_of(), meeting=meeting, topic=risk, summary="S")

    assert refusal.value.messages == [
        "The final list of presenting delegations was published on 1 February 2027: "
        "offers to present are closed."
    ]


def test_volunteer_once_the_meeting_started_is_refused(meeting, risk):
    delegate = delegate_of()
    first_day = datetime.datetime(2027, 3, 15, 9, tzinfo=ZURICH)
    with time_machine.travel(first_day, tick=False), pytest.raises(ValidationError) as refusal:
        presentation_offer_submit(by=delegate, meeting=meeting, topic=risk, summary="S")

    assert refusal.value.messages == [
        "The meeting started on 15 March 2027: offers to present are closed."
    ]


def test_offer_through_the_page_after_publication_comes_back_with_the_message(
    meeting, risk, client
):
    PresenterList.objects.create(
        meeting=meeting, published_at=timezone.now(), published_by=wgeti_chair()
    )
    sign_in(client, delegate_of())

    response = client.post(
        reverse("wgeti:presentations", args=[meeting.pk]), {"topic": risk.pk, "summary": "S"}
    )

    assert response.status_code == 200
    assert "offers to present are closed." in response.content.decode()
    assert PresentationOffer.objects.count() == 0


def test_offer_through_the_page_is_recorded(meeting, risk, client):
    sign_in(client, delegate_of())

    response = client.post(
        reverse("wgeti:presentations", args=[meeting.pk]), {"topic": risk.pk, "summary": "S"}
    )

    assert response.status_code == 302
    assert PresentationOffer.objects.get().summary == "S"


# -- The Chair's decisions --------------------------------------------------------------------


def test_chair_confirms_a_presenter(meeting, risk):
    delegate, chair = delegate_of(), wgeti_chair()
    offer = presentation_offer_submit(by=delegate, meeting=meeting, topic=risk, summary="S")

    presentation_offer_decide(by=chair, offer=offer, confirm=True)

    offer.refresh_from_db()
    assert (offer.status, offer.decided_by) == (OfferState.CONFIRMED, chair)


def test_facilitator_may_decide_too(meeting, risk):
    offer = presentation_offer_submit(by=delegate_of(), meeting=meeting, topic=risk, summary="S")
    facilitator = RoleAssignmentFactory(role=Role.SWG_FACILITATOR).user

    presentation_offer_decide(by=facilitator, offer=offer, confirm=False)

    offer.refresh_from_db()
    assert offer.status == OfferState.DECLINED


def test_delegate_cannot_confirm_its_own_offer(meeting, risk):
    delegate = delegate_of()
    offer = presentation_offer_submit(by=delegate, meeting=meeting, topic=risk, summary="S")

    with pytest.raises(PermissionDenied):
        presentation_offer_decide(by=delegate, offer=offer, confirm=True)


def test_confirming_through_the_page_by_a_non_officer_is_403_for_the_author_and_404_for_others(
    meeting, risk, client
):
    delegate = delegate_of()
    offer = presentation_offer_submit(by=delegate, meeting=meeting, topic=risk, summary="S")
    url = reverse("wgeti:offer_decide", args=[offer.pk])

    sign_in(client, delegate)
    as_author = client.post(url, {"decision": "confirm"}).status_code
    sign_in(client, delegate_of("MX", RegionalGroup.LATIN_AMERICA))
    as_other = client.post(url, {"decision": "confirm"}).status_code

    assert (as_author, as_other) == (403, 404)
    offer.refresh_from_db()
    assert offer.status == OfferState.OFFERED


def test_decision_after_publication_is_refused(meeting, risk):
    offer = presentation_offer_submit(by=delegate_of(), meeting=meeting, topic=risk, summary="S")
    chair = wgeti_chair()
    presenter_list_publish(by=chair, meeting=meeting)

    with pytest.raises(ValidationError) as refusal:
        presentation_offer_decide(by=chair, offer=offer, confirm=True)

    assert refusal.value.messages == [
        "The final list of presenting delegations was published on 1 February 2027: "
        "offers can no longer be confirmed or declined."
    ]


# -- Publication ----------------------------------------------------------------------------


def test_publishing_with_fewer_than_two_states_in_a_phase_warns_but_publishes(meeting, risk):
    confirmed(meeting, risk, delegate_of())

    presenter_list, shortfalls = presenter_list_publish(by=wgeti_chair(), meeting=meeting)

    assert presenter_list.pk is not None
    assert [(s.phase.title, s.confirmed_states_parties) for s in shortfalls] == [
        ("Application and authorisation", 1)
    ]


def test_publishing_with_two_states_in_each_phase_has_no_warning(meeting, risk):
    confirmed(meeting, risk, delegate_of())
    confirmed(meeting, risk, delegate_of("MX", RegionalGroup.LATIN_AMERICA))

    _list, shortfalls = presenter_list_publish(by=wgeti_chair(), meeting=meeting)

    assert shortfalls == []


def test_publishing_twice_is_refused(meeting, risk):
    chair = wgeti_chair()
    presenter_list_publish(by=chair, meeting=meeting)

    with pytest.raises(ValidationError) as refusal:
        presenter_list_publish(by=chair, meeting=meeting)

    assert refusal.value.messages == [
        "The final list of presenting delegations was already published on 1 February 2027."
    ]


def test_publishing_once_the_meeting_started_is_refused(meeting, risk):
    chair = wgeti_chair()
    second_day = datetime.datetime(2027, 3, 16, 9, tzinfo=ZURICH)
    with time_machine.travel(second_day, tick=False), pytest.raises(ValidationError) as refusal:
        presenter_list_publish(by=chair, meeting=meeting)

    assert refusal.value.messages == [
        "The meeting started on 15 March 2027: the list is published before the meeting."
    ]
    assert PresenterList.objects.count() == 0


def test_delegate_cannot_publish_the_list(meeting, risk, client):
    sign_in(client, delegate_of())

    response = client.post(reverse("wgeti:presenters_publish", args=[meeting.pk]))

    assert response.status_code == 403
    assert PresenterList.objects.count() == 0


def test_chair_publishes_through_the_page_and_is_warned_of_the_shortfall(meeting, risk, client):
    confirmed(meeting, risk, delegate_of())
    sign_in(client, wgeti_chair())

    response = client.post(reverse("wgeti:presenters_publish", args=[meeting.pk]), follow=True)

    content = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("wgeti:presenter_list", args=[meeting.pk])
    assert "The final list of presenting delegations is published." in content
    assert (
        "“Application and authorisation” has 1 confirmed presenting State Party; at least 2 "
        "are expected." in content
    )


def test_presenter_list_is_404_for_delegates_before_publication_and_shown_after(
    meeting, risk, client
):
    confirmed(meeting, risk, delegate_of())
    thailand = delegate_of("TH", RegionalGroup.ASIA_PACIFIC)
    PresentationOffer.objects.create(
        meeting=meeting, topic=risk, state=thailand.state, submitted_by=thailand, summary="S"
    )
    url = reverse("wgeti:presenter_list", args=[meeting.pk])
    sign_in(client, OrganisationUserFactory())
    before = client.get(url).status_code

    presenter_list_publish(by=wgeti_chair(), meeting=meeting)
    after = client.get(url)

    assert (before, after.status_code) == (404, 200)
    rows = after.context["phases"][0].topics[0].offers
    assert [offer.contributor.name for offer in rows] == ["Austria"]


def test_the_meetings_tabs_offer_the_list_only_to_whom_it_opens(meeting, risk, client):
    """No tab leads to a 404: before publication only the officers get it (a preview)."""
    link = f'href="{reverse("wgeti:presenter_list", args=[meeting.pk])}"'
    tabs = [
        reverse("wgeti:meeting_topics", args=[meeting.pk]),
        reverse("wgeti:presentations", args=[meeting.pk]),
    ]
    sign_in(client, OrganisationUserFactory())
    before = [link in client.get(url).content.decode() for url in tabs]
    sign_in(client, wgeti_chair())
    officer = [link in client.get(url).content.decode() for url in tabs]

    presenter_list_publish(by=wgeti_chair(), meeting=meeting)
    sign_in(client, OrganisationUserFactory())
    after = [link in client.get(url).content.decode() for url in tabs]

    assert (before, officer, after) == ([False, False], [True, True], [True, True])


def test_chair_previews_the_list_before_publication(meeting, risk, client):
    sign_in(client, wgeti_chair())

    response = client.get(reverse("wgeti:presenter_list", args=[meeting.pk]))

    assert response.status_code == 200
    assert "Not yet published" in response.content.decode()


# -- Counts and diversity ---------------------------------------------------------------------


def test_phase_shows_confirmed_states_with_their_diversity(meeting, risk):
    control_list = make_topic("National control list", 2, "National control system")
    MeetingTopic.objects.create(meeting=meeting, topic=control_list)
    austria = delegate_of("AT", RegionalGroup.WESTERN_EUROPE, TradeProfile.BOTH)
    france = delegate_of("FR", RegionalGroup.WESTERN_EUROPE, TradeProfile.EXPORTER)
    mexico = delegate_of("MX", RegionalGroup.LATIN_AMERICA, TradeProfile.IMPORTER)
    ghana = delegate_of("GH", RegionalGroup.AFRICA)  # profile not stated
    for delegate in (austria, france, mexico, ghana):
        confirmed(meeting, risk, delegate)
    second_topic = make_topic("Mitigation measures")
    MeetingTopic.objects.create(meeting=meeting, topic=second_topic)
    confirmed(meeting, second_topic, austria)  # the same State counts once in the phase
    thailand = delegate_of("TH", RegionalGroup.ASIA_PACIFIC, TradeProfile.IMPORTER)
    PresentationOffer.objects.create(  # offered, not confirmed: not counted
        meeting=meeting, topic=risk, state=thailand.state, submitted_by=thailand, summary="S"
    )
    organisation = OrganisationFactory()
    PresentationOffer.objects.create(
        meeting=meeting,
        topic=risk,
        organisation=organisation,
        submitted_by=OrganisationUserFactory(organisation=organisation),
        summary="S",
        status=OfferState.CONFIRMED,
    )

    control, application = presentation_overview(wgeti_chair(), meeting)

    assert (control.phase.title, control.confirmed_states_parties, control.enough_states) == (
        "National control system",
        0,
        False,
    )
    assert (application.confirmed_states_parties, application.enough_states) == (4, True)
    assert application.confirmed_organisations == 1
    assert application.by_region == [
        ("African Group", 1),
        ("Latin American and Caribbean Group", 1),
        ("Western European and Others Group", 2),
    ]
    assert application.by_profile == [
        ("Mainly exporting", 1),
        ("Mainly importing", 1),
        ("Exporting and importing", 1),
        ("Not stated", 1),
    ]


def test_others_see_only_their_own_offers_until_the_list_is_published(meeting, risk):
    austria = delegate_of()
    confirmed(meeting, risk, austria)
    mexico = delegate_of("MX", RegionalGroup.LATIN_AMERICA)
    presentation_offer_submit(by=mexico, meeting=meeting, topic=risk, summary="S")

    def seen_by(user):
        (phase,) = presentation_overview(user, meeting)
        return sorted(offer.state.name for offer in phase.topics[0].offers)

    assert seen_by(mexico) == ["Mexico"]
    assert seen_by(wgeti_chair()) == ["Austria", "Mexico"]
    presenter_list_publish(by=wgeti_chair(), meeting=meeting)
    assert seen_by(OrganisationUserFactory()) == ["Austria"]


def test_presentations_page_of_a_dief_meeting_is_404(client):
    sign_in(client, SecretariatUserFactory())

    url = reverse("wgeti:presentations", args=[MeetingFactory(body=Body.DIEF).pk])

    assert client.get(url).status_code == 404


def test_presentations_page_keeps_the_same_number_of_queries_with_1_and_200_offers(
    meeting, risk, client
):
    chair = wgeti_chair()
    url = reverse("wgeti:presentations", args=[meeting.pk])
    sign_in(client, chair)

    def add_offers(count: int) -> None:
        for _index in range(count):
            member = OrganisationUserFactory()
            PresentationOffer.objects.create(
                meeting=meeting,
                topic=risk,
                organisation=member.organisation,
                submitted_by=member,
                summary="S",
                status=OfferState.CONFIRMED,
            )

    confirmed(meeting, risk, delegate_of())
    with_one, _response = queries_for(client, url)
    add_offers(199)
    with_200, response = queries_for(client, url)

    assert with_one == with_200
    assert len(response.context["phases"][0].topics[0].offers) == 200


def test_history_of_an_offer_is_for_its_state_and_the_officers(meeting, risk, client):
    thailand = delegate_of("TH", RegionalGroup.ASIA_PACIFIC)
    offer = presentation_offer_submit(by=thailand, meeting=meeting, topic=risk, summary="S")
    url = reverse("history", args=["wgeti-offer", offer.pk])

    def status_for(user):
        sign_in(client, user)
        return client.get(url).status_code

    assert status_for(thailand) == 200
    assert status_for(wgeti_chair()) == 200
    assert status_for(delegate_of()) == 404  # an unconfirmed offer of another State


def test_publishing_through_the_page_after_the_start_shows_the_refusal(meeting, risk, client):
    url = reverse("wgeti:presenters_publish", args=[meeting.pk])

    with time_machine.travel(datetime.datetime(2027, 3, 16, 9, tzinfo=ZURICH), tick=False):
        sign_in(client, wgeti_chair())
        response = client.post(url)

    assert response.status_code == 200
    assert (
        "The meeting started on 15 March 2027: the list is published before the meeting."
        in response.content.decode()
    )
    assert PresenterList.objects.count() == 0


def test_seed_002_para_11c_two_presentations_by_states_parties_others_counted_apart(
    meeting, risk, client
):
    # Seed 002 ¶11 c: "at least two presentations by States Parties" per phase; other
    # States and stakeholders may present, and do not make up the two.
    confirmed(meeting, risk, delegate_of("AT"))
    confirmed(
        meeting, risk, delegate_of("TH", RegionalGroup.ASIA_PACIFIC, status=AttStatus.SIGNATORY)
    )
    confirmed(
        meeting, risk, delegate_of("IN", RegionalGroup.ASIA_PACIFIC, status=AttStatus.NON_SIGNATORY)
    )
    organisation = OrganisationFactory()
    PresentationOffer.objects.create(
        meeting=meeting,
        topic=risk,
        organisation=organisation,
        submitted_by=OrganisationUserFactory(organisation=organisation),
        summary="S",
        status=OfferState.CONFIRMED,
    )

    (phase,) = presentation_overview(wgeti_chair(), meeting)
    _list, shortfalls = presenter_list_publish(by=wgeti_chair(), meeting=meeting)

    assert (
        phase.confirmed_states_parties,
        phase.confirmed_other_states,
        phase.confirmed_organisations,
        phase.enough_states,
    ) == (1, 2, 1, False)
    assert phase.by_region == [("Western European and Others Group", 1)]
    assert [(s.phase.title, s.confirmed_states_parties) for s in shortfalls] == [
        ("Application and authorisation", 1)
    ]
    sign_in(client, wgeti_chair())
    page = client.get(reverse("wgeti:presentations", args=[meeting.pk])).content.decode()
    assert "1 State Party confirmed to present" in page
    assert "2 other States" in page
