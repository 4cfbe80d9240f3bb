"""WGETI ad hoc issues in a real browser (seed 004, Appendix 5): Control Arms proposed on
1 February 2026 with no guiding questions and its speakers "to be confirmed"; the Chair
took the issue up; on 17 February, after the due date, Control Arms names a speaker on
the proposal's page and the agenda item lists it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from att_portal.directory.enums import Role
from att_portal.meetings.enums import Body
from documents.models import AgendaItem
from tests.e2e.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    MeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
)
from working_groups.services.calls import (
    ad_hoc_call_issue,
    ad_hoc_proposal_decide,
    ad_hoc_proposal_submit,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def cookies_outlive_the_moved_clock(settings):
    settings.CSRF_COOKIE_AGE = None


def test_control_arms_names_its_speaker_after_the_due_date(
    page, live_server, time_machine, cookies_outlive_the_moved_clock, tmp_path
):
    time_machine.move_to(datetime.datetime(2025, 12, 4, 10, 0, tzinfo=GENEVA))
    meeting = MeetingFactory(
        body=Body.WGETI,
        cycle=CspCycleFactory(number=12, year=2026),
        title="WGETI meeting, March 2026",
        starts_on=datetime.date(2026, 3, 16),
        ends_on=datetime.date(2026, 3, 18),
    )
    chair = RoleAssignmentFactory(role=Role.WGETI_CHAIR).user
    call = ad_hoc_call_issue(
        by=chair,
        meeting=meeting,
        title="Proposals of ad hoc issues",
        issued_on=datetime.date(2025, 12, 4),
        due_on=datetime.date(2026, 2, 1),
    )
    author = OrganisationUserFactory(organisation__name="Control Arms")
    time_machine.move_to(datetime.datetime(2026, 2, 1, 17, 0, tzinfo=GENEVA))
    proposal = ad_hoc_proposal_submit(
        by=author,
        call=call,
        title="Reassessment of authorised arms transfers under Article 7(7)",
        memorandum="Differing interpretations of what triggers a reassessment.",
        speakers=[
            {"affiliation": "Control Arms", "to_be_confirmed": True},
            {"affiliation": "An academic institution", "to_be_confirmed": True},
        ],
    )
    ad_hoc_proposal_decide(by=chair, proposal=proposal, accept=True)
    time_machine.move_to(datetime.datetime(2026, 2, 17, 11, 0, tzinfo=GENEVA))

    sign_in(page, live_server, author.username)
    page.goto(f"{live_server.url}/wgeti/proposals/{proposal.pk}/")
    page.get_by_text("Name this speaker").nth(1).click()
    form = page.locator("form[action$='/name/']").nth(1)
    form.get_by_label("Name").fill("Dr. Stuart Casey-Maslen")
    form.get_by_label("Job title").fill("Special Advisor")
    form.get_by_label("Affiliation").fill("Geneva Academy")
    form.get_by_role("button", name="Name the speaker").click()
    page.get_by_text("The speaker is named.").wait_for()
    page.screenshot(path=str(tmp_path / "speaker-named.png"), full_page=True)

    speakers = page.locator("#speakers li").all_inner_texts()
    assert "Dr. Stuart Casey-Maslen, Special Advisor, Geneva Academy" in speakers[1]
    assert "None given" in page.locator("#proposal").inner_text()
    assert AgendaItem.objects.get().presenters == (
        "Control Arms; Dr. Stuart Casey-Maslen, Special Advisor, Geneva Academy"
    )
