"""What a new delegate and their focal point see, in a real browser: sign-in with the
e-mail address, a member invited but not yet signed in, deactivation that asks first, an
access log without the provider's own openings, and notices told apart by their subject."""

from __future__ import annotations

import datetime

import pytest

from att_portal.directory.enums import AttStatus, Role
from att_portal.notifications.models import Notice
from forums.enums import AccessKind
from forums.services.shared import access_record
from tests.e2e.conftest import PASSWORD, sign_in
from tests.e2e.test_dief_case import enter_dief
from tests.factories import (
    DiefMeetingFactory,
    RoleAssignmentFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_delegate_signs_in_with_their_email_address(page, live_server):
    UserFactory(
        username="lena", email="lena.gruber@example.org", first_name="Lena", last_name="Gruber"
    )

    page.goto(f"{live_server.url}/")
    page.get_by_label("User name or e-mail address").fill("Lena.Gruber@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("heading", name="Welcome, Lena Gruber").wait_for()


def test_focal_point_sees_an_invitee_and_deactivates_a_member_only_after_confirming(
    page, live_server
):
    austria = StateFactory(status=AttStatus.STATE_PARTY)
    focal_point = UserFactory(state=austria, username="lena", first_name="Lena", last_name="Gruber")
    RoleAssignmentFactory(user=focal_point, role=Role.FOCAL_POINT)
    UserFactory(state=austria, first_name="Nadia", last_name="Ferreira", password="!unusable")
    markus = UserFactory(
        state=austria,
        first_name="Markus",
        last_name="Huber",
        last_login=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )

    sign_in(page, live_server, focal_point.username)
    page.get_by_role("heading", name="Welcome, Lena Gruber").wait_for()
    page.goto(f"{live_server.url}/directory/states/{austria.alpha3.lower()}/")
    nadia_row = page.get_by_role("row").filter(has_text="Nadia Ferreira")
    markus_row = page.get_by_role("row").filter(has_text="Markus Huber")
    assert "Invited — has not signed in yet" in nadia_row.inner_text()
    assert "Active" in markus_row.inner_text()

    # With the keyboard: the button leads to a page that asks first.
    markus_row.get_by_role("link", name="Deactivate Markus Huber").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Deactivate the account of Markus Huber?").wait_for()
    assert "will lose access to the ATT Portal as soon as you confirm" in page.content()
    page.get_by_role("link", name="Cancel").click()
    markus_row = page.get_by_role("row").filter(has_text="Markus Huber")
    assert "Active" in markus_row.inner_text()
    markus.refresh_from_db()
    assert markus.is_active is True

    markus_row.get_by_role("link", name="Deactivate Markus Huber").click()
    page.get_by_role("button", name="Deactivate the account").click()
    page.get_by_text("Markus Huber can no longer sign in.").wait_for()
    assert "Deactivated" in page.get_by_role("row").filter(has_text="Markus Huber").inner_text()


def test_provider_sees_others_openings_and_includes_its_own_with_the_keyboard(page, live_server):
    austria = StateFactory(status=AttStatus.STATE_PARTY)
    provider = UserFactory(state=austria, username="lena", first_name="Lena", last_name="Gruber")
    colleague = UserFactory(state=austria, first_name="Markus", last_name="Huber")
    reader = UserFactory(first_name="Ines", last_name="Moreau")
    case = CaseFactory(provider=provider, title="Pistols found abroad")
    access_record(person=colleague, item=case, kind=AccessKind.VIEW)
    access_record(person=reader, item=case, kind=AccessKind.DOWNLOAD)

    enter_dief(page, live_server, provider)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("heading", name="Who opened it").wait_for()
    log = page.locator("table[aria-describedby='access-log-counts']")
    assert "Ines Moreau" in log.inner_text()
    assert "Markus Huber" not in log.inner_text()
    counts = page.locator("#access-log-counts").inner_text()
    assert f"Opened 1 time by people outside the delegation of {austria.name}." in counts
    assert f"The delegation of {austria.name} opened it 2 times." in counts

    page.get_by_label(f"Include the openings by the delegation of {austria.name}").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Show button
    page.wait_for_url("**openings=all**")
    log = page.locator("table[aria-describedby='access-log-counts']")
    assert "Markus Huber" in log.inner_text()
    assert "Ines Moreau" in log.inner_text()


def test_notices_titled_alike_show_their_meetings(page, live_server):
    delegate = UserFactory(username="lena", first_name="Lena", last_name="Gruber")
    for month in (2, 10):
        meeting = DiefMeetingFactory(
            title=f"DIEF meeting of {datetime.date(2027, month, 1):%B}",
            starts_on=datetime.date(2027, month, 17),
            ends_on=datetime.date(2027, month, 17),
        )
        Notice.objects.create(
            key=f"invitation:{meeting.pk}:{delegate.pk}",
            recipient=delegate,
            title="An invitation in the confidential area",
            url=meeting.get_absolute_url(),
        )

    enter_dief(page, live_server, delegate)
    page.goto(f"{live_server.url}/notices/")
    page.set_viewport_size({"width": 390, "height": 800})

    items = page.locator(".list-group-item")
    assert items.count() == 2
    assert "DIEF meeting of October · 17 October 2027" in items.nth(0).inner_text()
    assert "DIEF meeting of February · 17 February 2027" in items.nth(1).inner_text()
    # Nothing overflows the narrow screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
