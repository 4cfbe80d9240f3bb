"""The search finds a meeting by the words of its title or venue in any order, by its body,
its cycle or its year — and a DIEF meeting only for those the forum admits."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from att_portal.directory.enums import AttStatus
from att_portal.meetings.enums import Body
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    csp11 = CspCycleFactory(number=11, year=2025)
    csp12 = CspCycleFactory(number=12, year=2026)
    return {
        "wgeti": MeetingFactory(
            body=Body.WGETI,
            cycle=csp12,
            title="WGETI meeting, March 2026",
            starts_on=datetime.date(2026, 3, 16),
            ends_on=datetime.date(2026, 3, 18),
            venue="CICG, Geneva",
        ),
        "prep": MeetingFactory(
            body=Body.PREP,
            cycle=csp11,
            title="Informal preparatory meeting",
            starts_on=datetime.date(2025, 4, 10),
            ends_on=datetime.date(2025, 4, 10),
            venue="Online",
        ),
        "conference": MeetingFactory(
            body=Body.CSP,
            cycle=csp11,
            title="Eleventh Conference of States Parties (CSP11)",
            starts_on=datetime.date(2025, 8, 25),
            ends_on=datetime.date(2025, 8, 29),
        ),
        "dief": DiefMeetingFactory(
            cycle=csp11,
            title="Exchange on concrete cases, spring",
            starts_on=datetime.date(2025, 5, 14),
            ends_on=datetime.date(2025, 5, 14),
        ),
    }


def found(client, text) -> list[str]:
    response = client.get(reverse("search"), {"q": text})
    return [meeting.title for meeting in response.context["results"]["meetings"]]


@pytest.fixture
def party_delegate(client):
    return sign_in(client, UserFactory())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026 WGETI", ["WGETI meeting, March 2026"]),  # the words in any order
        ("march wgeti meeting", ["WGETI meeting, March 2026"]),
        ("Geneva WGETI", ["WGETI meeting, March 2026"]),  # the venue
        (
            "Working Group on Effective Treaty Implementation",  # the body's name
            ["WGETI meeting, March 2026"],
        ),
        (
            "CSP11",  # the cycle, whether its title says so or not
            [
                "Eleventh Conference of States Parties (CSP11)",
                "Exchange on concrete cases, spring",
                "Informal preparatory meeting",
            ],
        ),
        ("CSP12.WGETI", ["WGETI meeting, March 2026"]),  # a part of a document's symbol
        ("DIEF", ["Exchange on concrete cases, spring"]),  # the body, not in its title
        ("Diversion 2025", ["Exchange on concrete cases, spring"]),
        ("preparatory 2026", []),  # every word must be found
    ],
)
def test_a_meeting_is_found_by_its_words_body_cycle_and_year(
    meetings, party_delegate, text, expected
):
    assert found(party_delegate, text) == expected


def test_a_french_reader_finds_the_meetings_of_a_cycle_by_its_french_name(meetings, client):
    sign_in(client, UserFactory(preferred_language="fr"))

    assert found(client, "CEP11") == [
        "Eleventh Conference of States Parties (CSP11)",
        "Exchange on concrete cases, spring",
        "Informal preparatory meeting",
    ]


@pytest.mark.parametrize(
    "person",
    [
        lambda: OrganisationUserFactory(),
        lambda: UserFactory(state__status=None),  # a non-signatory observer State
        lambda: UserFactory(state__status=AttStatus.NON_SIGNATORY),
    ],
    ids=["organisation", "observer State", "non-signatory"],
)
def test_those_the_dief_does_not_admit_find_none_of_its_meetings(meetings, client, person):
    sign_in(client, person())

    assert found(client, "DIEF") == []
    assert found(client, "concrete cases") == []
    assert found(client, "CSP11") == [
        "Eleventh Conference of States Parties (CSP11)",
        "Informal preparatory meeting",
    ]
    response = client.get(reverse("search"), {"q": "Diversion"})
    assert "Exchange on concrete cases" not in response.content.decode()
    assert "CONFIDENTIAL" not in response.content.decode()
