import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.enums import Distribution
from documents.services import document_attach, document_register, document_revise
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def officer():
    return SecretariatUserFactory()


def register(officer, **fields):
    return document_register(
        by=officer,
        title=fields.pop("title", "Final report"),
        cycle=CspCycleFactory(number=9, year=2023),
        body="",
        doc_type="Conf.FinRep",
        issued_on=D(2023, 8, 25),
        distribution=Distribution.PUBLIC,
        author_office="SEC",
        **fields,
    )


def test_revisions_keep_the_number_and_take_the_next_suffix(officer, client):
    original = register(officer)

    first = document_revise(by=officer, document=original, issued_on=D(2023, 9, 1))
    second = document_revise(by=officer, document=first, issued_on=D(2023, 9, 10))

    assert (first.symbol, second.symbol) == (
        "ATT/CSP9/2023/SEC/1/Conf.FinRep.Rev1",
        "ATT/CSP9/2023/SEC/1/Conf.FinRep.Rev2",
    )
    sign_in(client, officer)
    page = client.get(reverse("documents:detail", args=[original.pk])).content.decode()
    assert "Superseded by" in page
    assert second.symbol in page


def test_cover_letter_lists_its_annexes_in_order(officer, client):
    letter = register(officer, title="Cover letter")
    annex_a = register(officer, title="Draft agenda notes")
    appendix = register(officer, title="Ad hoc proposals")
    document_attach(by=officer, parent=letter, annex=annex_a, label="Annex A")
    document_attach(by=officer, parent=letter, annex=appendix, label="Appendix 1")
    sign_in(client, officer)

    response = client.get(reverse("documents:detail", args=[letter.pk]))

    assert [(a.annex_label, a.title) for a in response.context["annexes"]] == [
        ("Annex A", "Draft agenda notes"),
        ("Appendix 1", "Ad hoc proposals"),
    ]


def test_a_document_cannot_be_its_own_annex(officer):
    letter = register(officer)
    with pytest.raises(ValidationError, match="annex of itself"):
        document_attach(by=officer, parent=letter, annex=letter, label="Annex A")


# -- From the document's page ---------------------------------------------------------------


def test_the_revision_page_asks_for_confirmation_with_the_next_symbol(officer, client):
    original = register(
        officer, title={"en": "Final report", "fr": "Rapport final", "zh-hans": "最终报告"}
    )
    sign_in(client, officer)

    page = client.get(reverse("documents:revise", args=[original.pk]))

    assert page.status_code == 200
    assert page.context["next_symbol"] == "ATT/CSP9/2023/SEC/1/Conf.FinRep.Rev1"
    form = page.context["form"]
    assert (form["title"].value(), form["title__fr"].value(), form["title__zh_hans"].value()) == (
        "Final report",
        "Rapport final",
        "最终报告",
    )
    assert original.revisions.count() == 0  # nothing happens before the confirmation


def test_secretariat_issues_a_revision_from_the_page_and_it_supersedes_the_original(
    officer, client
):
    original = register(officer, title={"en": "Final report", "fr": "Rapport final"})
    sign_in(client, officer)

    response = client.post(
        reverse("documents:revise", args=[original.pk]),
        {"title": "Final report", "title__fr": "Rapport final", "issued_on": "2023-09-01"},
    )

    revision = original.revisions.get()
    assert response["Location"] == reverse("documents:detail", args=[revision.pk])
    assert (revision.symbol, revision.number, revision.revision, revision.issued_on) == (
        "ATT/CSP9/2023/SEC/1/Conf.FinRep.Rev1",
        1,
        1,
        D(2023, 9, 1),
    )
    assert (revision.title_en, revision.title_fr) == ("Final report", "Rapport final")
    page = client.get(reverse("documents:detail", args=[original.pk]))
    assert page.context["newer"] == revision
    assert "Superseded by" in page.content.decode()


def test_revising_a_revision_takes_the_next_number_of_its_original(officer, client):
    original = register(officer)
    first = document_revise(by=officer, document=original, issued_on=D(2023, 9, 1))
    sign_in(client, officer)

    client.post(
        reverse("documents:revise", args=[first.pk]),
        {"title": "Final report, revised", "issued_on": "2023-09-10"},
    )

    second = original.revisions.get(revision=2)
    assert (second.symbol, second.title_en) == (
        "ATT/CSP9/2023/SEC/1/Conf.FinRep.Rev2",
        "Final report, revised",
    )
    assert client.get(reverse("documents:detail", args=[first.pk])).context["newer"] == second


