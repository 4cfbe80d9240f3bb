"""Rows of the authorization matrix for case presentations and concerned States (ToR
arts. 11-12). Demo: Austria (delegate-sp) presents AUSTRIAN_CASE at the DIEF meeting
ahead and names Thailand (delegate-sig) as concerned; Thailand has not replied."""

from django.urls import reverse

from att_portal.directory.models import User
from forums.demo import AUSTRIAN_CASE
from forums.models import Case, PresentationIntention
from tests.demo_objects import austrian_presentation


def _austrian_intention_for_the_next_meeting() -> PresentationIntention:
    """Austria also intends to present its case at the next DIEF meeting, not yet announced
    (ToR art. 11)."""
    return PresentationIntention.objects.create(
        case=Case.objects.get(title=AUSTRIAN_CASE),
        intended_by=User.objects.get(username="delegate-sp"),
    )


OBJECTS = {
    "austrian_case": lambda: Case.objects.get(title=AUSTRIAN_CASE),
    "austrian_presentation": austrian_presentation,
    "austrian_intention": _austrian_intention_for_the_next_meeting,
}

GET_URLS = {
    "dief:presentation_new (Austrian case)": lambda d: reverse(
        "dief:presentation_new", args=[d["austrian_case"].pk]
    ),
    "dief:presentation_detail (Austrian presentation)": lambda d: reverse(
        "dief:presentation_detail", args=[d["austrian_presentation"].pk]
    ),
    "dief:concerned_reply (Austrian presentation, Thailand concerned)": lambda d: reverse(
        "dief:concerned_reply", args=[d["austrian_presentation"].pk]
    ),
    "dief:my_concerned_notices": lambda d: reverse("dief:my_concerned_notices"),
}

POST_URLS = {
    "dief:presentation_new (Austrian case, empty form)": lambda d: reverse(
        "dief:presentation_new", args=[d["austrian_case"].pk]
    ),
    "dief:presentation_withdraw (Austrian presentation, unconfirmed)": lambda d: reverse(
        "dief:presentation_withdraw", args=[d["austrian_presentation"].pk]
    ),
    "dief:concerned_states_name (Austrian presentation, empty form)": lambda d: reverse(
        "dief:concerned_states_name", args=[d["austrian_presentation"].pk]
    ),
    "dief:concerned_reply (Austrian presentation, empty form)": lambda d: reverse(
        "dief:concerned_reply", args=[d["austrian_presentation"].pk]
    ),
    "dief:presentation_intention_withdraw (Austria's, unconfirmed)": lambda d: reverse(
        "dief:presentation_intention_withdraw", args=[d["austrian_intention"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
# Every participant sees that Austria presents (the agenda says so) and its own notices;
# only Austria acts on its presentation and only Thailand replies: the others read, 403.
_READER = {
    **dict.fromkeys(_ROWS, 403),
    "dief:presentation_detail (Austrian presentation)": 200,
    "dief:my_concerned_notices": 200,
    # An intention for the next meeting is Austria's, the Chair's and the Secretariat's.
    "dief:presentation_intention_withdraw (Austria's, unconfirmed)": 404,
}
_OUTSIDER = dict.fromkeys(_ROWS, 403)  # the dief_area gate
_OFFICER = {**_READER, "dief:presentation_intention_withdraw (Austria's, unconfirmed)": 403}

EXPECTED = {
    "secretariat": _OFFICER,
    "dief-chair": _OFFICER,
    "wgeti-chair": _READER,
    "delegate-sp": {
        **_READER,
        # Back to the case's page, with the refusal.
        "dief:presentation_intention_withdraw (Austria's, unconfirmed)": 302,
        "dief:presentation_new (Austrian case)": 200,
        "dief:presentation_new (Austrian case, empty form)": 200,  # the form with errors
        "dief:presentation_withdraw (Austrian presentation, unconfirmed)": 200,  # with errors
        "dief:concerned_states_name (Austrian presentation, empty form)": 200,  # with errors
    },
    "delegate-sig": {
        **_READER,
        "dief:concerned_reply (Austrian presentation, Thailand concerned)": 200,
        "dief:concerned_reply (Austrian presentation, empty form)": 200,  # with errors
    },
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
