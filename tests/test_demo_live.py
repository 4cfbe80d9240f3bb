"""The demo is live on any date: seeded with the clock moved to three dates a year apart,
it offers the delegate of Austria an open WGETI call, a DIEF meeting ahead with deadlines
to meet, an expert proposal in its silence procedure and a guide revision open for
comments — read through the selectors the pages use. Seeding again changes nothing on the
same day and keeps the record on a later one, which is live again."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.test import override_settings
from django.utils import timezone

from att_portal import demo
from att_portal.directory.models import User
from att_portal.meetings.deadlines import deadlines_of
from att_portal.meetings.enums import Body, DeadlineState
from att_portal.meetings.models import Meeting
from att_portal.meetings.selectors import my_deadlines, with_deadline_data
from forums.demo import AUSTRIAN_CASE
from forums.selectors import admissions_of
from forums.selectors.experts import procedures_visible_to
from forums.selectors.presentations import meetings_for_intentions
from working_groups.guides.selectors import revisions_visible_to
from working_groups.guides.services import OPEN_FOR_COMMENTS, revision_comment_add
from working_groups.selectors.calls import ad_hoc_calls_visible_to, call_is_open
from working_groups.selectors.workplan import meeting_topics_of
from working_groups.services.calls import ad_hoc_proposal_submit
from working_groups.services.presentations import presentation_offer_submit

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")
# Three dates a year apart, from the day this was written.
DATES = (datetime.date(2026, 11, 29), datetime.date(2027, 11, 29), datetime.date(2028, 11, 29))
D = datetime.date
# Seeded on each date: the DIEF meeting ahead (a Wednesday 11 weeks on), the WGETI meeting
# ahead (a Monday 14 weeks on) with its calls for ad hoc issues (some four weeks ahead) and
# for written comments (11 days before the meeting).
AHEAD = {
    DATES[0]: (
        [D(2027, 2, 17)],
        [
            (D(2027, 3, 8), "ad_hoc_issues", D(2026, 12, 28)),
            (D(2027, 3, 8), "written_comments", D(2027, 2, 25)),
        ],
    ),
    DATES[1]: (
        [D(2028, 2, 16)],
        [
            (D(2028, 3, 6), "ad_hoc_issues", D(2027, 12, 27)),
            (D(2028, 3, 6), "written_comments", D(2028, 2, 24)),
        ],
    ),
    DATES[2]: (
        [D(2029, 2, 14)],
        [
            (D(2029, 3, 12), "ad_hoc_issues", D(2029, 1, 1)),
            (D(2029, 3, 12), "written_comments", D(2029, 3, 1)),
        ],
    ),
}
# Deadlines of the Terms of Reference (arts. 8-12), as the meeting page lists them.
DIEF_RULES = {
    "invitations",
    "draft_agenda",
    "expert_proposals",
    "expert_objections_unresolved",
    "concerned_state_notice",
    "concerned_state_reply",
}


def on(day: datetime.date, hour: int = 10):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour), GENEVA), tick=False
    )


def seed() -> None:
    with override_settings(DEBUG=True, DEMO_MODE=True):
        demo.seed()


def what_austria_is_offered() -> dict:
    """What the pages offer the delegate of Austria today, from their selectors."""
    today = timezone.localdate()
    austria = User.objects.get(username="delegate-sp")
    open_calls = [
        deadline.call
        for deadline in my_deadlines(austria)
        if deadline.call is not None
        and deadline.meeting.body == Body.WGETI
        and call_is_open(deadline.call)
    ]
    dief_ahead = [
        meeting
        for meeting in with_deadline_data(meetings_for_intentions(austria))
        if meeting.starts_on > today and meeting.agenda_adopted_at is None
    ]
    deadlines_ahead = {
        meeting.pk: {
            deadline.key
            for deadline in deadlines_of([meeting])
            if deadline.key in DIEF_RULES and deadline.state() == DeadlineState.UPCOMING
        }
        for meeting in dief_ahead
    }
    in_silence = [
        procedure
        for procedure in procedures_visible_to(austria)
        if procedure.silence_running and procedure.days_left_in_silence > 0
    ]
    open_revisions = list(
        revisions_visible_to(austria).filter(
            state__in=OPEN_FOR_COMMENTS, comments_due_on__gte=today
        )
    )
    return {
        "open_calls": open_calls,
        "open_ad_hoc_calls": [c for c in ad_hoc_calls_visible_to(austria) if call_is_open(c)],
        "dief_ahead": [m for m in dief_ahead if len(deadlines_ahead[m.pk]) >= 3],
        "in_silence": in_silence,
        "open_revisions": open_revisions,
    }


def assert_live() -> None:
    offered = what_austria_is_offered()
    assert offered["open_calls"], "no open WGETI call"
    assert offered["dief_ahead"], "no DIEF meeting ahead with deadlines to meet"
    assert offered["in_silence"], "no expert proposal in its silence procedure"
    assert offered["open_revisions"], "no guide revision open for comments"
    # The stories of the personas go on at the DIEF meeting ahead where an expert is in
    # silence: the expert is admitted to Austria's presentation, Thailand is a concerned
    # State, the Chair has a draft agenda.
    in_silence_at = {p.proposal.presentation.meeting_id for p in offered["in_silence"]}
    dief = next(m for m in offered["dief_ahead"] if m.pk in in_silence_at)
    expert = User.objects.get(username="expert")
    admitted = [(a.presentation.case.title, a.presentation.meeting) for a in admissions_of(expert)]
    assert (AUSTRIAN_CASE, dief) in admitted
    presentation = dief.case_presentations.get(case__title=AUSTRIAN_CASE)
    assert [c.state.country.code for c in presentation.concerned_states.all()] == ["TH"]
    assert dief.agenda.items.filter(title_en="Opening of the meeting").exists()


def counts() -> dict[str, int]:
    models = [
        "meetings.CspCycle",
        "meetings.Meeting",
        "meetings.MeetingSession",
        "meetings.MeetingCall",
        "meetings.Invitation",
        "meetings.Participation",
        "directory.RoleAssignment",
        "documents.Agenda",
        "documents.AgendaItem",
        "forums.CasePresentation",
        "forums.ConcernedState",
        "forums.ExpertProposal",
        "forums.ExpertObjection",
        "forums.ExpertAdmission",
        "working_groups.SubWorkingGroup",
        "working_groups.MeetingTopic",
        "working_groups.PresentationOffer",
        "guides.ProposedRevision",
        "guides.RevisionChange",
        "notifications.OutboxMail",
        "notifications.Notice",
    ]
    return {name: apps.get_model(name).objects.count() for name in models}


def record() -> dict[str, set]:
    """Every row that makes the record, as it stands."""
    from forums.models import ExpertProposal
    from working_groups.guides.models import ProposedRevision

    return {
        "meetings": set(
            Meeting.objects.values_list(
                "pk", "cycle__number", "body", "title_en", "title_fr", "starts_on", "ends_on"
            )
        ),
        "calls": set(
            apps.get_model("meetings.MeetingCall").objects.values_list(
                "pk", "meeting_id", "kind", "issued_on", "due_on"
            )
        ),
        "proposals": set(
            ExpertProposal.objects.values_list(
                "pk", "presentation_id", "expert_name", "circulated_at"
            )
        ),
        "revisions": set(
            ProposedRevision.objects.values_list("pk", "title", "state", "comments_due_on")
        ),
    }


@pytest.mark.parametrize("day", DATES)
def test_a_freshly_seeded_demo_is_live_for_austria(day):
    with on(day):
        seed()

        assert_live()
        offered = what_austria_is_offered()
        assert (
            [meeting.starts_on for meeting in offered["dief_ahead"]],
            sorted((c.meeting.starts_on, c.kind, c.due_on) for c in offered["open_calls"]),
        ) == AHEAD[day]
        # Laid out today, every deadline of the Terms of Reference is still ahead.
        (dief,) = offered["dief_ahead"]
        assert {d.key for d in deadlines_of([dief]) if d.state() == "upcoming"} == DIEF_RULES
        wgeti = offered["open_calls"][0].meeting
        assert [(s.body, s.starts_at.astimezone(GENEVA).hour) for s in wgeti.sessions.all()] == [
            *[("WGETI", 10), ("WGETI", 15)] * 2,
            ("WGETI", 10),
            ("WGTU", 15),  # the last afternoon, as in March 2026
        ]
        # The Secretariat has a nomination to decide: Austria's focal point nominated
        # Markus Huber.
        assert list(
            wgeti.participations.values_list("person__username", "status", "nominated_by__username")
        ) == [("markus.huber", "nominated", "delegate-sp")]


@pytest.mark.parametrize("day", DATES)
def test_austria_proposes_an_issue_offers_to_present_and_comments_on_the_guide(day):
    with on(day):
        seed()
        austria = User.objects.get(username="delegate-sp")
        offered = what_austria_is_offered()

        proposal = ad_hoc_proposal_submit(
            by=austria,
            call=offered["open_ad_hoc_calls"][0],
            title="Controls on brokering by sea",
            memorandum="Brokers arrange maritime transfers from third States.",
            guiding_questions="1. Which brokers does your State register?",
            speakers=[{"to_be_confirmed": True}],
        )
        comment = revision_comment_add(
            by=austria, revision=offered["open_revisions"][0], text="Austria agrees."
        )
        meeting = offered["open_ad_hoc_calls"][0].meeting
        topic = meeting_topics_of(austria, meeting).first().topic
        offer = presentation_offer_submit(
            by=austria, meeting=meeting, topic=topic, summary="Austria's licensing practice."
        )

    assert (proposal.state.country.code, comment.on_behalf_of, offer.state.country.code) == (
        "AT",
        "Austria",
        "AT",
    )


@pytest.mark.parametrize("day", DATES)
def test_seeding_twice_on_the_same_day_changes_nothing(day):
    with on(day):
        seed()
        before, kept = counts(), record()
    with on(day, hour=17):
        seed()

        assert (counts(), record()) == (before, kept)


def test_seeding_again_a_year_later_keeps_the_record_and_is_live_again():
    kept = {}
    for day in DATES:
        with on(day):
            seed()

            assert_live()
            for name, rows in record().items():
                assert kept.get(name, set()) <= rows, name
            kept = record()
    dief_years = [m.starts_on.year for m in Meeting.objects.filter(body=Body.DIEF)]
    assert max(dief_years.count(year) for year in dief_years) <= 2  # ToR art. 3


def test_seeding_again_before_the_meeting_keeps_the_meetings_ahead_and_stays_live():
    with on(DATES[0]):
        seed()
        meetings = set(Meeting.objects.values_list("pk", flat=True))
    for days in (6, 20, 40):
        with on(DATES[0] + datetime.timedelta(days=days)):
            seed()

            assert_live()
            assert set(Meeting.objects.values_list("pk", flat=True)) == meetings, days