def test_a_historical_revision_written_after_a_slash_is_followed_by_rev2(officer, client):
    from documents.services import document_register_existing

    def existing(symbol):
        return document_register_existing(
            by=officer,
            symbol=symbol,
            title="CSP11 final report",
            issued_on=D(2025, 9, 1),
            distribution=Distribution.PUBLIC,
        )

    original = existing("ATT/CSP11/2025/SEC/834/Conf.FinRep")
    existing("ATT/CSP11/2025/SEC/834/Conf.FinRep/Rev.")
    sign_in(client, officer)

    page = client.get(reverse("documents:revise", args=[original.pk]))

    assert page.context["next_symbol"] == "ATT/CSP11/2025/SEC/834/Conf.FinRep.Rev2"


def test_the_revision_form_refuses_a_missing_date_and_issues_nothing(officer, client):
    original = register(officer)
    sign_in(client, officer)

    response = client.post(reverse("documents:revise", args=[original.pk]), {"title": "X"})

    assert response.context["form"].errors == {"issued_on": ["This field is required."]}
    assert original.revisions.count() == 0


# -- Annexes and appendices from the page ---------------------------------------------------


@pytest.fixture
def letter_with_annexes(officer):
    letter = register(officer, title="Cover letter")
    annexes = [register(officer, title=title) for title in ("Notes", "Working paper", "Memo")]
    return letter, annexes


def labels(client, letter):
    page = client.get(reverse("documents:detail", args=[letter.pk]))
    return [(a.annex_label, a.position) for a in page.context["annexes"]]


def test_secretariat_attaches_annexes_from_the_page_in_order(officer, client, letter_with_annexes):
    letter, (notes, paper, memo) = letter_with_annexes
    sign_in(client, officer)
    url = reverse("documents:annex_attach", args=[letter.pk])

    for annex, label in ((notes, "Annex A"), (paper, "Annex B-1"), (memo, "Appendix 3")):
        response = client.post(url, {"annex": annex.symbol, "label": label})
        assert response["Location"] == reverse("documents:detail", args=[letter.pk]) + "#annexes"

    assert labels(client, letter) == [("Annex A", 1), ("Annex B-1", 2), ("Appendix 3", 3)]
    assert memo.history.first().history_change_reason == "Attached as Appendix 3"


def test_annexes_move_up_and_down_and_detach(officer, client, letter_with_annexes):
    letter, (notes, paper, memo) = letter_with_annexes
    for annex, label in ((notes, "Annex A"), (paper, "Annex B"), (memo, "Appendix 1")):
        document_attach(by=officer, parent=letter, annex=annex, label=label)
    sign_in(client, officer)

    def act(annex, action):
        return client.post(reverse("documents:annex_action", args=[letter.pk, annex.pk, action]))

    assert act(memo, "up")["Location"].endswith(f"#annex-{memo.pk}")
    assert labels(client, letter) == [("Annex A", 1), ("Appendix 1", 2), ("Annex B", 3)]
    act(notes, "up")  # already first: nothing moves
    act(notes, "down")
    assert labels(client, letter) == [("Appendix 1", 1), ("Annex A", 2), ("Annex B", 3)]
    detached = client.post(
        reverse("documents:annex_action", args=[letter.pk, notes.pk, "detach"]), follow=True
    )
    assert f"{notes.symbol} is no longer Annex A of this document." in (detached.content.decode())
    assert labels(client, letter) == [("Appendix 1", 1), ("Annex B", 2)]
    notes.refresh_from_db()
    assert (notes.parent, notes.annex_label, notes.position) == (None, "", 0)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"annex": "ATT/CSP9/2023/SEC/99/Conf.FinRep", "label": "Annex A"},
            {
                "annex": [
                    "No document with the symbol ATT/CSP9/2023/SEC/99/Conf.FinRep is in the "
                    "register."
                ]
            },
        ),
        (
            {"annex": "letter", "label": "Annex A"},
            {"annex": ["A document cannot be an annex of itself."]},
        ),
        ({"annex": "notes", "label": ""}, {"label": ["This field is required."]}),
        (
            {"annex": "notes", "label": "annex a"},
            {"label": ["ATT/CSP9/2023/SEC/1/Conf.FinRep already has an annex labelled annex a."]},
        ),
        (
            {"annex": "other", "label": "Annex C"},
            {
                "annex": [
                    "ATT/CSP9/2023/SEC/5/Conf.FinRep is already Annex Z of "
                    "ATT/CSP9/2023/SEC/6/Conf.FinRep; detach it there first."
                ]
            },
        ),
        (
            {"annex": "parent", "label": "Annex C"},
            {
                "annex": [
                    "ATT/CSP9/2023/SEC/7/Conf.FinRep contains ATT/CSP9/2023/SEC/1/Conf.FinRep: "
                    "it cannot be its annex."
                ]
            },
        ),
    ],
)
def test_a_wrong_annex_is_refused_next_to_its_field_and_nothing_changes(
    officer, client, letter_with_annexes, data, errors
):
    letter, (notes, paper, memo) = letter_with_annexes
    document_attach(by=officer, parent=letter, annex=paper, label="Annex A")
    other, elsewhere = register(officer, title="Other"), register(officer, title="Elsewhere")
    document_attach(by=officer, parent=elsewhere, annex=other, label="Annex Z")
    parent = register(officer, title="A letter that holds the letter")
    document_attach(by=officer, parent=parent, annex=letter, label="Annex 1")
    symbols = {
        "letter": letter.symbol,
        "notes": notes.symbol,
        "other": other.symbol,
        "parent": parent.symbol,
    }
    data = data | {"annex": symbols.get(data["annex"], data["annex"])}
    sign_in(client, officer)

    response = client.post(reverse("documents:annex_attach", args=[letter.pk]), data)

    assert response.status_code == 200
    assert response.context["annex_form"].errors == errors
    assert labels(client, letter) == [("Annex A", 1)]


