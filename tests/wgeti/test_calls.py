"""Calls for ad hoc issues (seeds 002 and 004): the call, proposals with at most three
speakers until the end of the due day (Geneva), the Chair's decision, taken once, and the
agenda item of an accepted issue; who sees which proposal."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from documents.models import Agenda, AgendaItem
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    MeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from working_groups.enums import ProposalState
from working_groups.models import AdHocIssueProposal, ProposedSpeaker, SubWorkingGroup
from working_groups.selectors.calls import ad_hoc_calls_visible_to, proposals_visible_to
from working_groups.services.calls import (
    ad_hoc_call_issue,
    ad_hoc_proposal_decide,
    ad_hoc_proposal_submit,
)

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")
ISSUED = datetime.datetime(2025, 12, 4, 10, 0, tzinfo=GENEVA)
LAST_MINUTE = datetime.datetime(2026, 2, 1, 23, 59, 30, tzinfo=GENEVA)
TOO_LATE = datetime.datetime(2026, 2, 2, 0, 0, 30, tzinfo=GENEVA)
LATE_MESSAGE = "Proposals for this call were due by 1 February 2026."
SPEAKER = {"name": "Dr Stuart Casey-Maslen", "title": "Adviser", "affiliation": "Geneva Academy"}
TBC = {"name": "", "title": "", "affiliation": "UNIDIR", "to_be_confirmed": True}


def delegate(status=AttStatus.STATE_PARTY):
    return UserFactory(state=StateFactory(status=status))


def chair():
    return RoleAssignmentFactory(role=Role.WGETI_CHAIR, user=UserFactory()).user


@pytest.fixture
def meeting():
    return MeetingFactory(
        body=Body.WGETI,
        cycle=CspCycleFactory(number=12, year=2026),
        title="WGETI meeting, March 2026",
        starts_on=datetime.date(2026, 3, 16),
        ends_on=datetime.date(2026, 3, 18),
    )


@pytest.fixture
def wgeti_chair():
    return chair()


@pytest.fixture
def call(meeting, wgeti_chair):
    with time_machine.travel(ISSUED, tick=False):
        return ad_hoc_call_issue(
            by=wgeti_chair,
            meeting=meeting,
            title="Proposals of ad hoc issues",
            issued_on=datetime.date(2025, 12, 4),
            due_on=datetime.date(2026, 2, 1),
            issued_by="CSP12 President",
        )


REASON = "The agenda of the sub-working group is full."


def propose(by, call, *, speakers=(SPEAKER,), at=LAST_MINUTE, **extra):
    with time_machine.travel(at, tick=False):
        return ad_hoc_proposal_submit(
            by=by,
            call=call,
            title=extra.pop("title", "Maritime security and the Arms Trade Treaty"),
            memorandum="Diversion during maritime transit and trans-shipment.",
            guiding_questions=extra.pop(
                "guiding_questions", "What maritime threats concern your State?"
            ),
            speakers=list(speakers),
            **extra,
        )


def proposal_post(*, speakers: list[dict], title: str = "Maritime security") -> dict:
    data = {
        "title": title,
        "memorandum": "Diversion at sea.",
        "guiding_questions": "Which practices?",
        "speakers-TOTAL_FORMS": str(max(len(speakers), 3)),
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "3",
    }
    for index, speaker in enumerate(speakers):
        for key, value in speaker.items():
            if key == "to_be_confirmed":
                if value:
                    data[f"speakers-{index}-{key}"] = "on"
            else:
                data[f"speakers-{index}-{key}"] = value
    return data


# -- The call --------------------------------------------------------------------------


def test_chair_issues_a_call_for_ad_hoc_issues_on_the_wgeti_meeting(call, meeting):
    stored = MeetingCall.objects.get(pk=call.pk)

    assert (stored.meeting, stored.kind, stored.issued_by) == (
        meeting,
        CallKind.AD_HOC_ISSUES,
        "CSP12 President",
    )
    assert (stored.issued_on, stored.due_on) == (
        datetime.date(2025, 12, 4),
        datetime.date(2026, 2, 1),
    )


@pytest.mark.parametrize("make", [delegate, OrganisationUserFactory])
def test_a_delegate_or_an_organisation_may_not_issue_a_call(make, meeting):
    with pytest.raises(PermissionDenied), time_machine.travel(ISSUED, tick=False):
        ad_hoc_call_issue(
            by=make(),
            meeting=meeting,
            title="A call",
            issued_on=datetime.date(2025, 12, 4),
            due_on=datetime.date(2026, 2, 1),
        )

    assert MeetingCall.objects.count() == 0


def test_call_new_page_is_for_officers_only(meeting):
    client = sign_in(Client(), delegate())

    assert client.get(reverse("wgeti:call_new", args=[meeting.pk])).status_code == 403


def test_officer_issues_a_call_through_the_page(meeting):
    client = sign_in(Client(), SecretariatUserFactory())
    data = {
        "title": "Proposals of ad hoc issues",
        "issued_by": "WGETI Chair",
        "issued_on": "2025-12-04",
        "due_on": "2026-02-01",
    }
    with time_machine.travel(ISSUED, tick=False):
        response = client.post(reverse("wgeti:call_new", args=[meeting.pk]), data)

    call = MeetingCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wgeti:call_detail", args=[call.pk])
    assert (call.kind, call.issued_by) == (CallKind.AD_HOC_ISSUES, "WGETI Chair")


def test_a_french_call_title_entered_in_the_form_is_shown_to_a_french_reader(meeting):
    officer = sign_in(Client(), SecretariatUserFactory())
    data = {
        "title": "Proposals of ad hoc issues for March 2026",
        "title__fr": "Propositions de questions ad hoc pour mars 2026",
        "issued_on": "2025-12-04",
        "due_on": "2026-02-01",
    }
    with time_machine.travel(ISSUED, tick=False):
        officer.post(reverse("wgeti:call_new", args=[meeting.pk]), data)
        call = MeetingCall.objects.get()
        french = sign_in(Client(), UserFactory(preferred_language="fr", state=StateFactory()))
        spanish = sign_in(Client(), UserFactory(preferred_language="es", state=StateFactory()))
        url = reverse("wgeti:call_detail", args=[call.pk])
        in_french, in_spanish = french.get(url), spanish.get(url)

    assert (call.title_en, call.title_fr, call.title_es) == (
        "Proposals of ad hoc issues for March 2026",
        "Propositions de questions ad hoc pour mars 2026",
        None,
    )
    assert '<h1 class="h3">Propositions de questions ad hoc pour mars 2026 ' in (
        in_french.content.decode()
    )
    with translation.override("es"):
        mark = gettext("(in English)")
    assert (
        '<h1 class="h3"><span lang="en" dir="ltr">Proposals of ad hoc issues for March 2026'
        f'</span> <small class="fallback-mark">{mark}</small> '
    ) in in_spanish.content.decode()


def test_call_form_offers_the_usual_title_in_english_to_an_officer_reading_french(meeting):
    officer = SecretariatUserFactory(preferred_language="fr")
    client = sign_in(Client(), officer)

    form = client.get(reverse("wgeti:call_new", args=[meeting.pk])).context["form"]

    with translation.override("fr"):
        french = gettext("Proposals of ad hoc issues")
    assert form["title"].value() == "Proposals of ad hoc issues"
    assert form["title__fr"].value() == (french if french != "Proposals of ad hoc issues" else None)


# -- Proposals --------------------------------------------------------------------------
# -- Proposals --------------------------------------------------------------------------


def test_delegate_proposes_an_issue_until_the_end_of_the_due_day(call):
    author = delegate()

    proposal = propose(author, call, speakers=[SPEAKER, TBC])

    assert (proposal.state, proposal.organisation, proposal.submitted_by) == (
        author.state,
        None,
        author,
    )
    assert proposal.state_of_proposal == ProposalState.SUBMITTED
    assert list(proposal.speakers.values_list("position", "name", "to_be_confirmed")) == [
        (1, "Dr Stuart Casey-Maslen", False),
        (2, "", True),
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda: delegate(AttStatus.NON_SIGNATORY),
        lambda: delegate(AttStatus.SIGNATORY),
        OrganisationUserFactory,
    ],
    ids=["observer", "signatory", "organisation"],
)
def test_observers_signatories_and_organisations_may_propose(make, call):
    author = make()

    proposal = propose(author, call)

    assert proposal.contributor == (author.state or author.organisation)


def test_late_proposal_is_refused_naming_the_deadline(call):
    with pytest.raises(ValidationError) as refusal:
        propose(delegate(), call, at=TOO_LATE)

    assert refusal.value.messages == [LATE_MESSAGE]
    assert AdHocIssueProposal.objects.count() == 0


def test_late_proposal_posted_on_the_page_comes_back_with_the_deadline(call):
    client = sign_in(Client(), delegate())
    with time_machine.travel(TOO_LATE, tick=False):
        response = client.post(
            reverse("wgeti:proposal_new", args=[call.pk]), proposal_post(speakers=[SPEAKER])
        )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [LATE_MESSAGE]
    assert AdHocIssueProposal.objects.count() == 0


def test_a_fourth_speaker_is_refused(call):
    with pytest.raises(ValidationError) as refusal:
        propose(delegate(), call, speakers=[SPEAKER, SPEAKER, SPEAKER, TBC])

    assert refusal.value.messages == ["At most three speakers may be proposed."]
    assert (AdHocIssueProposal.objects.count(), ProposedSpeaker.objects.count()) == (0, 0)


def test_a_fourth_speaker_posted_on_the_page_gets_the_clear_error(call):
    client = sign_in(Client(), delegate())
    with time_machine.travel(LAST_MINUTE, tick=False):
        response = client.post(
            reverse("wgeti:proposal_new", args=[call.pk]),
            proposal_post(speakers=[SPEAKER, SPEAKER, SPEAKER, SPEAKER]),
        )

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "At most three speakers may be proposed."
    ]
    assert "At most three speakers may be proposed." in response.content.decode()
    assert AdHocIssueProposal.objects.count() == 0


def test_a_speaker_to_be_confirmed_needs_no_name(call):
    proposal = propose(delegate(), call, speakers=[TBC])

    speaker = proposal.speakers.get()
    assert (speaker.name, speaker.affiliation, speaker.to_be_confirmed) == ("", "UNIDIR", True)
    assert str(speaker) == "To be confirmed"


def test_a_nameless_speaker_not_marked_to_be_confirmed_is_refused(call):
    with pytest.raises(ValidationError) as refusal:
        propose(delegate(), call, speakers=[SPEAKER, {"name": " ", "affiliation": "UNIDIR"}])

    assert refusal.value.messages == ["Speaker 2: Name the speaker or mark them “to be confirmed”."]
    assert AdHocIssueProposal.objects.count() == 0


def test_a_nameless_speaker_posted_on_the_page_is_refused_on_its_row(call):
    client = sign_in(Client(), delegate())
    with time_machine.travel(LAST_MINUTE, tick=False):
        response = client.post(
            reverse("wgeti:proposal_new", args=[call.pk]),
            proposal_post(speakers=[{"title": "Director", "affiliation": "Control Arms"}]),
        )

    assert response.status_code == 200
    assert response.context["formset"].errors[0] == {
        "name": ["Name the speaker or mark them “to be confirmed”."]
    }
    assert AdHocIssueProposal.objects.count() == 0


ZERO_WIDTH_REFUSAL = (
    "A name cannot contain invisible or control characters (such as a zero-width space or a "
    "direction mark): remove U+200B (ZERO WIDTH SPACE)."
)


def test_a_speaker_named_with_invisible_characters_is_refused_with_its_number(call):
    with pytest.raises(ValidationError) as refusal:
        propose(delegate(), call, speakers=[SPEAKER, {**SPEAKER, "name": "\u200b\u200b"}])

    assert refusal.value.messages == [f"Speaker 2: {ZERO_WIDTH_REFUSAL}"]
    assert (AdHocIssueProposal.objects.count(), ProposedSpeaker.objects.count()) == (0, 0)


def test_a_speaker_named_with_invisible_characters_on_the_page_is_refused_on_its_row(call):
    client = sign_in(Client(), delegate())
    with time_machine.travel(LAST_MINUTE, tick=False):
        response = client.post(
            reverse("wgeti:proposal_new", args=[call.pk]),
            proposal_post(speakers=[SPEAKER, {**SPEAKER, "name": "Ana\u200bRuiz"}]),
        )

    assert response.status_code == 200
    assert response.context["formset"].errors[1] == {"name": [ZERO_WIDTH_REFUSAL]}
    assert AdHocIssueProposal.objects.count() == 0


def test_a_speaker_to_be_confirmed_cannot_be_named_with_symbols(call):
    author = delegate()
    proposal = propose(author, call, speakers=[TBC])
    speaker = proposal.speakers.get()

    with time_machine.travel(LAST_MINUTE, tick=False):
        response = sign_in(Client(), author).post(
            reverse("wgeti:speaker_name", args=[proposal.pk, speaker.pk]),
            {f"speaker-{speaker.pk}-name": "<script>"},
        )

    assert response.status_code == 200
    forms = {shown.pk: form for shown, form in response.context["speakers"]}
    assert forms[speaker.pk].errors["name"] == [
        "A name can contain letters, spaces, hyphens, apostrophes and full stops after "
        "initials only: remove “<”, “>”."
    ]
    assert ProposedSpeaker.objects.get().to_be_confirmed is True


def test_proposal_through_the_page_with_a_speaker_to_be_confirmed(call):
    author = OrganisationUserFactory()
    client = sign_in(Client(), author)
    with time_machine.travel(LAST_MINUTE, tick=False):
        response = client.post(
            reverse("wgeti:proposal_new", args=[call.pk]),
            proposal_post(speakers=[SPEAKER, TBC]),
        )

    proposal = AdHocIssueProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wgeti:proposal_detail", args=[proposal.pk])
    assert proposal.organisation == author.organisation
    assert list(proposal.speakers.values_list("name", "to_be_confirmed")) == [
        ("Dr Stuart Casey-Maslen", False),
        ("", True),
    ]


def test_the_secretariat_has_no_delegation_to_propose_for(call):
    with pytest.raises(PermissionDenied):
        propose(SecretariatUserFactory(), call)


# -- The Chair's decision ---------------------------------------------------------------


def test_accepted_issue_becomes_an_item_of_the_meetings_agenda(call, wgeti_chair, meeting):
    author = OrganisationUserFactory(organisation__name="Small Arms Survey")
    proposal = propose(author, call, speakers=[SPEAKER, TBC])
    swg = SubWorkingGroup.objects.create(
        cycle=meeting.cycle, name="Current and Emerging Implementation Issues", facilitators="x"
    )

    decided = ad_hoc_proposal_decide(
        by=wgeti_chair, proposal=proposal, accept=True, note="Welcome.", sub_working_group=swg
    )

    item = AgendaItem.objects.get()
    assert decided.agenda_item == item
    assert item.agenda == Agenda.objects.get(meeting=meeting)
    assert (item.title, item.presenters, item.parent) == (
        "Maritime security and the Arms Trade Treaty",
        "Small Arms Survey; Dr Stuart Casey-Maslen, Adviser, Geneva Academy",
        None,
    )
    stored = AdHocIssueProposal.objects.get(pk=proposal.pk)
    assert (stored.state_of_proposal, stored.decided_by, stored.decision_note) == (
        ProposalState.ACCEPTED,
        wgeti_chair,
        "Welcome.",
    )
    assert (stored.sub_working_group, stored.agenda_item) == (swg, item)


def test_accepted_issue_goes_under_the_sub_working_groups_item(call, wgeti_chair, meeting):
    swg = SubWorkingGroup.objects.create(
        cycle=meeting.cycle, name="Current and Emerging Implementation Issues", facilitators="x"
    )
    agenda = Agenda.objects.create(meeting=meeting)
    swg_item = AgendaItem.objects.create(agenda=agenda, position=1, title=swg.name)
    proposal = propose(delegate(), call, sub_working_group=swg)

    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=True)

    assert AgendaItem.objects.get(parent=swg_item).title == proposal.title


def test_declined_issue_stays_off_the_agenda(call, wgeti_chair):
    proposal = propose(delegate(), call)

    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=False, note="Out of scope.")

    stored = AdHocIssueProposal.objects.get(pk=proposal.pk)
    assert (stored.state_of_proposal, stored.agenda_item) == (ProposalState.DECLINED, None)
    assert AgendaItem.objects.count() == 0


def test_the_chair_decides_once(call, wgeti_chair):
    proposal = propose(delegate(), call)
    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=False, note=REASON)

    with pytest.raises(ValidationError) as refusal:
        ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=True)

    assert refusal.value.messages == ["The Chair has already decided on this proposal."]
    assert AdHocIssueProposal.objects.get().state_of_proposal == ProposalState.DECLINED
    assert AgendaItem.objects.count() == 0


def test_csp_president_may_decline_but_only_the_meetings_chair_puts_an_issue_on_the_agenda(
    call,
):
    president = RoleAssignmentFactory(role=Role.CSP_PRESIDENT, user=UserFactory()).user
    first = propose(delegate(), call, title="First issue")
    second = propose(delegate(), call, title="Second issue")

    with pytest.raises(ValidationError) as refusal:
        ad_hoc_proposal_decide(by=president, proposal=first, accept=True)
    ad_hoc_proposal_decide(by=president, proposal=second, accept=False, note=REASON)

    assert refusal.value.messages == [
        "Only the Chair of the meeting or the Secretariat can put an issue on its agenda."
    ]
    assert dict(AdHocIssueProposal.objects.values_list("title", "state_of_proposal")) == {
        "First issue": ProposalState.SUBMITTED,
        "Second issue": ProposalState.DECLINED,
    }
    assert AgendaItem.objects.count() == 0


@pytest.mark.parametrize("make", [delegate, OrganisationUserFactory])
def test_only_officers_decide(make, call):
    author = make()
    proposal = propose(author, call)

    with pytest.raises(PermissionDenied):
        ad_hoc_proposal_decide(by=author, proposal=proposal, accept=True)

    assert AdHocIssueProposal.objects.get().state_of_proposal == ProposalState.SUBMITTED


def test_author_gets_403_on_deciding_its_own_proposal_and_others_404(call):
    author = delegate()
    proposal = propose(author, call)
    url = reverse("wgeti:proposal_decide", args=[proposal.pk])

    assert sign_in(Client(), author).post(url, {"decision": "accept"}).status_code == 403
    assert sign_in(Client(), delegate()).post(url, {"decision": "accept"}).status_code == 404
    assert AdHocIssueProposal.objects.get().state_of_proposal == ProposalState.SUBMITTED


def test_chair_accepts_through_the_page(call, wgeti_chair):
    proposal = propose(delegate(), call)
    client = sign_in(Client(), wgeti_chair)

    response = client.post(
        reverse("wgeti:proposal_decide", args=[proposal.pk]), {"decision": "accept", "note": ""}
    )

    assert response.status_code == 302
    assert AdHocIssueProposal.objects.get().agenda_item == AgendaItem.objects.get()


def test_a_second_decision_on_the_page_comes_back_with_the_refusal(call, wgeti_chair):
    proposal = propose(delegate(), call)
    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=False, note=REASON)
    client = sign_in(Client(), wgeti_chair)

    response = client.post(
        reverse("wgeti:proposal_decide", args=[proposal.pk]), {"decision": "accept"}
    )

    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "The Chair has already decided on this proposal."
    ]


# -- Who sees what ----------------------------------------------------------------------


def test_another_state_does_not_see_a_submitted_proposal_but_sees_an_accepted_one(
    call, wgeti_chair
):
    submitted = propose(delegate(), call, title="Submitted issue")
    accepted = propose(delegate(), call, title="Accepted issue")
    ad_hoc_proposal_decide(by=wgeti_chair, proposal=accepted, accept=True)
    other = delegate()
    client = sign_in(Client(), other)

    assert set(proposals_visible_to(other)) == {accepted}
    assert client.get(reverse("wgeti:proposal_detail", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("wgeti:proposal_detail", args=[accepted.pk])).status_code == 200
    page = client.get(reverse("wgeti:call_detail", args=[call.pk]))
    assert [p.title for p in page.context["proposals"]] == ["Accepted issue"]


def test_author_sees_its_own_submitted_proposal_and_officers_see_all(call, wgeti_chair):
    author = delegate()
    own = propose(author, call, title="Own issue")
    foreign = propose(delegate(), call, title="Foreign issue")

    assert set(proposals_visible_to(author)) == {own}
    assert set(proposals_visible_to(wgeti_chair)) == {own, foreign}
    assert set(proposals_visible_to(SecretariatUserFactory())) == {own, foreign}


def test_a_dief_participant_sees_nothing_of_the_dief_in_the_calls(call):
    dief = DiefMeetingFactory(title="DIEF meeting, February 2027", cycle=call.meeting.cycle)
    dief_call = MeetingCall.objects.create(
        meeting=dief,
        kind=CallKind.AD_HOC_ISSUES,
        title="Call for cases and information",
        issued_on=datetime.date(2026, 9, 1),
        due_on=datetime.date(2026, 12, 1),
    )
    person = RoleAssignmentFactory(role=Role.DIEF_CHAIR, user=delegate()).user
    client = sign_in(Client(), person)

    assert set(ad_hoc_calls_visible_to(person)) == {call}
    response = client.get(reverse("wgeti:call_list"))
    listing = response.content.decode()
    assert response.context["calls"] == [call]
    assert "DIEF meeting, February 2027" not in listing
    assert "Call for cases and information" not in listing
    assert client.get(reverse("wgeti:call_detail", args=[dief_call.pk])).status_code == 404
    assert client.get(reverse("wgeti:proposal_new", args=[dief_call.pk])).status_code == 404
    officer = sign_in(Client(), SecretariatUserFactory())
    assert officer.get(reverse("wgeti:call_new", args=[dief.pk])).status_code == 404


def test_call_list_shows_due_dates_and_whether_open(call):
    client = sign_in(Client(), delegate())
    with time_machine.travel(TOO_LATE, tick=False):
        closed = client.get(reverse("wgeti:call_list")).content.decode()
    with time_machine.travel(LAST_MINUTE, tick=False):
        still_open = client.get(reverse("wgeti:call_list")).content.decode()

    assert "1 February 2026" in closed
    assert ">Closed<" in closed
    assert ">Open<" in still_open


def test_call_detail_offers_the_form_while_open_only(call):
    client = sign_in(Client(), delegate())
    url = reverse("wgeti:call_detail", args=[call.pk])
    with time_machine.travel(LAST_MINUTE, tick=False):
        assert client.get(url).context["form"] is not None
    with time_machine.travel(TOO_LATE, tick=False):
        response = client.get(url)

    assert response.context["form"] is None
    assert LATE_MESSAGE in response.content.decode()


def test_history_of_a_proposal_is_for_its_author_and_officers(call, wgeti_chair):
    author = delegate()
    proposal = propose(author, call)
    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=True)
    url = reverse("history", args=["wgeti-ad-hoc-proposal", proposal.pk])

    assert sign_in(Client(), author).get(url).status_code == 200
    assert sign_in(Client(), wgeti_chair).get(url).status_code == 200
    assert sign_in(Client(), delegate()).get(url).status_code == 403  # accepted: visible


# -- Queries ----------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_call_detail_and_list_keep_their_number_of_queries_with_1_and_200_proposals(
    call, wgeti_chair
):
    organisation_user = OrganisationUserFactory()
    propose(organisation_user, call)
    client = sign_in(Client(), wgeti_chair)
    detail = reverse("wgeti:call_detail", args=[call.pk])
    listing = reverse("wgeti:call_list")
    with time_machine.travel(LAST_MINUTE, tick=False):
        one = (_queries(client, detail), _queries(client, listing))
        for number in range(199):
            proposal = AdHocIssueProposal.objects.create(
                call=call,
                organisation=organisation_user.organisation,
                submitted_by=organisation_user,
                title=f"Issue {number}",
                memorandum="m",
                guiding_questions="q",
            )
            ProposedSpeaker.objects.create(proposal=proposal, position=1, name="A speaker")
        many = (_queries(client, detail), _queries(client, listing))

    assert AdHocIssueProposal.objects.count() == 200
    assert many == one


# -- Demo -------------------------------------------------------------------------------


def test_seed_004_para_8_demo_takes_up_all_three_ad_hoc_issues(demo_users):
    # 004 ¶8 ("the sub-working group will consider all issues"), Annex B-2 ¶5, Appendix 5:
    # all three proposals were taken up (the demo had Control Arms' still before the Chair).
    proposals = {
        p.title: p for p in AdHocIssueProposal.objects.select_related("organisation", "agenda_item")
    }

    assert {title: p.state_of_proposal for title, p in proposals.items()} == {
        "Risk assessment of arms exports to Sudan": ProposalState.ACCEPTED,
        "Maritime security and the Arms Trade Treaty": ProposalState.ACCEPTED,
        "Reassessment of authorised arms transfers under Article 7(7)": ProposalState.ACCEPTED,
    }
    call = MeetingCall.objects.get(meeting__title="WGETI meeting, March 2026", kind="ad_hoc_issues")
    assert (call.issued_on, call.due_on, call.issued_by) == (
        datetime.date(2025, 12, 4),
        datetime.date(2026, 2, 1),
        "CSP12 President",
    )
    assert all(p.submitted_at.date() <= call.due_on for p in proposals.values())
    assert {p.title for p in proposals.values() if p.agenda_item} == {
        "Risk assessment of arms exports to Sudan",
        "Maritime security and the Arms Trade Treaty",
        "Reassessment of authorised arms transfers under Article 7(7)",
    }
    assert proposals[
        "Reassessment of authorised arms transfers under Article 7(7)"
    ].organisation.name == ("Control Arms")


# -- Issue 14: the proposals as seed 004 shows them -------------------------------------

CONTROL_ARMS_NAMED = datetime.datetime(2026, 2, 17, 11, 0, tzinfo=GENEVA)


def test_seed_004_appendix_5_guiding_questions_are_optional(call):
    # Control Arms' letter of 1 February 2026 gives no guiding questions.
    author = OrganisationUserFactory(organisation__name="Control Arms")

    proposal = propose(author, call, guiding_questions="")
    with time_machine.travel(LAST_MINUTE, tick=False):
        data = proposal_post(speakers=[TBC], title="Article 7(7)")
        data.pop("guiding_questions")
        response = sign_in(Client(), author).post(
            reverse("wgeti:proposal_new", args=[call.pk]), data
        )

    assert response.status_code == 302
    assert sorted(AdHocIssueProposal.objects.values_list("title", "guiding_questions")) == [
        ("Article 7(7)", ""),
        ("Maritime security and the Arms Trade Treaty", ""),
    ]
    assert proposal.pk is not None


def test_seed_004_appendix_5_a_moderator_is_proposed_besides_three_speakers(call, wgeti_chair):
    # Small Arms Survey: "Chair: Panama (TBC)" and three speakers.
    author = OrganisationUserFactory(organisation__name="Small Arms Survey")
    speakers = [
        TBC,
        {**SPEAKER},
        {"name": "", "affiliation": "Coventry University", "to_be_confirmed": True},
    ]
    with time_machine.travel(LAST_MINUTE, tick=False):
        data = proposal_post(speakers=speakers)
        data |= {"moderator": "Panama", "moderator_to_be_confirmed": "on"}
        response = sign_in(Client(), author).post(
            reverse("wgeti:proposal_new", args=[call.pk]), data
        )

    assert response.status_code == 302
    proposal = AdHocIssueProposal.objects.get()
    assert (proposal.moderator, proposal.moderator_to_be_confirmed) == ("Panama", True)
    assert proposal.speakers.count() == 3
    page = sign_in(Client(), wgeti_chair).get(reverse("wgeti:proposal_detail", args=[proposal.pk]))
    assert "Moderator or chair" in page.content.decode()


def test_a_confirmed_moderator_is_listed_among_the_presenters_on_the_agenda(call, wgeti_chair):
    author = OrganisationUserFactory(organisation__name="Small Arms Survey")
    proposal = propose(author, call, speakers=[SPEAKER], moderator="Panama")

    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=True)

    assert AgendaItem.objects.get().presenters == (
        "Small Arms Survey; Panama; Dr Stuart Casey-Maslen, Adviser, Geneva Academy"
    )


def test_seed_004_appendix_5_speakers_to_be_confirmed_are_named_after_the_due_date(
    call, wgeti_chair
):
    # Control Arms proposed on 1 February "representatives ... to be named shortly" and
    # named them on 17 February, after the due date; the issue was taken up by then.
    author = OrganisationUserFactory(organisation__name="Control Arms")
    proposal = propose(author, call, speakers=[TBC, TBC], guiding_questions="")
    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=True)
    first = proposal.speakers.get(position=1)
    url = reverse("wgeti:speaker_name", args=[proposal.pk, first.pk])
    data = {
        f"speaker-{first.pk}-name": "Mr. Geoffrey L. Duke",
        f"speaker-{first.pk}-title": "Fellow",
        f"speaker-{first.pk}-affiliation": "King's College London",
    }

    with time_machine.travel(CONTROL_ARMS_NAMED, tick=False):
        response = sign_in(Client(), author).post(url, data)

    assert response.status_code == 302
    assert [
        (s.name, s.affiliation, s.to_be_confirmed) for s in proposal.speakers.order_by("position")
    ] == [
        ("Mr. Geoffrey L. Duke", "King's College London", False),
        ("", "UNIDIR", True),
    ]
    assert AgendaItem.objects.get().presenters == (
        "Control Arms; Mr. Geoffrey L. Duke, Fellow, King's College London"
    )
    assert AdHocIssueProposal.history.filter(id=proposal.pk).latest(
        "history_id"
    ).history_change_reason == ("Speaker 1 named")


def test_a_speaker_is_named_by_the_proposer_or_an_officer_only(call, wgeti_chair):
    author = OrganisationUserFactory(organisation__name="Control Arms")
    proposal = propose(author, call, speakers=[TBC])
    ad_hoc_proposal_decide(by=wgeti_chair, proposal=proposal, accept=True)
    speaker = proposal.speakers.get()
    url = reverse("wgeti:speaker_name", args=[proposal.pk, speaker.pk])
    data = {f"speaker-{speaker.pk}-name": "Ms A"}

    with time_machine.travel(CONTROL_ARMS_NAMED, tick=False):
        other = sign_in(Client(), delegate()).post(url, data).status_code
        unnamed = ProposedSpeaker.objects.get().to_be_confirmed
        by_chair = sign_in(Client(), wgeti_chair).post(url, data).status_code

    assert (other, unnamed, by_chair) == (403, True, 302)
    assert ProposedSpeaker.objects.get().name == "Ms A"


def test_a_speaker_of_a_proposal_one_may_not_see_is_404(call):
    proposal = propose(delegate(), call, speakers=[TBC])
    speaker = proposal.speakers.get()

    response = sign_in(Client(), delegate()).post(
        reverse("wgeti:speaker_name", args=[proposal.pk, speaker.pk]),
        {f"speaker-{speaker.pk}-name": "Ms A"},
    )

    assert response.status_code == 404
    assert ProposedSpeaker.objects.get().to_be_confirmed is True


def test_speakers_are_no_longer_named_once_the_meeting_ended(call):
    from working_groups.services.calls import proposed_speaker_name

    author = delegate()
    proposal = propose(author, call, speakers=[TBC])
    after = datetime.datetime(2026, 3, 19, 9, 0, tzinfo=GENEVA)

    with time_machine.travel(after, tick=False), pytest.raises(ValidationError) as refusal:
        proposed_speaker_name(by=author, speaker=proposal.speakers.get(), name="Ms A")

    assert refusal.value.messages == [
        "The meeting ended on 18 March 2026: its speakers can no longer be named."
    ]


def test_the_chair_leaves_an_issue_aside_only_with_a_reason(call, wgeti_chair):
    proposal = propose(delegate(), call)
    client = sign_in(Client(), wgeti_chair)
    url = reverse("wgeti:proposal_decide", args=[proposal.pk])

    without = client.post(url, {"decision": "decline"})
    with_reason = client.post(url, {"decision": "decline", "note": REASON})

    assert without.status_code == 200
    assert without.context["decision_form"].errors == {"note": ["Say why the issue is left aside."]}
    assert with_reason.status_code == 302
    stored = AdHocIssueProposal.objects.get()
    assert (stored.state_of_proposal, stored.decision_note) == (ProposalState.DECLINED, REASON)
    assert stored.get_state_of_proposal_display() == "Left aside by the Chair"


def test_seed_004_appendix_5_demo_proposals_as_the_letters_give_them(demo_users):
    proposals = {p.title: p for p in AdHocIssueProposal.objects.all()}
    sas = proposals["Maritime security and the Arms Trade Treaty"]
    control_arms = proposals["Reassessment of authorised arms transfers under Article 7(7)"]

    assert (sas.moderator, sas.moderator_to_be_confirmed) == ("Panama", True)
    assert [s.affiliation for s in sas.speakers.order_by("position")] == [
        "UNIDIR",
        "Small Arms Survey",
        "Maritime Security Team and Centre for Trust, Peace and Social Relations, "
        "Coventry University",
    ]
    assert control_arms.guiding_questions == ""
    assert [s.name for s in control_arms.speakers.order_by("position")] == [
        "Mr. Geoffrey L. Duke",
        "Dr. Stuart Casey-Maslen",
    ]
