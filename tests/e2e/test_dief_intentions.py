"""ToR arts. 8 and 11 in a real browser: a delegate notifies an intention to present a case
at the next DIEF meeting, not yet announced; the Secretariat's DIEF page shows it, and
flags a proposal of a non-state expert it has not circulated yet."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from forums.services.experts import expert_proposal_submit
from tests.e2e.conftest import current_code_of, sign_in
from tests.e2e.test_secretariat import sign_in_with_second_factor
from tests.factories import (
    DiefMeetingFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, CasePresentationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def enter_dief(page, live_server, user) -> None:
    sign_in(page, live_server, user.username)
    page.get_by_role("heading", name=f"Welcome, {user.get_full_name()}").wait_for()
    page.goto(f"{live_server.url}/dief/")
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code_of(user))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Diversion Information Exchange Forum").wait_for()


def test_art11_intention_before_the_meeting_is_announced_reaches_the_secretariats_page(
    page, live_server, tmp_path
):
    presenter = UserFactory(username="lena", first_name="Lena", last_name="Gruber")
    case = CaseFactory(provider=presenter, title="Pistols found abroad")
    officer = SecretariatUserFactory(username="ines", first_name="Inès", last_name="Morel")
    # Another State's presentation at a meeting already announced, and a signatory's expert
    # proposal for it that nobody has circulated yet (ToR art. 8).
    meeting = DiefMeetingFactory(
        starts_on=timezone.localdate() + datetime.timedelta(days=70),
        ends_on=timezone.localdate() + datetime.timedelta(days=70),
    )
    presentation = CasePresentationFactory(meeting=meeting)
    signatory = UserFactory(state=StateFactory(status="signatory"))
    expert_proposal_submit(
        by=signatory,
        presentation=presentation,
        expert_name="Dr. Ana Ruiz",
        expert_email="ana.ruiz@example.org",
        expert_affiliation="Institute of Forensic Ballistics",
        expertise="Tracing of small arms.",
        purpose="To explain the tracing of the pistols.",
    )

    enter_dief(page, live_server, presenter)
    page.goto(f"{live_server.url}/dief/cases/{case.pk}/present/")
    page.get_by_label("DIEF meeting").select_option(
        label="The next DIEF meeting, not yet announced"
    )
    page.get_by_role("button", name="Record the intention").click()
    page.locator("#waiting-intention").wait_for()
    assert "not yet announced, was notified to the Secretariat on" in page.content()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path=str(tmp_path / "intention.png"), full_page=True)
    page.context.clear_cookies()

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_second_factor(page, live_server, officer)  # the Secretariat always is
    page.goto(f"{live_server.url}/dief/")
    flag = page.locator('[data-flag="awaiting-circulation"]')
    assert "1 proposal of a non-state expert is not circulated yet" in flag.inner_text()
    waiting = page.locator("#waiting-intentions")
    assert str(case.provider_state) in waiting.inner_text()
    page.screenshot(path=str(tmp_path / "secretariat-home.png"), full_page=True)
    page.get_by_role("link", name="Non-state experts").first.click()
    page.get_by_role("heading", name="Non-state experts").wait_for()
    assert "Not circulated yet: received" in page.locator("#expert-proposals").inner_text()
    page.screenshot(path=str(tmp_path / "expert-list.png"), full_page=True)
