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
