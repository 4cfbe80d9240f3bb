"""A message from the Secretariat or the meeting's Chair to every invited delegation (issue
12): a confirmation says how many delegations and people receive it; it goes through the
outbox (one mail per recipient, under a unique key) and as a notice; for the DIEF the
e-mail only says that a message awaits in the confidential area, and the message is read in
the portal by those invited."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body
from att_portal.meetings.models import MeetingMessage
from att_portal.notifications.models import Notice, OutboxMail
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
NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _on_1_december_2026(time_machine):
    time_machine.move_to(NOW)


@pytest.fixture
def officer():
    return SecretariatUserFactory(first_name="Olga", last_name="Officer")


@pytest.fixture
def people():
    """Austria (a focal point, who gets what goes to the delegation, and a member), Thailand
    (two members, no focal point), Indonesia (non-signatory), a member of Control Arms."""
    austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
    thailand = StateFactory(country="TH", status=AttStatus.SIGNATORY)
    focal = UserFactory(state=austria)
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    return {
        "focal": focal,
        "austrian": UserFactory(state=austria),
        "thai": UserFactory(state=thailand, preferred_language="fr"),
        "thai2": UserFactory(state=thailand),
        "indonesian": UserFactory(state=StateFactory(country="ID")),
        "ngo": OrganisationUserFactory(),
    }


@pytest.fixture
def dief(officer, people):
    meeting = DiefMeetingFactory(title="DIEF meeting, February 2027")
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    OutboxMail.objects.all().delete()
    Notice.objects.all().delete()
    return meeting


@pytest.fixture
def wgeti(officer, people):
    meeting = MeetingFactory(body=Body.WGETI, title="WGETI meeting", observers_admitted=True)
    services.meeting_invitations_issue(by=officer, meeting=meeting)
    OutboxMail.objects.all().delete()
    Notice.objects.all().delete()
    return meeting


def new_url(meeting) -> str:
    return reverse("meetings:message_new", args=[meeting.pk])


MESSAGE = {"subject": "Room change", "text": "The meeting moves to Room XVII.\nBring your badge."}


def test_secretariat_confirms_and_sends_a_message_to_every_invited_delegation(
    officer, people, wgeti
):
    client = sign_in(Client(), officer)

    confirmation = client.post(new_url(wgeti), MESSAGE)
    assert MeetingMessage.objects.count() == 0
    assert "The message goes to 4 invited delegations and organisations: 5 people receive a " in (
        confirmation.content.decode()
    )
    response = client.post(new_url(wgeti), {**MESSAGE, "confirm": "send"})

    message = MeetingMessage.objects.get()
    assert response["Location"] == message.get_absolute_url()
    assert (message.subject_en, message.text_en, message.delegations, message.people) == (
        "Room change",
        "The meeting moves to Room XVII.\nBring your badge.",
        4,
        5,
    )
    recipients = {people[name].pk for name in ("focal", "thai", "thai2", "indonesian", "ngo")}
    assert set(OutboxMail.objects.values_list("recipient", flat=True)) == recipients
    assert OutboxMail.objects.count() == 5
    assert set(Notice.objects.values_list("recipient", flat=True)) == recipients
    english = OutboxMail.objects.get(recipient=people["focal"])
    assert english.subject == "ATT Portal: Room change (WGETI meeting)"
    assert "The meeting moves to Room XVII.\nBring your badge." in english.body_text
    assert "Sent by Olga Officer through the ATT Portal" in english.body_text
    assert Notice.objects.get(recipient=people["focal"]).title == (
        "Message about WGETI meeting: Room change"
    )


def test_a_message_is_sent_once_per_recipient_even_if_queued_again(officer, people, wgeti):
    message = services.message_to_invited_send(
        by=officer, meeting=wgeti, subject="Room change", text="Room XVII."
    )
    from att_portal.notifications.services import Message, messages_queue

    messages_queue(
        [
            Message(
                key=f"meeting-message:{message.pk}:{people['focal'].pk}",
                recipient=people["focal"],
                template="meeting-message",
                context={"message": message, "meeting": wgeti, "confidential": False},
            )
        ]
    )

    assert OutboxMail.objects.filter(recipient=people["focal"]).count() == 1


def test_dief_message_email_carries_no_content_and_is_read_in_the_portal(officer, people, dief):
    services.message_to_invited_send(
        by=officer,
        meeting=dief,
        subject={"en": "Case presentations", "fr": "Présentations de cas"},
        text={"en": "Austria presents its case first.", "fr": "L'Autriche présente en premier."},
    )

    mails = OutboxMail.objects.all()
    assert {m.recipient_id for m in mails} == {people[n].pk for n in ("focal", "thai", "thai2")}
    for mail in mails:
        for secret in ("Case presentations", "Austria presents", "Présentations", "DIEF"):
            assert secret not in mail.subject + mail.body_text + mail.body_html
    assert {n.title for n in Notice.objects.filter(recipient=people["focal"])} == {
        "A message awaits you in the confidential area"
    }
    message = MeetingMessage.objects.get()
    page = sign_in(Client(), people["thai"]).get(message.get_absolute_url())
    assert "Présentations de cas" in page.content.decode()
    assert "L&#x27;Autriche présente en premier." in page.content.decode()
    assert "no-store" in page["Cache-Control"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("indonesian", 404), ("ngo", 404), ("stranger", 404), ("austrian", 200), ("chair", 200)],
)
def test_a_dief_message_is_read_by_those_invited_only(officer, people, dief, who, status):
    message = services.message_to_invited_send(
        by=officer, meeting=dief, subject="Case presentations", text="Austria first."
    )
    chair = UserFactory(state=StateFactory(country="MX", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    person = {
        **people,
        "chair": chair,
        "stranger": UserFactory(state=StateFactory(country="FR", status=AttStatus.STATE_PARTY)),
    }[who]

    assert sign_in(Client(), person).get(message.get_absolute_url()).status_code == status


def test_the_meetings_chair_writes_to_the_invited_delegations(people, dief):
    chair = UserFactory(state=StateFactory(country="MX", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    client = sign_in(Client(), chair)

    response = client.post(new_url(dief), {**MESSAGE, "confirm": "send"})

    assert response.status_code == 302
    assert MeetingMessage.objects.get().sent_by == chair


@pytest.mark.parametrize("who", ["focal", "wgeti_chair"])
def test_delegates_and_the_chair_of_another_body_may_not_write(people, dief, who):
    wgeti_chair = UserFactory(state=StateFactory(country="FR", status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=wgeti_chair, role=Role.WGETI_CHAIR)
    person = wgeti_chair if who == "wgeti_chair" else people["focal"]

    response = sign_in(Client(), person).post(new_url(dief), {**MESSAGE, "confirm": "send"})

    assert response.status_code == 403
    assert (MeetingMessage.objects.count(), OutboxMail.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    "data",
    [{}, {"subject": "", "text": "x"}, {"subject": "x" * 201, "text": "x", "confirm": "send"}],
)
def test_an_incomplete_message_comes_back_with_its_errors_and_sends_nothing(officer, wgeti, data):
    response = sign_in(Client(), officer).post(new_url(wgeti), data)

    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert (MeetingMessage.objects.count(), OutboxMail.objects.count()) == (0, 0)


def test_changing_the_message_from_the_confirmation_returns_to_the_form(officer, wgeti):
    response = sign_in(Client(), officer).post(new_url(wgeti), {**MESSAGE, "confirm": "edit"})

    assert response.templates[0].name == "meetings/message_form.html"
    assert response.context["form"]["subject"].value() == "Room change"
    assert MeetingMessage.objects.count() == 0


def test_with_no_invitation_there_is_nobody_to_write_to(officer, people):
    meeting = MeetingFactory(body=Body.WGETI)
    client = sign_in(Client(), officer)

    page = client.get(new_url(meeting))
    refused = client.post(new_url(meeting), {**MESSAGE, "confirm": "send"})

    assert "No delegation is invited yet: there is nobody to write to." in page.content.decode()
    assert "No delegation is invited yet: there is nobody to write to." in refused.content.decode()
    assert MeetingMessage.objects.count() == 0


def test_the_meeting_page_lists_the_messages_to_those_invited(officer, people, wgeti):
    message = services.message_to_invited_send(
        by=officer, meeting=wgeti, subject="Room change", text="Room XVII."
    )

    page = sign_in(Client(), people["ngo"]).get(wgeti.get_absolute_url())

    assert list(page.context["messages_to_invited"]) == [message]
    assert f'<a href="{message.get_absolute_url()}">Room change</a>' in page.content.decode()


def test_an_unknown_message_is_not_found(officer, wgeti):
    client = sign_in(Client(), officer)

    for message_pk in (999999, 2**70):
        url = f"/meetings/{wgeti.pk}/messages/{message_pk}/"
        assert client.get(url).status_code == 404
