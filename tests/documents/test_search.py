"""The register's search finds a document by its title in any of the six languages and by
its symbol, even pasted from an Arabic page with invisible direction marks; the pages show
the symbol as one left-to-right unit and the dates as the UN writes them."""

import datetime

import pytest
from django.urls import reverse

from documents.enums import Distribution
from documents.models import Document
from documents.selectors import documents_matching
from documents.services import document_register, document_revise
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"


@pytest.fixture
def report():
    return document_register(
        by=SecretariatUserFactory(),
        cycle=CspCycleFactory(number=12, year=2026),
        title={
            "en": "Report on transparency",
            "fr": "Rapport sur la transparence",
            "zh-hans": "透明度报告",
            "ar": "تقرير عن الشفافية",
        },
        body="WGTR",
        doc_type="Conf.Rep",
        issued_on=datetime.date(2026, 8, 1),
        distribution=Distribution.PUBLIC,
        author_office="CHAIR",
    )


@pytest.mark.parametrize(
    "text",
    [
        "transparency",
        "Rapport sur la",
        "透明度",
        "الشفافية",
        "ATT/CSP12.WGTR/2026/CHAIR/1/Conf.Rep",
    ],
)
def test_a_document_is_found_by_its_title_in_any_language_or_its_symbol(report, text):
    assert list(documents_matching(Document.objects.all(), text)) == [report]


def test_a_symbol_pasted_with_direction_marks_is_found(report):
    pasted = f"{RLM}{LRI}ATT/CSP12.WGTR/2026/CHAIR/1/Conf.Rep{PDI}{RLM}"

    assert list(documents_matching(Document.objects.all(), pasted)) == [report]


def test_a_search_made_only_of_direction_marks_filters_nothing(report):
    assert list(documents_matching(Document.objects.all(), f"{LRI}{PDI}")) == [report]


def test_the_list_finds_a_french_title_for_a_reader_of_any_language(client, report):
    sign_in(client, UserFactory(preferred_language="ru"))

    response = client.get(reverse("documents:list"), {"q": "Rapport"})

    assert list(response.context["page"].object_list) == [report]


def test_the_detail_page_shows_the_symbol_as_one_unit_and_the_un_date(client, report):
    revision = document_revise(
        by=SecretariatUserFactory(), document=report, issued_on=datetime.date(2026, 9, 1)
    )
    sign_in(client, UserFactory())

    page = client.get(reverse("documents:detail", args=[report.pk])).content.decode()

    symbol = f'<bdi dir="ltr" class="symbol" translate="no">{revision.symbol}</bdi>'
    url = reverse("documents:detail", args=[revision.pk])
    assert f'Superseded by <a href="{url}">{symbol}</a>' in page
    assert '<dd class="col-sm-9">1 August 2026</dd>' in page
