"""The agenda builder: an item changed in place, moved to any position, sessions told
apart, every issued version downloadable, a warning before issuing to nobody."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services as meeting_services
from att_portal.meetings.enums import Body
from att_portal.meetings.models import MeetingSession
from documents import agenda as agenda_services
from documents.agenda import agenda_items
from documents.enums import AgendaState
from documents.forms import AgendaItemForm
from documents.models import AgendaItem
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair():
    person = UserFactory(first_name="Dana", last_name="Chair")
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


def session(meeting, title, start, end):
    tz = timezone.get_current_timezone()
    day = meeting.starts_on
    return MeetingSession.objects.create(
        meeting=meeting,
        title=title,
        body=Body.DIEF,
        starts_at=datetime.datetime.combine(day, datetime.time(start), tz),
        ends_at=datetime.datetime.combine(day, datetime.time(end), tz),
    )


def invite_a_state_party(meeting):
    delegate = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    meeting_services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    return delegate


# Moving to a position


def test_the_last_item_moves_to_the_first_position_and_takes_its_sub_items_along(chair, meeting):
    agenda, (opening, cases, closing) = build(chair, meeting, "Opening", "Cases", "Closing")
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Case of A", parent=cases)

    agenda_services.agenda_item_move_to(by=chair, item=cases, position=1)
    agenda_services.agenda_item_move_to(by=chair, item=closing, position=2)

    assert numbers(agenda) == [
        ("1", "Cases"),
        ("1 (a)", "Case of A"),
        ("2", "Closing"),
        ("3", "Opening"),
    ]


def test_a_sub_item_moves_among_the_sub_items_of_its_parent(chair, meeting):
    agenda, (opening, cases) = build(chair, meeting, "Opening", "Cases")
    subs = [
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=t, parent=cases)
        for t in ("A", "B", "C")
    ]

    agenda_services.agenda_item_move_to(by=chair, item=subs[2], position=1)

    assert numbers(agenda) == [
        ("1", "Opening"),
        ("2", "Cases"),
        ("2 (a)", "C"),
        ("2 (b)", "A"),
        ("2 (c)", "B"),
    ]


def test_a_move_is_in_the_items_history_and_takes_an_issued_agenda_back_to_draft(chair, meeting):
    agenda, (opening, closing) = build(chair, meeting, "Opening", "Closing")
    agenda_services.agenda_issue(by=chair, agenda=agenda)

    agenda_services.agenda_item_move_to(by=chair, item=closing, position=1)

    agenda.refresh_from_db()
    latest = closing.history.order_by("-history_id").first()
    assert agenda.state == AgendaState.DRAFT
    assert (latest.position, latest.history_user, latest.history_change_reason) == (
        1,
        chair,
        "Agenda item moved",
    )


@pytest.mark.parametrize("position", [0, 3, -1, 99])
def test_a_position_outside_the_level_is_refused_and_nothing_changes(chair, meeting, position):
    agenda, (opening, cases) = build(chair, meeting, "Opening", "Cases")
    sub = agenda_services.agenda_item_add(by=chair, agenda=agenda, title="A", parent=cases)
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    before = numbers(agenda)

    with pytest.raises(ValidationError) as refusal:
        agenda_services.agenda_item_move_to(by=chair, item=opening, position=position)
    with pytest.raises(ValidationError):
        agenda_services.agenda_item_move_to(by=chair, item=sub, position=2)

    agenda.refresh_from_db()
    assert refusal.value.messages == [
        "An item can only go to a position from 1 to 2 on its level; nothing was moved."
    ]
    assert numbers(agenda) == before
    assert agenda.state == AgendaState.ISSUED


def test_a_delegate_cannot_move_an_item(chair, meeting):
    agenda, (opening, closing) = build(chair, meeting, "Opening", "Closing")

    with pytest.raises(PermissionDenied):
        agenda_services.agenda_item_move_to(by=UserFactory(), item=closing, position=1)

    assert numbers(agenda) == [("1", "Opening"), ("2", "Closing")]


def test_the_chair_moves_an_item_with_htmx_and_the_screen_reader_hears_where_it_went(
    client, chair, meeting
):
    agenda, (opening, cases, closing) = build(chair, meeting, "Opening", "Cases", "Closing")
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_move", args=[meeting.pk, closing.pk]),
        {"position": "1"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert numbers(agenda) == [("1", "Closing"), ("2", "Opening"), ("3", "Cases")]
    assert "“Closing” is now item 1." in html
    assert 'id="agenda-status" hx-swap-oob="innerHTML"' in html
    assert f'data-focus="move-{closing.pk}"' in html


@pytest.mark.parametrize("position", ["", "abc", "0", "4", "1e3", "99999999999999999999"])
def test_a_bad_position_posted_is_refused_with_a_message_and_nothing_moves(
    client, chair, meeting, position
):
    agenda, (opening, cases, closing) = build(chair, meeting, "Opening", "Cases", "Closing")
    sign_in(client, chair)
    url = reverse("documents:agenda_item_move", args=[meeting.pk, closing.pk])

    response = client.post(url, {"position": position}, follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "An item can only go to a position from 1 to 3 on its level; nothing was moved."
    ]
    assert numbers(agenda) == [("1", "Opening"), ("2", "Cases"), ("3", "Closing")]


def test_without_javascript_the_move_form_posts_and_comes_back_to_the_item(client, chair, meeting):
    agenda, (opening, closing) = build(chair, meeting, "Opening", "Closing")
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_move", args=[meeting.pk, closing.pk]), {"position": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("documents:agenda", args=[meeting.pk]) + (
        f"#item-{closing.pk}"
    )
    assert numbers(agenda) == [("1", "Closing"), ("2", "Opening")]


# Editing in place


def test_the_edit_button_brings_the_form_into_the_item_with_htmx(client, chair, meeting):
    agenda, (opening,) = build(chair, meeting, "Opening")
    sign_in(client, chair)

    response = client.get(
        reverse("documents:agenda_item_edit", args=[meeting.pk, opening.pk]),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'hx-target="#item-{opening.pk}"' in html
    assert f'id="item-{opening.pk}-title"' in html
    assert "autofocus" in html


def test_the_chair_changes_texts_presenters_session_and_parent_in_place(client, chair, meeting):
    agenda, (opening, cases, item) = build(chair, meeting, "Opening", "Cases", "Case of A")
    morning = session(meeting, "Morning session", 10, 13)
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_edit", args=[meeting.pk, item.pk]),
        {
            "title": "Case of State A",
            "title__fr": "Cas de l'État A",
            "annotation": "Presented by A.",
            "presenters": "Delegation of A",
            "session": morning.pk,
            "parent": cases.pk,
        },
        HTTP_HX_REQUEST="true",
    )

    item.refresh_from_db()
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#agenda-items", "outerHTML")
    assert "The item is saved." in response.content.decode()
    assert (item.title_en, item.title_fr, item.annotation_en, item.presenters) == (
        "Case of State A",
        "Cas de l'État A",
        "Presented by A.",
        "Delegation of A",
    )
    assert (item.session, item.parent) == (morning, cases)
    assert numbers(agenda) == [("1", "Opening"), ("2", "Cases"), ("2 (a)", "Case of State A")]


def test_an_invalid_edit_comes_back_in_place_with_its_errors(client, chair, meeting):
    agenda, (opening,) = build(chair, meeting, "Opening")
    sign_in(client, chair)

    response = client.post(
        reverse("documents:agenda_item_edit", args=[meeting.pk, opening.pk]),
        {"title": ""},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert "<html" not in html
    assert "This field is required." in html


def test_an_item_with_sub_items_cannot_become_a_sub_item(chair, meeting):
    agenda, (opening, cases) = build(chair, meeting, "Opening", "Cases")
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="A", parent=cases)

    with pytest.raises(ValidationError, match="An item with sub-items cannot itself become"):
        agenda_services.agenda_item_update(by=chair, item=cases, title="Cases", parent=opening)

    assert numbers(agenda) == [("1", "Opening"), ("2", "Cases"), ("2 (a)", "A")]


def test_a_sub_item_taken_out_of_its_parent_goes_to_the_end_and_the_rest_close_up(chair, meeting):
    agenda, (opening, cases) = build(chair, meeting, "Opening", "Cases")
    a, b = (
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=t, parent=cases)
        for t in ("A", "B")
    )

    agenda_services.agenda_item_update(by=chair, item=a, title="A", parent=None)

    assert numbers(agenda) == [("1", "Opening"), ("2", "Cases"), ("2 (a)", "B"), ("3", "A")]
    assert AgendaItem.objects.get(pk=b.pk).position == 1


# Sessions told apart


def test_sessions_with_the_same_title_are_told_apart_by_day_and_hours(chair, meeting):
    agenda, _items = build(chair, meeting, "Opening")
    session(meeting, "Session", 10, 13)
    session(meeting, "Session", 15, 18)

    choices = [label for _value, label in AgendaItemForm(agenda=agenda).fields["session"].choices]

    assert choices == [
        "---------",
        "17 February 2027, 10:00–13:00 · Session",
        "17 February 2027, 15:00–18:00 · Session",
    ]


# Every issued version


def test_every_issued_version_is_listed_and_downloadable_as_it_was(client, chair, meeting):
    party_delegate = invite_a_state_party(meeting)
    agenda, _items = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Cases of diversion")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    agenda.refresh_from_db()
    sign_in(client, party_delegate)

    page = client.get(reverse("documents:agenda", args=[meeting.pk]))
    first = client.get(
        reverse("documents:agenda_version_pdf", args=[meeting.pk, 1]), {"lang": "en"}
    )
    second = client.get(
        reverse("documents:agenda_version_pdf", args=[meeting.pk, 2]), {"lang": "fr"}
    )

    html = page.content.decode()
    assert [v.number for v in page.context["versions"]] == [1, 2]
    assert "by Dana Chair: 1 item" in html
    assert "by Dana Chair: 2 items" in html
    assert reverse("documents:agenda_version_pdf", args=[meeting.pk, 2]) + "?lang=ar" in html
    first_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(first.content)).pages)
    second_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(second.content)).pages)
    assert first["Content-Type"] == "application/pdf"
    assert ("Opening" in first_text, "Cases of diversion" in first_text) == (True, False)
    assert agenda.versions.get(number=1).document.symbol in first_text
    assert ("Opening" in second_text, "Cases of diversion" in second_text) == (True, True)
    assert agenda.document.symbol in second_text


def test_an_unknown_version_or_language_is_not_found(client, chair, meeting):
    agenda, _items = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, chair)

    unknown = client.get(reverse("documents:agenda_version_pdf", args=[meeting.pk, 2]))
    bad_language = client.get(
        reverse("documents:agenda_version_pdf", args=[meeting.pk, 1]), {"lang": "xx"}
    )

    assert (unknown.status_code, bad_language.status_code) == (404, 404)


def test_an_organisation_gets_nothing_of_a_dief_agenda_version(client, chair, meeting):
    agenda, _items = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, OrganisationUserFactory())

    response = client.get(reverse("documents:agenda_version_pdf", args=[meeting.pk, 1]))

    assert response.status_code == 404


# Issuing with nobody invited


def test_issuing_with_nobody_invited_asks_for_confirmation_first(client):
    # A WGETI agenda reaches the invited delegations only; a DIEF draft agenda reaches every
    # State Party and signatory, invited or not (ToR art. 10), so it never asks this.
    officer = SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI)
    agenda, _items = build(officer, meeting, "Opening")
    sign_in(client, officer)
    url = reverse("documents:agenda_transition", args=[meeting.pk, "issue"])

    warning = client.post(url)
    agenda.refresh_from_db()
    state_after_warning = agenda.state
    confirmed = client.post(url, {"nobody_invited": "confirmed"})

    agenda.refresh_from_db()
    assert warning.status_code == 200
    assert (
        "No State is invited to this meeting yet: nobody will be notified that the agenda is "
        "issued." in warning.content.decode()
    )
    assert state_after_warning == AgendaState.DRAFT
    assert confirmed.status_code == 302
    assert agenda.state == AgendaState.ISSUED


def test_issuing_with_states_invited_needs_no_confirmation(client, chair, meeting):
    invite_a_state_party(meeting)
    agenda, _items = build(chair, meeting, "Opening")
    sign_in(client, chair)

    response = client.post(reverse("documents:agenda_transition", args=[meeting.pk, "issue"]))

    agenda.refresh_from_db()
    assert response.status_code == 302
    assert agenda.state == AgendaState.ISSUED


# Queries


def test_the_builder_takes_as_many_queries_for_many_items_and_versions_as_for_one(
    client, chair, meeting, django_assert_num_queries
):
    morning = session(meeting, "Morning session", 10, 13)
    agenda, (opening,) = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    sign_in(client, chair)
    url = reverse("documents:agenda", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(8):
        parent = agenda_services.agenda_item_add(
            by=chair, agenda=agenda, title=f"Item {i}", session=morning
        )
        agenda_services.agenda_item_add(by=chair, agenda=agenda, title=f"Sub {i}", parent=parent)
        agenda_services.agenda_issue(by=chair, agenda=agenda)

    with django_assert_num_queries(len(one)):
        client.get(url)


def test_while_the_chair_revises_an_issued_agenda_readers_keep_its_issued_versions_only(
    client, chair, meeting
):
    party_delegate = invite_a_state_party(meeting)
    agenda, (opening,) = build(chair, meeting, "Opening")
    agenda_services.agenda_issue(by=chair, agenda=agenda)
    agenda_services.agenda_item_add(by=chair, agenda=agenda, title="Draft item")
    sign_in(client, party_delegate)

    page = client.get(reverse("documents:agenda", args=[meeting.pk]))
    version = client.get(reverse("documents:agenda_version_pdf", args=[meeting.pk, 1]))
    draft_pdf = client.get(reverse("documents:agenda_pdf", args=[meeting.pk]))
    draft_item = client.get(reverse("documents:agenda_item_edit", args=[meeting.pk, opening.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "The Chair is revising this agenda" in html
    assert ("Draft item" in html, "Opening" in html) == (False, False)
    assert [v.number for v in page.context["versions"]] == [1]
    assert (version.status_code, draft_pdf.status_code, draft_item.status_code) == (200, 404, 404)
