"""Who may read a case, in a real browser, as the usability test's delegates met it: the
default "All DIEF participants" left as it is and Mexico picked. With JavaScript the
States picker belongs to "Only the States I name" and cannot be used before that choice;
without it the server refuses the contradiction and saves nothing. Done right, the form
says who will read the case — naming Mexico — before it is saved.

The States picker itself: States picked by keyboard alone (type, Enter, Backspace), found
by their names in the reader's language or their codes, in Arabic at 390 px, its label
leading to the field, under the Content-Security-Policy. Screenshots are kept in
var/screenshots/ to be looked at."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import expect

from att_portal.directory.enums import AttStatus
from forums.models import Case
from forums.services.shared import named_states
from tests.e2e.conftest import current_code_of, sign_in
from tests.factories import StateFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"
# Runs in each page before its own scripts; the browser reports every refusal as an event.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push([event.effectiveDirective, event.sourceFile].join(" "));
});
"""
ALL_READERS = (
    "All DIEF participants: the delegates of every State Party and signatory, the DIEF "
    "Chair and the Secretariat."
)
CONTRADICTION = (
    "You named States but chose “All DIEF participants”, which would let every participant "
    "read it. Choose “Only the States I name” to share it with these States only, or "
    "remove them to share it with all."
)


@pytest.fixture
def world(transactional_db):
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    return {
        "provider": UserFactory(
            username="lena", first_name="Lena", last_name="Gruber", state=austria
        ),
        "mexico": StateFactory(country="MX", status=AttStatus.STATE_PARTY),
        "thailand": StateFactory(country="TH", status=AttStatus.SIGNATORY),
        "germany": StateFactory(country="DE", status=AttStatus.STATE_PARTY),
    }


def enter_dief(page, live_server, user) -> None:
    """Sign in and set up the second factor the DIEF asks for."""
    sign_in(page, live_server, user.username)
    page.wait_for_url(lambda url: "/accounts/" not in url)
    page.goto(f"{live_server.url}/dief/")
    page.locator("#id_token").fill(current_code_of(user))
    page.locator("#id_token").press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)


def fill_the_case(page, title: str) -> None:
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Twelve pistols recovered by police.")
    page.get_by_label("Details of the diversion").fill("Theft from storage.")
    page.get_by_label("Details of its detection").fill("Tracing request.")
    page.locator("#id_detection_timeliness").select_option("after_delivery")
    page.get_by_label("Methods and means").fill("Informal market.")
    page.locator("#id_investigation").select_option("ongoing")


def states_picker(page):
    """The field Tom Select makes, found by its label."""
    return page.get_by_role("combobox", name="States that may read it")


def summary(page) -> str:
    return " ".join(page.locator("#audience-summary").inner_text().split())


def test_without_javascript_states_picked_for_all_participants_are_refused(
    page, live_server, world
):
    """The finding as it was: the default left on "All DIEF participants", Mexico picked
    in the browser's own list. The server refuses it and saves nothing."""
    context = page.context.browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    enter_dief(page, live_server, world["provider"])
    page.goto(f"{live_server.url}/dief/cases/new/")
    fill_the_case(page, "Pistols found abroad")
    expect(page.get_by_label("All DIEF participants")).to_be_checked()
    page.get_by_label("States that may read it").select_option(str(world["mexico"].pk))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text(CONTRADICTION)).to_be_visible()
    assert summary(page) == f"Who will read this case: {ALL_READERS}"
    assert Case.objects.count() == 0

    page.get_by_label("Only the States I name").check()
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Pistols found abroad").wait_for()
    case = Case.objects.get()
    assert (case.distribution, named_states(case)) == ("named", [world["mexico"]])
    context.close()


