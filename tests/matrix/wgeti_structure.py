"""Rows of the authorization matrix for the WGETI structure, workplan, presentations of
national practice and written submissions (seeds 002 and 004). Demo: the March 2026
meeting (over) takes up "National control system – brokering" and "Risk assessment";
Austria and Mexico are confirmed to present on risk assessment, Thailand has offered; the
presenter list is not published. The written comments were due on 5 March 2026: Austria's
are published, Control Arms' text proposal is not."""

from django.urls import reverse

from att_portal.meetings.enums import CallKind
from att_portal.meetings.models import MeetingCall
from working_groups.models import (
    MeetingTopic,
    PresentationOffer,
    SubWorkingGroup,
    WrittenSubmission,
)

MARCH_2026 = "WGETI meeting, March 2026"

OBJECTS = {
    "ws_practices": lambda: SubWorkingGroup.objects.get(
        cycle__number=12, name="Exchange of National Implementation Practices"
    ),
    "ws_risk_topic": lambda: MeetingTopic.objects.get(
        meeting__title=MARCH_2026, topic__title="Risk assessment"
    ),
    "ws_thai_offer": lambda: PresentationOffer.objects.get(
        meeting__title=MARCH_2026, state__country="TH"
    ),
    "ws_call": lambda: MeetingCall.objects.get(
        meeting__title=MARCH_2026, kind=CallKind.WRITTEN_COMMENTS
    ),
    "ws_austrian_comments": lambda: WrittenSubmission.objects.get(state__country="AT"),
    "ws_control_arms_proposal": lambda: WrittenSubmission.objects.get(
        organisation__name="Control Arms"
    ),
}

GET_URLS = {
    "wgeti:workplan": lambda d: reverse("wgeti:workplan"),
    "wgeti:sub_working_groups (CSP12)": lambda d: reverse("wgeti:sub_working_groups") + "?cycle=12",
    "wgeti:sub_working_group_edit (Exchange of National Implementation Practices)": lambda d: (
        reverse("wgeti:sub_working_group_edit", args=[d["ws_practices"].pk])
    ),
    "wgeti:meeting_topics (March 2026)": lambda d: reverse(
        "wgeti:meeting_topics", args=[d["wgeti"].pk]
    ),
    "wgeti:meeting_topics (a DIEF meeting)": lambda d: reverse(
        "wgeti:meeting_topics", args=[d["dief"].pk]
    ),
    "wgeti:presentations (March 2026)": lambda d: reverse(
        "wgeti:presentations", args=[d["wgeti"].pk]
    ),
    "wgeti:presentations (a DIEF meeting)": lambda d: reverse(
        "wgeti:presentations", args=[d["dief"].pk]
    ),
    "wgeti:presenter_list (March 2026, not published)": lambda d: reverse(
        "wgeti:presenter_list", args=[d["wgeti"].pk]
    ),
    "wgeti:submissions (written comments due 5 March 2026)": lambda d: reverse(
        "wgeti:submissions", args=[d["ws_call"].pk]
    ),
}

