import pytest
from django.core import mail
from django.utils import translation

from att_portal.notifications.enums import MailState
from att_portal.notifications.models import OutboxMail
from att_portal.notifications.services import mail_queue, mail_send
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
