"""Disclosure challenges (ToR art. 15): the two parties only, not even the Secretariat or
the Chair unless they raised the challenge; a challenged non-state expert is a party."""

from django.urls import reverse

from forums.models import DisclosureChallenge

OBJECTS = {
    "challenge": lambda: DisclosureChallenge.objects.get(
        challenger_state__country="AT", challenged_state__country="TH"
    ),
}

GET_URLS = {
    "dief:challenge_list": lambda d: reverse("dief:challenge_list"),
    "dief:challenge_new": lambda d: reverse("dief:challenge_new"),
    "dief:challenge_detail (Austria challenges Thailand)": lambda d: reverse(
        "dief:challenge_detail", args=[d["challenge"].pk]
    ),
    "history (challenge)": lambda d: reverse("history", args=["challenge", d["challenge"].pk]),
}

POST_URLS = {
    "dief:challenge_new (empty)": lambda d: reverse("dief:challenge_new"),
    "dief:challenge_answer (empty)": lambda d: reverse(
        "dief:challenge_answer", args=[d["challenge"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]

_OUTSIDER = {**dict.fromkeys(_ROWS, 403), "history (challenge)": 404}

# Anyone not party to the challenge: the Secretariat, the Chair, a third State.
_NOT_A_PARTY = {
    "dief:challenge_list": 200,
    "dief:challenge_new": 200,
    "dief:challenge_detail (Austria challenges Thailand)": 404,
    "history (challenge)": 404,
    "dief:challenge_new (empty)": 200,  # the form again, with its errors
    "dief:challenge_answer (empty)": 404,
}

EXPECTED = {
    "secretariat": _NOT_A_PARTY,
    "dief-chair": _NOT_A_PARTY,
    "wgeti-chair": _NOT_A_PARTY,
    "delegate-sp": {
        **_NOT_A_PARTY,
        "dief:challenge_detail (Austria challenges Thailand)": 200,
        "history (challenge)": 200,
        "dief:challenge_answer (empty)": 403,  # the challenger does not answer
    },
    "delegate-sig": {
        **_NOT_A_PARTY,
        "dief:challenge_detail (Austria challenges Thailand)": 200,
        "history (challenge)": 200,
        "dief:challenge_answer (empty)": 200,
    },
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    # Art. 15: an admitted expert may be challenged, so the list of challenges addressed
    # to them opens; they raise none, and see no one else's.
    "expert": {
        **_OUTSIDER,
        "dief:challenge_list": 200,
        "dief:challenge_detail (Austria challenges Thailand)": 404,
        "dief:challenge_answer (empty)": 404,
    },
}
