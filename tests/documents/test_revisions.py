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