def test_an_annex_of_another_document_or_an_unknown_action_is_not_found(
    officer, client, letter_with_annexes
):
    letter, (notes, paper, memo) = letter_with_annexes
    document_attach(by=officer, parent=letter, annex=notes, label="Annex A")
    sign_in(client, officer)

    assert (
        client.post(reverse("documents:annex_action", args=[paper.pk, notes.pk, "up"])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("documents:annex_action", args=[letter.pk, notes.pk, "sideways"])
        ).status_code
        == 404
    )
    assert client.post(f"/documents/{letter.pk}/annexes/{'9' * 30}/up/").status_code == 404


@pytest.mark.parametrize(("who", "sees_annex"), [("party", True), ("observer", False)])
def test_a_confidential_annex_of_a_public_letter_shows_only_to_its_forum(
    officer, client, who, sees_annex
):
    from att_portal.directory.enums import AttStatus
    from tests.factories import StateFactory, UserFactory

    letter = register(officer, title="Cover letter")
    annex = document_register(
        by=officer,
        title="Confidential annex",
        cycle=CspCycleFactory(number=9, year=2023),
        body="DIEF",
        doc_type="DrWP",
        issued_on=D(2023, 8, 1),
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
        author_office="CHAIR",
    )
    document_attach(by=officer, parent=letter, annex=annex, label="Annex A")
    status = AttStatus.STATE_PARTY if who == "party" else None
    sign_in(client, UserFactory(state=StateFactory(status=status)))

    page = client.get(reverse("documents:detail", args=[letter.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert ("Confidential annex" in content, annex.symbol in content) == (sees_annex, False)
    assert [a.pk for a in page.context["annexes"]] == ([annex.pk] if sees_annex else [])
    assert ("no-store" in page.get("Cache-Control", "")) == sees_annex  # marked confidential
    assert "Attach an annex or appendix" not in content  # nobody but the Secretariat acts


def test_a_public_annex_of_a_confidential_letter_names_nothing_of_the_letter_to_outsiders(
    officer, client
):
    from tests.factories import StateFactory, UserFactory

    letter = document_register(
        by=officer,
        title="Confidential letter",
        cycle=CspCycleFactory(number=9, year=2023),
        body="DIEF",
        doc_type="LetterSubDocs",
        issued_on=D(2023, 8, 1),
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
        author_office="CHAIR",
    )
    annex = register(officer, title="Public annex")
    document_attach(by=officer, parent=letter, annex=annex, label="Annex A")
    sign_in(client, UserFactory(state=StateFactory()))  # an observer State's delegate

    page = client.get(reverse("documents:detail", args=[annex.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert (letter.symbol in content, "Annex A of" in content, page.context["parent"]) == (
        False,
        False,
        None,
    )