POST_URLS = {
    "wgeti:sub_working_groups (CSP12, empty form)": lambda d: (
        reverse("wgeti:sub_working_groups") + "?cycle=12"
    ),
    "wgeti:sub_working_group_edit (Exchange of National Implementation Practices, empty form)": (
        lambda d: reverse("wgeti:sub_working_group_edit", args=[d["ws_practices"].pk])
    ),
    "wgeti:meeting_topic_add (March 2026, empty form)": lambda d: reverse(
        "wgeti:meeting_topic_add", args=[d["wgeti"].pk]
    ),
    "wgeti:meeting_topic_remove (March 2026, risk assessment has offers)": lambda d: reverse(
        "wgeti:meeting_topic_remove", args=[d["wgeti"].pk, d["ws_risk_topic"].pk]
    ),
    "wgeti:presentations (March 2026, empty offer form)": lambda d: reverse(
        "wgeti:presentations", args=[d["wgeti"].pk]
    ),
    "wgeti:offer_decide (Thailand's offer, empty form)": lambda d: reverse(
        "wgeti:offer_decide", args=[d["ws_thai_offer"].pk]
    ),
    "wgeti:presenters_publish (March 2026, after the meeting started)": lambda d: reverse(
        "wgeti:presenters_publish", args=[d["wgeti"].pk]
    ),
    "wgeti:submissions (written comments, empty form)": lambda d: reverse(
        "wgeti:submissions", args=[d["ws_call"].pk]
    ),
    "wgeti:submission_publish (Austria's comments, already published)": lambda d: reverse(
        "wgeti:submission_publish", args=[d["ws_austrian_comments"].pk]
    ),
    "wgeti:submission_publish (Control Arms' proposal, unpublished)": lambda d: reverse(
        "wgeti:submission_publish", args=[d["ws_control_arms_proposal"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]

# Every participant reads the workplan, the groups, the meeting's topics and presentations
# and the call; the officers' actions answer 403 (the page is visible) ...
_CONTRIBUTOR = {
    **dict.fromkeys(_ROWS, 403),
    "wgeti:workplan": 200,
    "wgeti:sub_working_groups (CSP12)": 200,
    "wgeti:meeting_topics (March 2026)": 200,
    "wgeti:meeting_topics (a DIEF meeting)": 404,  # nothing of the DIEF shows in WGETI
    "wgeti:presentations (March 2026)": 200,
    "wgeti:presentations (a DIEF meeting)": 404,
    "wgeti:presenter_list (March 2026, not published)": 404,
    "wgeti:submissions (written comments due 5 March 2026)": 200,
    # ... the empty forms of delegations and organisations come back with errors ...
    "wgeti:presentations (March 2026, empty offer form)": 200,
    "wgeti:submissions (written comments, empty form)": 200,
    # ... and others' unconfirmed offers and unpublished submissions stay hidden.
    "wgeti:offer_decide (Thailand's offer, empty form)": 404,
    "wgeti:submission_publish (Control Arms' proposal, unpublished)": 404,
}

# The officers (WGETI Chair, facilitators, CSP President, Secretariat) act; the empty
# forms and the refused actions (meeting over, already published) come back with errors.
_OFFICER = {
    **_CONTRIBUTOR,
    "wgeti:sub_working_group_edit (Exchange of National Implementation Practices)": 200,
    "wgeti:presenter_list (March 2026, not published)": 200,  # a preview
    "wgeti:sub_working_groups (CSP12, empty form)": 200,
    "wgeti:sub_working_group_edit (Exchange of National Implementation Practices, empty form)": (
        200
    ),
    "wgeti:meeting_topic_add (March 2026, empty form)": 200,
    "wgeti:meeting_topic_remove (March 2026, risk assessment has offers)": 200,
    "wgeti:offer_decide (Thailand's offer, empty form)": 200,
    "wgeti:presenters_publish (March 2026, after the meeting started)": 200,
    "wgeti:submission_publish (Austria's comments, already published)": 200,
    "wgeti:submission_publish (Control Arms' proposal, unpublished)": 302,
}

EXPECTED = {
    # No delegation or organisation to offer or submit for.
    "secretariat": {
        **_OFFICER,
        "wgeti:presentations (March 2026, empty offer form)": 403,
        "wgeti:submissions (written comments, empty form)": 403,
    },
    "dief-chair": _CONTRIBUTOR,
    "wgeti-chair": _OFFICER,  # also a delegate of France: may offer and submit
    "delegate-sp": _CONTRIBUTOR,
    "delegate-sig": {
        **_CONTRIBUTOR,
        "wgeti:offer_decide (Thailand's offer, empty form)": 403,
    },
    "delegate-obs": _CONTRIBUTOR,
    "ngo": {
        **_CONTRIBUTOR,
        "wgeti:submission_publish (Control Arms' proposal, unpublished)": 403,
    },
    "expert": _CONTRIBUTOR,
}
