"""Operational use (ToR art. 16) and law-enforcement contacts (art. 20): only the two
States (and the Secretariat, for administration) reach a discussion; contacts are read by
States Parties' and signatories' delegates and kept by the Secretariat."""

from django.urls import reverse

from forums.demo import AUSTRIAN_CASE, THAI_ITEM
from forums.models import Case, LawEnforcementContact, OperationalUseRequest, PlatformItem

OBJECTS = {
    "use_request_case": lambda: Case.objects.get(title=AUSTRIAN_CASE),
    "use_request_item": lambda: PlatformItem.objects.get(title=THAI_ITEM),
    "use_request": lambda: OperationalUseRequest.objects.get(case__title=AUSTRIAN_CASE),
    "le_contact": lambda: LawEnforcementContact.objects.get(state__country="AT"),
}

GET_URLS = {
    "dief:use_request_new (Austrian case)": lambda d: reverse(
        "dief:use_request_new", args=[d["use_request_case"].pk]
    ),
    "dief:item_use_request_new (Thai item)": lambda d: reverse(
        "dief:item_use_request_new", args=[d["use_request_item"].pk]
    ),
    "dief:use_request_list": lambda d: reverse("dief:use_request_list"),
    "dief:use_request_detail (Thailand asks Austria)": lambda d: reverse(
        "dief:use_request_detail", args=[d["use_request"].pk]
    ),
    "history (use request)": lambda d: reverse(
        "history", args=["use-request", d["use_request"].pk]
    ),
    "dief:contact_list": lambda d: reverse("dief:contact_list"),
    "dief:contact_new": lambda d: reverse("dief:contact_new"),
    "dief:contact_edit (Austrian contact)": lambda d: reverse(
        "dief:contact_edit", args=[d["le_contact"].pk]
    ),
    "history (law-enforcement contact)": lambda d: reverse(
        "history", args=["law-enforcement-contact", d["le_contact"].pk]
    ),
}

POST_URLS = {
    "dief:use_request_message (empty)": lambda d: reverse(
        "dief:use_request_message", args=[d["use_request"].pk]
    ),
    "dief:use_request_position (empty)": lambda d: reverse(
        "dief:use_request_position", args=[d["use_request"].pk]
    ),
    "dief:contact_delete (Austrian contact)": lambda d: reverse(
        "dief:contact_delete", args=[d["le_contact"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
_HISTORY = ("history (use request)", "history (law-enforcement contact)")

_OUTSIDER = {
    **dict.fromkeys(_ROWS, 403),
    # The history page is outside the DIEF gate: the object is simply not there.
    **dict.fromkeys(_HISTORY, 404),
}

# A third State (France, Mexico): may ask about others' items, sees no request of others.
_THIRD_STATE = {
    "dief:use_request_new (Austrian case)": 200,
    "dief:item_use_request_new (Thai item)": 200,
    "dief:use_request_list": 200,
    "dief:use_request_detail (Thailand asks Austria)": 404,
    "history (use request)": 404,
    "dief:use_request_message (empty)": 404,
    "dief:use_request_position (empty)": 404,
    "dief:contact_list": 200,
    "dief:contact_new": 403,
    "dief:contact_edit (Austrian contact)": 403,
    "history (law-enforcement contact)": 403,
    "dief:contact_delete (Austrian contact)": 403,
}

EXPECTED = {
    "secretariat": {
        # The Secretariat administers discussions; it opens none, writes nothing, states no
        # position.
        "dief:use_request_new (Austrian case)": 403,
        "dief:item_use_request_new (Thai item)": 403,
        "dief:use_request_list": 200,
        "dief:use_request_detail (Thailand asks Austria)": 200,
        "history (use request)": 200,
        "dief:use_request_message (empty)": 403,
        "dief:use_request_position (empty)": 403,
        "dief:contact_list": 200,
        "dief:contact_new": 200,
        "dief:contact_edit (Austrian contact)": 200,
        "history (law-enforcement contact)": 200,
        "dief:contact_delete (Austrian contact)": 302,
    },
    "dief-chair": _THIRD_STATE,
    "wgeti-chair": _THIRD_STATE,
    "delegate-sp": {
        **_THIRD_STATE,
        "dief:use_request_new (Austrian case)": 403,  # its own case
        "dief:use_request_detail (Thailand asks Austria)": 200,
        "history (use request)": 200,
        "dief:use_request_message (empty)": 200,  # the form again, with its errors
        "dief:use_request_position (empty)": 200,
    },
    "delegate-sig": {
        **_THIRD_STATE,
        "dief:item_use_request_new (Thai item)": 403,  # its own item
        "dief:use_request_detail (Thailand asks Austria)": 200,
        "history (use request)": 200,
        "dief:use_request_message (empty)": 200,
        "dief:use_request_position (empty)": 403,  # only the provider states a position
    },
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
