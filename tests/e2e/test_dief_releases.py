"""In a real browser: the Secretariat records the participants' decision releasing a
platform item from confidentiality (ToR art. 14), and a delegate of a State the item was
not narrowed to then reads it as restricted-area material; a provider states its position
in an operational-use discussion (art. 16)."""

from __future__ import annotations

import datetime

import pytest

from att_portal.directory.enums import AttStatus
from forums.enums import Distribution
from forums.services.shared import shared_item_save
from forums.services.use_requests import use_request_create
from tests.e2e.test_dief_case import enter_dief
from tests.e2e.test_secretariat import sign_in_with_second_factor
from tests.factories import DiefMeetingFactory, SecretariatUserFactory, StateFactory, UserFactory
from tests.factories.forums import CaseFactory, PlatformItemFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/dief_marking_{}.png"  # noqa: S108 (screenshots to look at, not data)


def test_art14_secretariat_records_a_release_and_another_state_reads_the_item(page, live_server):
    provider = UserFactory(username="lena", first_name="Lena", last_name="Gruber")
    reader = UserFactory(username="somchai", first_name="Somchai", last_name="Srisuk")
    officer = SecretariatUserFactory(username="ana", first_name="Ana", last_name="Costa")
    named = StateFactory(status=AttStatus.STATE_PARTY)
    DiefMeetingFactory(
        title="DIEF review meeting",
        starts_on=datetime.date(2024, 2, 22),
        ends_on=datetime.date(2024, 2, 22),
    )
    item = PlatformItemFactory.build(
        provider=provider, title="Tracing lessons", distribution=Distribution.NAMED_STATES
    )
    shared_item_save(by=provider, item=item, categories=[], named=[named])

    sign_in_with_second_factor(page, live_server, officer)
    page.goto(f"{live_server.url}/dief/")
    page.get_by_role("link", name="Releases from confidentiality").click()
    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("Or a platform item").select_option(label="Tracing lessons")
    page.get_by_label("Decided by the participants of the meeting").select_option(
        label="DIEF review meeting"
    )
    page.get_by_label("Decided on").fill("2024-02-22")
    page.get_by_label("Terms of the decision").fill("General lessons only.")
    page.screenshot(path=SHOTS.format("release_form"), full_page=True)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The release from confidentiality is recorded.").wait_for()
    assert page.get_by_role("link", name="Tracing lessons").count() == 1
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS.format("release_list_phone"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.clear_cookies()

    enter_dief(page, live_server, reader)
    page.get_by_role("link", name="DIEF material released from confidentiality").click()
    page.get_by_role("link", name="Tracing lessons").click()
    page.get_by_role("heading", name="Tracing lessons").wait_for()
    assert "Restricted area" in page.content()
    assert "CONFIDENTIAL" not in page.content()
    page.screenshot(path=SHOTS.format("released_detail"), full_page=True)


def test_art16_the_provider_states_concerns_in_the_discussion(page, live_server):
    provider = UserFactory(username="lena", first_name="Lena", last_name="Gruber")
    other = UserFactory(
        username="somchai", state=StateFactory(status=AttStatus.SIGNATORY), last_name="Srisuk"
    )
    case = CaseFactory(provider=provider, title="Pistols found abroad")
    discussion = use_request_create(
        by=other, item=case, purpose="enforcement", description="For a prosecution."
    )

    enter_dief(page, live_server, provider)
    page.goto(f"{live_server.url}/dief/use-requests/{discussion.pk}/")
    page.get_by_role("heading", name="Operational-use discussion").wait_for()
    page.get_by_label("The provider has concerns").check()
    page.get_by_label("Conditions or concerns").fill("The investigation is still open.")
    page.get_by_role("button", name="State the position").click()
    page.get_by_text("Your State's position is stated in the discussion.").wait_for()
    positions = page.locator("#positions").inner_text()
    assert "The provider has concerns" in positions
    assert "The investigation is still open." in positions
    page.screenshot(path=SHOTS.format("use_discussion"), full_page=True)
