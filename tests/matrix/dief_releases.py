"""Releases from confidentiality (ToR art. 14): the Secretariat records the participants'
decisions in the DIEF area; the released material is read in the restricted area by its
members, outside the DIEF gate; observers, organisations and experts get nothing."""

from django.urls import reverse

from forums.demo import RELEASED_ITEM, THAI_ITEM
from forums.models import ConfidentialityRelease, PlatformItem

OBJECTS = {
    "released_item": lambda: PlatformItem.objects.get(title=RELEASED_ITEM),
    "confidential_item": lambda: PlatformItem.objects.get(title=THAI_ITEM),
    "release": lambda: ConfidentialityRelease.objects.get(platform_item__title=RELEASED_ITEM),
}

GET_URLS = {
    "dief:release_list": lambda d: reverse("dief:release_list"),
    "dief:release_new": lambda d: reverse("dief:release_new"),
    "history (release from confidentiality)": lambda d: reverse(
        "history", args=["confidentiality-release", d["release"].pk]
    ),
    "dief:released_list": lambda d: reverse("dief:released_list"),
    "dief:released_detail (released item)": lambda d: reverse(
        "dief:released_detail", args=["item", d["released_item"].pk]
    ),
    "dief:released_detail (Thai item, still confidential)": lambda d: reverse(
        "dief:released_detail", args=["item", d["confidential_item"].pk]
    ),
}

POST_URLS = {
    "dief:release_new (empty)": lambda d: reverse("dief:release_new"),
}

# Members of the restricted area who are not the Secretariat: they read released material
# and nothing else; they record nothing.
_MEMBER = {
    "dief:release_list": 403,
    "dief:release_new": 403,
    "history (release from confidentiality)": 403,
    "dief:released_list": 200,
    "dief:released_detail (released item)": 200,
    "dief:released_detail (Thai item, still confidential)": 404,
    "dief:release_new (empty)": 403,
}

# Outside the restricted area: the DIEF gate (403), an empty-handed restricted page (403),
# and no sign that an item exists (404).
_OUTSIDER = {
    "dief:release_list": 403,
    "dief:release_new": 403,
    "history (release from confidentiality)": 404,
    "dief:released_list": 403,
    "dief:released_detail (released item)": 404,
    "dief:released_detail (Thai item, still confidential)": 404,
    "dief:release_new (empty)": 403,
}

EXPECTED = {
    "secretariat": {
        **_MEMBER,
        "dief:release_list": 200,
        "dief:release_new": 200,
        "history (release from confidentiality)": 200,
        "dief:release_new (empty)": 200,  # the form again, with its errors
    },
    "dief-chair": _MEMBER,
    "wgeti-chair": _MEMBER,
    "delegate-sp": _MEMBER,
    "delegate-sig": _MEMBER,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
