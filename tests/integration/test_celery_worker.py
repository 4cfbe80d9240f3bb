"""A real Celery worker, on the configured broker (Redis on CI), sends the outbox: every mail
at least once, and a worker killed mid-batch leaves at most the one mail it was sending to
be delivered a second time, under the same Message-ID."""

from __future__ import annotations

import datetime
import signal
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.utils import timezone

from att_portal.celery import app
from att_portal.notifications.enums import MailState
from att_portal.notifications.models import OutboxMail
from att_portal.notifications.services import message_id
from tests.factories import UserFactory

from .worker import delivered_messages, running_worker, start_worker, stop_worker, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# Short, so that the test need not wait ten minutes for a dead worker's claim to lapse.
CLAIM_TIMEOUT = 2
# Generous: a loaded machine starts a worker and sends a mail slowly, never wrongly.
PATIENCE = 240


def queue_mails(count: int) -> set[str]:
    person = UserFactory()
    OutboxMail.objects.bulk_create(
        OutboxMail(
            key=f"integration:{n}",
            recipient=person,
            to_address=person.email,
            language="en",
            subject=f"Worker test {n}",
            body_text="Sent by a real worker.",
        )
        for n in range(count)
    )
    return {f"integration:{n}" for n in range(count)}


def mailbox_env(mailbox: Path, backend: str = FILE_BACKEND) -> dict[str, str]:
    return {
        "TEST_EMAIL_BACKEND": backend,
        "TEST_EMAIL_FILE_PATH": str(mailbox),
        "MAIL_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
    }


def all_sent() -> bool:
    return not OutboxMail.objects.exclude(state=MailState.SENT).exists()


def claimed_keys() -> set[str]:
    return set(OutboxMail.objects.filter(state=MailState.SENDING).values_list("key", flat=True))


def no_live_claim() -> bool:
    """Every claim is older than the claim timeout, so a worker may take it back."""
    lapsed = timezone.now() - datetime.timedelta(seconds=CLAIM_TIMEOUT)
    return not OutboxMail.objects.filter(state=MailState.SENDING, claimed_at__gte=lapsed).exists()


def copies_per_message_id(mailbox: Path) -> Counter:
    return Counter(message["Message-ID"] for message in delivered_messages(mailbox))


def message_ids_per_key(mailbox: Path) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = defaultdict(set)
    for message in delivered_messages(mailbox):
        ids[message["X-ATT-Portal-Key"]].add(message["Message-ID"])
    return dict(ids)


def kill_mid_batch(env: dict[str, str], *, until) -> set[str]:
    """Start a worker on the queued batch, SIGKILL it once `until()` holds, and return
    the keys it had claimed: the mail it was sending when it died."""
    doomed = start_worker(**env)
    try:
        app.send_task("notifications.send_queued_mail")
        reached = wait_for(until, seconds=PATIENCE)
    finally:
        doomed.send_signal(signal.SIGKILL)
        stop_worker(doomed)
    assert reached, f"the doomed worker did not get there within {PATIENCE} s"
    return claimed_keys()


def finish_after_the_kill(env: dict[str, str]) -> None:
    """A new worker, as after a restart, catches up once the dead worker's claim lapsed."""
    with running_worker(**env) as worker:
        assert wait_for(no_live_claim, seconds=PATIENCE)
        app.send_task("notifications.send_queued_mail")  # beat's next run
        assert wait_for(all_sent, seconds=PATIENCE), "the new worker did not catch up"
        assert worker.poll() is None


def test_real_worker_sends_a_queued_mail_once_however_often_it_is_asked(tmp_path):
    keys = queue_mails(2)
    first, sentinel = OutboxMail.objects.order_by("key")

    with running_worker(**mailbox_env(tmp_path)) as worker:
        app.send_task("notifications.send_mail", args=[first.pk])
        app.send_task("notifications.send_mail", args=[first.pk])
        assert wait_for(
            lambda: OutboxMail.objects.get(pk=first.pk).state == MailState.SENT, seconds=PATIENCE
        )
        # Queued after both: once it is sent, the duplicate request has been consumed.
        app.send_task("notifications.send_mail", args=[sentinel.pk])
        assert wait_for(all_sent, seconds=PATIENCE)
        assert worker.poll() is None

    first.refresh_from_db()
    assert (first.state, first.attempts, first.sent_at is not None) == (MailState.SENT, 1, True)
    assert copies_per_message_id(tmp_path) == {message_id(key): 1 for key in keys}


def test_a_worker_killed_mid_batch_delivers_every_mail_and_doubles_at_most_the_one_in_flight(
    tmp_path,
):
    keys = queue_mails(12)
    env = mailbox_env(tmp_path, backend="tests.integration.slow_mail.SlowFileBackend")

    in_flight = kill_mid_batch(
        env, until=lambda: 1 <= len(delivered_messages(tmp_path)) <= len(keys) - 2
    )
    # One claim at a time: the batch never claims a mail before it sends it.
    assert len(in_flight) <= 1
    finish_after_the_kill(env)

    copies = copies_per_message_id(tmp_path)
    doubled = {key for key in keys if copies[message_id(key)] == 2}
    assert message_ids_per_key(tmp_path) == {key: {message_id(key)} for key in keys}
    assert sorted(copies.values()) in ([1] * len(keys), [1] * (len(keys) - 1) + [2])
    assert doubled <= in_flight


def test_a_mail_the_server_accepted_from_a_killed_worker_comes_again_with_the_same_message_id(
    tmp_path,
):
    keys = queue_mails(3)

    in_flight = kill_mid_batch(
        mailbox_env(tmp_path, backend="tests.integration.slow_mail.StallAfterDeliveryBackend"),
        until=lambda: len(delivered_messages(tmp_path)) == 1,
    )
    (delivered_before_the_kill,) = (m["X-ATT-Portal-Key"] for m in delivered_messages(tmp_path))
    finish_after_the_kill(mailbox_env(tmp_path))

    assert in_flight == {delivered_before_the_kill}
    assert message_ids_per_key(tmp_path) == {key: {message_id(key)} for key in keys}
    assert copies_per_message_id(tmp_path) == {
        message_id(key): 2 if key == delivered_before_the_kill else 1 for key in keys
    }
