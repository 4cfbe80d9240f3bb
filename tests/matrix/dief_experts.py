"""Non-state experts (ToR art. 8): a proposal is seen by the Secretariat and the proposing
State, and by every participant once circulated; an objection and its consultation only
by the objecting State, the proposing State and the Secretariat. Observers, organisations
and the admitted expert reach none of these pages (the expert sees only its case)."""

from django.urls import reverse

from forums.models import ExpertObjection, ExpertProposal
from tests.demo_objects import austrian_presentation

IN_SILENCE = "Dr. Marta Kowalska"

OBJECTS = {
    "expert_presentation": austrian_presentation,
    "approved_proposal": lambda: ExpertProposal.objects.get(
        presentation=austrian_presentation(), expert__username="expert"
    ),
    "silent_proposal": lambda: ExpertProposal.objects.get(
        presentation=austrian_presentation(), expert_name=IN_SILENCE
    ),
    "french_objection": lambda: ExpertObjection.objects.get(
        proposal__presentation=austrian_presentation(),
        proposal__expert_name=IN_SILENCE,
        state__country="FR",
    ),
}

GET_URLS = {
    "dief:expert_proposal_new (Austrian presentation ahead)": lambda d: reverse(
        "dief:expert_proposal_new", args=[d["expert_presentation"].pk]
    ),
    "dief:expert_proposal_list": lambda d: reverse("dief:expert_proposal_list"),
    "dief:expert_proposal_detail (approved expert)": lambda d: reverse(
        "dief:expert_proposal_detail", args=[d["approved_proposal"].pk]
    ),
    "dief:expert_proposal_detail (in silence, France objects)": lambda d: reverse(
        "dief:expert_proposal_detail", args=[d["silent_proposal"].pk]
    ),
    "dief:expert_objection_detail (France objects)": lambda d: reverse(
        "dief:expert_objection_detail", args=[d["french_objection"].pk]
    ),
    "history (expert proposal)": lambda d: reverse(
        "history", args=["expert-proposal", d["silent_proposal"].pk]
    ),
    "history (expert objection)": lambda d: reverse(
        "history", args=["expert-objection", d["french_objection"].pk]
    ),
}

POST_URLS = {
    "dief:expert_proposal_new (Austrian presentation, empty form)": lambda d: reverse(
        "dief:expert_proposal_new", args=[d["expert_presentation"].pk]
    ),
    "dief:expert_proposal_circulate (already circulated)": lambda d: reverse(
        "dief:expert_proposal_circulate", args=[d["silent_proposal"].pk]
    ),
    "dief:expert_objection_raise (in silence, empty form)": lambda d: reverse(
        "dief:expert_objection_raise", args=[d["silent_proposal"].pk]
    ),
    "dief:expert_decision_record (not referred, empty form)": lambda d: reverse(
        "dief:expert_decision_record", args=[d["silent_proposal"].pk]
    ),
    "dief:consultation_message (France objects, empty form)": lambda d: reverse(
        "dief:consultation_message", args=[d["french_objection"].pk]
    ),
    "dief:expert_objection_withdraw (France objects, empty form)": lambda d: reverse(
        "dief:expert_objection_withdraw", args=[d["french_objection"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
_HISTORY = ("history (expert proposal)", "history (expert objection)")

_OUTSIDER = {
    **dict.fromkeys(_ROWS, 403),
    # The history page is outside the DIEF gate: the object is simply not there.
    **dict.fromkeys(_HISTORY, 404),
}

# A participant of a third State: sees circulated proposals, not the objections of others;
# proposes an expert for any presentation it sees (ToR art. 8: any State Party or signatory).
_THIRD_STATE = {
    "dief:expert_proposal_new (Austrian presentation ahead)": 200,
    "dief:expert_proposal_list": 200,
    "dief:expert_proposal_detail (approved expert)": 200,
    "dief:expert_proposal_detail (in silence, France objects)": 200,
    "dief:expert_objection_detail (France objects)": 404,
    "history (expert proposal)": 403,
    "history (expert objection)": 404,
    "dief:expert_proposal_new (Austrian presentation, empty form)": 200,  # with errors
    "dief:expert_proposal_circulate (already circulated)": 403,
    "dief:expert_objection_raise (in silence, empty form)": 200,  # the form with errors
    "dief:expert_decision_record (not referred, empty form)": 403,
    "dief:consultation_message (France objects, empty form)": 404,
    "dief:expert_objection_withdraw (France objects, empty form)": 404,
}

EXPECTED = {
    "secretariat": {
        **_THIRD_STATE,
        "dief:expert_proposal_new (Austrian presentation ahead)": 403,  # States propose
        "dief:expert_proposal_new (Austrian presentation, empty form)": 403,
        "dief:expert_objection_detail (France objects)": 200,
        "history (expert proposal)": 200,
        "history (expert objection)": 200,
        "dief:expert_proposal_circulate (already circulated)": 200,  # the refusal shown
        "dief:expert_objection_raise (in silence, empty form)": 403,
        "dief:expert_decision_record (not referred, empty form)": 200,  # the form with errors
        "dief:consultation_message (France objects, empty form)": 403,  # administers only
        "dief:expert_objection_withdraw (France objects, empty form)": 403,
    },
    # Mexico: a State Party that may object, but sees no other State's objection. An
    # objection needs no reasons (ToR art. 8): the empty form records it.
    "dief-chair": {**_THIRD_STATE, "dief:expert_objection_raise (in silence, empty form)": 302},
    # France: the objecting State.
    "wgeti-chair": {
        **_THIRD_STATE,
        "dief:expert_objection_detail (France objects)": 200,
        "history (expert objection)": 200,
        "dief:consultation_message (France objects, empty form)": 200,
        "dief:expert_objection_withdraw (France objects, empty form)": 200,
    },
    # Austria: the proposing State.
    "delegate-sp": {
        **_THIRD_STATE,
        "dief:expert_proposal_new (Austrian presentation ahead)": 200,
        "dief:expert_objection_detail (France objects)": 200,
        "history (expert proposal)": 200,
        "history (expert objection)": 200,
        "dief:expert_proposal_new (Austrian presentation, empty form)": 200,
        "dief:expert_objection_raise (in silence, empty form)": 403,  # its own proposal
        "dief:consultation_message (France objects, empty form)": 200,
        "dief:expert_objection_withdraw (France objects, empty form)": 403,
    },
    # Thailand, a signatory: sees the circulated proposals; the service refuses its
    # objection on the form (only States Parties object).
    "delegate-sig": _THIRD_STATE,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
