"""The search finds the voluntary guides — a guide by its title, a chapter by its title, a
paragraph by its text, as the reader reads them (in their language, or in English where
not translated), in the edition the guide's page shows — and WGETI's contributions, each
only for those who may see it where it is listed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from tests.conftest import sign_in
from tests.factories import (
    MeetingFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.wgeti.test_workplan import make_topic, wgeti_chair
from working_groups.enums import OfferState, ProposalState, SubmissionKind
from working_groups.guides.enums import BlockKind, EditionState, ProposerKind, SectionKind
from working_groups.guides.models import (
    Guide,
    GuideBlock,
    GuideEdition,
    GuideSection,
    ProposedRevision,
)
from working_groups.models import (
    AdHocIssueProposal,
    MeetingTopic,
    PresentationOffer,
    WrittenSubmission,
)

pytestmark = pytest.mark.django_db

BROKERING = "Brokering controls apply to every transfer arranged by a broker."
BROKERING_FR = "Le contrôle du courtage s'applique à tout transfert organisé par un courtier."
TRANSIT = "Transit and trans-shipment call for cooperation between customs authorities."


def edition_of(guide, number, state=EditionState.PUBLISHED, *, paragraphs):
    edition = GuideEdition.objects.create(guide=guide, number=number, state=state)
    chapter = GuideSection.objects.create(
        edition=edition,
        kind=SectionKind.CHAPTER,
        label="4",
        title_en="Brokering and transit",
        title_fr="Courtage et transit",
        position=4,
    )
    for position, (number_, texts) in enumerate(paragraphs, start=1):
        GuideBlock.objects.create(
            section=chapter,
            kind=BlockKind.PARAGRAPH,
            number=number_,
            key=f"paragraph-{number_}",
            position=position,
            **{f"text_{language}": text for language, text in texts.items()},
        )
    return edition


@pytest.fixture
def guide():
    guide = Guide.objects.create(
        title_en="Voluntary guide on brokering",
        title_fr="Guide volontaire sur le courtage",
    )
    edition_of(
        guide,
        1,
        paragraphs=[
            ("41", {"en": BROKERING, "fr": BROKERING_FR}),
            ("42", {"en": TRANSIT}),  # not translated into French yet
        ],
    )
    return guide


def results(client, text, section):
    response = client.get(reverse("search"), {"q": text})
    return response.context["results"].get(section)


def paragraphs(client, text) -> list[str]:
    return [block.number for block in results(client, text, "guide-paragraphs")]


def test_a_paragraph_is_found_by_its_words_and_leads_to_it_on_the_guide_page(guide, client):
    sign_in(client, OrganisationUserFactory())

    response = client.get(reverse("search"), {"q": "broker transfer"})
    [block] = response.context["results"]["guide-paragraphs"]

    url = f"{reverse('wgeti:guides:detail', args=[guide.pk])}?edition=1#block-paragraph-41"
    assert block.get_absolute_url() == url
    assert f'<a href="{url.replace("&", "&amp;")}">Paragraph 41</a>' in response.content.decode()
    assert "<mark>broker</mark>" in response.content.decode()
    page = client.get(url.split("#")[0])
    assert 'id="block-paragraph-41"' in page.content.decode()
    assert 'id="section-chapter-4"' in page.content.decode()


def test_a_french_reader_finds_paragraphs_as_they_read_them(guide, client):
    sign_in(client, UserFactory(preferred_language="fr"))

    assert paragraphs(client, "courtier") == ["41"]  # the French text
    assert paragraphs(client, "customs") == ["42"]  # English: not translated, shown so
    assert paragraphs(client, "broker") == []  # translated: the English is not shown
    response = client.get(reverse("search"), {"q": "customs"})
    assert '<span lang="en" dir="ltr">' in response.content.decode()


def test_an_english_reader_does_not_find_a_paragraph_by_its_french_text(guide, client):
    sign_in(client, UserFactory(preferred_language="en"))

    assert paragraphs(client, "courtier") == []
    assert paragraphs(client, "broker") == ["41"]


def test_only_the_edition_the_guide_page_shows_is_searched(guide, client):
    edition_of(guide, 2, paragraphs=[("41", {"en": "Brokering is registered and licensed."})])
    edition_of(
        guide, 3, EditionState.DRAFT, paragraphs=[("41", {"en": "Brokering drafts wording."})]
    )
    sign_in(client, UserFactory())

    assert paragraphs(client, "registered") == ["41"]
    assert results(client, "registered", "guide-paragraphs")[0].section.edition.number == 2
    assert paragraphs(client, "arranged by a broker") == []  # edition 1, superseded
    assert paragraphs(client, "drafts") == []  # a draft edition is nobody's reading


def test_a_guide_and_a_chapter_are_found_by_their_titles(guide, client):
    sign_in(client, UserFactory(preferred_language="fr"))

    [found_guide] = results(client, "courtage", "guides")
    [chapter] = results(client, "courtage transit", "guide-sections")

    assert found_guide == guide
    assert chapter.get_absolute_url() == (
        f"{reverse('wgeti:guides:detail', args=[guide.pk])}?edition=1#section-chapter-4"
    )


def test_a_proposed_revision_is_found_by_its_title_or_rationale(guide, client):
    chair = wgeti_chair()
    revision = ProposedRevision.objects.create(
        guide=guide,
        base_edition=guide.editions.get(number=1),
        title="Paragraph 41: brokering in free zones",
        rationale="Free zones are used to arrange transfers without a licence.",
        proposer_kind=ProposerKind.CHAIR,
        proposed_by=chair,
        comments_due_on=datetime.date(2027, 1, 1),
    )
    sign_in(client, OrganisationUserFactory())

    assert results(client, "free zones", "guide-revisions") == [revision]
    assert results(client, "licence", "guide-revisions") == [revision]
    assert results(client, "licence brokering", "guide-revisions") == [revision]
    assert results(client, "licence customs", "guide-revisions") == []


# -- WGETI's contributions ----------------------------------------------------------------


@pytest.fixture
def meeting():
    return MeetingFactory(body=Body.WGETI, title="WGETI meeting, March 2027")


def a_call(meeting, kind):
    return MeetingCall.objects.create(
        meeting=meeting,
        kind=kind,
        title="Call",
        issued_on=datetime.date(2026, 12, 1),
        due_on=datetime.date(2027, 2, 1),
    )


@pytest.fixture
def people():
    author = OrganisationUserFactory(organisation__name="Control Arms")
    return {
        "author": author,
        "colleague": OrganisationUserFactory(organisation=author.organisation),
        "chair": wgeti_chair(),
        "secretariat": SecretariatUserFactory(),
        "delegate": UserFactory(),
        "other organisation": OrganisationUserFactory(),
    }


@pytest.fixture
def proposal(meeting, people):
    return AdHocIssueProposal.objects.create(
        call=a_call(meeting, CallKind.AD_HOC_ISSUES),
        organisation=people["author"].organisation,
        submitted_by=people["author"],
        title="Reassessment of authorised arms transfers under Article 7(7)",
        memorandum="Differing interpretations of what triggers a reassessment.",
    )


AUTHORS_AND_OFFICERS = {"author", "colleague", "chair", "secretariat"}


@pytest.mark.parametrize("role", ["author", "colleague", "chair", "secretariat", "delegate",
                                  "other organisation"])  # fmt: skip
def test_a_submitted_proposal_is_found_by_its_authors_and_the_officers_only(
    proposal, people, role, client
):
    sign_in(client, people[role])
    expected = [proposal] if role in AUTHORS_AND_OFFICERS else []

    assert results(client, "reassessment 7(7)", "wgeti-ad-hoc-proposals") == expected
    assert results(client, "Control Arms triggers", "wgeti-ad-hoc-proposals") == expected
    response = client.get(reverse("search"), {"q": "reassessment"})
    assert ("Reassessment of authorised" in response.content.decode()) == bool(expected)
    if expected:
        url = reverse("wgeti:proposal_detail", args=[proposal.pk])
        assert f'<a href="{url}">' in response.content.decode()
        assert client.get(url).status_code == 200


def test_a_proposal_taken_up_by_the_chair_is_found_by_everybody(proposal, people, client):
    AdHocIssueProposal.objects.filter(pk=proposal.pk).update(
        state_of_proposal=ProposalState.ACCEPTED
    )
    for role in ("delegate", "other organisation"):
        sign_in(client, people[role])
        assert results(client, "reassessment", "wgeti-ad-hoc-proposals") == [proposal]


def test_a_proposal_is_found_by_the_name_of_the_state_that_sent_it(meeting, client):
    delegate = UserFactory(state__country="AT")
    proposal = AdHocIssueProposal.objects.create(
        call=a_call(meeting, CallKind.AD_HOC_ISSUES),
        state=delegate.state,
        submitted_by=delegate,
        title="Post-shipment controls",
        memorandum="On-site verification.",
    )
    sign_in(client, delegate)

    assert results(client, "Austria", "wgeti-ad-hoc-proposals") == [proposal]
    assert results(client, "Austria shipment", "wgeti-ad-hoc-proposals") == [proposal]
    assert results(client, "Peru", "wgeti-ad-hoc-proposals") == []


@pytest.fixture
def offer(meeting, people):
    delegate = people["delegate"]
    topic = make_topic("Risk assessment")
    MeetingTopic.objects.create(meeting=meeting, topic=topic)
    return PresentationOffer.objects.create(
        meeting=meeting,
        topic=topic,
        state=delegate.state,
        submitted_by=delegate,
        summary="Our licensing authority's checklist for end-use assessments.",
    )


@pytest.mark.parametrize(
    ("role", "finds"),
    [("delegate", True), ("chair", True), ("secretariat", True), ("author", False),
     ("other organisation", False)],
)  # fmt: skip
def test_an_offer_to_present_is_found_by_its_delegation_and_the_officers_only(
    offer, people, role, finds, client
):
    sign_in(client, people[role])

    found = results(client, "checklist risk", "wgeti-offers")

    assert found == ([offer] if finds else [])
    if finds:
        response = client.get(reverse("search"), {"q": "checklist"})
        url = reverse("wgeti:presentations", args=[offer.meeting_id]) + f"#offer-{offer.pk}"
        assert f'href="{url}"' in response.content.decode()
        page = client.get(url.split("#")[0])
        assert f'id="offer-{offer.pk}"' in page.content.decode()


def test_an_offer_on_a_topic_the_meeting_no_longer_takes_up_is_not_found(offer, people, client):
    MeetingTopic.objects.filter(meeting=offer.meeting).delete()  # as its page leaves it out
    sign_in(client, people["delegate"])

    assert results(client, "checklist", "wgeti-offers") == []


def test_a_confirmed_offer_on_a_published_list_is_found_by_everybody(offer, people, client):
    from working_groups.models import PresenterList

    PresentationOffer.objects.filter(pk=offer.pk).update(status=OfferState.CONFIRMED)
    PresenterList.objects.create(
        meeting=offer.meeting,
        published_at=datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC),
        published_by=people["chair"],
    )
    sign_in(client, people["other organisation"])

    assert results(client, "checklist", "wgeti-offers") == [offer]


@pytest.fixture
def submission(meeting, people):
    return WrittenSubmission.objects.create(
        call=a_call(meeting, CallKind.WRITTEN_COMMENTS),
        organisation=people["author"].organisation,
        submitted_by=people["author"],
        kind=SubmissionKind.COMMENTS,
        text="We suggest adding a reference to end-user certificates in paragraph 12.",
    )


@pytest.mark.parametrize("role", ["author", "colleague", "chair", "secretariat", "delegate",
                                  "other organisation"])  # fmt: skip
def test_an_unpublished_submission_is_found_by_its_authors_and_the_officers_only(
    submission, people, role, client
):
    sign_in(client, people[role])
    expected = [submission] if role in AUTHORS_AND_OFFICERS else []

    assert results(client, "end-user certificates", "wgeti-submissions") == expected
    response = client.get(reverse("search"), {"q": "certificates"})
    assert ("in paragraph 12" in response.content.decode()) == bool(expected)


def test_a_published_submission_is_found_by_everybody(submission, people, client):
    WrittenSubmission.objects.filter(pk=submission.pk).update(
        published_at=datetime.datetime(2027, 2, 2, tzinfo=datetime.UTC),
        published_by=people["chair"],
    )
    sign_in(client, people["delegate"])

    assert results(client, "certificates", "wgeti-submissions") == [submission]
    response = client.get(reverse("search"), {"q": "certificates"})
    url = reverse("wgeti:submissions", args=[submission.call_id]) + f"#submission-{submission.pk}"
    assert f'href="{url}"' in response.content.decode()
    assert f'id="submission-{submission.pk}"' in client.get(url.split("#")[0]).content.decode()
