"""The search page: the top bar's box on every page, each section bounded (its first ten
rows, counted up to a limit, the register's list for the rest), sections with matches
first, bad input answered with a message, and a number of queries that does not grow with
the rows found."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from documents.services import document_register
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    MeetingFactory,
    OrganisationFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.wgeti.test_workplan import make_topic
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
    PresenterList,
    WrittenSubmission,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_the_top_bar_search_is_a_labelled_search_landmark_with_a_button(client):
    sign_in(client, UserFactory())

    content = client.get(reverse("dashboard")).content.decode()

    assert (
        '<form class="portal-search" role="search" aria-label="Search the portal" '
        'action="/search/" method="get">'
    ) in content
    assert '<label class="visually-hidden" for="nav-search">Search the portal</label>' in content
    assert 'id="nav-search" name="q" maxlength="100"' in content
    assert '<button class="btn btn-outline-light" type="submit">Search</button>' in content
    # Outside the collapsing menu: in view on a phone without opening it.
    assert content.index('class="portal-search"') < content.index('id="portal-nav"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a", "Type at least two characters."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("-- ··", "Nothing found. Check the spelling, or use fewer words."),
        ("\u2066\u2069", "Type at least two characters."),
    ],
)
def test_a_search_with_nothing_to_look_for_says_so(client, text, message):
    sign_in(client, UserFactory())

    response = client.get(reverse("search"), {"q": text})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["sections"] == []


def test_sections_with_matches_come_first_and_the_others_are_named_at_the_end(client):
    MeetingFactory(body=Body.WGETI, title="Transit meeting")
    sign_in(client, UserFactory())

    response = client.get(reverse("search"), {"q": "transit"})

    assert [s["provider"].key for s in response.context["sections"]] == ["meetings"]
    empty = [s["provider"].key for s in response.context["empty_sections"]]
    assert empty == [
        "documents",
        "states",
        "organisations",
        "people",
        "cases",
        "platform",
        "guides",
        "guide-sections",
        "guide-paragraphs",
        "guide-revisions",
        "wgeti-ad-hoc-proposals",
        "wgeti-offers",
        "wgeti-submissions",
    ]
    content = response.content.decode()
    assert content.index('id="results-meetings"') < content.index('id="results-none"')
    assert 'data-count="documents">0<' in content


def test_a_section_without_a_list_of_its_own_asks_for_more_words_beyond_ten(client):
    for n in range(12):
        OrganisationFactory(name=f"Transit Watch {n}")
    sign_in(client, UserFactory())

    response = client.get(reverse("search"), {"q": "transit"})

    assert len(response.context["results"]["organisations"]) == 10
    assert response.context["counts"]["organisations"] == 12
    assert "The first 10 are shown: add words to narrow the search." in (response.content.decode())


def make_rows(n: int, world: dict) -> None:
    """`n` more rows that "transit" finds in each section a delegate may use."""
    officer, meeting, edition, chair = (
        world["officer"], world["meeting"], world["edition"], world["chair"]
    )  # fmt: skip
    start = world.setdefault("made", 0)
    world["made"] += n
    ad_hoc = MeetingCall.objects.get(meeting=meeting, kind=CallKind.AD_HOC_ISSUES)
    comments = MeetingCall.objects.get(meeting=meeting, kind=CallKind.WRITTEN_COMMENTS)
    for i in range(start, start + n):
        document_register(
            by=officer,
            title=f"Transit paper {i}",
            cycle=meeting.cycle,
            body="WGETI",
            doc_type="Conf.WP",
            issued_on=datetime.date(2026, 1, 1),
            distribution="public",
            author_office="SEC",
        )
        MeetingFactory(body=Body.WGETI, title=f"Transit meeting {i}")
        OrganisationFactory(name=f"Transit Watch {i}")
        section = GuideSection.objects.create(
            edition=edition, kind=SectionKind.CHAPTER, label=str(i), title=f"Transit {i}"
        )
        GuideBlock.objects.create(
            section=section,
            kind=BlockKind.PARAGRAPH,
            number=str(i),
            key=f"paragraph-{i}",
            text=f"Transit through State {i}.",
        )
        ProposedRevision.objects.create(
            guide=edition.guide,
            base_edition=edition,
            title=f"Transit revision {i}",
            proposer_kind=ProposerKind.CHAIR,
            proposed_by=chair,
            comments_due_on=datetime.date(2027, 1, 1),
        )
        contributor = OrganisationFactory()
        AdHocIssueProposal.objects.create(
            call=ad_hoc,
            organisation=contributor,
            submitted_by=chair,
            title=f"Transit issue {i}",
            memorandum="Transit.",
            state_of_proposal=ProposalState.ACCEPTED,
        )
        WrittenSubmission.objects.create(
            call=comments,
            organisation=contributor,
            submitted_by=chair,
            kind=SubmissionKind.COMMENTS,
            text="On transit.",
            published_at=datetime.datetime(2027, 2, 1, tzinfo=UTC),
        )
        topic = make_topic(f"Topic {i}")
        MeetingTopic.objects.create(meeting=meeting, topic=topic)
        PresentationOffer.objects.create(
            meeting=meeting,
            topic=topic,
            organisation=contributor,
            submitted_by=chair,
            summary="Our transit controls.",
            status=OfferState.CONFIRMED,
        )


def queries_of(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("viewer", ["delegate", "secretariat"])
def test_the_search_page_makes_as_many_queries_for_one_row_per_section_as_for_fifteen(
    client, viewer
):
    chair = SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI, cycle=CspCycleFactory(number=12, year=2026))
    for kind in (CallKind.AD_HOC_ISSUES, CallKind.WRITTEN_COMMENTS):
        MeetingCall.objects.create(
            meeting=meeting,
            kind=kind,
            title="Call",
            issued_on=datetime.date(2026, 12, 1),
            due_on=datetime.date(2027, 2, 1),
        )
    PresenterList.objects.create(
        meeting=meeting, published_at=datetime.datetime(2027, 3, 1, tzinfo=UTC), published_by=chair
    )
    edition = GuideEdition.objects.create(
        guide=Guide.objects.create(title="Transit guide"),
        number=1,
        state=EditionState.PUBLISHED,
    )
    world = {"officer": SecretariatUserFactory(), "meeting": meeting, "edition": edition,
             "chair": chair}  # fmt: skip
    sign_in(client, SecretariatUserFactory() if viewer == "secretariat" else UserFactory())
    url = reverse("search") + "?q=transit"
    make_rows(1, world)
    client.get(url)  # warm per-process caches (content types, sessions)

    with_one, one = queries_of(client, url)
    make_rows(14, world)
    with_fifteen, fifteen = queries_of(client, url)

    sections = [
        "documents", "meetings", "organisations", "guides", "guide-sections",
        "guide-paragraphs", "guide-revisions", "wgeti-ad-hoc-proposals", "wgeti-offers",
        "wgeti-submissions",
    ]  # fmt: skip
    assert {key: len(one.context["results"][key]) for key in sections} == dict.fromkeys(sections, 1)
    assert {key: len(fifteen.context["results"][key]) for key in sections} == dict.fromkeys(
        sections, 10
    ) | {"guides": 1}
    assert with_fifteen == with_one
