"""The authorization matrix: for each demo role, the status of every view and the objects
each role sees. A view without a row here fails `test_every_view_has_a_row_in_the_matrix`."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from guardian.shortcuts import assign_perm

from att_portal.directory.enums import AttStatus, StatusInstrument
from att_portal.directory.models import Organisation, State, StateStatusChange, User
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle, Meeting
from documents.models import AgendaItem, Document
from tests import demo_objects
from tests.conftest import DEMO_ROLES
from tests.matrix import AREAS

ANONYMOUS = None
ROLES = (ANONYMOUS, *DEMO_ROLES)

# (name, method) -> how to build the URL from the demo data.
GET_URLS = {
    "dashboard": lambda d: reverse("dashboard"),
    "search": lambda d: reverse("search") + "?q=DIEF",
    "accounts:profile": lambda d: reverse("accounts:profile"),
    "accounts:two_factor": lambda d: reverse("accounts:two_factor"),
    "accounts:two_factor_setup": lambda d: reverse("accounts:two_factor_setup"),
    "directory:state_list": lambda d: reverse("directory:state_list"),
    "directory:state_detail": lambda d: reverse("directory:state_detail", args=["aut"]),
    "directory:delegate_invite (own State of delegate-sp)": lambda d: reverse(
        "directory:delegate_invite", args=["aut"]
    ),
    "directory:delegate_invite (Thailand)": lambda d: reverse(
        "directory:delegate_invite", args=["tha"]
    ),
    "directory:organisation_list": lambda d: reverse("directory:organisation_list"),
    "directory:organisation_detail": lambda d: reverse(
        "directory:organisation_detail", args=[d["control_arms"].pk]
    ),
    "meetings:list": lambda d: reverse("meetings:list"),
    "meetings:detail (DIEF)": lambda d: reverse("meetings:detail", args=[d["dief"].pk]),
    "meetings:detail (WGETI)": lambda d: reverse("meetings:detail", args=[d["wgeti"].pk]),
    "dief:home": lambda d: reverse("dief:home"),
    "wgeti:home": lambda d: reverse("wgeti:home"),
    "history (state)": lambda d: reverse("history", args=["state", d["austria"].pk]),
    "history (organisation)": lambda d: reverse(
        "history", args=["organisation", d["control_arms"].pk]
    ),
    "history (person)": lambda d: reverse("history", args=["person", d["markus"].pk]),
    "history (DIEF meeting)": lambda d: reverse("history", args=["meeting", d["dief"].pk]),
    "history (cycle)": lambda d: reverse("history", args=["cycle", d["csp12"].pk]),
    "admin:index": lambda d: reverse("admin:index"),
    "meetings:my_deadlines": lambda d: reverse("meetings:my_deadlines"),
    "meetings:calendar_settings": lambda d: reverse("meetings:calendar_settings"),
    "meetings:calendar_feed (unknown token)": lambda d: reverse(
        "meetings:calendar_feed", args=["not-a-token"]
    ),
    "notifications:list": lambda d: reverse("notifications:list"),
    "documents:list": lambda d: reverse("documents:list"),
    "documents:register": lambda d: reverse("documents:register"),
    "documents:cover_letter_pdf (restricted letter)": lambda d: reverse(
        "documents:cover_letter_pdf", args=[d["letter"].pk]
    ),
    "documents:agenda (draft of the DIEF meeting ahead)": lambda d: reverse(
        "documents:agenda", args=[d["dief_ahead"].pk]
    ),
    "documents:agenda_pdf (draft of the DIEF meeting ahead)": lambda d: reverse(
        "documents:agenda_pdf", args=[d["dief_ahead"].pk]
    ),
    "documents:agenda_item_edit (draft of the DIEF meeting ahead, opening item)": lambda d: reverse(
        "documents:agenda_item_edit", args=[d["dief_ahead"].pk, d["dief_ahead_opening"].pk]
    ),
    "meetings:pdf (DIEF timetable)": lambda d: reverse(
        "meetings:pdf", args=[d["dief"].pk, "timetable"]
    ),
    "documents:detail (DIEF working paper)": lambda d: reverse(
        "documents:detail", args=[d["dief_paper"].pk]
    ),
    "documents:detail (restricted letter)": lambda d: reverse(
        "documents:detail", args=[d["letter"].pk]
    ),
    "documents:version_download (DIEF working paper)": lambda d: reverse(
        "documents:version_download", args=[d["dief_paper"].pk, "en"]
    ),
    "documents:version_download (restricted letter)": lambda d: reverse(
        "documents:version_download", args=[d["letter"].pk, "en"]
    ),
}
POST_URLS = {
    "meetings:invitations_issue (DIEF)": lambda d: reverse(
        "meetings:invitations_issue", args=[d["dief"].pk]
    ),
    "meetings:deadline_record (DIEF draft agenda)": lambda d: reverse(
        "meetings:deadline_record", args=[d["dief"].pk, "draft_agenda"]
    ),
    "meetings:nominate (WGETI, empty form)": lambda d: reverse(
        "meetings:nominate", args=[d["wgeti"].pk]
    ),
    "meetings:withdraw (unknown nomination)": lambda d: reverse(
        "meetings:withdraw", args=[d["wgeti"].pk, 999999]
    ),
    "meetings:session_add (WGETI, empty form)": lambda d: reverse(
        "meetings:session_add", args=[d["wgeti"].pk]
    ),
    "notifications:mark_read": lambda d: reverse("notifications:mark_read"),
    "documents:agenda_item_add (DIEF meeting ahead, empty form)": lambda d: reverse(
        "documents:agenda_item_add", args=[d["dief_ahead"].pk]
    ),
    "documents:agenda_item_action (unknown item)": lambda d: reverse(
        "documents:agenda_item_action", args=[d["dief_ahead"].pk, 999999, "up"]
    ),
    "documents:agenda_transition (issue the draft of the DIEF meeting ahead)": lambda d: reverse(
        "documents:agenda_transition", args=[d["dief_ahead"].pk, "issue"]
    ),
    "documents:agenda_item_edit (DIEF ahead, opening item, empty form)": lambda d: reverse(
        "documents:agenda_item_edit", args=[d["dief_ahead"].pk, d["dief_ahead_opening"].pk]
    ),
    "documents:version_upload (DIEF working paper, empty form)": lambda d: reverse(
        "documents:version_upload", args=[d["dief_paper"].pk]
    ),
    "directory:person_deactivate (Austrian delegate)": lambda d: reverse(
        "directory:person_deactivate", args=[d["markus"].pk]
    ),
    "directory:person_reactivate (Austrian delegate)": lambda d: reverse(
        "directory:person_reactivate", args=[d["markus"].pk]
    ),
}

_ANONYMOUS = {
    **dict.fromkeys([*GET_URLS, *POST_URLS], 302),
    "meetings:calendar_feed (unknown token)": 404,
}

# What every signed-in person with a State's delegation (Party or signatory) gets.
_DIEF_DELEGATE = {
    "dashboard": 200,
    "search": 200,
    "accounts:profile": 200,
    "accounts:two_factor": 200,
    "accounts:two_factor_setup": 302,  # a confirmed device: sent on to the code form
    "directory:state_list": 200,
    "directory:state_detail": 200,
    "directory:delegate_invite (own State of delegate-sp)": 403,
    "directory:delegate_invite (Thailand)": 403,
    "directory:organisation_list": 200,
    "directory:organisation_detail": 200,
    "meetings:list": 200,
    "meetings:detail (DIEF)": 200,
    "meetings:detail (WGETI)": 200,
    "dief:home": 200,
    "wgeti:home": 200,
    "history (state)": 403,
    "history (organisation)": 403,
    "history (person)": 404,  # another delegation's member is not even visible
    "history (DIEF meeting)": 403,
    "history (cycle)": 403,
    "admin:index": 403,
    "directory:person_deactivate (Austrian delegate)": 404,
    "directory:person_reactivate (Austrian delegate)": 404,
    "meetings:my_deadlines": 200,
    "meetings:calendar_settings": 200,
    "meetings:calendar_feed (unknown token)": 404,
    "notifications:list": 200,
    "meetings:invitations_issue (DIEF)": 403,
    "meetings:deadline_record (DIEF draft agenda)": 403,
    "meetings:nominate (WGETI, empty form)": 403,
    "meetings:withdraw (unknown nomination)": 404,
    "meetings:session_add (WGETI, empty form)": 403,
    "notifications:mark_read": 302,
    "documents:list": 200,
    "documents:register": 403,
    "documents:cover_letter_pdf (restricted letter)": 200,
    "documents:agenda (draft of the DIEF meeting ahead)": 404,
    "documents:agenda_pdf (draft of the DIEF meeting ahead)": 404,
    "documents:agenda_item_add (DIEF meeting ahead, empty form)": 404,
    "documents:agenda_item_action (unknown item)": 404,
    "documents:agenda_transition (issue the draft of the DIEF meeting ahead)": 404,
    "documents:agenda_item_edit (draft of the DIEF meeting ahead, opening item)": 404,
    "documents:agenda_item_edit (DIEF ahead, opening item, empty form)": 404,
    "meetings:pdf (DIEF timetable)": 200,
    "documents:detail (DIEF working paper)": 200,
    "documents:detail (restricted letter)": 200,
    "documents:version_download (DIEF working paper)": 200,
    "documents:version_download (restricted letter)": 200,
    "documents:version_upload (DIEF working paper, empty form)": 403,
}
# Observers and organisations: nothing of the DIEF, not even that a meeting exists.
_OUTSIDER = {
    **_DIEF_DELEGATE,
    "meetings:detail (DIEF)": 404,
    "dief:home": 403,
    "history (DIEF meeting)": 404,
    "meetings:invitations_issue (DIEF)": 404,
    "meetings:deadline_record (DIEF draft agenda)": 404,
    "documents:detail (DIEF working paper)": 404,
    "documents:version_download (DIEF working paper)": 404,
    "documents:detail (restricted letter)": 404,
    "documents:version_download (restricted letter)": 404,
    "documents:cover_letter_pdf (restricted letter)": 404,
    "meetings:pdf (DIEF timetable)": 404,
    "documents:version_upload (DIEF working paper, empty form)": 404,
}

EXPECTED = {
    ANONYMOUS: _ANONYMOUS,
    "secretariat": {
        **dict.fromkeys(GET_URLS, 200),
        "accounts:two_factor_setup": 302,
        # Posted without the confirmation: the confirmation page, nothing changes.
        "directory:person_deactivate (Austrian delegate)": 200,
        "directory:person_reactivate (Austrian delegate)": 302,
        "meetings:calendar_feed (unknown token)": 404,
        "meetings:invitations_issue (DIEF)": 302,
        "meetings:deadline_record (DIEF draft agenda)": 302,
        "meetings:nominate (WGETI, empty form)": 403,  # no delegation to nominate from
        "meetings:withdraw (unknown nomination)": 404,
        "meetings:session_add (WGETI, empty form)": 200,  # the form comes back with errors
        "notifications:mark_read": 302,
        "documents:version_upload (DIEF working paper, empty form)": 200,  # with errors
        "documents:agenda (draft of the DIEF meeting ahead)": 200,
        "documents:agenda_pdf (draft of the DIEF meeting ahead)": 200,
        "documents:agenda_item_add (DIEF meeting ahead, empty form)": 200,  # the form with errors
        "documents:agenda_item_action (unknown item)": 404,
        # Nobody is invited to it yet, but the DIEF draft agenda goes to every State Party
        # and signatory (ToR art. 10): it is issued at once.
        "documents:agenda_transition (issue the draft of the DIEF meeting ahead)": 302,
        "documents:agenda_item_edit (DIEF ahead, opening item, empty form)": 200,  # with errors
    },
    "dief-chair": {
        **_DIEF_DELEGATE,
        "meetings:deadline_record (DIEF draft agenda)": 302,
        "documents:agenda (draft of the DIEF meeting ahead)": 200,
        "documents:agenda_pdf (draft of the DIEF meeting ahead)": 200,
        "documents:agenda_item_add (DIEF meeting ahead, empty form)": 200,  # the form with errors
        # The DIEF draft agenda goes to every State Party and signatory (ToR art. 10).
        "documents:agenda_transition (issue the draft of the DIEF meeting ahead)": 302,
        "documents:agenda_item_edit (draft of the DIEF meeting ahead, opening item)": 200,
        "documents:agenda_item_edit (DIEF ahead, opening item, empty form)": 200,  # with errors
    },
    "wgeti-chair": _DIEF_DELEGATE,
    "delegate-sp": {
        **_DIEF_DELEGATE,
        "directory:delegate_invite (own State of delegate-sp)": 200,
        "history (person)": 403,  # a fellow Austrian: visible, but history is the Secretariat's
        # Posted without the confirmation: the confirmation page, nothing changes.
        "directory:person_deactivate (Austrian delegate)": 200,
        "directory:person_reactivate (Austrian delegate)": 302,
        "meetings:nominate (WGETI, empty form)": 200,  # the form comes back with errors
    },
    "delegate-sig": _DIEF_DELEGATE,
    "delegate-obs": _OUTSIDER,
    "ngo": _OUTSIDER,
    # Admitted to one presentation (demo): the DIEF home shows that invitation only.
    "expert": {**_OUTSIDER, "dief:home": 200},
}

for _area in AREAS:
    GET_URLS |= _area.GET_URLS
    POST_URLS |= _area.POST_URLS
    _rows = [*_area.GET_URLS, *_area.POST_URLS]
    EXPECTED[ANONYMOUS] |= dict.fromkeys(_rows, 302)
    for _role in DEMO_ROLES:
        EXPECTED[_role] = {**EXPECTED[_role], **_area.EXPECTED.get(_role, {})}

SEES_DIEF = {"secretariat", "dief-chair", "wgeti-chair", "delegate-sp", "delegate-sig"}


@pytest.fixture
def meeting_titles(demo_users) -> tuple[set[str], set[str]]:
    """Every meeting of the demo, and its DIEF meetings: the record and what lies ahead."""
    every = demo_objects.all_meeting_titles()
    return every, {title for title in every if title.startswith("DIEF")}


@pytest.fixture
def objects(demo_users):
    return {
        "austria": State.objects.get(country="AT"),
        "control_arms": Organisation.objects.get(name="Control Arms"),
        "markus": User.objects.get(username="markus.huber"),
        "dief": Meeting.objects.get(body=Body.DIEF, starts_on=datetime.date(2024, 2, 22)),
        "wgeti": Meeting.objects.get(body=Body.WGETI, starts_on=datetime.date(2026, 3, 16)),
        "csp12": CspCycle.objects.get(number=12),
        "dief_paper": Document.objects.get(symbol="ATT/CSP10.DIEF/2024/CHAIR/781/DrWP"),
        "dief_ahead": demo_objects.dief_meeting_ahead(),
        "dief2027": demo_objects.dief_meeting_ahead(),  # its name when it was fixed in 2027
        "letter": Document.objects.get(symbol="ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs"),
        "dief_ahead_opening": AgendaItem.objects.get(
            agenda__meeting=demo_objects.dief_meeting_ahead(),
            title_en="Opening of the meeting",
        ),
    } | {name: build() for area in AREAS for name, build in area.OBJECTS.items()}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_view(role, objects, client_for):
    client = client_for(role)
    statuses = {name: client.get(build(objects)).status_code for name, build in GET_URLS.items()}
    statuses |= {name: client.post(build(objects)).status_code for name, build in POST_URLS.items()}

    assert statuses == EXPECTED[role]


def titles_in(response) -> set[str]:
    return set(re.findall(r'<a href="/meetings/\d+/">([^<]+)</a>', response.content.decode()))


def test_the_demo_holds_the_record_and_one_dief_and_one_wgeti_meeting_ahead(meeting_titles):
    every, _dief = meeting_titles
    ahead = {demo_objects.dief_meeting_ahead().title, demo_objects.wgeti_meeting_ahead().title}
    conferences = set(
        Meeting.objects.filter(body=Body.CSP, cycle__number__gt=12).values_list("title", flat=True)
    )

    assert every == demo_objects.HISTORICAL_MEETINGS | ahead | conferences
    assert conferences  # the cycle of the meetings ahead, with its Conference


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_each_role_sees_exactly_its_meetings_in_lists_search_and_counts(
    role, client_for, meeting_titles
):
    all_meetings, dief_meetings = meeting_titles
    client = client_for(role)
    expected = all_meetings if role in SEES_DIEF else all_meetings - dief_meetings

    assert titles_in(client.get(reverse("meetings:list"))) == expected
    search = client.get(reverse("search"), {"q": "DIEF"})
    expected_dief = dief_meetings if role in SEES_DIEF else set()
    assert titles_in(search) == expected_dief
    assert search.context["counts"]["meetings"] == len(expected_dief)
    assert f'data-count="meetings">{len(expected_dief)}<' in search.content.decode()
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.context["meeting_count"] == len(expected)
    if role in SEES_DIEF:
        assert titles_in(client.get(reverse("dief:home"))) == dief_meetings


HEAD = ["/meetings/", "/meetings/my-deadlines/", "/documents/"]
TAIL = ["/directory/states/", "/directory/organisations/", "/notices/", "/meetings/calendar/"]


@pytest.mark.parametrize(
    ("role", "areas"),
    [
        ("secretariat", [*HEAD, "/dief/", "/wgeti/", *TAIL, "/admin/"]),
        ("dief-chair", [*HEAD, "/dief/", "/wgeti/", "/directory/states/mex/", *TAIL]),
        ("delegate-sp", [*HEAD, "/dief/", "/wgeti/", "/directory/states/aut/", *TAIL]),
        ("delegate-obs", [*HEAD, "/wgeti/", "/directory/states/idn/", *TAIL]),
        ("ngo", [*HEAD, "/wgeti/", *TAIL]),
        ("expert", [*HEAD, "/dief/", "/wgeti/", *TAIL]),  # admitted to one presentation
    ],
)
def test_dashboard_offers_each_role_what_it_may_do(role, areas, client_for):
    response = client_for(role).get(reverse("dashboard"))

    assert [area.url for area in response.context["areas"]] == areas


def test_signatory_that_withdraws_its_signature_loses_the_dief_on_the_next_request(
    client_for, meeting_titles
):
    all_meetings, dief_meetings = meeting_titles
    client = client_for("delegate-sig")
    assert client.get(reverse("dief:home")).status_code == 200

    StateStatusChange.objects.create(
        state=State.objects.get(country="TH"),
        status=AttStatus.NON_SIGNATORY,
        instrument=StatusInstrument.SIGNATURE_WITHDRAWN,
        instrument_date=datetime.date.today(),
        effective_on=datetime.date.today(),
    )

    assert client.get(reverse("dief:home")).status_code == 403
    assert titles_in(client.get(reverse("meetings:list"))) == all_meetings - dief_meetings


def test_expert_granted_one_dief_meeting_sees_that_one_only(objects, client_for, demo_users):
    assign_perm("meetings.view_meeting", demo_users["expert"], objects["dief"])
    client = client_for("expert")

    assert titles_in(client.get(reverse("dief:home"))) == {objects["dief"].title}
    assert client.get(reverse("meetings:detail", args=[objects["dief"].pk])).status_code == 200
    other = Meeting.objects.filter(body=Body.DIEF).exclude(pk=objects["dief"].pk).first()
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("role", ["ngo", "delegate-obs", "expert"])
@pytest.mark.parametrize("query", ["DIEF", "CHAIR", "letter", "781", "808"])
def test_search_never_shows_restricted_or_dief_documents_to_observers_not_even_as_a_count(
    role, query, client_for
):
    response = client_for(role).get(reverse("documents:list"), {"q": query})
    page = response.context["page"]
    content = response.content.decode()

    assert {d.distribution for d in page} <= {"public"}
    assert page.paginator.count == len(page.object_list)
    assert "ATT/CSP10.DIEF/2024/CHAIR/781/DrWP" not in content
    assert "ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs" not in content


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_each_role_sees_exactly_its_documents_in_the_list_and_its_count(role, client_for):
    response = client_for(role).get(reverse("documents:list"), {"q": "DIEF"})
    symbols = {d.symbol for d in response.context["page"]}

    expected = {"ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep"}
    if role in SEES_DIEF:
        expected.add("ATT/CSP10.DIEF/2024/CHAIR/781/DrWP")
    assert symbols == expected
    assert response.context["page"].paginator.count == len(expected)


def test_dief_pages_are_marked_confidential_and_never_stored(objects, client_for):
    client = client_for("delegate-sp")

    for url in (reverse("dief:home"), reverse("meetings:detail", args=[objects["dief"].pk])):
        response = client.get(url)
        assert "CONFIDENTIAL" in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    open_page = client.get(reverse("wgeti:home"))
    assert "CONFIDENTIAL" not in open_page.content.decode()
    assert "no-store" not in open_page.get("Cache-Control", "")


@pytest.mark.parametrize("role", ["secretariat", "delegate-sp", "dief-chair"])
def test_dief_asks_every_participant_for_a_second_factor(role, client_for):
    response = client_for(role, second_factor=False).get(reverse("dief:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


# Views every visitor must reach to sign in, and the admin's own pages behind admin:index.
OUTSIDE_THE_MATRIX = {
    "accounts:login",
    "accounts:logout",
    "accounts:set_language",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def test_every_view_has_a_row_in_the_matrix():
    in_matrix = {name.split(" (")[0] for name in [*GET_URLS, *POST_URLS]}
    names = {
        name
        for name in _patterns(get_resolver())
        if not name.startswith("admin:") or name == "admin:index"
    }

    assert names - OUTSIDE_THE_MATRIX - in_matrix == set()


DIEF_ROWS = [
    name
    for name in [*GET_URLS, *POST_URLS]
    if name.startswith("dief:")
    or "DIEF" in name
    or any(
        name in {*area.GET_URLS, *area.POST_URLS}
        for area in AREAS
        if area.__name__.rsplit(".", 1)[-1].startswith("dief_")
    )
]


def test_signatory_that_withdraws_loses_every_dief_page_and_object_on_the_next_request(
    objects, client_for
):
    client = client_for("delegate-sig")
    before = {name: client.get(GET_URLS[name](objects)).status_code for name in GET_URLS}
    assert {name for name in DIEF_ROWS if before.get(name) == 200} != set()

    StateStatusChange.objects.create(
        state=State.objects.get(country="TH"),
        status=AttStatus.NON_SIGNATORY,
        instrument=StatusInstrument.SIGNATURE_WITHDRAWN,
        instrument_date=datetime.date.today(),
        effective_on=datetime.date.today(),
    )

    after = {name: client.get(GET_URLS[name](objects)).status_code for name in GET_URLS}
    after |= {name: client.post(POST_URLS[name](objects)).status_code for name in POST_URLS}
    assert {name: after[name] for name in DIEF_ROWS if after[name] not in (403, 404)} == {}
    assert titles_in(client.get(reverse("search"), {"q": "DIEF"})) == set()