def test_the_states_picker_belongs_to_only_the_states_i_name_and_the_summary_names_mexico(
    page, live_server, world
):
    page.add_init_script(WATCH_VIOLATIONS)
    enter_dief(page, live_server, world["provider"])
    page.goto(f"{live_server.url}/dief/cases/new/")
    fill_the_case(page, "Pistols found abroad")

    # The default: every participant reads it, and no State can be picked for it.
    expect(page.get_by_label("All DIEF participants")).to_be_checked()
    picker = states_picker(page)
    expect(picker).to_be_hidden()
    assert summary(page) == f"Who will read this case: {ALL_READERS}"

    page.get_by_label("Only the States I name").check()
    expect(picker).to_be_visible()
    expect(page.locator("#audience-summary")).to_contain_text("No other State is named yet")
    picker.click()
    page.keyboard.type("Mex")
    page.keyboard.press("Enter")

    expect(page.locator("#audience-summary")).to_contain_text("The delegates of Mexico")
    assert summary(page) == (
        "Who will read this case: The delegates of your State The delegates of Mexico "
        "The Secretariat, which administers the forum"
    )
    page.screenshot(path=str(SCREENSHOTS / "dief-case-audience.png"), full_page=True)

    # Back to all participants: the picked States are kept aside, not sent.
    page.get_by_label("All DIEF participants").check()
    expect(picker).to_be_hidden()
    assert summary(page) == f"Who will read this case: {ALL_READERS}"
    page.get_by_label("Only the States I name").check()
    expect(page.locator("#audience-summary")).to_contain_text("The delegates of Mexico")

    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Pistols found abroad").wait_for()
    case = Case.objects.get()
    assert (case.distribution, named_states(case)) == ("named", [world["mexico"]])
    assert page.evaluate("window.__cspViolations") == []


def test_a_delegate_picks_two_states_by_keyboard_alone(page, live_server, world):
    page.add_init_script(WATCH_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    enter_dief(page, live_server, world["provider"])
    page.goto(f"{live_server.url}/dief/cases/new/")
    fill_the_case(page, "Rifles through a port")

    page.get_by_label("All DIEF participants").focus()
    page.keyboard.press("ArrowDown")  # to "Only the States I name"
    expect(page.get_by_label("Only the States I name")).to_be_checked()
    page.keyboard.press("Tab")  # to the States picker, the next field
    # The label leads to the field Tom Select makes (its list of choices is named by it too).
    labelled = page.get_by_label("States that may read it")
    assert labelled.evaluate_all("els => els.map(el => el.id)") == [
        "id_named_states-ts-control",
        "id_named_states-ts-dropdown",
    ]
    assert page.locator("label[for=id_named_states-ts-control]").inner_text() == (
        "States that may read it"
    )
    expect(states_picker(page)).to_be_focused()
    page.keyboard.type("Mex")
    page.keyboard.press("Enter")
    page.keyboard.type("Thai")
    page.keyboard.press("Enter")
    page.keyboard.type("DEU")  # a code finds the State too
    page.keyboard.press("Enter")
    page.keyboard.press("Backspace")  # and Backspace takes the last one off
    expect(page.locator("#audience-summary")).to_contain_text("The delegates of Thailand")
    expect(page.locator("#audience-summary")).not_to_contain_text("Germany")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")  # past the summary, to the button
    expect(page.get_by_role("button", name="Save")).to_be_focused()
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Rifles through a port").wait_for()
    case = Case.objects.get()
    assert named_states(case) == [world["mexico"], world["thailand"]]
    assert page.evaluate("window.__cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []


def test_the_picker_works_in_arabic_on_a_phone(page, live_server, world):
    page.add_init_script(WATCH_VIOLATIONS)
    world["provider"].preferred_language = "ar"
    world["provider"].save()
    page.set_viewport_size({"width": 390, "height": 844})
    enter_dief(page, live_server, world["provider"])
    page.goto(f"{live_server.url}/dief/cases/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    fill_arabic = {
        "#id_title": "مسدسات في الخارج",
        "#id_summary": "اثنا عشر مسدسا.",
        "#id_diversion_details": "سرقة.",
        "#id_detection_details": "طلب تعقب.",
        "#id_methods_and_means": "سوق غير رسمية.",
    }
    for selector, text in fill_arabic.items():
        page.locator(selector).fill(text)
    page.locator("#id_detection_timeliness").select_option("after_delivery")
    page.locator("#id_investigation").select_option("ongoing")
    page.locator("#id_distribution_1").check()

    control = page.locator("#id_named_states-ts-control")
    control.focus()
    page.keyboard.type("المكس")  # Mexico, in Arabic
    expect(page.locator(".ts-dropdown .option").first).to_have_text("المكسيك")
    page.keyboard.press("Enter")
    page.keyboard.type("tha")  # Thailand, by its English name
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page.locator("#audience-summary li[data-audience-state]")).to_have_count(2)

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(".ts-wrapper").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    page.screenshot(path=str(SCREENSHOTS / "dief-case-audience-ar-390.png"), full_page=True)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("heading", name="مسدسات في الخارج").wait_for()
    case = Case.objects.get()
    assert named_states(case) == [world["mexico"], world["thailand"]]
    assert page.evaluate("window.__cspViolations") == []
