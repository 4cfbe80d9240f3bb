"""A page's number of SQL queries does not grow with its rows (1 row vs 50 rows)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings.enums import Body
from tests.conftest import sign_in
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_meetings(n, world):
    for i in range(n):
        MeetingFactory(body=Body.DIEF if i % 2 else Body.WGETI, title=f"Meeting {i}")


def make_states(n, world):
    for i in range(n):
        StateFactory(status=[AttStatus.STATE_PARTY, AttStatus.SIGNATORY, None][i % 3])


def make_organisations(n, world):
    for _ in range(n):
        OrganisationFactory()


def make_delegates(n, world):
    for i in range(n):
        person = UserFactory(state=world["state"], last_name=f"Delegate {i}")
        RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)


def make_members(n, world):
    for _ in range(n):
        OrganisationUserFactory(organisation=world["organisation"])


def make_history(n, world):
    state = world["state"]
    for i in range(n):
        state.regional_group = ["weog", "africa"][i % 2]
        state.save()


def make_meeting_content(n, world):
    """Sessions, calls, invitations and nominations on one meeting."""
    import datetime

    from django.utils import timezone

    from att_portal.meetings.models import Invitation, MeetingCall, MeetingSession, Participation

    meeting, officer = world["meeting"], world["officer"]
    for _ in range(n):
        start = timezone.make_aware(datetime.datetime(2027, 3, 15, 8)) + datetime.timedelta(
            minutes=10 * MeetingSession.objects.count()
        )
        MeetingSession.objects.create(
            meeting=meeting,
            title="S",
            body=meeting.body,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=5),
        )
        MeetingCall.objects.create(
            meeting=meeting,
            kind="other",
            title="Call",
            issued_on=datetime.date(2027, 1, 1),
            due_on=datetime.date(2027, 2, 1),
        )
        state = StateFactory(status=AttStatus.STATE_PARTY)
        Invitation.objects.create(
            meeting=meeting, state=state, sent_at=timezone.now(), sent_by=officer
        )
        Participation.objects.create(
            meeting=meeting, person=UserFactory(state=state), nominated_by=officer
        )


def make_notices(n, world):
    from att_portal.notifications.models import Notice

    for _ in range(n):
        Notice.objects.create(
            key=f"n{Notice.objects.count()}", recipient=world["viewer"], title="Invitation", url="/"
        )


def make_documents(n, world):
    import datetime

    from documents.services import document_register

    for i in range(n):
        document_register(
            by=world["officer"],
            title=f"Paper {i}",
            cycle=world["meeting"].cycle,
            body="DIEF",
            doc_type="Conf.WP",
            issued_on=datetime.date(2026, 1, 1),
            distribution=["public", "confidential"][i % 2],
            forum="DIEF",
            author_office="SEC",
        )


PAGES = {
    "documents": (make_documents, lambda w: reverse("documents:list")),
    "document search": (make_documents, lambda w: reverse("documents:list") + "?q=Paper"),
    "meeting detail": (
        make_meeting_content,
        lambda w: reverse("meetings:detail", args=[w["meeting"].pk]),
    ),
    "my deadlines": (make_meeting_content, lambda w: reverse("meetings:my_deadlines")),
    "notices": (make_notices, lambda w: reverse("notifications:list")),
    "meetings": (make_meetings, lambda w: reverse("meetings:list")),
    "dief home": (make_meetings, lambda w: reverse("dief:home")),
    "wgeti home": (make_meetings, lambda w: reverse("wgeti:home")),
    "dashboard": (make_meetings, lambda w: reverse("dashboard")),
    "search": (make_meetings, lambda w: reverse("search") + "?q=Meeting"),
    "states": (make_states, lambda w: reverse("directory:state_list")),
    "organisations": (make_organisations, lambda w: reverse("directory:organisation_list")),
    "delegation": (
        make_delegates,
        lambda w: reverse("directory:state_detail", args=[w["state"].alpha3.lower()]),
    ),
    "organisation members": (
        make_members,
        lambda w: reverse("directory:organisation_detail", args=[w["organisation"].pk]),
    ),
    "history": (make_history, lambda w: reverse("history", args=["state", w["state"].pk])),
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


CASES = [
    (page, viewer)
    for page in sorted(PAGES)
    for viewer in ("secretariat", "delegate")
    if not (page == "history" and viewer == "delegate")  # change history is the Secretariat's
]


@pytest.mark.parametrize(("page", "viewer"), CASES)
def test_page_query_count_does_not_grow_with_rows(page, viewer, client):
    make_rows, url_of = PAGES[page]
    state = StateFactory(status=AttStatus.STATE_PARTY)
    person = SecretariatUserFactory() if viewer == "secretariat" else UserFactory(state=state)
    world = {
        "state": state,
        "organisation": OrganisationFactory(),
        "meeting": MeetingFactory(body=Body.WGETI),
        "officer": SecretariatUserFactory(),
        "viewer": person,
    }
    sign_in(client, person)
    make_rows(1, world)
    url = url_of(world)
    client.get(url)  # warm per-process caches (content types, sessions)
    with_one = count_queries(client, url)

    make_rows(49, world)
    with_fifty = count_queries(client, url)

    assert with_fifty == with_one
