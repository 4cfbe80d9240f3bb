"""The pages of the non-state expert procedure (ToR art. 8): who sees what, the 30-day
deadline and the signatory's objection refused on the form, the remaining days of the
silence period, and a list whose query count does not grow."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from att_portal.directory.enums import AttStatus, Role
from forums.models import ConsultationMessage, ExpertObjection, ExpertProposal
from forums.services.experts import (
    expert_objection_raise,
    expert_objection_withdraw,
    expert_proposal_circulate,
    expert_proposal_submit,
)
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, CasePresentationFactory, ExpertAdmissionFactory

pytestmark = pytest.mark.django_db
ZURICH = ZoneInfo("Europe/Zurich")
D = datetime.date
START = D(2027, 2, 17)  # proposals due 2027-01-18; unresolved objections referred 2027-01-28

EXPERT = {
    "expert_name": "Dr. Ana Ruiz",
    "expert_email": "ana.ruiz@example.org",
    "expert_affiliation": "Institute of Forensic Ballistics",
    "expertise": "Tracing of small arms.",
    "purpose": "To explain the tracing of the pistols.",
}


@pytest.fixture(autouse=True)
def _clock_in_late_november_2026():
    """The procedures of these tests run around the DIEF meeting of 17 February 2027: their
    clock starts where the tests were written, whatever the day they run."""
    with time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=ZURICH)):
        yield


def at(year, month, day, hour=12):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=ZURICH), tick=False)


def client(user) -> Client:
    return sign_in(Client(), user)


@pytest.fixture
def w():
    """A proposing State Party, an objecting State Party, a third State Party, a signatory,
    the DIEF Chair, the Secretariat, an observer and an organisation; a presentation by
    the proposing State at a DIEF meeting on 17 February 2027."""
    proposer = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    chair = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=chair, role=Role.DIEF_CHAIR)
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)
    presentation = CasePresentationFactory(case=CaseFactory(provider=proposer), meeting=meeting)
    return {
        "proposer": proposer,
        "objector": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "third": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "signatory": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "chair": chair,
        "secretariat": SecretariatUserFactory(),
        "observer": UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY)),
        "ngo": OrganisationUserFactory(),
        "presentation": presentation,
    }


def propose(w) -> ExpertProposal:
    with at(2027, 1, 5):
        return expert_proposal_submit(by=w["proposer"], presentation=w["presentation"], **EXPERT)


def circulated(w) -> ExpertProposal:
    proposal = propose(w)
    with at(2027, 1, 10, 10):  # the silence runs to the end of 15 January
        return expert_proposal_circulate(by=w["secretariat"], proposal=proposal)


def objected(w) -> ExpertObjection:
    proposal = circulated(w)
    with at(2027, 1, 11):
        return expert_objection_raise(by=w["objector"], proposal=proposal, reasons="Too close.")


def statuses(w, url, roles, method="get", data=None):
    return {role: getattr(client(w[role]), method)(url, data or {}).status_code for role in roles}


ROLES = ["proposer", "objector", "third", "signatory", "chair", "secretariat", "observer", "ngo"]


# -- The proposal ----------------------------------------------------------------------------


def test_presenting_state_proposes_an_expert_on_the_form(w):
    url = reverse("dief:expert_proposal_new", args=[w["presentation"].pk])

    with at(2027, 1, 18, 23):  # the last day, late in the evening in Geneva
        response = client(w["proposer"]).post(url, EXPERT)

    proposal = ExpertProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dief:expert_proposal_detail", args=[proposal.pk])
    assert (proposal.expert_name, proposal.expert_email, proposal.proposed_by) == (
        "Dr. Ana Ruiz",
        "ana.ruiz@example.org",
        w["proposer"],
    )


def test_late_proposal_is_refused_on_the_form_with_the_deadline(w):
    url = reverse("dief:expert_proposal_new", args=[w["presentation"].pk])

    with at(2027, 1, 19, 0):
        page = client(w["proposer"]).get(url)
        response = client(w["proposer"]).post(url, EXPERT)

    last_day = "18 January 2027"
    assert page.context["late"] is True
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Proposals of non-state experts must reach the Secretariat at least 30 days before "
        f"the meeting: the last day for this meeting was {last_day} (ToR art. 8)."
    ]
    assert ExpertProposal.objects.count() == 0


def test_bad_proposal_shows_errors_and_saves_nothing(w):
    url = reverse("dief:expert_proposal_new", args=[w["presentation"].pk])

    with at(2027, 1, 5):
        response = client(w["proposer"]).post(
            url, {**EXPERT, "expert_email": "not an address", "purpose": "", "x": "\x00"}
        )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"expert_email", "purpose"}
    assert ExpertProposal.objects.count() == 0


def test_art8_every_state_party_and_signatory_may_open_the_proposal_form(w):
    url = reverse("dief:expert_proposal_new", args=[w["presentation"].pk])

    with at(2027, 1, 5):
        got = statuses(w, url, ROLES)

    # The Chair of the fixture is a delegate of a State Party; the Secretariat proposes
    # nobody; observers and organisations never enter the forum.
    assert got == {
        "proposer": 200,
        "objector": 200,
        "third": 200,
        "signatory": 200,
        "chair": 200,
        "secretariat": 403,
        "observer": 403,
        "ngo": 403,
    }


def test_art8_presentation_page_offers_the_proposal_to_every_state_party_and_signatory(w):
    url = reverse("dief:presentation_detail", args=[w["presentation"].pk])
    link = reverse("dief:expert_proposal_new", args=[w["presentation"].pk])

    with at(2027, 1, 5):
        pages = {
            role: client(w[role]).get(url).content.decode()
            for role in ("proposer", "third", "signatory", "secretariat")
        }

    assert {role: link in page for role, page in pages.items()} == {
        "proposer": True,
        "third": True,
        "signatory": True,
        "secretariat": False,
    }


def test_art8_a_signatory_proposes_an_expert_for_another_states_presentation(w):
    url = reverse("dief:expert_proposal_new", args=[w["presentation"].pk])

    with at(2027, 1, 5):
        response = client(w["signatory"]).post(url, EXPERT)

    proposal = ExpertProposal.objects.get()
    assert response.status_code == 302
    assert (proposal.proposing_state, proposal.proposed_by, proposal.purpose) == (
        w["signatory"].state,
        w["signatory"],
        "To explain the tracing of the pistols.",
    )
    with at(2027, 1, 6):
        pages = {
            role: client(w[role]).get(reverse("dief:expert_proposal_detail", args=[proposal.pk]))
            for role in ("signatory", "proposer", "secretariat")
        }
    # Before circulation: the proposing State and the Secretariat; the presenting State
    # sees it once it is circulated, as every State Party does.
    assert {role: page.status_code for role, page in pages.items()} == {
        "signatory": 200,
        "proposer": 404,
        "secretariat": 200,
    }
    assert (
        f'<dt class="col-sm-3">Proposing State</dt><dd class="col-sm-9">{w["signatory"].state}'
        in pages["secretariat"].content.decode()
    )


def test_proposal_reaches_only_the_secretariat_and_the_proposing_state_before_circulation(w):
    proposal = propose(w)
    url = reverse("dief:expert_proposal_detail", args=[proposal.pk])

    with at(2027, 1, 6):
        got = statuses(w, url, ROLES)
        page = client(w["secretariat"]).get(url)

    assert got == {
        "proposer": 200,
        "objector": 404,
        "third": 404,
        "signatory": 404,
        "chair": 404,
        "secretariat": 200,
        "observer": 403,
        "ngo": 403,
    }
    assert page.context["circulate_form"] is not None
    assert page.context["procedure"].state == "proposed"


def test_secretariat_circulates_and_every_participant_then_sees_the_proposal(w):
    proposal = propose(w)

    with at(2027, 1, 10, 10):
        response = client(w["secretariat"]).post(
            reverse("dief:expert_proposal_circulate", args=[proposal.pk])
        )
        again = client(w["secretariat"]).post(
            reverse("dief:expert_proposal_circulate", args=[proposal.pk])
        )
        refused = client(w["proposer"]).post(
            reverse("dief:expert_proposal_circulate", args=[proposal.pk])
        )
        got = statuses(w, reverse("dief:expert_proposal_detail", args=[proposal.pk]), ROLES)

    proposal.refresh_from_db()
    assert response.status_code == 302
    assert proposal.circulated_by == w["secretariat"]
    assert again.status_code == 200
    assert again.context["circulate_form"].non_field_errors() == [
        "This proposal is already circulated."
    ]
    assert refused.status_code == 403
    assert got == {
        "proposer": 200,
        "objector": 200,
        "third": 200,
        "signatory": 200,
        "chair": 200,
        "secretariat": 200,
        "observer": 403,
        "ngo": 403,
    }


def test_proposal_page_states_its_dates_in_sentences(w):
    proposal = propose(w)

    with at(2027, 1, 6):
        page = client(w["secretariat"]).get(
            reverse("dief:expert_proposal_detail", args=[proposal.pk])
        )

    procedure = page.content.decode().split('id="procedure">')[1].split("</dl>")[0]
    assert [line.strip() for line in procedure.strip().splitlines()[:2]] == [
        '<dt class="col-sm-3">Status</dt><dd class="col-sm-9">Proposed, awaiting circulation</dd>',
        '<dt class="col-sm-3">Deadline for proposals</dt><dd class="col-sm-9">Proposals must '
        "reach the Secretariat by the end of 18 January 2027, Geneva time (ToR art. 8).</dd>",
    ]
    assert (
        "The silence procedure runs for 5 days from the circulation of the proposal." in procedure
    )
    assert (
        "An objection still unresolved at the end of 28 January 2027, Geneva time, goes to "
        "the States Parties participating in the meeting for a procedural decision." in procedure
    )


def test_pages_show_the_days_left_in_the_silence_period(w):
    proposal = circulated(w)
    last_day = "15 January 2027"

    with at(2027, 1, 12):
        detail = client(w["third"]).get(reverse("dief:expert_proposal_detail", args=[proposal.pk]))
        listing = client(w["third"]).get(reverse("dief:expert_proposal_list"))
    with at(2027, 1, 15):
        last = client(w["third"]).get(reverse("dief:expert_proposal_list"))
    with at(2027, 1, 16):
        over = client(w["third"]).get(reverse("dief:expert_proposal_list"))

    text = f"3 days left — objections until the end of {last_day}, Geneva time"
    assert text in detail.content.decode()
    assert text in listing.content.decode()
    assert f"Last day — objections until the end of {last_day}, Geneva time" in (
        last.content.decode()
    )
    assert "Geneva time" not in over.content.decode()
    assert over.context["rows"][0]["procedure"].state == "approved_by_silence"


def test_expert_procedure_pages_are_closed_to_the_admitted_expert(w):
    proposal = circulated(w)
    admission = ExpertAdmissionFactory(presentation=w["presentation"])

    with at(2027, 1, 12):
        expert = client(admission.expert)
        got = [
            expert.get(reverse("dief:expert_proposal_list")).status_code,
            expert.get(reverse("dief:expert_proposal_detail", args=[proposal.pk])).status_code,
        ]

    assert got == [403, 403]


# -- Objections and consultation -------------------------------------------------------------


def test_state_party_objects_and_the_consultation_is_seen_by_the_two_states_only(w):
    proposal = circulated(w)
    detail = reverse("dief:expert_proposal_detail", args=[proposal.pk])

    with at(2027, 1, 11):
        form_shown = client(w["objector"]).get(detail).context["objection_form"]
        response = client(w["objector"]).post(
            reverse("dief:expert_objection_raise", args=[proposal.pk]), {"reasons": "Too close."}
        )
        objection = ExpertObjection.objects.get()
        got = statuses(w, reverse("dief:expert_objection_detail", args=[objection.pk]), ROLES)
        listed = {
            role: list(client(w[role]).get(detail).context["objections"])
            for role in ("proposer", "objector", "third", "secretariat")
        }
        after = client(w["objector"]).get(detail).context["objection_form"]

    assert form_shown is not None
    assert response.status_code == 302
    assert response["Location"] == reverse("dief:expert_objection_detail", args=[objection.pk])
    assert (objection.state, objection.reasons) == (w["objector"].state, "Too close.")
    assert got == {
        "proposer": 200,
        "objector": 200,
        "third": 404,
        "signatory": 404,
        "chair": 404,
        "secretariat": 200,
        "observer": 403,
        "ngo": 403,
    }
    assert listed == {
        "proposer": [objection],
        "objector": [objection],
        "third": [],
        "secretariat": [objection],
    }
    assert after is None  # already objected


PENDING = "Objection raised — awaiting resolution"
RUNNING = "Circulated: silence procedure running"


def test_art8_an_objection_in_the_silence_is_shown_pending_on_the_list_and_the_page(w):
    objection = objected(w)
    detail = reverse("dief:expert_proposal_detail", args=[objection.proposal_id])
    readers = ("proposer", "objector", "third", "signatory", "chair", "secretariat")

    with at(2027, 1, 12):
        pages = {role: client(w[role]).get(detail) for role in readers}
        lists = {
            role: client(w[role]).get(reverse("dief:expert_proposal_list")) for role in readers
        }

    for role in readers:
        page, listing = pages[role].content.decode(), lists[role].content.decode()
        assert pages[role].context["procedure"].state == "objected_in_silence", role
        assert [r["procedure"].state for r in lists[role].context["rows"]] == [
            "objected_in_silence"
        ], role
        assert PENDING in page, role
        assert PENDING in listing, role
        assert RUNNING not in page, role
        assert RUNNING not in listing, role
        # What comes next: the consultation, and the procedural decision after S − 20.
        for text in (page, listing):
            assert (
                "The objecting State and the proposing State consult to resolve the objection; "
                "other States Parties may still object until the end of 15 January 2027, Geneva "
                "time." in text
            ), role
            assert (
                "An objection still unresolved at the end of 28 January 2027, Geneva time, goes "
                "to the States Parties participating in the meeting for a procedural decision."
                in text
            ), role
        assert "3 days left — objections until the end of 15 January 2027" in page, role


def test_art8_who_objected_and_when_is_shown_only_to_the_two_states_and_the_secretariat(w):
    objection = objected(w)
    detail = reverse("dief:expert_proposal_detail", args=[objection.proposal_id])
    raised = f"Raised by {objection.state} on 11 January 2027, 12:00"
    hidden = "Only the objecting State, the proposing State and the Secretariat see who objected."

    with at(2027, 1, 12):
        shown = {
            role: (
                client(w[role]).get(detail).content.decode(),
                client(w[role]).get(reverse("dief:expert_proposal_list")).content.decode(),
            )
            for role in ("proposer", "objector", "third", "signatory", "chair", "secretariat")
        }

    assert {
        role: raised in page and raised in listing for role, (page, listing) in shown.items()
    } == {
        "proposer": True,
        "objector": True,
        "third": False,
        "signatory": False,
        "chair": False,
        "secretariat": True,
    }
    assert {
        role: hidden in page and hidden in listing for role, (page, listing) in shown.items()
    } == {
        "proposer": False,
        "objector": False,
        "third": True,
        "signatory": True,
        "chair": True,
        "secretariat": False,
    }
    assert str(objection.state) not in shown["third"][0]


def test_art8_another_state_party_may_still_object_while_an_objection_is_pending(w):
    objection = objected(w)
    detail = reverse("dief:expert_proposal_detail", args=[objection.proposal_id])

    with at(2027, 1, 12):
        form = client(w["third"]).get(detail).context["objection_form"]
        response = client(w["third"]).post(
            reverse("dief:expert_objection_raise", args=[objection.proposal_id]), {"reasons": ""}
        )

    assert form is not None
    assert response.status_code == 302
    assert ExpertObjection.objects.filter(proposal=objection.proposal).count() == 2


def test_an_objection_withdrawn_in_the_silence_shows_the_silence_running_again(w):
    objection = objected(w)
    with at(2027, 1, 13):
        expert_objection_withdraw(by=w["objector"], objection=objection)
        page = client(w["third"]).get(
            reverse("dief:expert_proposal_detail", args=[objection.proposal_id])
        )

    assert page.context["procedure"].state == "in_silence"
    assert RUNNING in page.content.decode()
    assert PENDING not in page.content.decode()


def test_after_the_silence_the_pending_objection_names_the_referral_day(w):
    objection = objected(w)

    with at(2027, 1, 20):
        listing = client(w["proposer"]).get(reverse("dief:expert_proposal_list"))
        objection_page = client(w["proposer"]).get(
            reverse("dief:expert_objection_detail", args=[objection.pk])
        )

    assert [r["procedure"].state for r in listing.context["rows"]] == ["in_consultation"]
    for response in (listing, objection_page):
        text = response.content.decode()
        assert "The objecting State and the proposing State consult to resolve the objection." in (
            text
        )
        assert "An objection still unresolved at the end of 28 January 2027" in text


def test_signatory_objection_is_refused_on_the_form(w):
    proposal = circulated(w)

    with at(2027, 1, 11):
        page = client(w["signatory"]).get(
            reverse("dief:expert_proposal_detail", args=[proposal.pk])
        )
        response = client(w["signatory"]).post(
            reverse("dief:expert_objection_raise", args=[proposal.pk]), {"reasons": "No."}
        )

    assert page.context["objection_form"] is None
    assert "Only States Parties may object" in page.content.decode()
    assert response.status_code == 200
    assert response.context["objection_form"].non_field_errors() == [
        "Only States Parties may object to a non-state expert (ToR art. 8)."
    ]
    assert ExpertObjection.objects.count() == 0


def test_objection_after_the_silence_is_refused_on_the_form(w):
    proposal = circulated(w)

    with at(2027, 1, 16):
        page = client(w["objector"]).get(reverse("dief:expert_proposal_detail", args=[proposal.pk]))
        response = client(w["objector"]).post(
            reverse("dief:expert_objection_raise", args=[proposal.pk]), {"reasons": "Late."}
        )

    last_day = "15 January 2027"
    assert page.context["objection_form"] is None
    assert response.context["objection_form"].non_field_errors() == [
        f"The silence procedure ended on {last_day}: objections are no longer accepted."
    ]
    assert ExpertObjection.objects.count() == 0


def test_the_two_states_consult_and_the_objecting_state_withdraws(w):
    objection = objected(w)
    message_url = reverse("dief:consultation_message", args=[objection.pk])
    withdraw_url = reverse("dief:expert_objection_withdraw", args=[objection.pk])

    with at(2027, 1, 12):
        first = client(w["objector"]).post(message_url, {"body": "Who funds the institute?"})
        reply = client(w["proposer"]).post(message_url, {"body": "The EU."})
        empty = client(w["proposer"]).post(message_url, {"body": ""})
        outsider = client(w["third"]).post(message_url, {"body": "Me too."})
        administration = client(w["secretariat"]).post(message_url, {"body": "Noted."})
        not_theirs = client(w["proposer"]).post(withdraw_url, {"confirm": "on"})
        unconfirmed = client(w["objector"]).post(withdraw_url, {})
        withdrawn = client(w["objector"]).post(withdraw_url, {"confirm": "on"})
        page = client(w["objector"]).get(
            reverse("dief:expert_objection_detail", args=[objection.pk])
        )

    objection.refresh_from_db()
    assert [first.status_code, reply.status_code] == [302, 302]
    assert list(ConsultationMessage.objects.values_list("body", flat=True)) == [
        "Who funds the institute?",
        "The EU.",
    ]
    assert [m.body for m in page.context["thread"]] == ["Who funds the institute?", "The EU."]
    assert empty.status_code == 200
    assert list(empty.context["message_form"].errors) == ["body"]
    assert [outsider.status_code, administration.status_code, not_theirs.status_code] == [
        404,
        403,
        403,
    ]
    assert unconfirmed.status_code == 200
    assert list(unconfirmed.context["withdraw_form"].errors) == ["confirm"]
    assert withdrawn.status_code == 302
    assert objection.withdrawn_by == w["objector"]
    assert page.context["withdraw_form"] is None


# -- The procedural decision -----------------------------------------------------------------


def test_secretariat_records_the_procedural_decision_once_referred(w):
    proposal = objected(w).proposal
    detail = reverse("dief:expert_proposal_detail", args=[proposal.pk])
    decide = reverse("dief:expert_decision_record", args=[proposal.pk])

    with at(2027, 1, 20):
        before = client(w["secretariat"]).get(detail).context["decision_form"]
    with at(2027, 1, 29):
        page = client(w["secretariat"]).get(detail)
        refused = client(w["objector"]).post(decide, {"decision": "approved"})
        bad = client(w["secretariat"]).post(
            decide, {"decision": "maybe", "decided_on": "29/29/2027"}
        )
        future = client(w["secretariat"]).post(
            decide, {"decision": "not_approved", "decided_on": "2027-02-01"}
        )
        recorded = client(w["secretariat"]).post(
            decide, {"decision": "not_approved", "decided_on": "2027-01-29"}
        )

    proposal.refresh_from_db()
    assert before is None
    assert page.context["procedure"].state == "referred"
    assert page.context["decision_form"] is not None
    assert refused.status_code == 403
    assert bad.status_code == 200
    assert set(bad.context["decision_form"].errors) == {"decision", "decided_on"}
    assert future.status_code == 200
    assert future.context["decision_form"].errors == {
        "decided_on": ["The decision cannot be in the future."]
    }
    assert recorded.status_code == 302
    assert (proposal.decision, proposal.decided_on) == ("not_approved", D(2027, 1, 29))


# -- The list --------------------------------------------------------------------------------


def test_list_shows_each_reader_the_proposals_it_may_see(w):
    pending = propose(w)
    other = CasePresentationFactory(
        case=CaseFactory(provider=w["third"]), meeting=w["presentation"].meeting
    )
    with at(2027, 1, 5):
        shown = expert_proposal_submit(by=w["third"], presentation=other, **EXPERT)
    with at(2027, 1, 10):
        expert_proposal_circulate(by=w["secretariat"], proposal=shown)
        seen = {
            role: [
                row["procedure"].proposal
                for row in client(w[role]).get(reverse("dief:expert_proposal_list")).context["rows"]
            ]
            for role in ("proposer", "objector", "signatory", "chair", "secretariat")
        }

    assert seen == {
        "proposer": [shown, pending],  # the newest first
        "objector": [shown],
        "signatory": [shown],
        "chair": [shown],
        "secretariat": [shown, pending],
    }


@pytest.mark.parametrize("count", [1, 200])
def test_list_query_count_does_not_grow(w, count, django_assert_num_queries):
    circulated_at = datetime.datetime(2027, 1, 10, 10, tzinfo=ZURICH)
    proposals = ExpertProposal.objects.bulk_create(
        [
            ExpertProposal(
                presentation=w["presentation"],
                proposing_state=w["proposer"].state,
                proposed_by=w["proposer"],
                circulated_at=circulated_at,
                circulated_by=w["secretariat"],
                **EXPERT,
            )
            for _ in range(count)
        ]
    )
    ExpertObjection.objects.bulk_create(
        [
            ExpertObjection(
                proposal=proposal, state=w["objector"].state, raised_by=w["objector"], reasons="x"
            )
            for proposal in proposals
        ]
    )
    with at(2027, 1, 20):
        c = client(w["third"])
        c.get(reverse("dief:expert_proposal_list"))  # warm the session and content types

        # One query more than without objections: the pending objections the reader may
        # see (who objected and when), read once for all the rows.
        with django_assert_num_queries(10):
            response = c.get(reverse("dief:expert_proposal_list"))

    assert len(response.context["rows"]) == count
    assert {row["procedure"].state for row in response.context["rows"]} == {"in_consultation"}


# -- The demo --------------------------------------------------------------------------------


def test_demo_expert_comes_from_an_approved_proposal_and_the_second_is_in_its_silence(
    client_for,
):
    """France objected to the second during its silence: the objection is pending."""
    approved = ExpertProposal.objects.get(expert__username="expert")
    silent = ExpertProposal.objects.get(expert_name="Dr. Marta Kowalska")
    france = client_for("wgeti-chair")

    listing = france.get(reverse("dief:expert_proposal_list"))
    page = france.get(reverse("dief:expert_proposal_detail", args=[silent.pk]))

    assert approved.admission.undertaking_accepted_at is not None
    assert {row["procedure"].state for row in listing.context["rows"]} == {
        "approved_by_silence",
        "objected_in_silence",
    }
    assert page.context["procedure"].days_left_in_silence == 4
    assert "4 days left — objections until the end of" in page.content.decode()
    assert [o.state.country for o in page.context["objections"]] == ["FR"]
    assert page.context["objection_form"] is None  # France has objected already
