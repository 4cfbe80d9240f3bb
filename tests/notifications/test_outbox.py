import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import translation

from att_portal.notifications.enums import MailState
from att_portal.notifications.models import OutboxMail
from att_portal.notifications.services import mail_queue, mail_send, message_id
from att_portal.notifications.tasks import send_queued_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queue_reset_mail(person, key="reset:1"):
    return mail_queue(
        key=key, recipient=person, template="password-reset", context={"uid": "MQ", "token": "t"}
    )


def test_queueing_the_same_key_twice_keeps_one_message():
    person = UserFactory()

    queue_reset_mail(person)
    queue_reset_mail(person)

    assert OutboxMail.objects.filter(key="reset:1").count() == 1


def test_a_mail_is_sent_once_however_often_sending_is_asked():
    person = UserFactory()
    queued = queue_reset_mail(person)

    assert mail_send(mail_id=queued.pk) is True
    assert mail_send(mail_id=queued.pk) is False
    assert send_queued_mail() == 0
    assert len(mail.outbox) == 1
    assert OutboxMail.objects.get(pk=queued.pk).state == MailState.SENT


def test_mail_is_written_in_the_recipients_language():
    person = UserFactory(preferred_language="fr")

    with translation.override("en"):
        queued = queue_reset_mail(person)

    assert queued.language == "fr"


