"""Beat's reminder task through real workers: each reminder arrives exactly once and a
second run sends nothing new. What a worker killed mid-batch may send twice is proven for
the outbox in test_celery_worker.py."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from att_portal.celery import app
from att_portal.directory.enums import Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from att_portal.notifications.enums import MailState
from att_portal.notifications.models import OutboxMail
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    UserFactory,
)

from .worker import delivered_keys, running_worker, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


@pytest.fixture
def deadlines_due_soon():
    """Three Secretariat officers to remind of DIEF invitations due in three days, and
    twelve focal points to remind of a WGETI call due tomorrow: 15 reminders."""
    today = timezone.localdate()
    for _ in range(3):
        SecretariatUserFactory()
    DiefMeetingFactory(
        starts_on=today + datetime.timedelta(days=53), ends_on=today + datetime.timedelta(days=53)
    )
    wgeti = MeetingFactory(
        body=Body.WGETI,
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=22),
    )
    for _ in range(12):
        RoleAssignmentFactory(user=UserFactory(), role=Role.FOCAL_POINT)
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=wgeti)
    MeetingCall.objects.create(
        meeting=wgeti,
        kind=CallKind.WRITTEN_COMMENTS,
        title="Written comments",
        issued_on=today,
        due_on=today + datetime.timedelta(days=1),
    )
    OutboxMail.objects.all().delete()  # the invitations are not what this test counts
    return 4 + 12  # 4 Secretariat users (one sent the invitations) and 12 focal points


def reminder_keys() -> set[str]:
    return set(OutboxMail.objects.filter(key__startswith="reminder:").values_list("key", flat=True))


def all_sent() -> bool:
    return not OutboxMail.objects.exclude(state=MailState.SENT).exists()


def test_each_reminder_arrives_exactly_once_and_a_second_run_sends_nothing(
    deadlines_due_soon, tmp_path
):
    mailbox = {
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(tmp_path),
    }
    with running_worker(**mailbox), running_worker(**mailbox):  # two workers compete
        for _ in range(3):
            app.send_task("meetings.send_deadline_reminders")
            app.send_task("notifications.send_queued_mail")
        assert wait_for(lambda: len(reminder_keys()) == deadlines_due_soon and all_sent())
        first = delivered_keys(tmp_path)

        app.send_task("meetings.send_deadline_reminders")
        app.send_task("notifications.send_queued_mail")
        wait_for(lambda: False, seconds=3)
        second = delivered_keys(tmp_path)

    assert set(first) == reminder_keys()
    assert set(first.values()) == {1}
    assert second == first
