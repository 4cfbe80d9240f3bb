"""Reminders: the right people, once per deadline, recipient and step."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings import services
from att_portal.meetings.enums import Body, CallKind, ReminderStep
from att_portal.meetings.models import DeadlineCompletion, MeetingCall
from att_portal.meetings.reminders import reminders_queue, step_for
from att_portal.notifications.models import Notice, OutboxMail
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
START = D(2027, 2, 17)  # DIEF: invitations due 2026-12-29, draft agenda 2027-01-18


def keys() -> list[str]:
    return sorted(OutboxMail.objects.values_list("key", flat=True))


@pytest.mark.parametrize(
    ("days_left", "step"),
    [
        (8, None),
        (7, ReminderStep.WEEK_BEFORE),
        (5, ReminderStep.WEEK_BEFORE),
        (1, ReminderStep.DAY_BEFORE),
        (0, ReminderStep.ON_THE_DAY),
    ],
)
def test_the_latest_applicable_step_is_chosen(days_left, step):
    assert step_for(days_left) == step


def test_secretariat_is_reminded_of_dief_invitations_a_week_before_once():
    officer = SecretariatUserFactory(preferred_language="fr")
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)

    reminders_queue(today=D(2026, 12, 22))
    reminders_queue(today=D(2026, 12, 22))

    assert keys() == [f"reminder:{meeting.pk}:invitations:7d:{officer.pk}"]
    mail = OutboxMail.objects.get()
    assert (mail.language, mail.to_address) == ("fr", officer.email)
    assert meeting.title not in mail.body_text
    assert Notice.objects.get(recipient=officer).url == f"/meetings/{meeting.pk}/"


def test_each_step_goes_out_once_over_the_days():
    officer = SecretariatUserFactory()
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)

    for day in range(15, 32):
        reminders_queue(today=D(2026, 12, day))

    assert keys() == [
        f"reminder:{meeting.pk}:invitations:{step}:{officer.pk}" for step in ("0d", "1d", "7d")
    ]


def test_a_met_deadline_is_not_reminded():
    officer = SecretariatUserFactory()
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)
    DeadlineCompletion.objects.create(
        meeting=meeting, key="invitations", completed_at=timezone.now(), completed_by=officer
    )

    reminders_queue(today=D(2026, 12, 28))

    assert keys() == []


def test_chair_and_secretariat_are_reminded_of_the_draft_agenda():
    chair = UserFactory()
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    officer = SecretariatUserFactory()
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)

    reminders_queue(today=D(2027, 1, 17))

    assert keys() == sorted(
        f"reminder:{meeting.pk}:draft_agenda:1d:{person.pk}" for person in (chair, officer)
    )


def test_invited_delegations_are_reminded_of_a_call_of_their_meeting():
    focal = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))  # not invited
    meeting = MeetingFactory(body=Body.WGETI, starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    call = MeetingCall.objects.create(
        meeting=meeting,
        kind=CallKind.WRITTEN_COMMENTS,
        title="Written comments",
        issued_on=D(2026, 2, 20),
        due_on=D(2026, 3, 5),
    )
    OutboxMail.objects.all().delete()

    reminders_queue(today=D(2026, 3, 5))

    assert keys() == [f"reminder:{meeting.pk}:call-{call.pk}:0d:{focal.pk}"]


def test_scan_over_ten_thousand_deadlines_takes_a_bounded_number_of_queries():
    SecretariatUserFactory()
    focal = UserFactory()
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    meetings = [MeetingFactory(body=Body.WGETI) for _ in range(20)]
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meetings[0])

    def add_calls(count):
        MeetingCall.objects.bulk_create(
            [
                MeetingCall(
                    meeting=meetings[i % 20],
                    kind=CallKind.OTHER,
                    title=f"Call {i}",
                    issued_on=D(2026, 1, 1),
                    due_on=D(2026, 3, 1 + i % 20),
                )
                for i in range(count)
            ]
        )

    add_calls(10)
    with CaptureQueriesContext(connection) as small:
        reminders_queue(today=D(2026, 3, 1))
    add_calls(9_990)
    with CaptureQueriesContext(connection) as large:
        reminders_queue(today=D(2026, 3, 1))

    def reads(context):
        return [q["sql"] for q in context.captured_queries if q["sql"].startswith("SELECT")]

    # Reads do not grow with the deadlines (two of them ask which keys are queued already);
    # writes are batched INSERTs of the messages.
    assert len(reads(large)) == len(reads(small)) <= 10
    # Meeting 0 (the only one with an invited delegation) has 501 calls due on 1 March.
    assert OutboxMail.objects.filter(key__startswith="reminder:").count() == 501


def test_a_second_run_renders_and_queues_nothing(monkeypatch):
    from att_portal.notifications import services as outbox

    focal = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    SecretariatUserFactory()
    meeting = MeetingFactory(body=Body.WGETI, starts_on=D(2026, 3, 16), ends_on=D(2026, 3, 18))
    services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=meeting)
    MeetingCall.objects.bulk_create(
        MeetingCall(
            meeting=meeting,
            kind=CallKind.OTHER,
            title=f"Call {i}",
            issued_on=D(2026, 2, 1),
            due_on=D(2026, 3, 5),
        )
        for i in range(30)
    )
    asked = reminders_queue(today=D(2026, 3, 1))
    queued = (OutboxMail.objects.count(), Notice.objects.count())
    rendered = []
    monkeypatch.setattr(outbox, "render_to_string", lambda *a, **k: rendered.append(a))
    monkeypatch.setattr(outbox.transaction, "on_commit", lambda *a, **k: rendered.append(a))

    again = reminders_queue(today=D(2026, 3, 1))

    assert (asked, again) == (30, 30)  # the same messages asked for ...
    assert rendered == []  # ... none rendered, no delivery scheduled
    assert (OutboxMail.objects.count(), Notice.objects.count()) == queued
