"""Rows of the authorization matrix for the CSP President's decisions on the DIEF that the
Secretariat records (issue 14, ToR arts. 3 and 4): the decision to convene a DIEF meeting
and the appointment of the DIEF Chair. Only the Secretariat records them; whoever sees the
DIEF meeting gets 403, nobody outside the DIEF learns that the meeting exists (404), and a
meeting of another body is never convened this way (404 to everyone, the Secretariat too).
The appointments page names no meeting: 403 to everyone but the Secretariat."""

from django.urls import reverse

OBJECTS: dict = {}

GET_URLS = {
    "meetings:convening (DIEF February 2024)": lambda d: reverse(
        "meetings:convening", args=[d["dief"].pk]
    ),
    "meetings:convening (WGETI March 2026: not the President's)": lambda d: reverse(
        "meetings:convening", args=[d["wgeti"].pk]
    ),
    "meetings:dief_chair": lambda d: reverse("meetings:dief_chair"),
}

POST_URLS = {
    "meetings:convening (DIEF February 2024, empty form)": lambda d: reverse(
        "meetings:convening", args=[d["dief"].pk]
    ),
    "meetings:dief_chair (empty form)": lambda d: reverse("meetings:dief_chair"),
}

_ROWS = [*GET_URLS, *POST_URLS]
_NOT_DIEF = "meetings:convening (WGETI March 2026: not the President's)"

# The Secretariat: the pages, and the empty forms back with their errors.
_SECRETARIAT = {**dict.fromkeys(_ROWS, 200), _NOT_DIEF: 404}
# The DIEF's circle (the Chairs, States Parties' and signatories' delegates) reads the
# decisions on the meeting's page but records nothing: 403.
_SEES_DIEF = {**dict.fromkeys(_ROWS, 403), _NOT_DIEF: 404}
# Observers, organisations and the expert: the DIEF meeting does not exist for them.
_OUTSIDER = {
    **_SEES_DIEF,
    "meetings:convening (DIEF February 2024)": 404,
    "meetings:convening (DIEF February 2024, empty form)": 404,
}

EXPECTED = {
    "secretariat": _SECRETARIAT,
    "dief-chair": _SEES_DIEF,
    "wgeti-chair": _SEES_DIEF,
    "delegate-sp": _SEES_DIEF,
    "delegate-sig": _SEES_DIEF,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
