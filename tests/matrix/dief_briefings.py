"""Oral briefings (ToR art. 22) and the art. 17 refusal of minutes: the Chair drafts;
the States that took part in the 2024 review meeting (Austria, Thailand, Mexico) see the
briefing and take a position; France (the WGETI Chair's State) did not take part."""

from django.urls import reverse

from att_portal.meetings.models import Meeting
from forums.demo import REVIEW_MEETING
from forums.models import Briefing

OBJECTS = {
    "review_meeting": lambda: Meeting.objects.get(title=REVIEW_MEETING),
    "review_briefing": lambda: Briefing.objects.get(meeting__title=REVIEW_MEETING),
}

GET_URLS = {
    "dief:briefing_list": lambda d: reverse("dief:briefing_list"),
    "dief:briefing_new (review meeting)": lambda d: reverse(
        "dief:briefing_new", args=[d["review_meeting"].pk]
    ),
    "dief:briefing_detail (review briefing)": lambda d: reverse(
        "dief:briefing_detail", args=[d["review_briefing"].pk]
    ),
    "dief:briefing_edit (review briefing)": lambda d: reverse(
        "dief:briefing_edit", args=[d["review_briefing"].pk]
    ),
    "dief:minutes (review meeting)": lambda d: reverse(
        "dief:minutes", args=[d["review_meeting"].pk]
    ),
    "meetings:pdf (DIEF minutes)": lambda d: reverse(
        "meetings:pdf", args=[d["review_meeting"].pk, "minutes"]
    ),
    "history (briefing)": lambda d: reverse("history", args=["briefing", d["review_briefing"].pk]),
}

POST_URLS = {
    "dief:briefing_new (review meeting, empty)": lambda d: reverse(
        "dief:briefing_new", args=[d["review_meeting"].pk]
    ),
    "dief:briefing_edit (review briefing, empty)": lambda d: reverse(
        "dief:briefing_edit", args=[d["review_briefing"].pk]
    ),
    "dief:briefing_position (review briefing, empty)": lambda d: reverse(
        "dief:briefing_position", args=[d["review_briefing"].pk]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]

# Observers and organisations: the DIEF gate; the meeting itself is not even visible.
_OUTSIDER = {
    **dict.fromkeys(_ROWS, 403),
    "meetings:pdf (DIEF minutes)": 404,
    "history (briefing)": 404,
}

# A State that took part: reads the briefing and takes a position, changes nothing else.
_TOOK_PART = {
    "dief:briefing_list": 200,
    "dief:briefing_new (review meeting)": 403,
    "dief:briefing_detail (review briefing)": 200,
    "dief:briefing_edit (review briefing)": 403,
    "dief:minutes (review meeting)": 403,  # art. 17: the explanation, never minutes
    "meetings:pdf (DIEF minutes)": 403,
    "history (briefing)": 403,
    "dief:briefing_new (review meeting, empty)": 403,
    "dief:briefing_edit (review briefing, empty)": 403,
    "dief:briefing_position (review briefing, empty)": 200,  # the form with its errors
}

EXPECTED = {
    "secretariat": {
        **_TOOK_PART,
        "history (briefing)": 200,
        "dief:briefing_position (review briefing, empty)": 403,  # not a State
    },
    # The Chair, also a delegate of Mexico, which took part.
    "dief-chair": {
        **_TOOK_PART,
        "dief:briefing_new (review meeting)": 200,
        "dief:briefing_edit (review briefing)": 200,
        "history (briefing)": 200,
        "dief:briefing_new (review meeting, empty)": 200,
        "dief:briefing_edit (review briefing, empty)": 200,
    },
    # France did not take part: the briefing does not exist for it.
    "wgeti-chair": {
        **_TOOK_PART,
        "dief:briefing_detail (review briefing)": 404,
        "dief:briefing_edit (review briefing)": 404,
        "history (briefing)": 404,
        "dief:briefing_edit (review briefing, empty)": 404,
        "dief:briefing_position (review briefing, empty)": 404,
    },
    "delegate-sp": _TOOK_PART,
    "delegate-sig": _TOOK_PART,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
