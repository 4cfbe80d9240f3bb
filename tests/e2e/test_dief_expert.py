"""ToR arts. 8, 9 and 15 in a real browser, on a phone's width: an admitted non-state
expert finds the date and venue of the meeting and the confidentiality undertaking from
the home page, accepts it, and finds both again from the DIEF home and the case."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.conftest import current_code_of, sign_in
from tests.factories import DiefMeetingFactory, OrganisationUserFactory
from tests.factories.forums import CaseFactory, CasePresentationFactory, ExpertAdmissionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATES = "17 February 2027"
VENUE = "Geneva, Centre International de Conférences"


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_expert_reaches_date_venue_and_undertaking_from_the_home_page(page, live_server):
    expert = OrganisationUserFactory(username="jonah", first_name="Jonah", last_name="Leff")
    meeting = DiefMeetingFactory(
        title="DIEF meeting, February 2027",
        venue=VENUE,
        starts_on=datetime.date(2027, 2, 17),
        ends_on=datetime.date(2027, 2, 17),
    )
    case = CaseFactory(title="Pistols found abroad")
    ExpertAdmissionFactory(
        expert=expert, presentation=CasePresentationFactory(case=case, meeting=meeting)
    )
    page.set_viewport_size({"width": 390, "height": 844})

    sign_in(page, live_server, "jonah")
    page.get_by_role("heading", name="Welcome, Jonah Leff").wait_for()
    invitation = page.locator("[data-area-details]")
    assert "DIEF meeting, February 2027" in invitation.inner_text()
    assert DATES in invitation.inner_text()
    assert VENUE in invitation.inner_text()
    assert "Confidentiality undertaking not accepted yet" in invitation.inner_text()
    assert fits_the_width(page)

    # The undertaking, straight from the home page (the forum asks for a second factor).
    page.get_by_role("link", name="Confidentiality undertaking").click()
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code_of(expert))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Confidentiality undertaking").wait_for()
    facts = page.locator("#invitation-facts")
    assert DATES in facts.inner_text()
    assert VENUE in facts.inner_text()
    assert fits_the_width(page)
    page.get_by_label("I will keep the discussion").check()
    page.get_by_role("button", name="I accept").click()

    # The case opens, with the invitation and the undertaking accepted.
    page.get_by_role("heading", name="Pistols found abroad").wait_for()
    on_case = page.locator("#expert-invitation").inner_text()
    assert DATES in on_case
    assert VENUE in on_case
    assert "Accepted on" in on_case
    assert fits_the_width(page)

    # And again from the DIEF home, the undertaking one click away.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="DIEF").click()
    page.get_by_role("heading", name="Your invitation as a non-state expert").wait_for()
    home = page.locator("#expert-invitations").inner_text()
    assert DATES in home
    assert VENUE in home
    assert "Accepted on" in home
    assert fits_the_width(page)
    page.get_by_role("link", name="Read the undertaking").click()
    page.get_by_text("You accepted the undertaking on").wait_for()
