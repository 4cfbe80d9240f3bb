"""The participants list (issue 12): per State on the meeting page, CSV and XLSX for the
Secretariat, and the "List of participants" document registered under the meeting's symbol
series — the DIEF's confidential to the forum."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from att_portal.directory.enums import AttStatus, OrganisationKind, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Invitation, Participation
from documents.models import Document, LanguageVersion
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
BEFORE = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2027, 3, 20, 9, tzinfo=datetime.UTC)


@pytest.fixture
def officer():
    return SecretariatUserFactory()


def _focal(state, **names):
    person = UserFactory(state=state, **names)
    RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)
    return person


@pytest.fixture
def wgeti(officer, time_machine):
    """A WGETI meeting of CSP13, 15-17 March 2027: Austria nominates two (one asks for
    sponsorship), Germany one, whom the Secretariat declines; Control Arms is invited."""
    time_machine.move_to(BEFORE)
    meeting = MeetingFactory(
        cycle=CspCycleFactory(number=13, year=2027),
        body=Body.WGETI,
        title="WGETI meeting, March 2027",
        observers_admitted=True,
    )
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    germany = StateFactory(country="DE", status=AttStatus.STATE_PARTY)
    control_arms = OrganisationFactory(name="Control Arms", kind=OrganisationKind.CIVIL_SOCIETY)
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    anna = _focal(austria, first_name="Anna", last_name="Berger", job_title="Counsellor")
    karl = UserFactory(state=austria, first_name="Karl", last_name="Huber", is_law_enforcement=True)
    hans = _focal(germany, first_name="Hans", last_name="Schmidt")
    services.participant_nominate(by=anna, meeting=meeting, person=anna)
    services.participant_nominate(
        by=anna, meeting=meeting, person=karl, sponsorship_requested=True, sponsorship_note="Travel"
    )
    declined = services.participant_nominate(by=hans, meeting=meeting, person=hans)
    services.nomination_decide(by=officer, participation=declined, accept=False)
    return {
        "meeting": meeting,
        "austria": austria,
        "anna": anna,
        "karl": karl,
        "hans": hans,
        "ngo": OrganisationUserFactory(
            organisation=control_arms, first_name="Ruth", last_name="Ng"
        ),
    }


def test_meeting_page_shows_per_state_invited_nominated_seats_sponsorship_attendance(
    officer, wgeti
):
    page = sign_in(Client(), officer).get(reverse("meetings:detail", args=[wgeti["meeting"].pk]))

    rows = {
        str(row.state): (row.nominated, row.awaiting, row.seats_used, row.sponsorship, row.late)
        for row in page.context["state_rows"]
    }
    assert rows == {"Austria": (2, 2, 2, 1, False), "Germany": (1, 0, 0, 0, False)}
    assert [str(row.organisation) for row in page.context["organisation_rows"]] == ["Control Arms"]
    assert '<tr data-state="AUT"><th scope="row">Austria</th>' in page.content.decode()
    assert "2 of 4" in page.content.decode()


def test_the_meetings_chair_sees_the_per_state_table_and_a_delegate_does_not(wgeti):
    chair = UserFactory(state=StateFactory(country="FR", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    url = reverse("meetings:detail", args=[wgeti["meeting"].pk])

    assert len(sign_in(Client(), chair).get(url).context["state_rows"]) == 2
    assert sign_in(Client(), wgeti["anna"]).get(url).context["state_rows"] is None


def _meeting_page_queries(client, meeting) -> int:
    url = reverse("meetings:detail", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_per_state_table_costs_the_same_queries_with_1_and_50_states(officer, time_machine):
    time_machine.move_to(BEFORE)
    meeting = MeetingFactory(body=Body.WGETI)
    client = sign_in(Client(), officer)

    def invite(n):
        for _ in range(n):
            state = StateFactory(status=AttStatus.STATE_PARTY)
            Invitation.objects.create(meeting=meeting, state=state, sent_at=BEFORE, sent_by=officer)
            Participation.objects.create(
                meeting=meeting, person=UserFactory(state=state), nominated_by=officer
            )

    invite(1)
    with_one = _meeting_page_queries(client, meeting)
    invite(49)
    with_fifty = _meeting_page_queries(client, meeting)

    assert (
        len(client.get(reverse("meetings:detail", args=[meeting.pk])).context["state_rows"]) == 50
    )
    assert with_fifty == with_one


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


HEADER = [
    "Delegation or organisation",
    "Name",
    "Job title",
    "E-mail",
    "Law-enforcement official",
    "Nomination",
    "Sponsorship requested",
    "Sponsorship note",
    "Attended",
    "Nominated by",
    "Nominated on",
]


def test_secretariat_downloads_the_participants_as_csv(officer, wgeti):
    response = sign_in(Client(), officer).get(
        reverse("meetings:participants_export", args=[wgeti["meeting"].pk, "csv"])
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    karl = wgeti["karl"]
    assert _csv_rows(response) == [
        HEADER,
        [
            "Austria",
            "Anna Berger",
            "Counsellor",
            wgeti["anna"].email,
            "No",
            "Awaiting the Secretariat",
            "No",
            "",
            "Not recorded",
            "Anna Berger",
            "1 December 2026",
        ],
        [
            "Austria",
            "Karl Huber",
            "",
            karl.email,
            "Yes",
            "Awaiting the Secretariat",
            "Yes",
            "Travel",
            "Not recorded",
            "Anna Berger",
            "1 December 2026",
        ],
        [
            "Germany",
            "Hans Schmidt",
            "",
            wgeti["hans"].email,
            "No",
            "Declined",
            "No",
            "",
            "Not recorded",
            "Hans Schmidt",
            "1 December 2026",
        ],
    ]


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted(officer, wgeti):
    wgeti["karl"].first_name = "=HYPERLINK(1)"
    wgeti["karl"].save()

    rows = _csv_rows(
        sign_in(Client(), officer).get(
            reverse("meetings:participants_export", args=[wgeti["meeting"].pk, "csv"])
        )
    )

    assert rows[2][1] == "'=HYPERLINK(1) Huber"


def test_secretariat_downloads_the_participants_as_xlsx(officer, wgeti):
    response = sign_in(Client(), officer).get(
        reverse("meetings:participants_export", args=[wgeti["meeting"].pk, "xlsx"])
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER
    assert [row[:2] for row in values[1:]] == [
        ["Austria", "Anna Berger"],
        ["Austria", "Karl Huber"],
        ["Germany", "Hans Schmidt"],
    ]


def test_dief_export_is_marked_confidential(officer, time_machine):
    time_machine.move_to(BEFORE)
    meeting = DiefMeetingFactory()

    rows = _csv_rows(
        sign_in(Client(), officer).get(
            reverse("meetings:participants_export", args=[meeting.pk, "csv"])
        )
    )

    assert rows == [["CONFIDENTIAL — DIEF"], HEADER]


@pytest.mark.parametrize("fmt", ["pdf", "json", "CSV", "csv.exe"])
def test_unknown_export_formats_are_not_found(officer, wgeti, fmt):
    url = f"/meetings/{wgeti['meeting'].pk}/participants.{fmt}"

    assert sign_in(Client(), officer).get(url).status_code == 404


def test_only_the_secretariat_downloads_the_participants(wgeti):
    chair = UserFactory(state=StateFactory(country="FR", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    url = reverse("meetings:participants_export", args=[wgeti["meeting"].pk, "csv"])

    assert sign_in(Client(), chair).get(url).status_code == 403
    assert sign_in(Client(), wgeti["anna"]).get(url).status_code == 403


def _pdf_text(document: Document, language: str) -> str:
    version = LanguageVersion.objects.get(document=document, language=language)
    with version.file.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(handle).pages)


def test_list_of_participants_is_registered_with_a_pdf_in_each_language(
    officer, wgeti, time_machine
):
    time_machine.move_to(AFTER)
    services.attendance_record(
        by=officer,
        meeting=wgeti["meeting"],
        attended=list(Participation.objects.filter(person__in=[wgeti["anna"], wgeti["karl"]])),
    )
    services.attendee_add(by=officer, meeting=wgeti["meeting"], person=wgeti["ngo"])
    client = sign_in(Client(), officer)
    url = reverse("meetings:participants_document", args=[wgeti["meeting"].pk])
    confirmation = client.get(url)

    response = client.post(url)

    document = Document.objects.get(doc_type="Conf.PartList")
    assert "ATT/CSP13.WGETI/2027/SEC/…/Conf.PartList" in confirmation.content.decode()
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert document.symbol == f"ATT/CSP13.WGETI/2027/SEC/{document.number}/Conf.PartList"
    assert (document.meeting, document.distribution, document.forum) == (
        wgeti["meeting"],
        "restricted",
        "",
    )
    assert document.title_en == "List of participants: WGETI meeting, March 2027"
    assert sorted(document.versions.values_list("language", flat=True)) == sorted(
        ["ar", "zh-hans", "en", "fr", "ru", "es"]
    )
    english = _pdf_text(document, "en")
    assert "Participants recorded by the Secretariat as having attended the meeting." in english
    assert english.index("Austria") < english.index("Anna Berger") < english.index("Control Arms")
    assert "Ruth Ng" in english
    assert "Hans Schmidt" not in english  # declined, and Germany did not attend


def test_issuing_the_list_again_registers_its_next_revision(officer, wgeti):
    anna = Participation.objects.get(person=wgeti["anna"])
    services.nomination_decide(by=officer, participation=anna, accept=True)
    original = services.participants_list_issue(by=officer, meeting=wgeti["meeting"])

    revision = services.participants_list_issue(by=officer, meeting=wgeti["meeting"])

    assert revision.symbol == f"{original.symbol}.Rev1"
    assert (revision.number, revision.revises) == (original.number, original)
    text = _pdf_text(revision, "en")
    assert "Participants accepted by the Secretariat; attendance has not been recorded yet." in text
    assert ("Anna Berger" in text, "Karl Huber" in text) == (True, False)


def test_an_empty_list_is_refused_with_a_message(officer, wgeti):
    client = sign_in(Client(), officer)
    url = reverse("meetings:participants_document", args=[wgeti["meeting"].pk])

    response = client.post(url, follow=True)

    assert (
        "Nobody is accepted or recorded as having attended yet: the list of participants "
        "would be empty." in response.content.decode()
    )
    assert not Document.objects.filter(doc_type="Conf.PartList").exists()


@pytest.fixture
def dief_list(officer, time_machine):
    """The DIEF meeting of 10 March 2027 and its registered list of participants."""
    time_machine.move_to(BEFORE)
    meeting = DiefMeetingFactory(
        cycle=CspCycleFactory(number=13, year=2027),
        title="DIEF meeting, March 2027",
        starts_on=D(2027, 3, 10),
        ends_on=D(2027, 3, 10),
    )
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    anna = _focal(austria, first_name="Anna", last_name="Berger")
    participation = services.participant_nominate(by=anna, meeting=meeting, person=anna)
    services.nomination_decide(by=officer, participation=participation, accept=True)
    return services.participants_list_issue(by=officer, meeting=meeting), anna


def test_dief_list_of_participants_is_confidential_to_the_forum(dief_list):
    document, _anna = dief_list

    assert document.symbol == f"ATT/CSP13.DIEF/2026/SEC/{document.number}/Conf.PartList"
    assert (document.distribution, document.forum) == ("confidential", "DIEF")
    assert "CONFIDENTIAL — DIEF" in _pdf_text(document, "en")


def test_dief_list_reaches_no_observer(dief_list):
    document, anna = dief_list
    observer = UserFactory(state=StateFactory(country="ID"))
    detail = reverse("documents:detail", args=[document.pk])
    download = reverse("documents:version_download", args=[document.pk, "en"])

    assert sign_in(Client(), OrganisationUserFactory()).get(detail).status_code == 404
    assert sign_in(Client(), observer).get(download).status_code == 404
    assert sign_in(Client(), anna).get(download).status_code == 200
    meeting_page = sign_in(Client(), anna).get(
        reverse("meetings:detail", args=[document.meeting_id])
    )
    assert list(meeting_page.context["participants_lists"]) == [document]
