"""The Chair's agenda builder in a real browser, with no `/admin/` address: the Chair
changes an item in place (its texts, its French title and its session) and moves the last
item to the first position with the keyboard alone, hearing where it went; and drags an
item by its handle."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from att_portal.directory.enums import Role
from att_portal.meetings.enums import Body
from att_portal.meetings.models import MeetingSession
from documents import agenda as agenda_services
from documents.agenda import agenda_items
from tests.e2e.conftest import current_code_of, sign_in
from tests.factories import (
    DiefMeetingFactory,
    RoleAssignmentFactory,
    TOTPDeviceFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _session(meeting, title, start, end):
    tz = timezone.get_current_timezone()
    return MeetingSession.objects.create(
        meeting=meeting,
        title=title,
        body=Body.DIEF,
        starts_at=datetime.datetime.combine(meeting.starts_on, datetime.time(start), tz),
        ends_at=datetime.datetime.combine(meeting.starts_on, datetime.time(end), tz),
    )


def open_the_agenda(page, live_server, chair, meeting) -> None:
    sign_in(page, live_server, chair.username)
    page.get_by_role("heading", name=f"Welcome, {chair.get_full_name()}").wait_for()
    page.goto(f"{live_server.url}/documents/agendas/{meeting.pk}/")
    # The DIEF asks for the second factor on the way in.
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code_of(chair))
    page.get_by_role("button", name=re.compile("^(Confirm|Verify)$")).click()
    page.get_by_role("heading", name="Agenda").wait_for()


def test_chair_edits_an_item_in_place_and_moves_the_last_item_first_by_keyboard(
    page, live_server, tmp_path
):
    chair = UserFactory(first_name="Dana", last_name="Chair")
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    TOTPDeviceFactory(user=chair)
    meeting = DiefMeetingFactory(title="Eleventh meeting of the DIEF")
    _session(meeting, "Session", 10, 13)
    afternoon = _session(meeting, "Session", 15, 18)
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    opening, cases, closing = (
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=title)
        for title in ("Opening of the meeting", "Cases", "Closing of the meeting")
    )
    connection.close()

    open_the_agenda(page, live_server, chair, meeting)

    # In place: the form opens inside the item, the rest of the page stays.
    page.get_by_role("link", name="Edit item 2").click()
    item = page.locator(f"#item-{cases.pk}")
    item.get_by_label("Title (in English)").fill("Cases of diversion")
    item.locator("summary", has_text="Title in the other UN languages").click()
    item.get_by_label("Title (français)").fill("Cas de détournement")
    item.get_by_label("Presenters").fill("Delegation of Austria")
    session = item.get_by_label("Session")
    assert session.locator("option").all_inner_texts() == [
        "---------",
        "17 February 2027, 10:00–13:00 · Session",
        "17 February 2027, 15:00–18:00 · Session",
    ]
    session.select_option(label="17 February 2027, 15:00–18:00 · Session")
    page.screenshot(path=f"{tmp_path}/edit-in-place.png", full_page=True)
    item.get_by_role("button", name="Save").click()
    page.locator("#agenda-status", has_text="The item is saved.").wait_for()
    assert (
        "2. Cases of diversion 17 February 2027, 15:00–18:00 · Session\n"
        "Presenters: Delegation of Austria"
    ) in page.locator(f"#item-{cases.pk}").inner_text()
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=f"edit-{cases.pk}"
    )

    # By keyboard only: Tab to the last item's position list, choose 1, Tab to "Move", Enter.
    for _ in range(60):
        if page.evaluate("document.activeElement.id") == f"move-{closing.pk}":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"move-{closing.pk}"
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "MoveMove item 3 to the chosen position"
    )
    page.keyboard.press("Enter")

    page.locator("#agenda-status", has_text="“Closing of the meeting” is now item 1.").wait_for()
    first, second, third = page.locator("#agenda-items > li").all_inner_texts()
    assert ("1. Closing of the meeting" in first, "3. Cases of diversion" in third) == (True, True)
    # The focus comes back once HTMX has settled the new list, a moment after the swap.
    focus_on = "id => document.activeElement && document.activeElement.id === id"
    page.wait_for_function(focus_on, arg=f"move-{closing.pk}")
    assert page.locator("#agenda-status").get_attribute("role") == "status"
    page.screenshot(path=f"{tmp_path}/moved-by-keyboard.png", full_page=True)

    assert "/admin/" not in page.url
    numbered = [(n.number, n.item.title_en, n.item.title_fr) for n in agenda_items(agenda)]
    cases.refresh_from_db()
    connection.close()
    assert numbered == [
        ("1", "Closing of the meeting", None),
        ("2", "Opening of the meeting", None),
        ("3", "Cases of diversion", "Cas de détournement"),
    ]
    assert (cases.session_id, cases.presenters) == (afternoon.pk, "Delegation of Austria")


def test_chair_drags_an_item_by_its_handle_to_another_position(page, live_server):
    chair = UserFactory(first_name="Dana", last_name="Chair")
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    TOTPDeviceFactory(user=chair)
    meeting = DiefMeetingFactory(title="Eleventh meeting of the DIEF")
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    opening, cases, closing = (
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=title)
        for title in ("Opening of the meeting", "Cases", "Closing of the meeting")
    )
    connection.close()
    open_the_agenda(page, live_server, chair, meeting)

    page.locator(f"#item-{closing.pk} .drag-handle").drag_to(page.locator(f"#item-{opening.pk}"))

    page.locator("#agenda-status", has_text="“Closing of the meeting” is now item 1.").wait_for()
    numbered = [n.item.title_en for n in agenda_items(agenda)]
    connection.close()
    assert numbered == ["Closing of the meeting", "Opening of the meeting", "Cases"]
