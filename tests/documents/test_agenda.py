"""The Chair's agenda builder: items, order, issue, adoption, confidential PDF."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services as meeting_services
from att_portal.notifications.models import Notice
from documents import agenda as agenda_services
from documents.agenda import agenda_items
from documents.enums import AgendaState, Distribution
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def on_the_first_day(meeting, hour=10):
    """The meeting adopts its agenda at its opening (ToR art. 11)."""
    return time_machine.travel(
        datetime.datetime.combine(
            meeting.starts_on, datetime.time(hour), tzinfo=ZoneInfo("Europe/Zurich")
        ),
        tick=False,
    )


@pytest.fixture
def chair():
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=Role.DIEF_CHAIR)
    return person


@pytest.fixture
def meeting():
    return DiefMeetingFactory()


def build(chair, meeting, *titles):
    agenda = agenda_services.agenda_open(by=chair, meeting=meeting)
    items = [agenda_services.agenda_item_add(by=chair, agenda=agenda, title=t) for t in titles]
    return agenda, items


def numbers(agenda):
    return [(n.number, n.item.title) for n in agenda_items(agenda)]


def test_items_and_sub_items_are_numbered_and_reordered(chair, meeting):
    agenda, (opening, cases, closing) = build(chair, meeting, "Opening", "Cases", "Closing")
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Case of State A", parent=cases)
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Right of reply", parent=cases)

    agenda_services.agenda_item_move(by=chair, item=closing, direction="up")

    assert numbers(agenda) == [
        ("1", "Opening"),
        ("2", "Closing"),
        ("3", "Cases"),
        ("3 (a)", "Case of State A"),
        ("3 (b)", "Right of reply"),
    ]


def test_issuing_a_dief_agenda_registers_a_confidential_document_and_tells_the_invitees(
    chair, meeting
):
    party_delegate = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    meeting_services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    agenda, _items = build(chair, meeting, "Opening")

    agenda_services.agenda_issue(by=chair, agenda=agenda)

    agenda.refresh_from_db()
    assert agenda.state == AgendaState.ISSUED
    assert agenda.document.symbol.startswith(f"ATT/CSP{meeting.cycle.number}.DIEF/")
    assert agenda.document.symbol.endswith("/CHAIR/1/Agenda")
    assert (agenda.document.distribution, agenda.document.forum) == (
        Distribution.CONFIDENTIAL,
        "DIEF",
    )
    assert meeting.completions.filter(key="draft_agenda").exists()
    assert Notice.objects.filter(recipient=party_delegate, key__startswith="agenda:").count() == 1


def test_art10_the_draft_agenda_reaches_every_state_party_and_signatory_invited_or_not(
    chair, meeting
):
    # Invited or not, every State Party and signatory hears of the draft agenda; never an
    # observer State (ToR arts. 6, 10).
    party, signatory, observer = (
        UserFactory(state=StateFactory(status=status))
        for status in (AttStatus.STATE_PARTY, AttStatus.SIGNATORY, AttStatus.NON_SIGNATORY)
    )
    agenda, _items = build(chair, meeting, "Opening")
    assert not meeting.invitations.exists()

    agenda_services.agenda_issue(by=SecretariatUserFactory(), agenda=agenda)

    told = set(Notice.objects.filter(key__startswith="agenda:").values_list("recipient", flat=True))
    # The Chair of the fixture is itself a delegate of a State Party.
    assert told == {chair.pk, party.pk, signatory.pk}
    assert observer.pk not in told


def test_art10_the_draft_agenda_is_the_secretariats_deadline_after_consulting_the_chair(
    chair, meeting
):
    from att_portal.meetings.deadlines import deadlines_of
    from att_portal.meetings.rules import Responsible

    deadline = next(d for d in deadlines_of([meeting]) if d.key == "draft_agenda")

    assert (deadline.responsible, deadline.consulted, str(deadline.responsible_label)) == (
        Responsible.SECRETARIAT,
        Responsible.CHAIR,
        "Secretariat, after consulting the Chair",
    )
    assert deadline.due_on == datetime.date(2027, 1, 18)


def test_art11_adoption_is_refused_before_the_meetings_first_day(chair, meeting):
    agenda, _items = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    eve = datetime.datetime(2027, 2, 16, 23, 30, tzinfo=ZoneInfo("Europe/Zurich"))

    with time_machine.travel(eve, tick=False), pytest.raises(ValidationError) as refusal:
        agenda_services.agenda_adopt(by=chair, agenda=agenda)

    assert refusal.value.messages == [
        "The agenda is adopted by the meeting itself, at its opening: not before the "
        "meeting's first day, 17 February 2027 (ToR art. 11)."
    ]
    agenda.refresh_from_db()
    assert (agenda.state, agenda.adopted_at) == (AgendaState.ISSUED, None)
    with on_the_first_day(meeting, hour=9):
        agenda_services.agenda_adopt(by=chair, agenda=agenda)
    agenda.refresh_from_db()
    assert agenda.state == AgendaState.ADOPTED


def test_every_version_is_kept_and_a_reissue_is_a_revision(chair, meeting):
    agenda, _items = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Cases")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    with on_the_first_day(meeting):
        agenda_services.agenda_adopt(by=chair, agenda=agenda)

    agenda.refresh_from_db()
    assert [(v.number, v.state, len(v.items)) for v in agenda.versions.all()] == [
        (1, "issued", 1),
        (2, "issued", 2),
        (3, "adopted", 2),
    ]
    assert agenda.document.symbol.endswith("/Agenda.Rev1")
    assert agenda.adopted_at is not None


def test_adopted_agenda_can_no_longer_change(chair, meeting):
    agenda, (opening,) = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    with on_the_first_day(meeting):
        agenda_services.agenda_adopt(by=chair, agenda=agenda)

    with pytest.raises(ValidationError, match="adopted and can no longer change"):
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Late item")


def test_draft_is_the_editors_and_the_issued_agenda_is_every_participants(client, chair, meeting):
    agenda, _items = build(chair, meeting, "Opening")
    url = reverse("documents:agenda", args=[meeting.pk])
    delegate = UserFactory()
    sign_in(client, delegate)
    assert client.get(url).status_code == 404

    agenda_services.agenda_issue(by=chair, agenda=agenda)

    assert client.get(url).status_code == 200
    client.logout()
    sign_in(client, OrganisationUserFactory())
    assert client.get(url).status_code == 404


def test_the_meeting_page_links_the_agenda_only_to_whom_it_opens(client, chair, meeting):
    """No link on the meeting's page answers 404: the Chair builds the agenda from
    nothing; the participants get the link once it is issued."""
    page = reverse("meetings:detail", args=[meeting.pk])
    link = f'href="{reverse("documents:agenda", args=[meeting.pk])}"'
    delegate = UserFactory()

    def offered(person) -> bool:
        sign_in(client, person)
        return link in client.get(page).content.decode()

    none_yet = (offered(delegate), offered(chair))
    agenda, _items = build(chair, meeting, "Opening")
    draft = (offered(delegate), offered(chair))
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    issued = (offered(delegate), offered(chair))

    assert (none_yet, draft, issued) == ((False, True), (False, True), (True, True))
    sign_in(client, delegate)
    assert client.get(reverse("documents:agenda", args=[meeting.pk])).status_code == 200


def test_chair_reorders_with_htmx_and_gets_the_list_back(client, chair, meeting):
    agenda, (first, second) = build(chair, meeting, "Opening", "Cases")
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_action", args=[meeting.pk, second.pk, "up"]),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert response.content.decode().index("Cases") < response.content.decode().index("Opening")


def test_confidential_marking_is_on_every_page_of_a_dief_agenda(client, chair, meeting):
    agenda, _items = build(chair, meeting, *[f"Item {i}" for i in range(45)])
    for item in agenda.items.all():
        item.annotation = "Annotation of the item. " * 12
        item.save()
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, chair)

    response = client.get(reverse("documents:agenda_pdf", args=[meeting.pk]), {"lang": "zh-hans"})

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]
    with translation.override("zh-hans"):
        marking = _("CONFIDENTIAL — %(forum)s") % {"forum": _("DIEF")}
    assert len(pages) > 2
    assert all(marking in page for page in pages)
    assert all(chair.get_full_name() in page for page in pages)


@pytest.mark.parametrize("url_name", ["documents:agenda", "documents:agenda_pdf"])
def test_agenda_with_40_items_takes_a_bounded_number_of_queries(client, chair, meeting, url_name):
    agenda, _items = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, chair)
    url = reverse(url_name, args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(39):
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=f"Item {i}")
    with CaptureQueriesContext(connection) as forty:
        client.get(url)

    assert len(forty) == len(one)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            ["Annotated draft agenda", "1. Opening", "2 (a). Case of State A", "Original: English"],
        ),
        ("zh-hans", ["附加说明的会议议程草案", "原文：英文", "Opening"]),
        ("ar", ["مشروع جدول الأعمال المشروح", "بالإنكليزية", "Opening"]),
    ],
)
def test_annotated_agenda_renders_in_each_language(client, chair, meeting, language, words):
    agenda, (_opening, cases) = build(chair, meeting, "Opening", "Cases")
    agenda_services.agenda_item_add(
        by=chair,
        agenda=agenda,
        title="Case of State A",
        parent=cases,
        presenters="Delegation of Austria",
    )
    issued = agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, chair)

    response = client.get(reverse("documents:agenda_pdf", args=[meeting.pk]), {"lang": language})

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert [word for word in words if word not in text] == []
    assert issued.document.symbol in text
