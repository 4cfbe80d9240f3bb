"""The Secretariat's daily work in a real browser, with no `/admin/` address anywhere: it
sets up a DIEF meeting with its timetable and call for cases, sends the invitations after
their preview, accepts a nomination, records the attendance and exports the participants;
it registers a historical Chair's report under its own symbol with an English and a
Chinese file, issues its revision and attaches an annex to it."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services as meeting_services
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from documents.models import Document
from tests.e2e.conftest import PASSWORD, current_code_of
from tests.factories import (
    CspCycleFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GENEVA = datetime.timezone(datetime.timedelta(hours=2))  # summer time
# The clock of the test: early May 2027, then the meeting's first day.
SETTING_UP = datetime.datetime(2027, 5, 3, 9, 0, tzinfo=GENEVA)
FIRST_DAY = datetime.datetime(2027, 8, 25, 11, 0, tzinfo=GENEVA)
CHAIR_REPORT = "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep"
ANNEX = "ATT/CSP10.DIEF/2024/CHAIR/787/Conf.Rep"


@pytest.fixture
def cookies_outlive_the_moved_clock(settings):
    """The browser keeps cookies by the real clock: a CSRF cookie dated by the test's clock
    could already be expired for it."""
    settings.CSRF_COOKIE_AGE = None


def sign_in_with_second_factor(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code_of(user))
    page.get_by_role("button", name=re.compile("^(Confirm|Verify)$")).click()
    page.get_by_role("heading", name=f"Welcome, {user.get_full_name()}").wait_for()


def alert_text(page) -> str:
    return " ".join(page.locator(".alert").all_inner_texts())


def test_secretariat_sets_up_a_dief_meeting_invites_and_records_who_took_part(
    page, live_server, time_machine, cookies_outlive_the_moved_clock, tmp_path
):
    time_machine.move_to(SETTING_UP)
    CspCycleFactory(number=13, year=2027)
    officer = SecretariatUserFactory(username="mireille", first_name="Mireille", last_name="Roux")
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    StateFactory(country="BR", status=AttStatus.SIGNATORY)
    focal = UserFactory(state=austria, first_name="Anna", last_name="Berger")
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    expert = UserFactory(state=austria, first_name="Karl", last_name="Huber")

    sign_in_with_second_factor(page, live_server, officer)
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("CSP cycle").select_option(label="CSP13")
    page.get_by_label("Body").select_option("DIEF")
    page.get_by_label("Title (in English)").fill("Fourteenth meeting of the DIEF")
    page.get_by_label("Venue (in English)").fill("Geneva")
    page.get_by_label("First day").fill("2027-08-25")
    page.get_by_label("Last day").fill("2027-08-26")
    page.get_by_label("Format").select_option("in_person")
    page.get_by_label("Seats per delegation").fill("2")
    page.get_by_role("button", name="Create the meeting").click()
    page.get_by_role("heading", name="Fourteenth meeting of the DIEF").wait_for()
    meeting = Meeting.objects.get(title="Fourteenth meeting of the DIEF")
    assert (meeting.body, meeting.cycle.number, meeting.starts_on, meeting.ends_on) == (
        Body.DIEF,
        13,
        datetime.date(2027, 8, 25),
        datetime.date(2027, 8, 26),
    )

    # The timetable: a morning session, and the call for cases due before the meeting.
    page.locator("summary", has_text="Add a session").click()
    session_form = page.locator("form", has=page.get_by_role("button", name="Add the session"))
    session_form.get_by_label("Title (in English)").fill("Morning session")
    session_form.get_by_label("Starts").fill("2027-08-25T10:00")
    session_form.get_by_label("Ends").fill("2027-08-25T13:00")
    session_form.get_by_label("Room").fill("Room XXIV")
    session_form.get_by_role("button", name="Add the session").click()
    page.get_by_text("Morning session").first.wait_for()
    page.locator("summary", has_text="Add a call").click()
    call_form = page.locator("form", has=page.get_by_role("button", name="Add the call"))
    call_form.get_by_label("Kind").select_option("cases")
    call_form.get_by_label("Title (in English)").fill("Call for cases of diversion")
    call_form.get_by_label("Issued on").fill("2027-05-03")
    call_form.get_by_label("Due on").fill("2027-07-26")
    call_form.get_by_role("button", name="Add the call").click()
    page.get_by_text("Call for cases of diversion").first.wait_for()
    assert meeting.sessions.get().room == "Room XXIV"
    assert meeting.calls.get().due_on == datetime.date(2027, 7, 26)

    # The invitations: the preview says who is written to; nothing is sent before "Send".
    page.locator("#send-invitations").click()
    page.get_by_role("heading", name="Send the invitations").wait_for()
    assert "Austria" in page.locator("#states-to-invite").inner_text()
    assert "Brazil" in page.locator("#states-to-invite").inner_text()
    assert meeting.invitations.count() == 0
    page.get_by_role("button", name="Send the invitations now").click()
    page.get_by_role("heading", name="Fourteenth meeting of the DIEF").wait_for()
    assert sorted(meeting.invitations.values_list("state__country", flat=True)) == ["AT", "BR"]

    # Austria's focal point nominates an expert; the Secretariat accepts the nomination.
    participation = meeting_services.participant_nominate(by=focal, meeting=meeting, person=expert)
    page.reload()
    page.get_by_role("button", name=re.compile(r"^Accept .*Huber")).click()
    page.get_by_role("heading", name="Fourteenth meeting of the DIEF").wait_for()
    participation.refresh_from_db()
    assert participation.status == "accepted"

    # On the first day (a new day, a new sign-in) the Secretariat records who took part.
    time_machine.move_to(FIRST_DAY)
    page.context.clear_cookies()
    sign_in_with_second_factor(page, live_server, officer)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Record the attendance").click()
    page.locator("#attendance-sheet tr", has_text="Huber").get_by_role("checkbox").check()
    page.get_by_role("button", name="Record the attendance").click()
    page.get_by_text("The attendance is recorded.").wait_for()
    participation.refresh_from_db()
    assert participation.attended is True

    page.get_by_role("link", name="Back to the meeting").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Participants (CSV)").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert any("Huber" in " ".join(row) and "Austria" in " ".join(row) for row in rows[1:])
    with page.expect_download() as download:
        page.get_by_role("link", name="Participants (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert "/admin/" not in page.url


def test_secretariat_registers_a_historical_report_revises_it_and_attaches_an_annex(
    page, live_server, time_machine, cookies_outlive_the_moved_clock, tmp_path
):
    time_machine.move_to(SETTING_UP)
    officer = SecretariatUserFactory(username="mireille", first_name="Mireille", last_name="Roux")
    english = tmp_path / "report-en.pdf"
    english.write_bytes(_minimal_pdf("Report of the DIEF Chair"))
    chinese = tmp_path / "report-zh.pdf"
    chinese.write_bytes(_minimal_pdf("Chinese version"))
    annex_file = tmp_path / "annex.pdf"
    annex_file.write_bytes(_minimal_pdf("Terms of Reference"))

    sign_in_with_second_factor(page, live_server, officer)

    def register_existing(symbol: str, title: str, chinese_title: str = "") -> None:
        page.goto(f"{live_server.url}/")
        page.get_by_role("link", name="Documents", exact=True).first.click()
        page.get_by_role("link", name="Register an existing document").click()
        page.get_by_label("Symbol").fill(symbol)
        page.get_by_label("Title (in English)").fill(title)
        if chinese_title:
            page.locator("summary", has_text="Title in the other UN languages").click()
            page.get_by_label("Title (中文)").fill(chinese_title)
        page.get_by_label("Issued on").fill("2024-07-19")
        page.get_by_label("Distribution").select_option("public")
        page.get_by_role("button", name="Check the symbol").click()
        assert "Chair" in page.locator("#preview").inner_text()
        page.get_by_role("button", name="Register", exact=True).click()
        page.locator("code", has_text=symbol).first.wait_for()

    def upload(language: str, path) -> None:
        form = page.locator("form", has=page.get_by_role("button", name="Upload"))
        form.get_by_label("Language").select_option(language)
        form.get_by_label("File (PDF, DOCX, XLSX or ODT)").set_input_files(str(path))
        form.get_by_role("button", name="Upload").click()
        page.locator("#versions-heading").wait_for()

    register_existing(
        CHAIR_REPORT,
        "Report of the DIEF Chair to CSP10",
        "转用信息交流论坛主席向第十届缔约国会议提交的报告",
    )
    upload("en", english)
    upload("zh-hans", chinese)
    report = Document.objects.get(symbol=CHAIR_REPORT)
    assert report.number == 786
    assert sorted(report.versions.current().values_list("language", flat=True)) == [
        "en",
        "zh-hans",
    ]

    page.get_by_role("link", name="Issue a revision").click()
    page.get_by_label("Issued on").fill("2024-08-02")
    page.get_by_role("button", name="Issue the revision").click()
    page.locator("code", has_text=f"{CHAIR_REPORT}.Rev1").first.wait_for()
    revision = Document.objects.get(symbol=f"{CHAIR_REPORT}.Rev1")
    assert (revision.number, revision.revises_id) == (786, report.pk)

    register_existing(ANNEX, "Terms of Reference of the DIEF")
    upload("en", annex_file)
    page.goto(f"{live_server.url}/documents/{revision.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Attach"))
    form.get_by_label("Symbol of the annex or appendix").fill(ANNEX)
    form.get_by_label("Label").fill("Annex")
    form.get_by_role("button", name="Attach").click()
    page.locator("#annexes-heading").wait_for()
    annex = Document.objects.get(symbol=ANNEX)
    assert (annex.parent_id, annex.annex_label) == (revision.pk, "Annex")
    assert page.get_by_role("link", name="Annex: Terms of Reference of the DIEF").count() == 1
    assert "/admin/" not in page.url
