"""Rows of the authorization matrix for the agenda builder: an item moved to a position,
changed in place, every issued version as PDF, the warning before issuing to nobody.
The builders below add a DIEF meeting whose agenda the Secretariat issued (version 1, two
items) and another whose draft agenda has no State invited. The DIEF Chair and the
Secretariat build agendas; delegations of States Parties and signatories read the issued
agenda and its versions but change nothing (403); observers, organisations and experts get
nothing of a DIEF agenda (404)."""

from django.urls import reverse

from att_portal.directory.models import User
from documents import agenda as agenda_services
from documents.models import AgendaItem
from tests.factories import DiefMeetingFactory


def _issued_dief_agenda():
    officer = User.objects.get(username="secretariat")
    meeting = DiefMeetingFactory(title="DIEF meeting with an issued agenda (matrix)")
    agenda = agenda_services.agenda_open(by=officer, meeting=meeting)
    for title in ("Opening (matrix)", "Closing (matrix)"):
        agenda_services.agenda_item_add(by=officer, agenda=agenda, title=title)
    agenda_services.agenda_issue(by=officer, agenda=agenda)
    return meeting


def _uninvited_dief_agenda():
    officer = User.objects.get(username="secretariat")
    meeting = DiefMeetingFactory(title="DIEF meeting nobody is invited to (matrix)")
    agenda = agenda_services.agenda_open(by=officer, meeting=meeting)
    agenda_services.agenda_item_add(by=officer, agenda=agenda, title="Only item (matrix)")
    return meeting


OBJECTS = {
    "agenda_issued": _issued_dief_agenda,
    "agenda_issued_closing": lambda: AgendaItem.objects.get(title_en="Closing (matrix)"),
    "agenda_uninvited": _uninvited_dief_agenda,
}

GET_URLS = {
    "documents:agenda (issued DIEF agenda with its versions)": lambda d: reverse(
        "documents:agenda", args=[d["agenda_issued"].pk]
    ),
    "documents:agenda_version_pdf (issued DIEF agenda, version 1, French)": lambda d: (
        reverse("documents:agenda_version_pdf", args=[d["agenda_issued"].pk, 1]) + "?lang=fr"
    ),
    "documents:agenda_version_pdf (issued DIEF agenda, unknown version)": lambda d: reverse(
        "documents:agenda_version_pdf", args=[d["agenda_issued"].pk, 9]
    ),
    "documents:agenda_item_edit (issued DIEF agenda, closing item)": lambda d: reverse(
        "documents:agenda_item_edit",
        args=[d["agenda_issued"].pk, d["agenda_issued_closing"].pk],
    ),
}

POST_URLS = {
    "documents:agenda_item_move (issued DIEF agenda, no position)": lambda d: reverse(
        "documents:agenda_item_move",
        args=[d["agenda_issued"].pk, d["agenda_issued_closing"].pk],
    ),
    "documents:agenda_item_move (unknown item)": lambda d: reverse(
        "documents:agenda_item_move", args=[d["agenda_issued"].pk, 999999]
    ),
    "documents:agenda_transition (issue a DIEF agenda with nobody invited)": lambda d: reverse(
        "documents:agenda_transition", args=[d["agenda_uninvited"].pk, "issue"]
    ),
}

_ROWS = [*GET_URLS, *POST_URLS]

# The Secretariat and the DIEF Chair build DIEF agendas: a move without a position is
# refused with a message (back to the agenda); a DIEF draft agenda with nobody invited is
# issued at once, for it goes to every State Party and signatory (ToR art. 10).
_EDITOR = {
    **dict.fromkeys(_ROWS, 200),
    "documents:agenda_version_pdf (issued DIEF agenda, unknown version)": 404,
    "documents:agenda_item_move (issued DIEF agenda, no position)": 302,
    "documents:agenda_item_move (unknown item)": 404,
    "documents:agenda_transition (issue a DIEF agenda with nobody invited)": 302,
}

# Delegations of States Parties and signatories (the WGETI Chair included) read the
# issued agenda and download its versions; they change nothing and see no draft.
_READER = {
    "documents:agenda (issued DIEF agenda with its versions)": 200,
    "documents:agenda_version_pdf (issued DIEF agenda, version 1, French)": 200,
    "documents:agenda_version_pdf (issued DIEF agenda, unknown version)": 404,
    "documents:agenda_item_edit (issued DIEF agenda, closing item)": 403,
    "documents:agenda_item_move (issued DIEF agenda, no position)": 403,
    "documents:agenda_item_move (unknown item)": 404,
    "documents:agenda_transition (issue a DIEF agenda with nobody invited)": 404,
}

# Observers, organisations and experts: nothing of a DIEF agenda.
_OUTSIDER = dict.fromkeys(_ROWS, 404)

EXPECTED = {
    "secretariat": _EDITOR,
    "dief-chair": _EDITOR,
    "wgeti-chair": _READER,
    "delegate-sp": _READER,
    "delegate-sig": _READER,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    "expert": _OUTSIDER,
}
