"""The expert procedure's tasks through a real Celery worker: the silence is closed and an
unresolved objection referred exactly once, however often the tasks run."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from att_portal.celery import app
from att_portal.directory.enums import AttStatus
from att_portal.notifications.models import OutboxMail
from forums.models import ExpertAdmission, ExpertObjection, ExpertProposal
from tests.factories import DiefMeetingFactory, SecretariatUserFactory, StateFactory, UserFactory
from tests.factories.forums import CaseFactory, CasePresentationFactory

from .worker import running_worker, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def proposal_for(*, starts_in: int, circulated_ago: int, objecting_state=None) -> ExpertProposal:
    """A proposal circulated `circulated_ago` days ago for a meeting in `starts_in` days."""
    today = timezone.localdate()
    proposer = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    start = today + datetime.timedelta(days=starts_in)
    presentation = CasePresentationFactory(
        case=CaseFactory(provider=proposer),
        meeting=DiefMeetingFactory(starts_on=start, ends_on=start),
    )
    circulated = timezone.now() - datetime.timedelta(days=circulated_ago)
    proposal = ExpertProposal.objects.create(
        presentation=presentation,
        expert_name="Claire Martin",
        expert_email=f"claire.{presentation.pk}@example.org",
        expert_affiliation="Institute for Tracing Studies",
        expertise="Tracing.",
        purpose="To explain the tracing results.",
        proposing_state=proposer.state,
        proposed_by=proposer,
        circulated_at=circulated,
        circulated_by=SecretariatUserFactory(),
    )
    if objecting_state is not None:
        objector = UserFactory(state=objecting_state)
        objection = ExpertObjection.objects.create(
            proposal=proposal,
            state=objecting_state,
            reasons="Conflict of interest.",
            raised_by=objector,
        )
        ExpertObjection.objects.filter(pk=objection.pk).update(raised_at=circulated)
    return proposal


def test_close_and_referral_tasks_act_once_in_a_real_worker():
    approved = proposal_for(starts_in=60, circulated_ago=6)
    # Day S − 20 was yesterday and ended with the objection standing (ToR art. 8).
    disputed = proposal_for(
        starts_in=19, circulated_ago=10, objecting_state=StateFactory(status=AttStatus.STATE_PARTY)
    )

    with running_worker() as worker:
        for _ in range(2):  # twice each: the second run must change nothing
            app.send_task("forums.close_silence_procedure", args=[approved.pk])
            app.send_task("forums.close_silence_procedure", args=[disputed.pk])
            app.send_task("forums.refer_unresolved_objections", args=[disputed.pk])
            app.send_task("forums.refer_unresolved_objections", args=[approved.pk])
        app.send_task("forums.advance_expert_procedures")
        done = wait_for(
            lambda: (
                ExpertAdmission.objects.filter(proposal=approved).exists()
                and ExpertProposal.objects.filter(
                    pk=disputed.pk, referred_at__isnull=False
                ).exists()
                and ExpertProposal.objects.filter(
                    pk=disputed.pk, silence_closed_at__isnull=False
                ).exists()
            )
        )
        if not done:
            pytest.fail("The worker did not close and refer within 60 s.")
        mails = OutboxMail.objects.count()
        app.send_task("forums.advance_expert_procedures")
        app.send_task("forums.refer_unresolved_objections", args=[disputed.pk])
        app.send_task("forums.close_silence_procedure", args=[approved.pk])
        wait_for(lambda: False, seconds=3)  # let those runs be consumed
        assert worker.poll() is None

    approved.refresh_from_db()
    disputed.refresh_from_db()
    assert ExpertAdmission.objects.filter(proposal=approved).count() == 1
    assert ExpertAdmission.objects.filter(proposal=disputed).count() == 0
    assert approved.referred_at is None  # nothing to refer: approved by silence
    assert OutboxMail.objects.count() == mails
    keys = list(OutboxMail.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    assert f"dief-expert-welcome:{ExpertAdmission.objects.get(proposal=approved).pk}" in keys
