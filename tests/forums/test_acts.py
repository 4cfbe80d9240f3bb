"""What the DIEF asks of a State is in its delegates' My deadlines and calendar feed: the
presenting State's notices and expert proposals, the concerned State's reply, objections
to a circulated expert, positions on a briefing — and nothing for those who do not act."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from att_portal.l10n.dates import un_date
from att_portal.meetings.calendar import calendar_for
from att_portal.meetings.deadlines import Act
from att_portal.meetings.enums import DeadlineState
from att_portal.meetings.selectors import my_deadlines
from forums.deadlines import silence_procedure_end
from forums.models import CasePresentation, ConcernedState, ExpertProposal
from forums.services.experts import expert_objection_raise
from forums.services.presentations import concerned_state_reply
from tests.conftest import sign_in
from tests.factories.forums import CaseFactory, CasePresentationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_users):
    notice = ConcernedState.objects.select_related("presentation__meeting").get(
        state__country="TH", presentation__meeting__starts_on__gt=timezone.localdate()
    )
    return {**demo_users, "notice": notice, "meeting": notice.presentation.meeting}


def acts(user, kind: str = "") -> list[Act]:
    return [d for d in my_deadlines(user) if isinstance(d, Act) and d.uid.startswith(kind)]


def test_the_concerned_and_the_presenting_state_find_their_acts_on_the_page_and_in_the_feed(
    client, demo
):
    thailand, austria = demo["delegate-sig"], demo["delegate-sp"]
    starts_on = demo["meeting"].starts_on

    [reply] = acts(thailand, "dief-concerned_state_reply")
    page = sign_in(client, thailand).get(reverse("meetings:my_deadlines")).content.decode()
    feed = calendar_for(thailand).decode()

    reply_due = starts_on - datetime.timedelta(days=15)  # ToR art. 12
    assert (reply.due_on, str(reply.title)) == (reply_due, "Reply to the notice of Austria")
    assert reply.url == reverse("dief:concerned_reply", args=[demo["notice"].presentation_id])
    assert "Reply to the notice of Austria" in page
    assert un_date(reply_due) in page
    assert reply.url in page
    [event] = [e for e in feed.split("BEGIN:VEVENT") if f"UID:act-{reply.uid}@" in e]
    assert f"DTSTART;VALUE=DATE:{reply_due:%Y%m%d}" in event
    # The feed leaves the portal: the date, never which State notified whom.
    assert "Austria" not in event
    assert "CONFIDENTIAL" in event

    mine = {a.uid.split("-")[1]: a for a in acts(austria, "dief-") if a.meeting == demo["meeting"]}
    client.logout()
    page = sign_in(client, austria).get(reverse("meetings:my_deadlines")).content.decode()
    feed = calendar_for(austria).decode()

    notice_due = starts_on - datetime.timedelta(days=30)  # ToR arts. 8, 12
    assert {key: a.due_on for key, a in mine.items()} == {
        "concerned_state_notice": notice_due,
        "expert_proposals": notice_due,
    }
    assert "Notify the States your case concerns" in page
    assert "Propose non-state experts, if you wish" in page
    assert "Nothing is due" not in page
    assert f"UID:act-{mine['concerned_state_notice'].uid}@" in feed


def test_a_reply_given_shows_as_met_on_the_day_it_was_given(demo):
    thailand = demo["delegate-sig"]
    concerned_state_reply(by=thailand, concerned=demo["notice"], reply="We are looking into it.")

    [reply] = acts(thailand, "dief-concerned_state_reply")

    assert reply.completed_on == timezone.localdate()
    assert reply.state() == DeadlineState.MET


def test_other_states_parties_may_object_to_an_expert_until_they_have(demo):
    mexico = demo["dief-chair"]  # a delegate of Mexico, a State Party
    proposal = ExpertProposal.objects.get(expert_name="Dr. Marta Kowalska")
    uid = f"dief-expert-objection-{proposal.pk}"
    [before] = acts(mexico, uid)

    expert_objection_raise(by=mexico, proposal=proposal, reasons="")

    assert before.due_on >= timezone.localdate()
    assert acts(mexico, uid) == []
    assert acts(demo["delegate-sp"], uid) == []  # Austria proposed the expert
    assert acts(demo["delegate-sig"], uid) == []  # Thailand is a signatory (art. 8)


def test_those_the_forum_asks_nothing_of_get_none_of_its_acts(demo):
    for role in ("delegate-obs", "ngo", "expert", "secretariat"):
        assert [a.uid for a in acts(demo[role]) if a.confidential_forum] == [], role


def test_the_page_reads_as_much_with_many_presentations_and_notices_as_with_one(client, demo):
    austria, thailand = demo["delegate-sp"], demo["delegate-sig"]
    sign_in(client, thailand)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("meetings:my_deadlines")).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(6):
        presentation = CasePresentationFactory(
            case=CaseFactory(provider=austria), meeting=demo["meeting"]
        )
        ConcernedState.objects.create(
            presentation=presentation, state=thailand.state, notified_by=austria
        )

    assert len(acts(thailand, "dief-concerned_state_reply")) == 7
    assert queries() == before
    assert CasePresentation.objects.filter(meeting=demo["meeting"]).count() == 7


def test_several_experts_in_the_silence_procedure_make_one_line_for_their_meeting(demo):
    mexico = demo["dief-chair"]  # a delegate of Mexico, a State Party
    kowalska = ExpertProposal.objects.get(expert_name="Dr. Marta Kowalska")
    for name in ("Ana Ruiz", "Omar Haddad"):
        ExpertProposal.objects.create(
            presentation=kowalska.presentation,
            expert_name=name,
            expert_email=f"{name.split()[0].lower()}@example.org",
            expert_affiliation="Institute",
            expertise="Tracing.",
            purpose="The case.",
            proposing_state=kowalska.proposing_state,
            proposed_by=kowalska.proposed_by,
            circulated_at=timezone.now(),
            circulated_by=kowalska.circulated_by,
        )

    objections = [a for a in acts(mexico, "dief-expert-objection") if a.meeting == demo["meeting"]]

    [line] = objections
    assert line.subject == "3 proposed experts in the silence procedure"
    assert line.url == reverse("dief:expert_proposal_list")
    assert line.due_on == silence_procedure_end(timezone.localdate(kowalska.circulated_at))
