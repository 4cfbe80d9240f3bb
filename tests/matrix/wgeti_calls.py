"""Rows of the authorization matrix for calls for ad hoc issues (seeds 002 and 004).
Demo: the CSP12 President's call for the March 2026 meeting (closed since 1 February
2026); all three proposals are taken up (seed 004 ¶8) — Control Arms' is the "ngo"
persona's; the Small Arms Survey's has speakers still to be confirmed. Officers: the
Secretariat and the WGETI Chair; contributors: every delegation and organisation."""

from django.urls import reverse

from att_portal.meetings.enums import CallKind
from att_portal.meetings.models import MeetingCall
from working_groups.models import AdHocIssueProposal, ProposedSpeaker

MARCH_2026 = "WGETI meeting, March 2026"

OBJECTS = {
    "calls_call": lambda: MeetingCall.objects.get(
        meeting__title=MARCH_2026, kind=CallKind.AD_HOC_ISSUES
    ),
    "calls_maat": lambda: AdHocIssueProposal.objects.get(
        title="Risk assessment of arms exports to Sudan"
    ),
    "calls_control_arms": lambda: AdHocIssueProposal.objects.get(
        title="Reassessment of authorised arms transfers under Article 7(7)"
    ),
    "calls_sas_unidir": lambda: ProposedSpeaker.objects.get(
        proposal__title="Maritime security and the Arms Trade Treaty", affiliation="UNIDIR"
    ),
}

GET_URLS = {
    "wgeti:call_list": lambda d: reverse("wgeti:call_list"),
    "wgeti:call_new (WGETI March 2026)": lambda d: reverse(
        "wgeti:call_new", args=[d["calls_call"].meeting_id]
    ),
    "wgeti:call_detail (CSP12 President's call)": lambda d: reverse(
        "wgeti:call_detail", args=[d["calls_call"].pk]
    ),
    "wgeti:proposal_new (CSP12 President's call, closed)": lambda d: reverse(
        "wgeti:proposal_new", args=[d["calls_call"].pk]
    ),
    "wgeti:proposal_detail (Maat, accepted)": lambda d: reverse(
        "wgeti:proposal_detail", args=[d["calls_maat"].pk]
    ),
    "wgeti:proposal_detail (Control Arms, taken up)": lambda d: reverse(
        "wgeti:proposal_detail", args=[d["calls_control_arms"].pk]
    ),
    "history (WGETI ad hoc proposal of Control Arms)": lambda d: reverse(
        "history", args=["wgeti-ad-hoc-proposal", d["calls_control_arms"].pk]
    ),
}

POST_URLS = {
    "wgeti:call_new (WGETI March 2026, empty form)": lambda d: reverse(
        "wgeti:call_new", args=[d["calls_call"].meeting_id]
    ),
    "wgeti:proposal_new (CSP12 President's call, empty form)": lambda d: reverse(
        "wgeti:proposal_new", args=[d["calls_call"].pk]
    ),
    "wgeti:proposal_decide (Maat, accepted, empty form)": lambda d: reverse(
        "wgeti:proposal_decide", args=[d["calls_maat"].pk]
    ),
    "wgeti:proposal_decide (Control Arms, taken up, empty form)": lambda d: reverse(
        "wgeti:proposal_decide", args=[d["calls_control_arms"].pk]
    ),
    "wgeti:speaker_name (Small Arms Survey's UNIDIR speaker, empty form)": lambda d: reverse(
        "wgeti:speaker_name", args=[d["calls_sas_unidir"].proposal_id, d["calls_sas_unidir"].pk]
    ),
}

# Every contributor reads the calls and the issues taken up and may propose (the form
# comes back with errors); a proposal's history is its proposer's and the officers';
# deciding, issuing calls and naming another proposer's speakers are for officers (403
# for those who see the proposal).
_CONTRIBUTOR = {
    "wgeti:call_list": 200,
    "wgeti:call_new (WGETI March 2026)": 403,
    "wgeti:call_detail (CSP12 President's call)": 200,
    "wgeti:proposal_new (CSP12 President's call, closed)": 200,
    "wgeti:proposal_detail (Maat, accepted)": 200,
    "wgeti:proposal_detail (Control Arms, taken up)": 200,
    "history (WGETI ad hoc proposal of Control Arms)": 403,
    "wgeti:call_new (WGETI March 2026, empty form)": 403,
    "wgeti:proposal_new (CSP12 President's call, empty form)": 200,
    "wgeti:proposal_decide (Maat, accepted, empty form)": 403,
    "wgeti:proposal_decide (Control Arms, taken up, empty form)": 403,
    "wgeti:speaker_name (Small Arms Survey's UNIDIR speaker, empty form)": 403,
}
# Officers see and decide everything; the empty forms come back with errors.
_OFFICER = dict.fromkeys(_CONTRIBUTOR, 200)

EXPECTED = {
    # The Secretariat has no delegation or organisation to propose for.
    "secretariat": {
        **_OFFICER,
        "wgeti:proposal_new (CSP12 President's call, closed)": 403,
        "wgeti:proposal_new (CSP12 President's call, empty form)": 403,
    },
    "wgeti-chair": _OFFICER,  # France's delegate as well: may propose
    "dief-chair": _CONTRIBUTOR,  # nothing of the DIEF Chair's role counts in WGETI
    "delegate-sp": _CONTRIBUTOR,
    "delegate-sig": _CONTRIBUTOR,
    "delegate-obs": _CONTRIBUTOR,  # observers take part in WGETI
    "ngo": {
        **_CONTRIBUTOR,
        "history (WGETI ad hoc proposal of Control Arms)": 200,
    },
    "expert": _CONTRIBUTOR,
}
