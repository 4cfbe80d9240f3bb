"""A concerned State's delegate and a presenting State's delegate find their DIEF acts in
My deadlines, follow the link to act, and get them in their calendar feed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from att_portal.l10n.dates import un_date
from forums.models import ConcernedState
from tests.e2e.conftest import current_code_of, sign_in_as_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def feed_of(page) -> str:
    """Ask for a calendar address on the settings page, then read it as a calendar does."""
    page.get_by_role("link", name="Add these to your calendar").click()
    page.get_by_role("button", name="Create my calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    return page.request.get(address).text()


def test_thailand_and_austria_find_their_dief_acts_in_my_deadlines_and_their_calendar(
    page, live_server, demo_people
):
    notice = ConcernedState.objects.select_related("presentation__meeting").get(
        state__country="TH", presentation__meeting__starts_on__gt=timezone.localdate()
    )
    starts_on = notice.presentation.meeting.starts_on
    reply_due = starts_on - datetime.timedelta(days=15)  # ToR art. 12
    notice_due = starts_on - datetime.timedelta(days=30)

    sign_in_as_demo(page, live_server, demo_people["delegate-sig"])
    page.get_by_role("link", name="My deadlines").first.click()
    row = page.locator("#my-deadlines tr", has_text="Reply to the notice of Austria")
    assert un_date(reply_due) in row.inner_text()
    # On a phone each deadline reads as a block, every column in view.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.querySelector('#my-deadlines').scrollWidth") <= 390
    assert row.get_by_text("Upcoming").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    feed = feed_of(page)
    assert f"DTSTART;VALUE=DATE:{reply_due:%Y%m%d}" in feed
    page.goto(live_server.url + reverse("meetings:my_deadlines"))
    page.get_by_role("link", name="Reply to the notice of Austria").click()
    if "/accounts/two-factor/" in page.url:  # the DIEF asks for the second factor
        page.get_by_label("Six-digit code from your authenticator app").fill(
            current_code_of(demo_people["delegate-sig"])
        )
        page.get_by_role("button", name="Confirm").click()
    assert page.url.endswith(f"/dief/presentations/{notice.presentation_id}/reply/")
    page.context.clear_cookies()

    sign_in_as_demo(page, live_server, demo_people["delegate-sp"])
    page.get_by_role("link", name="My deadlines").first.click()
    row = page.locator("#my-deadlines tr", has_text="Notify the States your case concerns")
    assert un_date(notice_due) in row.inner_text()
    assert f"DTSTART;VALUE=DATE:{notice_due:%Y%m%d}" in feed_of(page)
