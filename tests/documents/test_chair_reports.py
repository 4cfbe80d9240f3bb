"""The Chairs' reports to the Conference: sections of paragraphs numbered on across
sections, annexes numbered from 1, recommendations; a draft only for the Chair and the
Secretariat; issued under …/CHAIR/n/Conf.Rep with a PDF per language."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from att_portal import access
from att_portal.directory.enums import Role
from documents.chair_reports import (
    chair_report_create,
    chair_report_issue,
    chair_report_update,
    report_section_save,
    report_sections,
)
from documents.models import ChairReport
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def dief_chair():
    return RoleAssignmentFactory(role=Role.DIEF_CHAIR).user


def draft(by, body="DIEF"):
    report = chair_report_create(
        by=by,
        body=body,
        cycle=CspCycleFactory(number=12, year=2026),
        title={
            "en": "Report of the DIEF Chair to CSP12 on the minutes of its meetings' work",
            "fr": "Rapport de la Présidence du DIEF à la CEP12",
        },
    )
    report_section_save(by=by, report=report, heading="Introduction", text="One.\n\nTwo.")
    report_section_save(
        by=by,
        report=report,
        heading={"en": "Conclusions", "fr": "Conclusions"},
        text={"en": "Three.\n\nFour.", "fr": "Trois.\n\nQuatre."},
    )
    report_section_save(
        by=by,
        report=report,
        annex_label="Annex",
        heading="Updated DIEF Terms of Reference",
        text="The DIEF is a special body.\n\nThe Secretariat supports the forum.",
    )
    chair_report_update(
        by=by,
        report=report,
        title={"en": report.title_en, "fr": report.title_fr},
        conclusion="recommendations",
        recommendations="Welcome the report\nAdopt the ToR",
        distribution="public",
    )
    return report


def test_paragraphs_are_numbered_on_across_sections_and_from_1_in_an_annex():
    report = draft(dief_chair())
    sections = report_sections(report, "en")
    assert [[p.number for p in s.paragraphs] for s in sections] == [[1, 2], [3, 4], [1, 2]]
    assert [s.annex_label for s in sections] == ["", "", "Annex"]


def test_french_falls_back_to_english_marked_where_not_written():
    sections = report_sections(draft(dief_chair()), "fr")
    assert [(s.paragraphs[0].text, s.in_language) for s in sections] == [
        ("One.", False),
        ("Trois.", True),
        ("The DIEF is a special body.", False),
    ]


def test_the_dief_chair_issues_the_report_in_english_and_french_under_its_symbol():
    chair = dief_chair()
    report = draft(chair)
    document = chair_report_issue(
        by=chair, report=report, issued_on=datetime.date(2026, 4, 16), languages=["fr"]
    )
    assert document.symbol == f"ATT/CSP12.DIEF/2026/CHAIR/{document.number}/Conf.Rep"
    assert document.title_fr == "Rapport de la Présidence du DIEF à la CEP12"
    files = {v.language: v for v in document.versions.current()}
    assert sorted(files) == ["en", "fr"]
    assert all(v.generated for v in files.values())
    french = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(files["fr"].file.read())).pages
    )
    assert "Trois." in french
    assert "Updated DIEF Terms of Reference" in french
    assert "Recommandations" in french or "Recommendations" in french
    report.refresh_from_db()
    assert (report.state, report.document_id) == ("issued", document.pk)


def test_an_issued_report_is_no_longer_edited():
    chair = dief_chair()
    report = draft(chair)
    chair_report_issue(by=chair, report=report, issued_on=datetime.date(2026, 4, 16), languages=[])
    with pytest.raises(ValidationError):
        report_section_save(by=chair, report=report, heading="More", text="Five.")


def test_the_wgeti_chair_neither_sees_nor_drafts_a_dief_report():
    report = draft(dief_chair())
    wgeti_chair = RoleAssignmentFactory(role=Role.WGETI_CHAIR).user
    assert list(access.visible(wgeti_chair, ChairReport)) == []
    with pytest.raises(PermissionDenied):
        draft(wgeti_chair)
    assert access.can(SecretariatUserFactory(), access.Action.CHANGE, report) is True
    assert access.can(UserFactory(), access.Action.VIEW, report) is False


def test_the_draft_report_page_is_404_for_a_delegate(client):
    report = draft(dief_chair())
    sign_in(client, UserFactory())
    assert client.get(reverse("documents:report", args=[report.pk])).status_code == 404
