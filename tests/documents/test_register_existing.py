"""The Secretariat registers documents under the symbol they already carry: historical
documents keep their numbers, the running number never gives one again, a revision symbol
files the document as the revision of its original, and a malformed symbol is refused
with the parser's message naming the faulty part."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.enums import Distribution
from documents.models import Document, RunningNumber
from documents.services import document_register, document_register_existing
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory, StateFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CHAIR_REPORT = "ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep"


@pytest.fixture
def officer():
    return SecretariatUserFactory()


def existing(officer, symbol, **fields):
    defaults = {
        "title": "A historical document",
        "issued_on": D(2024, 7, 19),
        "distribution": Distribution.PUBLIC,
    }
    return document_register_existing(by=officer, symbol=symbol, **(defaults | fields))


def new(officer, **fields):
    defaults = {
        "title": "A new document",
        "cycle": CspCycleFactory(number=12, year=2026),
        "body": "",
        "doc_type": "Conf.WP",
        "issued_on": D(2026, 8, 1),
        "distribution": Distribution.PUBLIC,
        "author_office": "SEC",
    }
    return document_register(by=officer, **(defaults | fields))


def fields_of(document):
    return (
        document.symbol,
        document.cycle.number,
        document.body,
        document.year,
        document.author_office,
        sorted(s.alpha3 for s in document.author_states.all()),
        document.number,
        document.doc_type,
        document.revision,
        document.revises.symbol if document.revises else None,
    )


def test_a_historical_document_keeps_its_symbol_and_takes_every_field_from_it(officer):
    document = existing(
        officer,
        CHAIR_REPORT,
        title={"en": "DIEF Chair's report to CSP10", "zh-hans": "转用信息交流论坛主席的报告"},
        original_language="en",
    )

    assert fields_of(document) == (
        CHAIR_REPORT,
        10,
        "DIEF",
        2024,
        "CHAIR",
        [],
        786,
        "Conf.Rep",
        None,
        None,
    )
    assert (document.title_en, document.title_zh_hans) == (
        "DIEF Chair's report to CSP10",
        "转用信息交流论坛主席的报告",
    )
    assert document.history.get().history_change_reason == "Registered under its own symbol"


def test_a_joint_paper_of_states_is_filed_under_its_authoring_states(officer):
    austria, ireland, mexico = (StateFactory(country=c) for c in ("AT", "IE", "MX"))

    document = existing(officer, "ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP", issued_on=D(2023, 8, 1))

    assert fields_of(document) == (
        "ATT/CSP9/2023/AUT-IRL-MEX/774/Conf.WP",
        9,
        "",
        2023,
        "",
        ["AUT", "IRL", "MEX"],
        774,
        "Conf.WP",
        None,
        None,
    )
    assert set(document.author_states.all()) == {austria, ireland, mexico}


def test_the_running_number_never_gives_a_historical_number_again(officer):
    first = new(officer)
    assert first.number == 1

    existing(officer, CHAIR_REPORT)
    after_786 = new(officer)
    existing(officer, "ATT/CSP9/2023/SEC/700/Conf.WP", issued_on=D(2023, 1, 5))  # below: no change
    after_700 = new(officer)

    assert (after_786.number, after_700.number) == (787, 788)
    assert RunningNumber.objects.get().last == 788


def test_a_new_document_skips_a_number_registered_behind_the_counters_back(officer):
    """Even a number that entered the register without the counter (e.g. seeded data)."""
    existing(officer, CHAIR_REPORT)
    RunningNumber.objects.update(last=3)

    assert new(officer).number == 787


def test_a_number_used_by_another_document_is_refused_naming_it(officer):
    existing(officer, CHAIR_REPORT)

    with pytest.raises(ValidationError) as refusal:
        existing(officer, "ATT/CSP10/2024/SEC/786/Conf.FinRep")

    assert refusal.value.message_dict == {
        "symbol": [
            "The running number 786 is already used by ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep: "
            "a number belongs to one document and its revisions."
        ]
    }
    assert Document.objects.count() == 1


def test_the_same_symbol_twice_is_refused(officer):
    existing(officer, CHAIR_REPORT)

    with pytest.raises(ValidationError, match="is already in the register"):
        existing(officer, CHAIR_REPORT)


@pytest.mark.parametrize(
    ("revision_symbol", "revision"),
    [
        ("ATT/CSP11/2025/SEC/834/Conf.FinRep/Rev.", 1),
        ("ATT/CSP11/2025/SEC/834/Conf.FinRep.Rev2", 2),
        ("ATT/CSP11/2025/SEC/834/Conf.FinRep Rev.1", 1),
        ("ATT/CSP11/2025/SEC/834/Conf.FinRep.Rev", 1),
    ],
)
def test_a_revision_symbol_is_filed_as_the_revision_of_its_original(
    officer, client, revision_symbol, revision
):
    original = existing(officer, "ATT/CSP11/2025/SEC/834/Conf.FinRep", issued_on=D(2025, 9, 1))

    revised = existing(officer, revision_symbol, issued_on=D(2025, 10, 1))

    assert fields_of(revised) == (
        revision_symbol,
        11,
        "",
        2025,
        "SEC",
        [],
        834,
        "Conf.FinRep",
        revision,
        "ATT/CSP11/2025/SEC/834/Conf.FinRep",
    )
    sign_in(client, officer)
    page = client.get(reverse("documents:detail", args=[original.pk]))
    assert page.context["newer"] == revised


def test_a_revision_registered_before_its_original_is_taken_back_by_it(officer):
    revised = existing(officer, "ATT/CSP11.WGETI/2025/CHAIR/826/Conf.Rep/Rev.")
    assert (revised.revision, revised.revises) == (1, None)

    original = existing(officer, "ATT/CSP11.WGETI/2025/CHAIR/826/Conf.Rep")

    revised.refresh_from_db()
    assert revised.revises == original
    assert revised.history.first().history_change_reason == "Filed as a revision of its original"


def test_a_revision_whose_number_belongs_to_another_document_is_refused(officer):
    existing(officer, "ATT/CSP11/2025/SEC/834/Conf.FinRep")

    with pytest.raises(ValidationError, match="834 is already used by ATT/CSP11/2025/SEC/834"):
        existing(officer, "ATT/CSP11/2025/SEC/834/DrWP.Rev1")


def test_the_same_revision_written_twice_is_refused(officer):
    existing(officer, "ATT/CSP11/2025/SEC/834/Conf.FinRep")
    existing(officer, "ATT/CSP11/2025/SEC/834/Conf.FinRep.Rev1")

    with pytest.raises(ValidationError) as refusal:
        existing(officer, "ATT/CSP11/2025/SEC/834/Conf.FinRep/Rev.")

    assert "ATT/CSP11/2025/SEC/834/Conf.FinRep.Rev1" in refusal.value.message_dict["symbol"][0]
    assert Document.objects.count() == 2


@pytest.mark.parametrize(
    "symbol",
    [
        "ATT/CSP9/2023/PRES/766/Conf.WP.Ind",
        "ATT/CSP9.WGETI/2023/CHAIR/767/Conf. Rep",
        "ATT/CSP5. WGTU/2019/CHAIR/532/Conf.Rep",
        "ATT/CSP6/2020/SEC/635/Conf.FinRep.Rev",
        "ATT/CSP6.DIEF/2020/CHAIR/632/Conf.DIEFToRs",
        "ATT/CSP9.MC/2023/MC/765/Conf.Prop",
        "ATT/CSP3.WGTR/2017/CHAIR/159/Conf.Rep",
        "ATT/CSP11.WGETI/2025/CHAIR/808/LetterSubDocs",
        "ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2",
    ],
)
def test_every_form_the_seeds_write_registers_exactly_as_written(officer, symbol):
    document = existing(officer, symbol)

    document.refresh_from_db()
    assert document.symbol == symbol
    document.full_clean()  # its fields agree with the symbol


def test_a_historical_cycle_not_yet_in_the_portal_is_added_with_its_year(officer):
    document = existing(officer, "ATT/CSP5.WGETI/2019/CHAIR/529/Conf.Rep", issued_on=D(2019, 7, 26))

    assert (document.cycle.number, document.cycle.year) == (5, 2019)


def test_a_state_missing_from_the_directory_is_named(officer):
    StateFactory(country="AT")

    with pytest.raises(ValidationError) as refusal:
        existing(officer, "ATT/CSP9/2023/AUT-NZL/774/Conf.WP")

    assert refusal.value.message_dict == {
        "symbol": ["No State with the code NZL is in the directory."]
    }


def test_a_body_the_portal_does_not_know_is_named(officer):
    with pytest.raises(ValidationError, match="XYZ is not a body of the portal."):
        existing(officer, "ATT/CSP9.XYZ/2023/SEC/774/Conf.WP")


# -- The form -------------------------------------------------------------------------------


def form_data(**fields):
    return {
        "symbol": CHAIR_REPORT,
        "title": "DIEF Chair's report to the Tenth Conference of States Parties",
        "title__zh_hans": "转用信息交流论坛主席向第十届缔约国会议提交的报告",
        "issued_on": "2024-07-19",
        "original_language": "en",
        "distribution": "public",
    } | fields


def test_secretariat_registers_a_historical_document_from_the_form(client, officer):
    CspCycleFactory(number=10, year=2024)
    sign_in(client, officer)

    response = client.post(reverse("documents:register_existing"), form_data())

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert (document.symbol, document.number, document.title_zh_hans) == (
        CHAIR_REPORT,
        786,
        "转用信息交流论坛主席向第十届缔约国会议提交的报告",
    )


def test_checking_the_symbol_shows_its_parts_and_saves_nothing(client, officer):
    CspCycleFactory(number=10, year=2024)
    sign_in(client, officer)

    response = client.post(reverse("documents:register_existing"), form_data(preview="1"))

    preview = response.context["preview"]
    assert (preview.cycle.number, preview.body, preview.authors, preview.doc_type) == (
        10,
        "Diversion Information Exchange Forum",
        ["Chair"],
        "Report to the Conference",
    )
    assert (preview.symbol.year, preview.symbol.number, preview.original) == (2024, 786, None)
    assert "What the register reads in" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_symbol_pasted_from_an_arabic_page_loses_its_direction_marks(client, officer):
    sign_in(client, officer)

    client.post(
        reverse("documents:register_existing"), form_data(symbol=f"\u2066{CHAIR_REPORT}\u2069")
    )

    assert Document.objects.get().symbol == CHAIR_REPORT


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        ("UN/CSP10/2024/SEC/786/Conf.Rep", "A document symbol starts with &#x27;ATT/&#x27;"),
        ("ATT/COSP10/2024/SEC/786/Conf.Rep", "&#x27;COSP10&#x27; is not a cycle"),
        ("ATT/CSP10/24/SEC/786/Conf.Rep", "&#x27;24&#x27; is not a year of four digits."),
        ("ATT/CSP10/2024/SECRETARIAT/786/Conf.Rep", "&#x27;SECRETARIAT&#x27; is not an author"),
        ("ATT/CSP10/2024/SEC/0786/Conf.Rep", "&#x27;0786&#x27; is not a running number."),
        ("ATT/CSP10/2024/SEC/786/Conf..Rep", "&#x27;Conf..Rep&#x27; is not a document type"),
        ("ATT/CSP10/2024/SEC/786/Conf.Rep/Rev.0", "&#x27;Rev.0&#x27; is not a revision"),
        ("ATT/CSP10/2024/SEC/786", "has six parts separated by"),
        ("ATT/CSP10/2024/SEC/786/" + "Conf." * 30 + "Rep", "Ensure this value has at most 120"),
    ],
)
def test_a_malformed_symbol_is_refused_with_the_faulty_part_and_nothing_changes(
    client, officer, symbol, message
):
    sign_in(client, officer)

    response = client.post(reverse("documents:register_existing"), form_data(symbol=symbol))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 0


def test_a_huge_running_number_is_refused_by_the_form_not_the_database(client, officer):
    sign_in(client, officer)

    response = client.post(
        reverse("documents:register_existing"),
        form_data(symbol="ATT/CSP10/2024/SEC/99999999999999999999/Conf.Rep"),
    )

    assert response.status_code == 200
    assert "&#x27;99999999999999999999&#x27; is not a running number." in (
        response.content.decode()
    )
    assert Document.objects.count() == 0


def test_the_form_shows_a_number_held_by_another_document_next_to_the_symbol(client, officer):
    existing(officer, CHAIR_REPORT)
    sign_in(client, officer)

    response = client.post(
        reverse("documents:register_existing"),
        form_data(symbol="ATT/CSP10/2024/SEC/786/Conf.FinRep"),
    )

    assert response.context["form"].errors == {
        "symbol": [
            "The running number 786 is already used by ATT/CSP10.DIEF/2024/CHAIR/786/Conf.Rep: "
            "a number belongs to one document and its revisions."
        ]
    }
    assert Document.objects.count() == 1


def test_a_confidential_document_names_its_forum(client, officer):
    sign_in(client, officer)

    response = client.post(
        reverse("documents:register_existing"), form_data(distribution="confidential")
    )

    assert response.context["form"].errors == {
        "forum": ["A confidential document names its forum."]
    }
    assert Document.objects.count() == 0


def test_new_documents_choose_their_type_from_the_list_with_readable_labels(client, officer):
    sign_in(client, officer)

    form = client.get(reverse("documents:register")).context["form"]

    assert list(form.fields["doc_type"].choices) == [
        ("Conf.Rep", "Report to the Conference (Conf.Rep)"),
        ("MtgRep", "Report of the meeting (MtgRep)"),
        ("Conf.FinRep", "Final report (Conf.FinRep)"),
        ("Conf.WP", "Working paper (Conf.WP)"),
        ("Conf.WP.Ind", "Working paper on the role of industry (Conf.WP.Ind)"),
        ("DrWP", "Draft working paper (DrWP)"),
        ("Conf.Prop", "Proposal (Conf.Prop)"),
        ("LetterSubDocs", "Letter with its documents (LetterSubDocs)"),
        ("Agenda", "Agenda (Agenda)"),
        ("Conf.DIEFToRs", "DIEF Terms of Reference (Conf.DIEFToRs)"),
        ("Conf.PartList", "List of participants (Conf.PartList)"),
    ]


def test_the_document_page_names_the_type_in_words(client, officer):
    document = existing(officer, "ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2")
    odd = existing(officer, "ATT/CSP9/2023/SEC/790/Conf.Misc")
    sign_in(client, officer)

    assert (
        '<dd class="col-sm-9">Final report</dd>'
        in client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    )
    assert (
        '<dd class="col-sm-9">Conf.Misc</dd>'
        in client.get(reverse("documents:detail", args=[odd.pk])).content.decode()
    )


def test_minutes_of_the_dief_are_refused_under_an_existing_symbol_too(client, officer):
    from forums.minutes import ART_17_MESSAGE

    sign_in(client, officer)

    response = client.post(
        reverse("documents:register_existing"),
        form_data(symbol="ATT/CSP10.DIEF/2024/CHAIR/790/Conf.Min"),
    )

    assert response.context["form"].non_field_errors() == [str(ART_17_MESSAGE)]
    assert Document.objects.count() == 0