def test_a_refused_mail_goes_back_to_the_queue(monkeypatch):
    person = UserFactory()
    queued = queue_reset_mail(person)

    def refuse(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(OSError, match="unreachable"):
        mail_send(mail_id=queued.pk)

    queued.refresh_from_db()
    assert (queued.state, queued.attempts, queued.last_error) == (
        MailState.QUEUED,
        1,
        "SMTP server unreachable",
    )


def test_an_arabic_mail_reads_right_to_left_with_latin_names_and_links_in_order():
    person = UserFactory(preferred_language="ar", first_name="Ahmed", last_name="Khan")

    queued = queue_reset_mail(person, key="reset:ar")

    assert queued.body_html.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert '<bdi dir="ltr">Ahmed Khan</bdi>' in queued.body_html
    assert "\u2066Ahmed Khan\u2069" in queued.body_text
    # The link stays whole, so that mail programs still recognise it.
    assert "\nhttp://" in queued.body_text
    assert "\u2066http" not in queued.body_text


def test_a_mail_in_a_left_to_right_language_has_no_isolation_marks():
    person = UserFactory(preferred_language="fr", first_name="Anne", last_name="Dupont")

    queued = queue_reset_mail(person, key="reset:fr")

    assert queued.body_html.startswith('<!DOCTYPE html>\n<html lang="fr" dir="ltr">')
    assert "\u2066" not in queued.body_text
    assert "<bdi" not in queued.body_html


# RFC 5322 section 3.6.4: msg-id = "<" dot-atom-text "@" dot-atom-text ">" (without the
# obsolete forms and domain literals, which the portal never writes).
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
DOT_ATOM_TEXT = rf"{ATEXT}(?:\.{ATEXT})*"
MSG_ID = re.compile(rf"<{DOT_ATOM_TEXT}@{DOT_ATOM_TEXT}>")
# The first 40 hex digits of SHA-256("reset:1") and of SHA-256("reset:2").
RESET_1 = "3b0b4c5822e63f73b9a0ee510c1c221d810b089b"
RESET_2 = "749c4b05129bc6cbe04cc073b453309e39859302"


def test_a_mail_sent_again_carries_the_same_message_id(settings):
    settings.DEFAULT_FROM_EMAIL = "ATT Portal <portal@thearmstradetreaty.org>"
    queued = queue_reset_mail(UserFactory())

    mail_send(mail_id=queued.pk)
    # As after a worker died between the server's acceptance and recording it as sent.
    OutboxMail.objects.filter(pk=queued.pk).update(state=MailState.QUEUED)
    mail_send(mail_id=queued.pk)

    first, second = (m.message() for m in mail.outbox)
    assert (first["Message-ID"], second["Message-ID"]) == (
        f"<{RESET_1}@thearmstradetreaty.org>",
        f"<{RESET_1}@thearmstradetreaty.org>",
    )
    assert (first["X-ATT-Portal-Key"], second["X-ATT-Portal-Key"]) == ("reset:1", "reset:1")
    assert OutboxMail.objects.get(pk=queued.pk).attempts == 2


def test_mails_under_different_keys_carry_different_valid_message_ids(settings):
    settings.DEFAULT_FROM_EMAIL = "ATT Portal <portal@thearmstradetreaty.org>"
    person = UserFactory()
    for key in ("reset:1", "reset:2"):
        mail_send(mail_id=queue_reset_mail(person, key=key).pk)

    ids = [m.message()["Message-ID"] for m in mail.outbox]

    assert ids == [
        f"<{RESET_1}@thearmstradetreaty.org>",
        f"<{RESET_2}@thearmstradetreaty.org>",
    ]
    assert [bool(MSG_ID.fullmatch(i)) for i in ids] == [True, True]


@pytest.mark.parametrize(
    ("from_email", "base_url", "domain"),
    [
        ("ATT Portal <portal@ATT.example.org>", "https://ignored.example.net", "att.example.org"),
        ("portal@traité.example", "https://ignored.example.net", "xn--trait-fsa.example"),
        ("webmaster", "https://portal.example.net:8443/path", "portal.example.net"),
        ("webmaster", "", "localhost"),
    ],
)
def test_the_message_id_names_the_portals_mail_domain(settings, from_email, base_url, domain):
    settings.DEFAULT_FROM_EMAIL = from_email
    settings.PORTAL_BASE_URL = base_url

    assert message_id("reset:1") == f"<{RESET_1}@{domain}>"
    assert MSG_ID.fullmatch(message_id("reset:1")) is not None


def test_a_batch_claims_each_mail_only_when_it_sends_it(settings):
    """So a worker killed mid-batch leaves one mail, the one it was sending, claimed."""
    settings.EMAIL_BACKEND = f"{__name__}.StateRecordingBackend"
    StateRecordingBackend.seen = []
    person = UserFactory()
    for n in range(3):
        OutboxMail.objects.create(
            key=f"batch:{n}", recipient=person, to_address=person.email, subject="s", body_text="b"
        )

    assert send_queued_mail() == 3

    Q, S, D = MailState.QUEUED, MailState.SENDING, MailState.SENT
    assert StateRecordingBackend.seen == [[S, Q, Q], [D, S, Q], [D, D, S]]


def test_a_mail_the_server_accepted_stays_sent_when_the_goodbye_fails(settings):
    settings.EMAIL_BACKEND = f"{__name__}.GoodbyeFailsBackend"
    queued = queue_reset_mail(UserFactory())

    assert mail_send(mail_id=queued.pk) is True

    queued.refresh_from_db()
    assert (queued.state, queued.attempts, len(mail.outbox)) == (MailState.SENT, 1, 1)


@pytest.mark.parametrize(
    ("email_timeout", "claim_timeout", "smtp_timeout"),
    [(None, 600, 30.0), (None, 2, 1.0), (10, 600, 10)],
)
def test_each_smtp_step_gives_up_long_before_the_claim_lapses(
    settings, email_timeout, claim_timeout, smtp_timeout
):
    settings.EMAIL_BACKEND = f"{__name__}.StateRecordingBackend"
    settings.EMAIL_TIMEOUT = email_timeout
    settings.MAIL_CLAIM_TIMEOUT = claim_timeout
    StateRecordingBackend.timeouts = []

    mail_send(mail_id=queue_reset_mail(UserFactory()).pk)

    assert StateRecordingBackend.timeouts == [smtp_timeout]


class StateRecordingBackend(locmem.EmailBackend):
    """Notes, at each delivery, the state of every queued mail, and the socket timeout it
    was given."""

    seen: list = []
    timeouts: list = []

    def __init__(self, *args, timeout=None, **kwargs):
        super().__init__(*args, **kwargs)
        StateRecordingBackend.timeouts.append(timeout)

    def send_messages(self, messages):
        StateRecordingBackend.seen.append(
            list(OutboxMail.objects.order_by("key").values_list("state", flat=True))
        )
        return super().send_messages(messages)


class GoodbyeFailsBackend(locmem.EmailBackend):
    """An SMTP server that accepts the message, then drops the line instead of answering
    QUIT. Like Django's SMTP backend, it closes only a connection it opened itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.connected = False

    def open(self):
        if self.connected:
            return False
        self.connected = True
        return True

    def close(self):
        if self.connected:
            self.connected = False
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, messages):
        opened = self.open()
        try:
            return super().send_messages(messages)
        finally:
            if opened:
                self.close()


def test_a_batch_queued_again_renders_only_its_new_messages(monkeypatch):
    from att_portal.notifications import services
    from att_portal.notifications.models import Notice

    people = [UserFactory(), UserFactory()]

    def batch(keys):
        return [
            services.Message(
                key=key,
                recipient=person,
                template="password-reset",
                context={"uid": "MQ", "token": "t"},
                notice_title=lambda: "Reset",
            )
            for key, person in zip(keys, people, strict=False)
        ]

    services.messages_queue(batch(["batch:1"]))
    rendered = []
    render = services._render
    monkeypatch.setattr(services, "_render", lambda m: rendered.append(m.key) or render(m))

    services.messages_queue(batch(["batch:1", "batch:2"]))
    services.messages_queue(batch(["batch:1", "batch:2"]))

    assert rendered == ["batch:2"]
    assert sorted(OutboxMail.objects.values_list("key", flat=True)) == ["batch:1", "batch:2"]
    assert sorted(Notice.objects.values_list("key", flat=True)) == ["batch:1", "batch:2"]


def test_a_notice_lost_beside_its_mail_is_queued_again_without_the_mail():
    from att_portal.notifications import services
    from att_portal.notifications.models import Notice

    person = UserFactory()
    message = services.Message(
        key="n:1",
        recipient=person,
        template="password-reset",
        context={"uid": "MQ", "token": "t"},
        notice_title=lambda: "Reset",
    )
    services.messages_queue([message])
    Notice.objects.all().delete()

    services.messages_queue([message, message])  # the same key twice counts once

    assert (OutboxMail.objects.count(), Notice.objects.get().key) == (1, "n:1")
