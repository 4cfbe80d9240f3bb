"""The administration refuses what the portal refuses: its forms run the models' clean()
(issue 12: "the admin let an officer file a 2028 DIEF meeting under CSP8")."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from att_portal.meetings.enums import Body, CallKind, MeetingFormat
from att_portal.meetings.models import Meeting, MeetingCall
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, MeetingFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def admin_client() -> Client:
    """The Secretariat, with its second factor (the administration asks for it)."""
    return sign_in(Client(), SecretariatUserFactory(), second_factor=True)


def form_data(response) -> dict:
    """What the admin's change form would post back unchanged: the meeting's fields, and
    the management form and rows of each inline."""
    data = {}

    def add(form) -> None:
        for bound in form:
            value = bound.value()
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value.isoformat() if hasattr(value, "isoformat") else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_the_admin_refuses_a_2028_dief_meeting_under_csp8_and_saves_nothing(admin_client):
    csp8 = CspCycleFactory(number=8, year=2022)
    data = form_data(admin_client.get(reverse("admin:meetings_meeting_add")))
    data |= {
        "cycle": csp8.pk,
        "body": Body.DIEF,
        "title_en": "DIEF meeting, February 2028",
        "venue_en": "Geneva",
        "starts_on": "2028-02-16",
        "ends_on": "2028-02-16",
        "format": MeetingFormat.IN_PERSON,
        "seats_per_delegation": "4",
    }

    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "cycle": [
            "CSP8 covers meetings from 1 January 2021 to 31 December 2022: choose the cycle of "
            "these dates."
        ]
    }
    assert Meeting.objects.count() == 0


def test_the_admin_refuses_a_call_due_after_its_meeting_and_saves_nothing(admin_client):
    meeting = MeetingFactory(
        cycle=CspCycleFactory(number=13, year=2027),
        body=Body.WGETI,
        starts_on=D(2027, 3, 15),
        ends_on=D(2027, 3, 17),
    )
    call = MeetingCall.objects.create(
        meeting=meeting,
        kind=CallKind.WRITTEN_COMMENTS,
        title="Written comments",
        issued_on=D(2027, 1, 10),
        due_on=D(2027, 3, 5),
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url))
    row = next(key for key, value in data.items() if key.endswith("-id") and value == call.pk)
    data[row.replace("-id", "-due_on")] = "2027-03-20"

    response = admin_client.post(url, data)

    calls = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is MeetingCall
    )
    assert response.status_code == 200
    assert calls.errors == [
        {"due_on": ["A call must be due before the meeting's first day (15 March 2027)."]}
    ]
    call.refresh_from_db()
    assert call.due_on == D(2027, 3, 5)


def test_the_admin_saves_a_change_the_rules_allow(admin_client):
    meeting = MeetingFactory(
        cycle=CspCycleFactory(number=13, year=2027),
        starts_on=D(2027, 3, 15),
        ends_on=D(2027, 3, 17),
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url)) | {"venue_en": "Vienna"}

    response = admin_client.post(url, data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.venue == "Vienna"


def test_the_admin_neither_deletes_nor_changes_a_cancelled_meeting(admin_client):
    meeting = MeetingFactory(
        cycle=CspCycleFactory(number=13, year=2027),
        cancelled_at=timezone.now(),
        cancellation_note="Postponed.",
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url)) | {"venue_en": "Vienna"}

    response = admin_client.post(url, data)
    delete = admin_client.get(reverse("admin:meetings_meeting_delete", args=[meeting.pk]))

    assert response.context["adminform"].form.non_field_errors() == [
        "This meeting is cancelled: nothing can be added to it or changed."
    ]
    assert delete.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.is_cancelled) == ("Geneva", True)
