"""Rows of the authorization matrix for deactivating a member of a delegation, which asks
for confirmation on a page of its own first.

The Secretariat and the delegation's focal point see the confirmation page of a member
they may deactivate; nobody else does. Whoever does not see the person gets 404 (other
States' delegates, organisations' representatives); a focal point asking to deactivate
themselves gets 403 (they see themselves but may not).

Demo: Lena Gruber (delegate-sp) is Austria's focal point; Markus Huber a member of the
Austrian delegation."""

from django.urls import reverse

from att_portal.directory.models import User

OBJECTS = {
    "dm_markus": lambda: User.objects.get(username="markus.huber"),
    "dm_focal_point": lambda: User.objects.get(username="delegate-sp"),
}


def _confirm(name):
    return lambda d: reverse("directory:person_deactivate", args=[d[name].pk])


GET_URLS = {
    "directory:person_deactivate (confirmation page, Austrian delegate)": _confirm("dm_markus"),
    "directory:person_deactivate (confirmation page, the Austrian focal point herself)": _confirm(
        "dm_focal_point"
    ),
}
POST_URLS: dict = {}

_ROWS = [*GET_URLS, *POST_URLS]
_NOBODY = dict.fromkeys(_ROWS, 404)

EXPECTED = {
    "secretariat": {
        "directory:person_deactivate (confirmation page, Austrian delegate)": 200,
        "directory:person_deactivate (confirmation page, the Austrian focal point herself)": 200,
    },
    "dief-chair": _NOBODY,  # Mexico's delegation
    "wgeti-chair": _NOBODY,  # France's delegation
    "delegate-sp": {
        "directory:person_deactivate (confirmation page, Austrian delegate)": 200,
        "directory:person_deactivate (confirmation page, the Austrian focal point herself)": 403,
    },
    "delegate-sig": _NOBODY,
    "delegate-obs": _NOBODY,
    "ngo": _NOBODY,
    "expert": _NOBODY,
}
