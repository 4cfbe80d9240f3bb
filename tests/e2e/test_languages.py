"""The portal in Arabic and Chinese in a real browser: the dashboard and an agenda read
right to left (Arabic) with references, numbers and symbols in order, in the reader's
script. Screenshots are kept in var/screenshots/ to be looked at."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings

from att_portal.directory.enums import Role
from att_portal.meetings.enums import Body
from documents import agenda as agenda_services
from tests.e2e.conftest import PASSWORD
from tests.factories import MeetingFactory, RoleAssignmentFactory, StateFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"


@pytest.fixture
def agenda_of_wgeti():
    chair = UserFactory(username="lejeune", first_name="Philippe", last_name="Lejeune")
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    meeting = MeetingFactory(
        body=Body.WGETI,
        title="WGETI meeting, March 2027",
        starts_on=datetime.date.today() + datetime.timedelta(days=60),
        ends_on=datetime.date.today() + datetime.timedelta(days=62),
    )
    meeting.title_ar = "اجتماع الفريق العامل المعني بالتنفيذ الفعال للمعاهدة، آذار/مارس 2027"
    meeting.title_zh_hans = "有效执行条约工作组会议，2027年3月"
    meeting.save()
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    for title in (
        {"en": "Opening of the meeting", "ar": "افتتاح الاجتماع", "zh-hans": "会议开幕"},
        {"en": "Article 7(4) and paragraph 104"},
        {
            "en": "Risk assessment under Article 7(4)",
            "ar": "تقييم المخاطر بموجب المادة 7(4) والفقرة 104",
            "zh-hans": "第7(4)条规定的风险评估和第104段",
        },
    ):
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=title)
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    return chair, meeting


def sign_in_as(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)


@pytest.mark.parametrize(
    ("language", "browser_locale", "direction", "welcome"),
    [("ar", "ar", "rtl", "مرحب"), ("zh-hans", "zh-CN", "ltr", "欢迎")],
)
def test_dashboard_and_agenda_in_arabic_and_chinese(
    page, live_server, agenda_of_wgeti, language, browser_locale, direction, welcome
):
    chair, meeting = agenda_of_wgeti
    StateFactory()
    chair.preferred_language = language
    chair.save(update_fields=["preferred_language"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # A browser set to the reader's language, on a laptop-sized window.
    page = page.context.browser.new_context(
        locale=browser_locale, viewport={"width": 1280, "height": 900}
    ).new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == ("zh-Hans" if language != "ar" else "ar")
    sign_in_as(page, live_server, chair.username)
    assert page.locator("html").get_attribute("dir") == direction
    assert welcome in page.locator("h1").first.inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"dashboard-{language}.png"), full_page=True)

    page.goto(f"{live_server.url}/documents/agendas/{meeting.pk}/")
    items = page.locator("#agenda-items > li")
    assert items.count() == 3
    symbol = page.locator(".symbol").first
    assert symbol.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert symbol.inner_text().startswith("ATT/CSP")
    fallback = items.nth(1).locator('[lang="en"]').first
    assert fallback.inner_text() == "Article 7(4) and paragraph 104"
    # Each isolated run is laid out as one left-to-right unit: "7" is left of "(4)".
    reference = items.nth(2).locator('bdi:text-is("7(4)")') if language == "ar" else None
    if reference is not None:
        assert reference.count() == 1
        assert reference.evaluate("e => getComputedStyle(e).direction") == "ltr"
    page.screenshot(path=str(SCREENSHOTS / f"agenda-{language}.png"), full_page=True)
