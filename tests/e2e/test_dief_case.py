"""A delegate records a case narrowed to one State in a real browser; a delegate of another
State does not find it."""

from __future__ import annotations

import pytest

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus
from tests.e2e.conftest import current_code_of, sign_in
from tests.factories import StateFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def enter_dief(page, live_server, user) -> None:
    """Sign in and set up the second factor the DIEF asks for."""
    sign_in(page, live_server, user.username)
    page.get_by_role("heading", name=f"Welcome, {user.get_full_name()}").wait_for()
    page.goto(f"{live_server.url}/dief/")
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code_of(user))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Diversion Information Exchange Forum").wait_for()


def test_delegate_records_a_narrowed_case_that_another_state_does_not_see(
    page, live_server, tmp_path
):
    named_state = StateFactory(status=AttStatus.STATE_PARTY)
    provider = UserFactory(username="lena", first_name="Lena", last_name="Gruber")
    outsider = UserFactory(username="somchai", first_name="Somchai", last_name="Srisuk")
    evidence = tmp_path / "tracing.pdf"
    evidence.write_bytes(_minimal_pdf("Tracing"))

    enter_dief(page, live_server, provider)
    page.get_by_role("link", name="Cases").first.click()
    page.get_by_role("link", name="Record a case").click()
    page.get_by_label("Title").fill("Pistols found abroad")
    page.get_by_label("Summary").fill("Twelve pistols recovered by police.")
    page.get_by_label("Details of the diversion").fill("Theft from storage.")
    page.get_by_label("Details of its detection").fill("Tracing request.")
    page.get_by_label("Timeliness of detection").select_option("after_delivery")
    page.get_by_label("Methods and means").fill("Informal market.")
    page.locator("#id_investigation").select_option("ongoing")
    page.get_by_label("(a) Illicit arms transfer activities, including corruption").check()
    page.get_by_label("Only the States I name").check()
    page.get_by_role("combobox", name="States that may read it").fill(named_state.name)
    page.keyboard.press("Enter")
    page.get_by_label("Attachment (PDF, PNG or JPEG)").set_input_files(str(evidence))
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Pistols found abroad").wait_for()
    assert "CONFIDENTIAL" in page.content()
    assert page.get_by_role("link", name="tracing.pdf").count() == 1
    page.screenshot(path=str(tmp_path / "case.png"), full_page=True)
    page.context.clear_cookies()

    enter_dief(page, live_server, outsider)
    page.goto(f"{live_server.url}/dief/cases/")
    page.get_by_role("heading", name="Cases of diversion").wait_for()
    assert "Pistols found abroad" not in page.content()
