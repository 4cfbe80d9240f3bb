"""Confidentiality of schedules and titles (ToR art. 14): a DIEF session placed in the
timetable of an open meeting is a closed session to everybody outside the DIEF, in the
timetable PDF and in calendar feeds; a case narrowed after its agenda was adopted leaves
the adopted agenda and every version of it."""

from __future__ import annotations

import datetime
import subprocess
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from att_portal.directory.enums import AttStatus
from att_portal.meetings.calendar import calendar_for
from att_portal.meetings.enums import Body
from att_portal.meetings.models import MeetingSession
from documents.agenda import _snapshot
from documents.enums import AgendaState
from documents.models import Agenda, AgendaItem, AgendaVersion
from forums.enums import Distribution
from forums.services.presentations import presentation_intend
from forums.services.shared import shared_item_save
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory

pytestmark = pytest.mark.django_db
GENEVA = ZoneInfo("Europe/Zurich")
DIEF_TITLE = "DIEF: presentation of the case of pistols found abroad"
ROOM = "Room XXIV"


@pytest.fixture
def wgeti():
    """A WGETI meeting (15-17 March 2027) with a plenary session and a DIEF session."""
    meeting = MeetingFactory(title="WGETI meeting", venue="Geneva")
    MeetingSession.objects.create(
        meeting=meeting,
        title="Plenary",
        body=Body.WGETI,
        room="Room XIX",
        starts_at=datetime.datetime(2027, 3, 15, 10, tzinfo=GENEVA),
        ends_at=datetime.datetime(2027, 3, 15, 13, tzinfo=GENEVA),
    )
    MeetingSession.objects.create(
        meeting=meeting,
        title=DIEF_TITLE,
        body=Body.DIEF,
        room=ROOM,
        starts_at=datetime.datetime(2027, 3, 15, 15, tzinfo=GENEVA),
        ends_at=datetime.datetime(2027, 3, 15, 18, tzinfo=GENEVA),
    )
    return meeting


def _observer():
    return UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))


def _state_party_delegate():
    return UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))


def _page(user, meeting, second_factor=True) -> str:
    client = sign_in(Client(), user, second_factor=second_factor)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "who", [_observer, OrganisationUserFactory], ids=["observer State", "organisation"]
)
def test_tor14_dief_session_in_an_open_meeting_is_a_closed_session_to_outsiders(wgeti, who):
    page = _page(who(), wgeti)

    assert "Closed session" in page
    assert DIEF_TITLE not in page
    assert ROOM not in page
    assert "Plenary" in page


def test_tor14_dief_circle_reads_the_dief_session_on_a_marked_page(wgeti):
    client = sign_in(Client(), _state_party_delegate())

    response = client.get(wgeti.get_absolute_url())

    page = response.content.decode()
    assert (DIEF_TITLE in page, ROOM in page, "Closed session" in page) == (True, True, False)
    assert "no-store" in response["Cache-Control"]


def test_tor14_dief_circle_without_second_factor_sees_a_closed_session(wgeti):
    page = _page(_state_party_delegate(), wgeti, second_factor=False)

    assert (DIEF_TITLE in page, ROOM in page, "Closed session" in page) == (False, False, True)


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "timetable.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_tor14_timetable_pdf_shows_the_dief_session_as_closed_even_to_the_dief(wgeti, tmp_path):
    # A PDF leaves the portal: whoever downloads it, it carries no DIEF detail.
    client = sign_in(Client(), _state_party_delegate())

    response = client.get(reverse("meetings:pdf", args=[wgeti.pk, "timetable"]))

    assert response.status_code == 200
    text = _pdf_text(response.content, tmp_path)
    assert ("Closed session" in text, "Plenary" in text) == (True, True)
    assert ("presentation of the case" in text, ROOM in text) == (False, False)


def _events(user) -> dict[str, Calendar]:
    calendar = Calendar.from_ical(calendar_for(user))
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize("who", [_observer, _state_party_delegate], ids=["observer", "dief"])
def test_tor14_calendar_feed_shows_the_dief_session_closed_without_location(wgeti, who):
    dief_session = wgeti.sessions.get(body=Body.DIEF)
    plenary = wgeti.sessions.get(body=Body.WGETI)

    events = _events(who())

    closed = events[f"session-{dief_session.pk}@att-portal"]
    assert str(closed["summary"]) == "WGETI meeting: Closed session"
    assert (closed.get("location"), str(closed["class"])) == (None, "CONFIDENTIAL")
    assert str(events[f"session-{plenary.pk}@att-portal"]["location"]) == "Room XIX"


