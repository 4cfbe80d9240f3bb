"""Rows of the authorization matrix for changing a person's name (the name that watermarks
and access logs show).

The Secretariat changes anybody's name, its own staff's included; a focal point changes
the names of the other members of their delegation, not their own; nobody else changes a
name. Whoever sees the person but may not change the name gets 403 (the focal point on
their own name, an organisation's representative on theirs); whoever does not see the
person gets 404 (another State's delegates, the Secretariat's staff).

Demo: Lena Gruber (delegate-sp) is Austria's focal point; Markus Huber a member of the
Austrian delegation; Hana Mikami (ngo) represents Control Arms; Amal Haddad (secretariat)
works for the Secretariat."""

from django.urls import reverse

from att_portal.directory.models import User

OBJECTS = {
    "dn_markus": lambda: User.objects.get(username="markus.huber"),
    "dn_focal_point": lambda: User.objects.get(username="delegate-sp"),
    "dn_ngo": lambda: User.objects.get(username="ngo"),
    "dn_secretariat": lambda: User.objects.get(username="secretariat"),
}


def _rename(name):
    return lambda d: reverse("directory:person_rename", args=[d[name].pk])


GET_URLS = {
    "directory:person_rename (Austrian delegate)": _rename("dn_markus"),
    "directory:person_rename (own name of the Austrian focal point)": _rename("dn_focal_point"),
    "directory:person_rename (an NGO representative)": _rename("dn_ngo"),
    "directory:person_rename (Secretariat staff)": _rename("dn_secretariat"),
}
# Posted empty: the form comes back with its message, nothing changes.
POST_URLS = {
    "directory:person_rename (Austrian delegate, empty form)": _rename("dn_markus"),
    "directory:person_rename (own name of the Austrian focal point, empty form)": _rename(
        "dn_focal_point"
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]
_NOBODY = dict.fromkeys(_ROWS, 404)
_OWN_NAME = [row for row in _ROWS if "own name" in row]

EXPECTED = {
    "secretariat": dict.fromkeys(_ROWS, 200),
    "dief-chair": _NOBODY,  # Mexico's delegation
    "wgeti-chair": _NOBODY,  # France's delegation
    "delegate-sp": {
        **_NOBODY,
        "directory:person_rename (Austrian delegate)": 200,
        "directory:person_rename (Austrian delegate, empty form)": 200,
        **dict.fromkeys(_OWN_NAME, 403),
    },
    "delegate-sig": _NOBODY,
    "delegate-obs": _NOBODY,
    "ngo": {**_NOBODY, "directory:person_rename (an NGO representative)": 403},
    "expert": _NOBODY,  # another organisation's representative
}
