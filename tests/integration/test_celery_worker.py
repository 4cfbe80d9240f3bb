"""A real Celery worker, on the configured broker (Redis on CI), executes what we send."""

from __future__ import annotations

import time

import pytest

from att_portal.celery import app
from att_portal.notifications.enums import MailState
from att_portal.notifications.models import OutboxMail
from tests.factories import UserFactory

from .worker import running_worker, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def test_real_worker_sends_a_queued_mail_exactly_once():
    person = UserFactory()
    mail = OutboxMail.objects.create(
        key="integration:worker",
        recipient=person,
        to_address=person.email,
        language="en",
        subject="Worker test",
        body_text="Sent by a real worker.",
    )

    with running_worker() as worker:
        app.send_task("notifications.send_mail", args=[mail.pk])
        app.send_task("notifications.send_mail", args=[mail.pk])
        sent = wait_for(lambda: OutboxMail.objects.get(pk=mail.pk).state == MailState.SENT)
        if not sent:
            pytest.fail("The worker did not send the mail within 60 s.")
        time.sleep(1)  # let the duplicate message be consumed too
        assert worker.poll() is None

    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.sent_at is not None) == (MailState.SENT, 1, True)
