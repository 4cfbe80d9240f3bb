"""The symbol is made of the register's fields and is never edited apart from them: the
model refuses a document whose symbol contradicts its fields, and so does the admin (the
Secretariat's, behind its second factor) — e.g. document 812 made "revision 1 of 811"
while its symbol stays …/812/Conf.Rep."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import Document
from documents.services import document_register_existing
from tests.factories import CspCycleFactory, SecretariatUserFactory, StateFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def officer():
    return SecretariatUserFactory()


def existing(officer, symbol, **fields):
    defaults = {"title": "Report", "issued_on": D(2026, 8, 1), "distribution": "public"}
    return document_register_existing(by=officer, symbol=symbol, **(defaults | fields))


@pytest.fixture
def reports(officer):
    """Two reports of the CSP12 cycle, 811 and 812, and a joint paper of two States."""
    StateFactory(country="AT"), StateFactory(country="IE"), StateFactory(country="MX")
    return {
        811: existing(officer, "ATT/CSP12/2026/SEC/811/Conf.Rep"),
        812: existing(officer, "ATT/CSP12/2026/SEC/812/Conf.Rep"),
        "joint": existing(officer, "ATT/CSP12/2026/AUT-IRL/813/Conf.WP"),
    }


def errors_of(document) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refusal:
        document.full_clean()
    return refusal.value.message_dict


def test_a_document_whose_fields_agree_with_its_symbol_is_valid(reports):
    for document in reports.values():
        document.full_clean()


def test_document_812_made_revision_1_of_811_is_refused(reports):
    document = reports[812]
    document.revision, document.revises = 1, reports[811]

    assert errors_of(document) == {
        "revision": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is not a revision."],
        "revises": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is not a revision."],
    }


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"body": "DIEF"},
            {"body": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep names no body (the plenary)."]},
        ),
        (
            {"year": 2027},
            {"year": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep carries the year 2026."]},
        ),
        (
            {"number": 900},
            {
                "number": [
                    "The symbol ATT/CSP12/2026/SEC/812/Conf.Rep carries the running number 812."
                ]
            },
        ),
        (
            {"doc_type": "Conf.FinRep"},
            {"doc_type": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is of the type Conf.Rep."]},
        ),
        (
            {"author_office": "CHAIR"},
            {"author_office": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep names the author SEC."]},
        ),
        (
            {"revision": 2},
            {"revision": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is not a revision."]},
        ),
        (
            {"symbol": "ATT/CSP12/2026/SEC/812/Conf.Rep.Rev1"},
            {"revision": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep.Rev1 is revision 1."]},
        ),
        (
            {"symbol": "ATT/CSP12/2026/SEC/0812/Conf.Rep"},
            {"symbol": ["'0812' is not a running number."]},
        ),
    ],
)
def test_each_field_the_symbol_is_made_of_is_checked_against_it(reports, change, errors):
    document = reports[812]
    for field, value in change.items():
        setattr(document, field, value)

    assert errors_of(document) == errors


def test_the_cycle_is_checked_against_the_symbol(reports):
    document = reports[812]
    document.cycle = CspCycleFactory(number=13, year=2027)

    assert errors_of(document) == {
        "cycle": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is of the CSP12 cycle."]
    }


def test_the_authoring_states_are_checked_against_the_symbol(reports):
    document = reports["joint"]
    document.set_pending_authors(["AUT", "MEX"])

    assert errors_of(document) == {
        "author_states": ["The symbol ATT/CSP12/2026/AUT-IRL/813/Conf.WP names the author AUT-IRL."]
    }


def test_a_revision_revises_a_document_with_its_number_and_root(officer, reports):
    revision = existing(officer, "ATT/CSP12/2026/SEC/811/Conf.Rep.Rev1")
    assert revision.revises == reports[811]
    revision.revises = reports[812]

    assert errors_of(revision) == {
        "revises": [
            "ATT/CSP12/2026/SEC/812/Conf.Rep is not an earlier version of "
            "ATT/CSP12/2026/SEC/811/Conf.Rep.Rev1."
        ]
    }


@pytest.mark.parametrize(
    ("symbol", "original"),
    [
        ("ATT/CSP11/2025/SEC/834/Conf.FinRep/Rev.", "ATT/CSP11/2025/SEC/834/Conf.FinRep"),
        ("ATT/CSP9.WGETI/2023/CHAIR/767/Conf. Rep", None),
        ("ATT/CSP5. WGTU/2019/CHAIR/532/Conf.Rep", None),
    ],
)
def test_historical_forms_match_their_fields_as_parsed_not_as_strings(officer, symbol, original):
    if original:
        existing(officer, original)
    document = existing(officer, symbol)

    document.full_clean()
    assert (document.symbol, document.doc_type) == (symbol, symbol.split("/")[5].replace(" ", ""))


# -- The admin ------------------------------------------------------------------------------


def admin_form_data(client, document) -> tuple[str, dict]:
    """The admin change form of `document` as the browser would send it back unchanged."""
    url = reverse("admin:documents_document_change", args=[document.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return url, data


def test_the_admin_shows_the_symbol_read_only(client_for, demo_users):
    document = Document.objects.get(symbol="ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep")
    officer = client_for("secretariat")

    url, data = admin_form_data(officer, document)

    assert {"symbol", "number"} & set(data) == set()
    page = officer.get(url).content.decode()
    assert "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep" in page


def test_the_admin_refuses_to_make_a_document_a_revision_its_symbol_does_not_say(
    client_for, demo_users
):
    officer = demo_users["secretariat"]
    cycle = CspCycleFactory(number=12, year=2026)
    original = existing(officer, "ATT/CSP12/2026/SEC/811/Conf.Rep")
    document = existing(officer, "ATT/CSP12/2026/SEC/812/Conf.Rep", title="Report 812")
    client = client_for("secretariat")  # with its second factor
    url, data = admin_form_data(client, document)

    response = client.post(
        url, data | {"revision": "1", "revises": str(original.pk), "title_en": "Changed"}
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {
        "revision": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is not a revision."],
        "revises": ["The symbol ATT/CSP12/2026/SEC/812/Conf.Rep is not a revision."],
    }
    document.refresh_from_db()
    assert (document.revision, document.revises, document.title_en, document.cycle) == (
        None,
        None,
        "Report 812",
        cycle,
    )
    assert document.history.count() == 1  # nothing saved


def test_the_admin_refuses_authoring_states_the_symbol_does_not_name(client_for, demo_users):
    officer = demo_users["secretariat"]
    document = existing(officer, "ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP")
    client = client_for("secretariat")
    url, data = admin_form_data(client, document)
    austria = document.author_states.get(country="AT")

    response = client.post(url, data | {"author_states": [str(austria.pk)]})

    assert response.context["adminform"].form.errors == {
        "author_states": [
            "The symbol ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP names the author AUT-IRL-MEX."
        ]
    }
    assert sorted(s.alpha3 for s in document.author_states.all()) == ["AUT", "IRL", "MEX"]


def test_the_admin_still_saves_a_change_that_leaves_the_symbol_true(client_for, demo_users):
    document = Document.objects.get(symbol="ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep")
    client = client_for("secretariat")
    url, data = admin_form_data(client, document)

    response = client.post(url, data | {"title_fr": "Rapport corrigé", "issued_on": "2024-07-22"})

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title_fr, document.issued_on, document.symbol) == (
        "Rapport corrigé",
        D(2024, 7, 22),
        "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep",
    )
