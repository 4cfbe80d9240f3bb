"""The non-state expert procedure (ToR art. 8) with the clock moved: approval by silence,
an objection withdrawn after consultation, an objection referred 20 days before the
meeting and decided, and the refusals. The state is read from dates and acts, so it is
right even before (or without) the tasks."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import Affiliation, AttStatus
from att_portal.meetings.models import Participation
from att_portal.meetings.reminders import reminders_queue
from att_portal.notifications.models import OutboxMail
from forums.enums import ProceduralDecision, ProcedureState
from forums.models import ExpertAdmission, ExpertProposal
from forums.selectors.experts import procedure_of
from forums.services.experts import (
    consultation_message_post,
    expert_decision_record,
    expert_objection_raise,
    expert_objection_withdraw,
    expert_procedure_close_silence,
    expert_procedure_refer,
    expert_procedures_advance,
    expert_proposal_circulate,
    expert_proposal_submit,
)
from tests.conftest import sign_in
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
START = datetime.date(2027, 2, 17)  # proposals due 18 Jan, referral on 28 Jan


@pytest.fixture(autouse=True)
def _clock_in_late_november_2026():
    """The procedures of these tests run around the DIEF meeting of 17 February 2027: their
    clock starts where the tests were written, whatever the day they run."""
    with time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=ZURICH)):
        yield


def at(year, month, day, hour=12):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=ZURICH), tick=False)


def day(month, d, year=None):
    return datetime.date(year or (2027 if month < 6 else 2026), month, d)


@pytest.fixture
def world():
    proposer = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=proposer, role="focal_point")
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)
    presentation = CasePresentationFactory(
        case=CaseFactory(provider=proposer, title="Pistols found abroad"), meeting=meeting
    )
    objector = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    return {
        "proposer": proposer,
        "presentation": presentation,
        "meeting": meeting,
        "objector": objector,
        "other_party": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "signatory": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "secretariat": SecretariatUserFactory(),
    }


def proposed(w, when=(2026, 12, 1), *, by=None, **fields) -> ExpertProposal:
    with at(*when):
        return expert_proposal_submit(
            by=by or w["proposer"],
            presentation=w["presentation"],
            **{
                "expert_name": "Claire Martin",
                "expert_email": "Claire.Martin@example.org",
                "expert_affiliation": "Institute for Tracing Studies",
                "expertise": "Tracing of small arms in post-conflict settings.",
                "purpose": "To explain the tracing results presented in the case.",
                **fields,
            },
        )


def circulated(w, when=(2026, 12, 2)) -> ExpertProposal:
    proposal = proposed(w)
    with at(*when):
        return expert_proposal_circulate(by=w["secretariat"], proposal=proposal)


def objected(w, when=(2026, 12, 5)):
    proposal = circulated(w)
    with at(*when):
        return expert_objection_raise(
            by=w["objector"], proposal=proposal, reasons="The expert's institute is a party."
        )


def state_on(proposal, when) -> ProcedureState:
    proposal = ExpertProposal.objects.get(pk=proposal.pk)
    with at(*when):
        return procedure_of(proposal).state


def history_reasons(proposal) -> list[str]:
    return [
        h.history_change_reason
        for h in ExpertProposal.history.filter(id=proposal.pk).order_by("history_date", "pk")
    ]


def test_an_expert_named_with_direction_marks_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as refusal:
        proposed(world, expert_name="\u202eClaire Martin")

    assert refusal.value.message_dict["expert_name"] == [
        "A name cannot contain invisible or control characters (such as a zero-width space "
        "or a direction mark): remove U+202E (RIGHT-TO-LEFT OVERRIDE)."
    ]
    assert ExpertProposal.objects.count() == 0


def test_an_experts_name_is_stored_in_nfc_with_single_spaces(world):
    proposal = proposed(world, expert_name="  Jose\u0301 \u00a0 Ruiz ")

    assert ExpertProposal.objects.get(pk=proposal.pk).expert_name == "Jos\u00e9 Ruiz"


# -- Approval by silence ------------------------------------------------------------------


def test_silence_procedure_approves_the_expert_without_objection(
    world, django_capture_on_commit_callbacks
):
    proposal = circulated(world)

    assert state_on(proposal, (2026, 12, 7, 23)) == ProcedureState.IN_SILENCE
    assert procedure_of(proposal).silence_ends_on == day(12, 7)
    assert state_on(proposal, (2026, 12, 8, 0)) == ProcedureState.APPROVED_BY_SILENCE
    with at(2026, 12, 8, 1), django_capture_on_commit_callbacks(execute=True):
        acted = expert_procedures_advance()

    assert acted == {"uncirculated": 0, "closed": 1, "referred": 0, "reminded": 0}
    admission = ExpertAdmission.objects.get(proposal=proposal)
    expert = admission.expert
    assert (expert.email, expert.affiliation, expert.organisation.name) == (
        "claire.martin@example.org",
        Affiliation.ORGANISATION,
        "Institute for Tracing Studies",
    )
    assert admission.presentation == world["presentation"]
    assert admission.undertaking_accepted_at is None
    welcome = OutboxMail.objects.get(key=f"dief-expert-welcome:{admission.pk}")
    assert reverse("dief:undertaking", args=[admission.pk]) in welcome.body_text
    assert "/accounts/reset/" in welcome.body_text  # a new account chooses its password
    approved = OutboxMail.objects.get(
        key=f"dief-expert:{proposal.pk}:approved:{world['proposer'].pk}"
    )
    assert "brief the expert" in approved.body_text
    assert "Claire" not in approved.body_text + approved.subject
    assert history_reasons(proposal) == [
        "Proposed (ToR art. 8)",
        "Circulated to all States Parties: silence procedure started",
        "Silence procedure closed",
    ]


def test_an_existing_account_is_reused_for_the_approved_expert(world):
    existing = UserFactory(email="claire.martin@example.org")
    proposal = circulated(world)

    with at(2026, 12, 9):
        expert_procedure_close_silence(proposal_id=proposal.pk)

    assert ExpertAdmission.objects.get(proposal=proposal).expert == existing


def test_states_parties_are_reminded_on_the_last_day_of_silence(
    world, django_capture_on_commit_callbacks
):
    proposal = circulated(world)
    OutboxMail.objects.all().delete()

    with at(2026, 12, 7, 8), django_capture_on_commit_callbacks(execute=True):
        expert_procedures_advance()
        expert_procedures_advance()

    keys = set(OutboxMail.objects.values_list("key", flat=True))
    parties = {world["proposer"], world["objector"], world["other_party"]}
    assert keys == {f"dief-expert:{proposal.pk}:last-day:{p.pk}" for p in parties}
    assert world["signatory"].pk not in set(OutboxMail.objects.values_list("recipient", flat=True))


# -- Objection, consultation, withdrawal --------------------------------------------------


def test_objection_withdrawn_after_consultation_approves_the_expert(world):
    objection = objected(world)
    proposal = objection.proposal
    assert state_on(proposal, (2026, 12, 8)) == ProcedureState.IN_CONSULTATION
    with at(2026, 12, 8):
        assert expert_procedure_close_silence(proposal_id=proposal.pk) is True
    assert not ExpertAdmission.objects.filter(proposal=proposal).exists()

    with at(2026, 12, 10):
        consultation_message_post(
            by=world["proposer"], objection=objection, body="The institute is independent."
        )
        consultation_message_post(by=world["objector"], objection=objection, body="Understood.")
        expert_objection_withdraw(by=world["objector"], objection=objection)

    assert state_on(proposal, (2026, 12, 10)) == ProcedureState.APPROVED_AFTER_CONSULTATION
    assert ExpertAdmission.objects.filter(proposal=proposal).count() == 1


def test_objection_withdrawn_within_the_silence_leaves_approval_by_silence(world):
    objection = objected(world)
    with at(2026, 12, 6):
        expert_objection_withdraw(by=world["objector"], objection=objection)

    assert state_on(objection.proposal, (2026, 12, 8)) == ProcedureState.APPROVED_BY_SILENCE


def test_objection_after_the_silence_period_is_refused(world):
    proposal = circulated(world)

    with at(2026, 12, 8), pytest.raises(ValidationError) as refusal:
        expert_objection_raise(by=world["objector"], proposal=proposal, reasons="Too late.")

    assert refusal.value.messages == [
        "The silence procedure ended on 7 December 2026: objections are no longer accepted."
    ]
    assert proposal.objections.count() == 0


def test_art8_an_objection_without_reasons_is_recorded(world):
    proposal = circulated(world)

    with at(2026, 12, 3):
        objection = expert_objection_raise(by=world["objector"], proposal=proposal, reasons="  ")

    assert (objection.reasons, objection.state) == ("", world["objector"].state)
    assert state_on(proposal, (2026, 12, 8)) == ProcedureState.IN_CONSULTATION


def test_objection_by_a_signatory_is_refused(world):
    proposal = circulated(world)

    with at(2026, 12, 3), pytest.raises(ValidationError) as refusal:
        expert_objection_raise(by=world["signatory"], proposal=proposal, reasons="No.")

    assert refusal.value.messages == [
        "Only States Parties may object to a non-state expert (ToR art. 8)."
    ]


def test_proposing_state_cannot_object_to_its_own_expert(world):
    proposal = circulated(world)

    with at(2026, 12, 3), pytest.raises(PermissionDenied):
        expert_objection_raise(by=world["proposer"], proposal=proposal, reasons="No.")


def test_only_the_two_states_write_in_the_consultation(world):
    objection = objected(world)

    with pytest.raises(Http404):  # a third State does not even see the objection
        consultation_message_post(by=world["other_party"], objection=objection, body="Me too.")


# -- Referral and procedural decision -----------------------------------------------------


def test_art8_objection_unresolved_at_the_end_of_day_minus_20_is_referred_once(
    world, django_capture_on_commit_callbacks
):
    objection = objected(world)
    proposal = objection.proposal
    participants = [UserFactory(state=world["other_party"].state), world["signatory"]]
    for person in participants:
        Participation.objects.create(meeting=world["meeting"], person=person, nominated_by=person)
    with at(2026, 12, 8):
        expert_procedures_advance()
    # Day S − 20 is 28 January: all of it, to its last hour in Geneva, is still for the
    # two States to resolve the objection.
    assert state_on(proposal, (2027, 1, 28, 0)) == ProcedureState.IN_CONSULTATION
    assert state_on(proposal, (2027, 1, 28, 23)) == ProcedureState.IN_CONSULTATION
    with at(2027, 1, 28, 0):
        assert expert_procedures_advance()["referred"] == 0
    with at(2027, 1, 28, 23):
        assert expert_procedures_advance()["referred"] == 0
    assert state_on(proposal, (2027, 1, 29, 0)) == ProcedureState.REFERRED
    OutboxMail.objects.all().delete()

    with at(2027, 1, 29, 1), django_capture_on_commit_callbacks(execute=True):
        first = expert_procedures_advance()
        second = expert_procedures_advance()

    assert (first["referred"], second["referred"]) == (1, 0)
    recipients = set(OutboxMail.objects.values_list("recipient", flat=True))
    # The States Parties participating in the meeting and the Secretariat; not a signatory.
    assert recipients == {participants[0].pk, world["secretariat"].pk}
    assert "procedural decision" in OutboxMail.objects.first().subject


def test_procedural_decision_recorded_approves_or_not(world):
    objection = objected(world)
    proposal = objection.proposal
    with at(2027, 1, 29):
        expert_procedure_refer(proposal_id=proposal.pk)
    with at(2027, 2, 1):
        expert_decision_record(
            by=world["secretariat"],
            proposal=proposal,
            decision=ProceduralDecision.APPROVED,
            decided_on=day(2, 1),
        )

    assert state_on(proposal, (2027, 2, 2)) == ProcedureState.DECIDED_APPROVED
    assert ExpertAdmission.objects.filter(proposal=proposal).count() == 1
    assert "Procedural decision recorded" in history_reasons(proposal)


def test_procedural_decision_not_approved_admits_nobody(world):
    proposal = objected(world).proposal
    with at(2027, 2, 1):
        expert_decision_record(
            by=world["secretariat"],
            proposal=proposal,
            decision=ProceduralDecision.NOT_APPROVED,
            decided_on=day(1, 30),
        )

    assert state_on(proposal, (2027, 2, 2)) == ProcedureState.DECIDED_NOT_APPROVED
    assert not ExpertAdmission.objects.exists()


def test_decision_is_refused_before_the_referral_and_for_others_than_the_secretariat(world):
    proposal = objected(world).proposal

    with at(2027, 1, 20), pytest.raises(ValidationError) as refusal:
        expert_decision_record(
            by=world["secretariat"],
            proposal=proposal,
            decision=ProceduralDecision.APPROVED,
            decided_on=day(1, 20),
        )
    assert refusal.value.messages == [
        "Only a proposal referred for a procedural decision takes a decision."
    ]
    with at(2027, 2, 1), pytest.raises(PermissionDenied):
        expert_decision_record(
            by=world["other_party"],
            proposal=proposal,
            decision=ProceduralDecision.APPROVED,
            decided_on=day(2, 1),
        )


# -- Deadlines and idempotence ------------------------------------------------------------


def test_proposal_later_than_30_days_before_the_meeting_is_refused(world):
    with at(2027, 1, 19), pytest.raises(ValidationError) as refusal:
        proposed(world, when=(2027, 1, 19))

    assert refusal.value.messages == [
        "Proposals of non-state experts must reach the Secretariat at least 30 days before "
        "the meeting: the last day for this meeting was 18 January 2027 (ToR art. 8)."
    ]
    assert ExpertProposal.objects.count() == 0
    assert proposed(world, when=(2027, 1, 18, 23)).pk


def test_art8_any_state_party_or_signatory_proposes_an_expert_and_observers_do_not(world):
    def propose(by, email):
        return expert_proposal_submit(
            by=by,
            presentation=world["presentation"],
            expert_name="X",
            expert_email=email,
            expert_affiliation="Y",
            expertise="Z",
            purpose="To explain the tracing.",
        )

    observer = UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))
    with at(2026, 12, 1):
        by_party = propose(world["other_party"], "x@example.org")
        by_signatory = propose(world["signatory"], "y@example.org")
        with pytest.raises(PermissionDenied):
            propose(observer, "z@example.org")
        with pytest.raises(PermissionDenied):
            propose(world["secretariat"], "w@example.org")

    assert [(p.proposing_state, p.proposed_by) for p in (by_party, by_signatory)] == [
        (world["other_party"].state, world["other_party"]),
        (world["signatory"].state, world["signatory"]),
    ]
    assert ExpertProposal.objects.count() == 2


def test_art8_the_consultation_is_with_the_proposing_state_not_the_presenting_state(
    world, django_capture_on_commit_callbacks
):
    proposal = proposed(world, by=world["signatory"])
    OutboxMail.objects.all().delete()
    with at(2026, 12, 2), django_capture_on_commit_callbacks(execute=True):
        expert_proposal_circulate(by=world["secretariat"], proposal=proposal)
    circulated_to = set(
        OutboxMail.objects.filter(key__contains=":circulated:").values_list("recipient", flat=True)
    )
    with at(2026, 12, 3):
        objection = expert_objection_raise(by=world["objector"], proposal=proposal, reasons="")
        consultation_message_post(by=world["signatory"], objection=objection, body="Why?")
        with pytest.raises(Http404):  # the presenting State is not a party to it
            consultation_message_post(by=world["proposer"], objection=objection, body="Me?")

    # Every State Party, and the proposing signatory; the presenting State is one of the
    # States Parties.
    assert circulated_to == {
        world[role].pk for role in ("proposer", "objector", "other_party", "signatory")
    }


def test_tasks_do_nothing_for_a_procedure_already_closed_or_decided(world):
    objection = objected(world)
    proposal = objection.proposal
    with at(2026, 12, 8):
        assert expert_procedure_close_silence(proposal_id=proposal.pk) is True
        assert expert_procedure_close_silence(proposal_id=proposal.pk) is False
    with at(2027, 2, 1):
        expert_decision_record(
            by=world["secretariat"],
            proposal=proposal,
            decision=ProceduralDecision.NOT_APPROVED,
            decided_on=day(2, 1),
        )
        assert expert_procedure_refer(proposal_id=proposal.pk) is False
        assert expert_procedures_advance() == {
            "uncirculated": 0,
            "closed": 0,
            "referred": 0,
            "reminded": 0,
        }
    assert ExpertProposal.objects.get(pk=proposal.pk).referred_at is None


def test_art8_a_withdrawal_late_on_day_minus_20_resolves_the_objection_and_nothing_is_referred(
    world, django_capture_on_commit_callbacks
):
    objection = objected(world)
    proposal = objection.proposal
    with at(2027, 1, 28, 0), django_capture_on_commit_callbacks(execute=True):
        expert_procedures_advance()  # the hourly scan at the start of day S − 20
    with at(2027, 1, 28, 22), django_capture_on_commit_callbacks(execute=True):
        expert_objection_withdraw(by=world["objector"], objection=objection)
    with at(2027, 1, 29, 1), django_capture_on_commit_callbacks(execute=True):
        acted = expert_procedures_advance()

    proposal.refresh_from_db()
    assert acted["referred"] == 0
    assert proposal.referred_at is None
    assert state_on(proposal, (2027, 1, 29)) == ProcedureState.APPROVED_AFTER_CONSULTATION
    assert ExpertAdmission.objects.filter(proposal=proposal).count() == 1
    assert not OutboxMail.objects.filter(key__contains=":referred:").exists()


def test_art8_the_secretariat_is_reminded_the_same_day_of_a_proposal_left_uncirculated(
    world, django_capture_on_commit_callbacks
):
    second_officer = SecretariatUserFactory()
    proposal = proposed(world, when=(2026, 12, 1, 9))

    with at(2026, 12, 1, 10), django_capture_on_commit_callbacks(execute=True):
        first = expert_procedures_advance()
        again = expert_procedures_advance()  # the next hour: no second reminder that day
    with at(2026, 12, 2, 10), django_capture_on_commit_callbacks(execute=True):
        next_day = expert_procedures_advance()
        expert_proposal_circulate(by=world["secretariat"], proposal=proposal)
    with at(2026, 12, 3, 10), django_capture_on_commit_callbacks(execute=True):
        circulated_since = expert_procedures_advance()

    officers = (world["secretariat"], second_officer)
    assert (first["uncirculated"], again["uncirculated"]) == (1, 1)
    assert (next_day["uncirculated"], circulated_since["uncirculated"]) == (1, 0)
    assert set(
        OutboxMail.objects.filter(key__contains=":uncirculated").values_list("key", flat=True)
    ) == {
        f"dief-expert:{proposal.pk}:uncirculated:{day}:{officer.pk}"
        for day in ("2026-12-01", "2026-12-02")
        for officer in officers
    }
    reminder = OutboxMail.objects.get(
        key=f"dief-expert:{proposal.pk}:uncirculated:2026-12-01:{world['secretariat'].pk}"
    )
    assert reminder.subject == "ATT Portal: a proposed non-state expert awaits circulation (DIEF)"
    assert "circulate it to all States Parties immediately (ToR art. 8)" in reminder.body_text
    assert "Claire" not in reminder.body_text + reminder.subject


def test_a_late_scheduler_catches_up_close_and_referral_in_one_run(world):
    proposal = objected(world).proposal

    with at(2027, 1, 30):
        acted = expert_procedures_advance()

    assert acted == {"uncirculated": 0, "closed": 1, "referred": 1, "reminded": 0}
    proposal.refresh_from_db()
    assert proposal.silence_closed_at is not None
    assert proposal.referred_at is not None


def test_the_proposing_state_is_reminded_before_the_30_day_deadline(world):
    with at(2027, 1, 11):
        reminders_queue(day(1, 11))

    keys = set(
        OutboxMail.objects.filter(key__contains="expert_proposals").values_list("key", flat=True)
    )
    assert keys == {f"reminder:{world['meeting'].pk}:expert_proposals:7d:{world['proposer'].pk}"}


# -- The approved expert's account --------------------------------------------------------


def test_approved_expert_sees_its_one_case_after_the_undertaking_and_nothing_else(world):
    proposal = circulated(world)
    other_case = CaseFactory(provider=world["proposer"])
    with at(2026, 12, 9):
        expert_procedure_close_silence(proposal_id=proposal.pk)
    admission = ExpertAdmission.objects.get(proposal=proposal)
    expert = sign_in(Client(), admission.expert)
    case_url = reverse("dief:case_detail", args=[world["presentation"].case_id])

    assert expert.get(case_url).status_code == 404
    expert.post(reverse("dief:undertaking", args=[admission.pk]), {"accept": "on"})
    assert expert.get(case_url).status_code == 200
    assert expert.get(reverse("dief:case_detail", args=[other_case.pk])).status_code == 404
    assert expert.get(reverse("dief:expert_proposal_list")).status_code == 403
    assert expert.get(reverse("dief:case_list")).status_code == 403


def test_the_consultation_ends_with_the_withdrawal(world):
    objection = objected(world)
    with at(2026, 12, 10):
        expert_objection_withdraw(by=world["objector"], objection=objection)

    with pytest.raises(ValidationError) as refusal:
        consultation_message_post(by=world["proposer"], objection=objection, body="Thanks.")

    assert refusal.value.messages == ["This consultation is over."]


def test_the_same_expert_is_not_proposed_twice_for_one_presentation(world):
    proposed(world)

    with pytest.raises(ValidationError) as refusal:
        proposed(world, when=(2026, 12, 3))

    assert refusal.value.message_dict == {
        "expert_email": ["This expert is already proposed for this presentation."]
    }


# -- An objection pending in the silence: one status, on the pages and in the e-mails -------


def objected_again(w, proposal, when):
    """An objection to a proposal already circulated (`objected` circulates its own)."""
    with at(*when):
        return expert_objection_raise(by=w["objector"], proposal=proposal, reasons="A party.")


def test_art8_an_objection_raised_in_the_silence_is_pending_at_once_until_withdrawn(world):
    proposal = circulated(world)
    assert state_on(proposal, (2026, 12, 4)) == ProcedureState.IN_SILENCE

    objection = objected_again(world, proposal, when=(2026, 12, 5))

    assert state_on(proposal, (2026, 12, 5)) == ProcedureState.OBJECTED_IN_SILENCE
    assert state_on(proposal, (2026, 12, 7, 23)) == ProcedureState.OBJECTED_IN_SILENCE
    assert state_on(proposal, (2026, 12, 8)) == ProcedureState.IN_CONSULTATION
    with at(2026, 12, 6):
        expert_objection_withdraw(by=world["objector"], objection=objection)
    assert state_on(proposal, (2026, 12, 6)) == ProcedureState.IN_SILENCE


def test_art8_the_objection_mail_tells_the_proposing_state_what_comes_next(
    world, django_capture_on_commit_callbacks
):
    proposal = circulated(world)
    OutboxMail.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        objected_again(world, proposal, when=(2026, 12, 5))

    mail = OutboxMail.objects.get(recipient=world["proposer"])
    assert mail.key.startswith(f"dief-expert:{proposal.pk}:objection:")
    assert (
        "A State Party has objected to a proposed non-state expert. The objecting and the "
        "proposing State consult to resolve the objection; one still unresolved 20 days before "
        "the meeting goes to the States Parties participating in the meeting for a procedural "
        "decision (ToR art. 8)." in mail.body_text
    )
    assert "Status of the proposal: Objection raised — awaiting resolution" in mail.body_text
    assert "Status of the proposal: Objection raised — awaiting resolution" in mail.body_html
    # No confidential detail: neither the objecting State nor the expert.
    assert str(world["objector"].state) not in mail.body_text
    assert "Claire Martin" not in mail.body_text


def test_art8_the_last_day_reminder_says_an_objection_is_pending(
    world, django_capture_on_commit_callbacks
):
    proposal = circulated(world)
    objected_again(world, proposal, when=(2026, 12, 5))
    OutboxMail.objects.all().delete()

    with at(2026, 12, 7, 8), django_capture_on_commit_callbacks(execute=True):
        expert_procedures_advance()

    mail = OutboxMail.objects.get(
        key=f"dief-expert:{proposal.pk}:last-day:{world['other_party'].pk}"
    )
    assert "An objection has been raised and awaits resolution" in mail.body_text
    assert "Without an objection by the end of the day" not in mail.body_text
    assert "Status of the proposal: Objection raised — awaiting resolution" in mail.body_text


def test_the_last_day_reminder_without_objection_keeps_its_sentence_and_status(
    world, django_capture_on_commit_callbacks
):
    proposal = circulated(world)
    OutboxMail.objects.all().delete()

    with at(2026, 12, 7, 8), django_capture_on_commit_callbacks(execute=True):
        expert_procedures_advance()

    mail = OutboxMail.objects.get(
        key=f"dief-expert:{proposal.pk}:last-day:{world['other_party'].pk}"
    )
    assert "Without an objection by the end of the day, Geneva time, the expert is approved." in (
        mail.body_text
    )
    assert "Status of the proposal: Circulated: silence procedure running" in mail.body_text
