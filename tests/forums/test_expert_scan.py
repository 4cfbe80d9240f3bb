"""The hourly scan of expert procedures (ToR art. 8) reads every proposal at once and locks
only those that need an act: its queries do not grow with the number of proposals,
whether it acts or finds nothing to do."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from att_portal.directory.enums import AttStatus
from att_portal.directory.models import User
from att_portal.notifications.models import OutboxMail
from forums.models import ExpertAdmission, ExpertObjection, ExpertProposal
from forums.services.experts import expert_procedures_advance
from tests.factories import (
    DiefMeetingFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, CasePresentationFactory

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")
TODAY = datetime.date(2027, 1, 10)
# Per ten proposals: what the scan of TODAY finds.
KINDS = [
    "uncirculated",  # the Secretariat is reminded
    "uncirculated",
    "in silence",  # nothing to do
    "last day",  # the States Parties are reminded
    "silence over",  # closed, the expert approved: a new account, an admission
    "silence over",
    "objected",  # closed, the two States told to consult
    "unresolved",  # referred for a procedural decision
    "unresolved",
    "approved",  # closed and approved earlier: nothing to do
]


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ZURICH)


@pytest.fixture
def world():
    officer = SecretariatUserFactory()
    parties = [StateFactory(status=AttStatus.STATE_PARTY) for _ in range(3)]
    delegates = [UserFactory(state=state) for state in parties]
    for delegate in delegates:
        RoleAssignmentFactory(user=delegate, role="focal_point")
    later = DiefMeetingFactory(
        starts_on=TODAY + datetime.timedelta(days=60),
        ends_on=TODAY + datetime.timedelta(days=60),
    )
    soon = DiefMeetingFactory(
        starts_on=TODAY + datetime.timedelta(days=15),
        ends_on=TODAY + datetime.timedelta(days=15),
    )
    case = CaseFactory(provider=delegates[0])
    return {
        "officer": officer,
        "delegates": delegates,
        "later": CasePresentationFactory(case=case, meeting=later),
        "soon": CasePresentationFactory(case=case, meeting=soon),
    }


def make_proposals(world, count: int, first: int = 0) -> None:
    proposer, objector = world["delegates"][0], world["delegates"][1]
    proposals, kinds = [], []
    for n in range(first, first + count):
        kind = KINDS[n % len(KINDS)]
        circulated = {
            "uncirculated": None,
            "in silence": TODAY - datetime.timedelta(days=2),
            "last day": TODAY - datetime.timedelta(days=5),
            "silence over": TODAY - datetime.timedelta(days=7),
            "objected": TODAY - datetime.timedelta(days=7),
        }.get(kind, TODAY - datetime.timedelta(days=30))
        proposals.append(
            ExpertProposal(
                presentation=world["soon" if kind in ("unresolved", "approved") else "later"],
                expert_name=f"Expert Number{n}",
                expert_email=f"expert{n}@example.org",
                expert_affiliation=f"Institute {n % 7}",
                expertise="Tracing.",
                purpose="To explain the tracing.",
                proposing_state=proposer.state,
                proposed_by=proposer,
                circulated_at=noon(circulated) if circulated else None,
                circulated_by=world["officer"] if circulated else None,
                silence_closed_at=timezone.now() if kind in ("unresolved", "approved") else None,
            )
        )
        kinds.append(kind)
    proposals = ExpertProposal.objects.bulk_create(proposals)
    objections = [
        ExpertObjection(
            proposal=proposal, state=objector.state, raised_by=objector, reasons="A party."
        )
        for proposal, kind in zip(proposals, kinds, strict=True)
        if kind in ("objected", "unresolved")
    ]
    ExpertObjection.objects.bulk_create(objections)
    for objection in objections:  # raised during the silence
        ExpertObjection.objects.filter(pk=objection.pk).update(
            raised_at=objection.proposal.circulated_at + datetime.timedelta(days=1)
        )


@pytest.fixture(autouse=True)
def _mail_left_in_the_outbox(monkeypatch):
    """The scan queues mail; sending it is the outbox's task, not counted here."""
    monkeypatch.setattr("att_portal.notifications.tasks.send_queued_mail.delay", lambda: None)


def scan(django_capture_on_commit_callbacks) -> tuple[dict, list[str]]:
    with (
        time_machine.travel(noon(TODAY), tick=False),
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        acted = expert_procedures_advance()
    return acted, [q["sql"] for q in queries.captured_queries]


def statements(sql: list[str]) -> list[str]:
    """The statements, a bulk write counted once per table: Django splits a bulk INSERT or
    UPDATE in batches of 999 parameters on SQLite (one statement on PostgreSQL)."""
    seen, kept = set(), []
    for statement in sql:
        write = re.match(r'(INSERT(?: OR IGNORE)? INTO|UPDATE) "(\w+)"', statement)
        if write and (statement.startswith("INSERT") or " CASE WHEN " in statement):
            if write.groups() in seen:
                continue
            seen.add(write.groups())
        kept.append(statement)
    return kept


def test_the_scan_acts_on_1000_proposals_in_as_many_queries_as_on_10(
    world, django_capture_on_commit_callbacks
):
    make_proposals(world, 10)
    small, small_sql = scan(django_capture_on_commit_callbacks)
    make_proposals(world, 990, first=10)
    large, large_sql = scan(django_capture_on_commit_callbacks)

    assert small == {"uncirculated": 2, "closed": 3, "referred": 2, "reminded": 1}
    assert large == {"uncirculated": 200, "closed": 297, "referred": 198, "reminded": 100}
    assert len(statements(large_sql)) == len(statements(small_sql)) <= 30
    if connection.vendor == "postgresql":
        assert len(large_sql) <= 30
    assert ExpertAdmission.objects.count() == 200
    assert User.objects.filter(email__startswith="expert").count() == 200
    assert ExpertProposal.objects.filter(referred_at__isnull=False).count() == 200


def test_a_scan_with_nothing_new_to_do_reads_1000_proposals_in_a_few_queries(
    world, django_capture_on_commit_callbacks
):
    make_proposals(world, 1000)
    scan(django_capture_on_commit_callbacks)
    queued = OutboxMail.objects.count()

    acted, sql = scan(django_capture_on_commit_callbacks)

    # The same reminders are due (the Secretariat's once a day, the last day's) and are
    # queued already: nothing is locked, written or queued again.
    assert acted == {"uncirculated": 200, "closed": 0, "referred": 0, "reminded": 100}
    assert OutboxMail.objects.count() == queued
    assert len(sql) <= 10
    assert not [s for s in sql if s.startswith(("INSERT", "UPDATE"))]
    assert not [s for s in sql if "FOR UPDATE" in s]