def test_dief_entries_in_calendar_feeds_carry_no_location():
    meeting = DiefMeetingFactory(venue="Geneva, CICG")
    MeetingSession.objects.create(
        meeting=meeting,
        title="Cases",
        body=Body.DIEF,
        room=ROOM,
        starts_at=datetime.datetime(2027, 2, 17, 10, tzinfo=GENEVA),
        ends_at=datetime.datetime(2027, 2, 17, 13, tzinfo=GENEVA),
    )

    events = _events(_state_party_delegate())

    assert [e.get("location") for e in events.values()] == [None, None]


# -- A case narrowed after its agenda was adopted ----------------------------------------------


@pytest.fixture
def adopted():
    """Austria's case presented at a DIEF meeting on 17 February 2027 whose agenda was
    issued, then adopted at the opening, with a version kept of each."""
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    thailand = StateFactory(country="TH", status=AttStatus.SIGNATORY)
    third = UserFactory(state=StateFactory(country="IE", status=AttStatus.STATE_PARTY))
    presenter = UserFactory(state=austria)
    meeting = DiefMeetingFactory()
    agenda = Agenda.objects.create(meeting=meeting)
    AgendaItem.objects.create(agenda=agenda, position=1, title="Presentation of cases")
    case = CaseFactory(provider=presenter, title="Pistols found abroad")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=GENEVA), tick=False):
        presentation = presentation_intend(by=presenter, case=case, meeting=meeting)
    for number, state in ((1, AgendaState.ISSUED), (2, AgendaState.ADOPTED)):
        AgendaVersion.objects.create(
            agenda=agenda, number=number, state=state, items=_snapshot(agenda), created_by=presenter
        )
    Agenda.objects.filter(pk=agenda.pk).update(
        state=AgendaState.ADOPTED, adopted_at=datetime.datetime(2027, 2, 17, 10, tzinfo=GENEVA)
    )
    return {
        "case": case,
        "presenter": presenter,
        "thailand": thailand,
        "third": third,
        "presentation": presentation,
        "agenda": agenda,
        "meeting": meeting,
    }


def _narrow(w):
    case = w["case"]
    case.distribution = Distribution.NAMED_STATES
    with time_machine.travel(datetime.datetime(2027, 2, 18, 9, tzinfo=GENEVA), tick=False):
        shared_item_save(by=w["presenter"], item=case, categories=[], named=[w["thailand"]])


def test_tor14_case_narrowed_after_adoption_leaves_the_adopted_agenda_and_its_versions(adopted):
    assert "Pistols found abroad" in adopted["presentation"].agenda_item.title

    _narrow(adopted)

    item = AgendaItem.objects.get(pk=adopted["presentation"].agenda_item_id)
    assert item.title == "Presentation by Austria"
    titles = [
        entry["translations"]["title"].get("en")
        for version in AgendaVersion.objects.filter(agenda=adopted["agenda"])
        for entry in version.items
    ]
    assert titles == [
        "Presentation of cases",
        "Presentation by Austria",
        "Presentation of cases",
        "Presentation by Austria",
    ]
    assert Agenda.objects.get(pk=adopted["agenda"].pk).state == AgendaState.ADOPTED


def test_tor14_agenda_page_of_a_case_narrowed_after_adoption_hides_its_title(adopted):
    _narrow(adopted)
    client = sign_in(Client(), adopted["third"])

    response = client.get(reverse("documents:agenda", args=[adopted["meeting"].pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert ("Presentation by Austria" in page, "Pistols found abroad" in page) == (True, False)


def test_tor14_agenda_of_an_open_meeting_names_its_dief_session_a_closed_session(wgeti):
    from att_portal.directory.enums import Role
    from documents.agenda import agenda_item_add, agenda_open
    from tests.factories import RoleAssignmentFactory

    chair = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.WGETI_CHAIR)
    agenda = agenda_open(by=chair, meeting=wgeti)
    agenda_item_add(
        by=chair,
        agenda=agenda,
        title="Exchange of views",
        session=wgeti.sessions.get(body=Body.DIEF),
    )

    page = sign_in(Client(), chair).get(reverse("documents:agenda", args=[wgeti.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert ("Exchange of views" in text, DIEF_TITLE in text, ROOM in text) == (True, False, False)
    assert text.count("Closed session") == 2  # the item's session, and the session picker
