"""The admitted non-state expert's own pages (ToR arts. 8, 9, 15): the meeting's dates and
venue where the expert looks for them, the confidentiality undertaking reachable from each
of them with where it stands, and no link anywhere the expert can go that answers 403,
404 or 500 — crawled from the dashboard and the DIEF home like a usability test."""

from __future__ import annotations

import datetime
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from att_portal.directory.enums import AttStatus
from att_portal.l10n.content import localized
from att_portal.l10n.dates import un_date_range, un_datetime
from forums.models import DisclosureChallenge, ExpertAdmission
from forums.selectors.invitations import MeetingFacts, expert_invitations
from forums.services.challenges import challenge_raise
from tests.conftest import sign_in
from tests.demo_objects import austrian_presentation
from tests.factories import DiefMeetingFactory, OrganisationUserFactory, StateFactory, UserFactory
from tests.factories.forums import CasePresentationFactory, ExpertAdmissionFactory

pytestmark = pytest.mark.django_db

BROKEN = {403, 404, 500}
# A bound on the crawl, far above what the demo offers, so a link loop fails loudly.
MAX_PAGES = 2000


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _same_site_links(page_url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(f"http://testserver{page_url}", href))
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            continue  # mailto:, tel:, other sites
        if "logout" in parts.path or parts.path.startswith("/static/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client: Client, start: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """GET every same-site link from `start`, breadth first: each URL's status, and the
    page that first linked to it."""
    statuses: dict[str, int] = {}
    linked_from: dict[str, str] = {}
    queue = list(start)
    while queue:
        url = queue.pop(0)
        if url in statuses:
            continue
        assert len(statuses) < MAX_PAGES, "the crawl does not end"
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _same_site_links(url, response.content.decode()):
            if link not in statuses:
                linked_from.setdefault(link, url)
                queue.append(link)
    return statuses, linked_from


def _demo_expert_challenged(demo_users) -> DisclosureChallenge:
    """The demo expert, also challenged by Austria over its case, so that the crawl walks
    the challenge pages an expert may open too (art. 15)."""
    presentation = austrian_presentation()
    return challenge_raise(
        by=demo_users["delegate-sp"],
        challenged_expert=demo_users["expert"],
        description="A slide of the presentation was quoted in a newsletter.",
        case=presentation.case,
    )


def test_expert_follows_every_link_of_every_page_it_reaches_and_none_answers_403_404_500(
    demo_users, client_for
):
    challenge = _demo_expert_challenged(demo_users)
    client = client_for("expert")

    statuses, linked_from = crawl(client, [reverse("dashboard"), reverse("dief:home")])

    broken = {url: (status, linked_from.get(url)) for url, status in statuses.items()}
    assert {url: how for url, how in broken.items() if how[0] in BROKEN} == {}
    # The crawl went where the expert's business is.
    admission = ExpertAdmission.objects.get(expert=demo_users["expert"])
    for url in (
        reverse("dief:undertaking", args=[admission.pk]),
        reverse("dief:case_detail", args=[admission.presentation.case_id]),
        reverse("dief:challenge_detail", args=[challenge.pk]),
    ):
        assert statuses.get(url) == 200, url


def test_the_case_page_links_no_participants_page_to_the_expert(demo_users, client_for):
    admission = ExpertAdmission.objects.get(expert=demo_users["expert"])
    case_url = reverse("dief:case_detail", args=[admission.presentation.case_id])

    expert_page = client_for("expert").get(case_url)
    austria_page = client_for("delegate-sp").get(case_url)

    assert expert_page.context["may_open_list"] is False
    assert expert_page.context["may_open_presentations"] is False
    expert_html = expert_page.content.decode()
    assert f'href="{reverse("dief:case_list")}"' not in expert_html
    assert reverse("dief:presentation_detail", args=[admission.presentation_id]) not in (
        expert_html
    )
    # The presenting State keeps its links.
    austria_html = austria_page.content.decode()
    assert austria_page.context["may_open_list"] is True
    assert f'href="{reverse("dief:case_list")}"' in austria_html
    assert reverse("dief:presentation_detail", args=[admission.presentation_id]) in austria_html
    assert austria_page.context["invitations"] == []


# -- Date, venue and undertaking on the expert's pages ---------------------------------------


def page_text(html: str) -> str:
    """The page's text as a reader sees it: without tags, character references or the
    isolates that keep Latin runs in order in an Arabic page."""
    text = re.sub(r"<[^>]+>", "", html)
    return re.sub("[\u2066-\u2069]", "", unescape(text))


def _facts_of(meeting, language: str) -> list[str]:
    """The meeting's facts the page must show, in `language`."""
    return [
        localized(meeting, "title", language)[0],
        un_date_range(meeting.starts_on, meeting.ends_on, language),
        localized(meeting, "venue", language)[0],
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh-hans"])
def test_expert_reads_the_date_and_venue_of_its_meeting_in_its_language(
    language, demo_users, client_for
):
    expert = demo_users["expert"]
    expert.preferred_language = language
    expert.save(update_fields=["preferred_language"])
    admission = ExpertAdmission.objects.select_related("presentation__meeting").get(expert=expert)
    meeting = admission.presentation.meeting
    client = client_for("expert")
    pages = {
        "dief:home": reverse("dief:home"),
        "case": reverse("dief:case_detail", args=[admission.presentation.case_id]),
        "undertaking": reverse("dief:undertaking", args=[admission.pk]),
        "dashboard": reverse("dashboard"),
    }

    for name, url in pages.items():
        text = page_text(client.get(url).content.decode())
        for fact in _facts_of(meeting, language):
            assert fact in text, (name, fact)


def test_expert_home_states_the_undertaking_accepted_and_when_with_its_link(demo_users, client_for):
    expert = demo_users["expert"]
    admission = ExpertAdmission.objects.get(expert=expert)
    undertaking = reverse("dief:undertaking", args=[admission.pk])
    accepted = f"Accepted on {un_datetime(admission.undertaking_accepted_at, 'en')}"
    client = client_for("expert")

    home = client.get(reverse("dief:home"))
    case = client.get(reverse("dief:case_detail", args=[admission.presentation.case_id]))
    dashboard = client.get(reverse("dashboard"))

    for response in (home, case):
        html = response.content.decode()
        assert f'<a href="{undertaking}">Read the undertaking</a>' in html
        assert accepted in html
    dief_area = next(a for a in dashboard.context["areas"] if a.url == reverse("dief:home"))
    assert dief_area.links == (("Confidentiality undertaking", undertaking),)
    assert (
        "Confidentiality undertaking accepted on "
        f"{un_datetime(admission.undertaking_accepted_at, 'en')}" in dief_area.details
    )
    assert f'href="{undertaking}"' in dashboard.content.decode()


def test_before_the_undertaking_the_expert_is_told_so_and_offered_it_not_the_case():
    expert = OrganisationUserFactory()
    meeting = DiefMeetingFactory(
        title="DIEF meeting, February 2027",
        venue="Geneva, CICG",
        starts_on=datetime.date(2027, 2, 17),
    )
    admission = ExpertAdmissionFactory(
        expert=expert, presentation=CasePresentationFactory(meeting=meeting)
    )
    client = sign_in(Client(), expert)
    undertaking = reverse("dief:undertaking", args=[admission.pk])

    home = client.get(reverse("dief:home")).content.decode()
    dashboard = client.get(reverse("dashboard"))

    assert "Not accepted yet: the case opens to you once you accept it." in home
    assert f'<a href="{undertaking}">Accept the confidentiality undertaking</a>' in home
    assert reverse("dief:case_detail", args=[admission.presentation.case_id]) not in home
    assert "17 February 2027" in home
    assert "Geneva, CICG" in home
    dief_area = next(a for a in dashboard.context["areas"] if a.url == reverse("dief:home"))
    assert dief_area.details == (
        "Invited as a non-state expert: DIEF meeting, February 2027, 17 February 2027, "
        "Geneva, CICG",
        "Confidentiality undertaking not accepted yet",
    )

    client.post(undertaking, {"accept": "on"})
    home = client.get(reverse("dief:home")).content.decode()
    assert reverse("dief:case_detail", args=[admission.presentation.case_id]) in home
    assert "Accepted on " in home


def test_expert_sees_only_its_meeting_and_only_its_title_dates_and_venue(demo_users, client_for):
    expert = demo_users["expert"]
    admission = ExpertAdmission.objects.select_related("presentation__meeting").get(expert=expert)
    meeting = admission.presentation.meeting
    other = DiefMeetingFactory(
        title="Another DIEF meeting", starts_on=meeting.starts_on, ends_on=meeting.ends_on
    )
    client = client_for("expert")

    home = client.get(reverse("dief:home"))
    html = home.content.decode()
    invitations = home.context["invitations"]

    assert [i.admission_id for i in invitations] == [admission.pk]
    facts = invitations[0].meeting
    assert isinstance(facts, MeetingFacts)
    # What an invitation states (ToR art. 9), no more: no participants, agenda or calls.
    assert {name for name in vars(facts) if not name.startswith(("title_", "venue_"))} == {
        "starts_on",
        "ends_on",
        "is_cancelled",
    }
    assert "Another DIEF meeting" not in html
    # No grant on the meeting: its page, its agenda and the other meeting stay closed.
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("documents:agenda", args=[meeting.pk])).status_code == 404
    assert reverse("meetings:detail", args=[meeting.pk]) not in html
    # Not the other participants: neither the presenting State's delegate nor the States
    # that are concerned by the case.
    assert demo_users["delegate-sp"].get_full_name() not in html
    assert "Thailand" not in html


def test_a_withdrawn_presentation_or_a_meeting_over_leaves_no_invitation():
    expert = OrganisationUserFactory()
    over = ExpertAdmissionFactory(
        expert=expert,
        presentation=CasePresentationFactory(
            meeting=DiefMeetingFactory(
                starts_on=timezone.localdate() - datetime.timedelta(days=3),
                ends_on=timezone.localdate() - datetime.timedelta(days=2),
            )
        ),
    )
    withdrawn = ExpertAdmissionFactory(expert=expert)
    withdrawn.presentation.withdrawn_at = timezone.now()
    withdrawn.presentation.save(update_fields=["withdrawn_at"])

    assert expert_invitations(expert) == []
    assert {over.presentation_id, withdrawn.presentation_id} == set(
        ExpertAdmission.objects.filter(expert=expert).values_list("presentation_id", flat=True)
    )


def test_nobody_else_reads_an_experts_invitation():
    admission = ExpertAdmissionFactory()
    delegate = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))

    assert expert_invitations(delegate) == []
    assert [i.admission_id for i in expert_invitations(admission.expert)] == [admission.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_the_invitations_are_read_in_as_many_queries_for_one_or_three(count):
    expert = OrganisationUserFactory()
    for _ in range(count):
        admission = ExpertAdmissionFactory(expert=expert)
        admission.undertaking_accepted_at = timezone.now()
        admission.save(update_fields=["undertaking_accepted_at"])

    with CaptureQueriesContext(connection) as queries:
        invitations = expert_invitations(expert)

    assert len(invitations) == count
    assert all(i.case_url for i in invitations)
    # The admissions, the reader's roles (read once per request), the cases they open.
    assert len(queries.captured_queries) == 3


def test_the_case_opens_to_the_expert_only_through_the_policy_of_cases():
    admission = ExpertAdmissionFactory()

    before = expert_invitations(admission.expert)
    admission.undertaking_accepted_at = timezone.now()
    admission.save(update_fields=["undertaking_accepted_at"])
    after = expert_invitations(admission.expert)

    assert [i.case_url for i in before] == [None]
    assert [i.case_url for i in after] == [
        reverse("dief:case_detail", args=[admission.presentation.case_id])
    ]
