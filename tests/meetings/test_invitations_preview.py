"""Sending the invitations goes through a preview (issue 12): the letter in each language,
the e-mail a contact receives, who will be invited and how many people are written to;
only a post that confirms that very list sends anything."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus, OrganisationKind, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body
from att_portal.notifications.models import Notice, OutboxMail
from tests.conftest import sign_in
from tests.factories import (
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
NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _on_1_december_2026(time_machine):
    time_machine.move_to(NOW)


@pytest.fixture
def officer():
    return SecretariatUserFactory()


@pytest.fixture
def secretariat(officer):
    return sign_in(Client(), officer)


@pytest.fixture
def world():
    """Germany, Austria and Egypt (States Parties), Thailand (signatory), Indonesia
    (non-signatory); one focal point and one member each where they have people."""
    states = {
        code: StateFactory(country=code, status=status)
        for code, status in (
            ("DE", AttStatus.STATE_PARTY),
            ("AT", AttStatus.STATE_PARTY),
            ("EG", AttStatus.STATE_PARTY),
            ("TH", AttStatus.SIGNATORY),
            ("ID", None),
        )
    }
    focal = UserFactory(state=states["AT"])
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    UserFactory(state=states["AT"])  # not written to: Austria has a focal point
    UserFactory(state=states["DE"])
    UserFactory(state=states["DE"])
    UserFactory(state=states["ID"])
    control_arms = OrganisationFactory(name="Control Arms", kind=OrganisationKind.CIVIL_SOCIETY)
    OrganisationUserFactory(organisation=control_arms)
    return states


def preview_url(meeting) -> str:
    return reverse("meetings:invitations_issue", args=[meeting.pk])


def test_preview_shows_the_letter_the_email_whom_it_invites_and_how_many_people_it_writes_to(
    secretariat, world
):
    meeting = MeetingFactory(body=Body.WGETI, title="WGETI meeting", observers_admitted=True)

    page = secretariat.get(preview_url(meeting))

    content = page.content.decode()
    assert [str(s) for s in page.context["states"]] == [
        "Austria",
        "Egypt",
        "Germany",
        "Indonesia",
        "Thailand",
    ]
    assert [o.name for o in page.context["organisations"]] == ["Control Arms"]
    # Austria: its focal point; Germany and Indonesia: every member; Control Arms: its member.
    assert page.context["people"] == 5
    assert "5 States will be invited. 1 organisation will be invited. 5 people will be " in content
    assert page.context["email_subject"] == "ATT Portal: invitation to the meeting “WGETI meeting”"
    assert (
        "Your delegation is invited to the meeting “WGETI meeting”, 15–17 March 2027, Geneva."
        in (page.context["email_body"])
    )
    letters = [f"/meetings/{meeting.pk}/invitation.pdf?lang={code}" for code in ("ar", "zh-hans")]
    assert all(link in content for link in letters)
    assert (meeting.invitations.count(), OutboxMail.objects.count(), Notice.objects.count()) == (
        0,
        0,
        0,
    )


def test_preview_names_the_states_in_the_readers_order(world):
    reader = SecretariatUserFactory(preferred_language="fr")
    meeting = MeetingFactory(body=Body.WGETI)

    page = sign_in(Client(), reader).get(preview_url(meeting))

    assert [str(s) for s in page.context["states"]] == [
        "Allemagne",
        "Autriche",
        "Égypte",
        "Thaïlande",
    ]


def test_dief_preview_invites_states_parties_and_signatories_only_with_a_neutral_email(
    secretariat, world
):
    meeting = DiefMeetingFactory(title="DIEF meeting, February 2027")

    page = secretariat.get(preview_url(meeting))

    assert [s.alpha3 for s in page.context["states"]] == ["AUT", "EGY", "DEU", "THA"]
    assert page.context["organisations"] == []
    assert "DIEF meeting" not in page.context["email_subject"] + page.context["email_body"]
    assert "CONFIDENTIAL" in page.content.decode()


def test_confirming_the_preview_sends_the_invitations_once(secretariat, world):
    meeting = MeetingFactory(body=Body.WGETI)
    preview = secretariat.get(preview_url(meeting))
    confirmed = preview.context["form"]["confirmed"].value()

    response = secretariat.post(preview_url(meeting), {"confirmed": confirmed})
    again = secretariat.post(preview_url(meeting), {"confirmed": confirmed})

    assert response.status_code == 302
    assert meeting.invitations.count() == 4
    assert OutboxMail.objects.count() == 3  # Austria's focal point, Germany's two members
    assert again["Location"] == preview_url(meeting)  # the list changed: nothing sent
    assert OutboxMail.objects.count() == 3
    assert secretariat.get(preview_url(meeting)).context["states"] == []


def test_list_changed_since_the_preview_sends_nothing_and_says_so(secretariat, world):
    meeting = MeetingFactory(body=Body.WGETI)
    confirmed = secretariat.get(preview_url(meeting)).context["form"]["confirmed"].value()
    StateFactory(country="FR", status=AttStatus.STATE_PARTY)  # ratified meanwhile

    response = secretariat.post(preview_url(meeting), {"confirmed": confirmed}, follow=True)

    assert (
        "The list of those to invite has changed since the preview: nothing was sent. Check the "
        "list and confirm again." in response.content.decode()
    )
    assert (meeting.invitations.count(), OutboxMail.objects.count()) == (0, 0)


@pytest.mark.parametrize("data", [{}, {"confirmed": ""}, {"confirmed": "x" * 500}])
def test_a_post_without_a_valid_confirmation_notifies_nobody(secretariat, world, data):
    meeting = DiefMeetingFactory()

    response = secretariat.post(preview_url(meeting), data, follow=True)

    assert response.status_code == 200
    assert "Nothing was sent: check the invitations below and confirm them." in (
        response.content.decode()
    )
    assert (meeting.invitations.count(), OutboxMail.objects.count(), Notice.objects.count()) == (
        0,
        0,
        0,
    )


def test_late_invitations_are_announced_in_the_preview(secretariat, world):
    meeting = DiefMeetingFactory(
        starts_on=datetime.date(2027, 1, 13), ends_on=datetime.date(2027, 1, 13)
    )

    content = secretariat.get(preview_url(meeting)).content.decode()

    assert (
        "The invitations were due by 24 November 2026: they will be recorded as sent after the "
        "deadline." in content
    )


def test_when_everyone_is_invited_the_preview_offers_nothing_to_send(secretariat, officer, world):
    meeting = MeetingFactory(body=Body.WGETI)
    services.meeting_invitations_issue(by=officer, meeting=meeting)

    page = secretariat.get(preview_url(meeting))

    assert "there is nobody to write to" in page.content.decode()
    assert "Send the invitations now" not in page.content.decode()


def test_the_meeting_page_links_to_the_preview_instead_of_sending(secretariat, world):
    meeting = MeetingFactory(body=Body.WGETI)

    content = secretariat.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()

    assert f'id="send-invitations" href="{preview_url(meeting)}"' in content
    assert f'action="{preview_url(meeting)}"' not in content


def test_a_cancelled_meeting_has_no_preview(secretariat, officer, world):
    meeting = MeetingFactory(body=Body.WGETI)
    services.meeting_cancel(by=officer, meeting=meeting, note="No quorum.")

    response = secretariat.get(preview_url(meeting))

    assert (response.status_code, response["Location"]) == (302, meeting.get_absolute_url())
