"""DIEF deadlines from the rule table, on the real meetings and across boundaries."""

import datetime

import pytest

from att_portal.meetings.deadlines import deadlines_of
from att_portal.meetings.enums import Body, DeadlineState
from att_portal.meetings.models import DeadlineCompletion
from forums.deadlines import dief_deadlines, silence_procedure_end
from tests.factories import MeetingFactory, SecretariatUserFactory

D = datetime.date


def test_dief_deadlines_of_the_february_2024_review_meeting():
    assert dief_deadlines(D(2024, 2, 22)) == {
        "invitations": D(2024, 1, 3),
        "draft_agenda": D(2024, 1, 23),
        "expert_proposals": D(2024, 1, 23),
        "expert_objections_unresolved": D(2024, 2, 2),
        "concerned_state_notice": D(2024, 1, 23),
        "concerned_state_reply": D(2024, 2, 7),
    }


@pytest.mark.parametrize(
    ("start", "invitations", "draft_agenda", "reply"),
    [
        (D(2022, 8, 24), D(2022, 7, 5), D(2022, 7, 25), D(2022, 8, 9)),  # during CSP8
        (D(2023, 5, 11), D(2023, 3, 22), D(2023, 4, 11), D(2023, 4, 26)),  # May 2023
        (D(2023, 8, 23), D(2023, 7, 4), D(2023, 7, 24), D(2023, 8, 8)),  # during CSP9
        (D(2025, 2, 10), D(2024, 12, 22), D(2025, 1, 11), D(2025, 1, 26)),  # across a year
        (D(2024, 3, 30), D(2024, 2, 9), D(2024, 2, 29), D(2024, 3, 15)),  # leap day
        (D(2026, 4, 14), D(2026, 2, 23), D(2026, 3, 15), D(2026, 3, 30)),  # DST on 29 March
        (D(2026, 11, 10), D(2026, 9, 21), D(2026, 10, 11), D(2026, 10, 26)),  # DST on 25 Oct
    ],
)
def test_dief_deadlines_count_calendar_days_back_from_the_first_day(
    start, invitations, draft_agenda, reply
):
    deadlines = dief_deadlines(start)

    assert (
        deadlines["invitations"],
        deadlines["draft_agenda"],
        deadlines["concerned_state_reply"],
    ) == (invitations, draft_agenda, reply)


@pytest.mark.parametrize(
    ("circulated", "last_day"),
    [
        (D(2024, 1, 10), D(2024, 1, 15)),
        (D(2023, 12, 29), D(2024, 1, 3)),
        (D(2024, 2, 26), D(2024, 3, 2)),
        (D(2026, 3, 27), D(2026, 4, 1)),
    ],
)
def test_silence_procedure_ends_five_days_after_circulation(circulated, last_day):
    assert silence_procedure_end(circulated) == last_day


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2024, 1, 2), DeadlineState.UPCOMING),
        (D(2024, 1, 3), DeadlineState.DUE_TODAY),
        (D(2024, 1, 4), DeadlineState.MISSED),
    ],
)
def test_deadline_state_follows_the_date_when_nothing_is_recorded(today, state):
    meeting = MeetingFactory(body=Body.DIEF, starts_on=D(2024, 2, 22), ends_on=D(2024, 2, 22))

    invitations = next(d for d in deadlines_of([meeting]) if d.key == "invitations")

    assert invitations.state(today) == state


@pytest.mark.django_db
def test_recorded_act_makes_the_deadline_met_with_who_and_when():
    import datetime as dt

    from django.utils import timezone

    meeting = MeetingFactory(body=Body.DIEF, starts_on=D(2024, 2, 22), ends_on=D(2024, 2, 22))
    officer = SecretariatUserFactory()
    at = timezone.make_aware(dt.datetime(2024, 1, 5, 9, 0))
    DeadlineCompletion.objects.create(
        meeting=meeting, key="invitations", completed_at=at, completed_by=officer
    )

    invitations = next(d for d in deadlines_of([meeting]) if d.key == "invitations")

    assert (
        invitations.state(D(2024, 2, 1)),
        invitations.completion.completed_by,
        invitations.met_late,
    ) == (DeadlineState.MET, officer, True)


@pytest.mark.django_db
def test_per_state_deadline_closes_rather_than_being_missed():
    meeting = MeetingFactory(body=Body.DIEF, starts_on=D(2024, 2, 22), ends_on=D(2024, 2, 22))

    reply = next(d for d in deadlines_of([meeting]) if d.key == "concerned_state_reply")

    assert reply.state(D(2024, 2, 8)) == DeadlineState.CLOSED
