"""DIEF ToR art. 3 in a browser: the Secretariat records the CSP President's decision to
convene a DIEF meeting on the meeting's page, with no `/admin/` address."""

from __future__ import annotations

import datetime

import pytest

from att_portal.meetings.models import DiefConvening
from tests.e2e.test_secretariat import (
    GENEVA,
    cookies_outlive_the_moved_clock,  # noqa: F401 (a fixture)
    sign_in_with_second_factor,
)
from tests.factories import DiefMeetingFactory, SecretariatUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_art3_the_secretariat_records_the_presidents_decision_in_the_browser(
    page,
    live_server,
    time_machine,
    cookies_outlive_the_moved_clock,  # noqa: F811
    tmp_path,
):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=GENEVA))
    officer = SecretariatUserFactory(username="mireille", first_name="Mireille", last_name="Roux")
    meeting = DiefMeetingFactory(title="Fourteenth meeting of the DIEF")
    sign_in_with_second_factor(page, live_server, officer)

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Record the President's decision").click()
    page.get_by_label("Decided by the President of").select_option(label="CSP13")
    page.get_by_label("Decided on").fill("2026-10-01")
    page.get_by_label("The President consulted the DIEF Chair").check()
    page.get_by_label("The President consulted the Secretariat").check()
    page.get_by_role("button", name="Record the decision").click()

    page.locator("#convening").wait_for()
    assert (
        page.locator("#convening")
        .inner_text()
        .startswith(
            "The President of CSP13 decided on 1 October 2026 to convene this meeting, after "
            "consulting the DIEF Chair and the Secretariat."
        )
    )
    page.locator("#dief-president").screenshot(path=tmp_path / "dief-president.png")
    assert DiefConvening.objects.get(meeting=meeting).decided_on == datetime.date(2026, 10, 1)
