"""The Chairs' reports to the Conference (seeds 000 and 001; the WGETI Chair's draft report):
drafted in sections of numbered paragraphs, with annexes and recommendations or a draft
decision, and issued — registered as ``…/CHAIR/n/Conf.Rep`` with a PDF per language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import User
from att_portal.l10n.content import Translations, localized, set_translations, translations_of
from att_portal.meetings.models import CspCycle

from . import services
from .enums import AuthorOffice, Distribution, DocumentType, ReportState
from .models import ChairReport, Document, ReportSection
from .permissions import may_compose


def _save(obj, *, by: User, reason: str) -> None:
    obj.full_clean()
    obj._history_user = by
    obj._change_reason = reason
    obj.save()


def _require_draft(report: ChairReport) -> None:
    if report.state != ReportState.DRAFT:
        raise ValidationError(
            _("The report is issued; issue a revision of its document to change it.")
        )


@transaction.atomic
def chair_report_create(
    *,
    by: User,
    body: str,
    cycle: CspCycle,
    title: str | Translations,
    distribution: str = Distribution.RESTRICTED,
) -> ChairReport:
    if not may_compose(by, body):
        raise PermissionDenied
    report = ChairReport(body=body, cycle=cycle, distribution=distribution, created_by=by)
    set_translations(report, "title", title)
    _save(report, by=by, reason="Drafted")
    return report


@transaction.atomic
def chair_report_update(
    *,
    by: User,
    report: ChairReport,
    title: str | Translations,
    conclusion: str,
    recommendations: str | Translations,
    distribution: str,
) -> ChairReport:
    access.require(by, access.Action.CHANGE, report)
    _require_draft(report)
    set_translations(report, "title", title)
    set_translations(report, "recommendations", recommendations)
    report.conclusion = conclusion
    report.distribution = distribution
    _save(report, by=by, reason="Edited")
    return report


@transaction.atomic
def report_section_save(
    *,
    by: User,
    report: ChairReport,
    heading: str | Translations,
    text: str | Translations,
    annex_label: str = "",
    section: ReportSection | None = None,
) -> ReportSection:
    """Add a section (or an annex) after the others, or change one."""
    access.require(by, access.Action.CHANGE, report)
    _require_draft(report)
    if section is None:
        last = report.sections.aggregate(last=Max("position"))["last"] or 0
        section = ReportSection(report=report, position=last + 1)
    elif section.report_id != report.pk:
        raise PermissionDenied
    section.annex_label = (annex_label or "").strip()
    set_translations(section, "heading", heading)
    set_translations(section, "text", text)
    _save(section, by=by, reason="Section saved")
    return section


@transaction.atomic
def report_section_delete(*, by: User, section: ReportSection) -> None:
    access.require(by, access.Action.CHANGE, section.report)
    _require_draft(section.report)
    section.delete()


@transaction.atomic
def chair_report_issue(
    *, by: User, report: ChairReport, issued_on: datetime.date, languages: list[str]
) -> Document:
    """Register the report (``…/CHAIR/n/Conf.Rep``; ToR art. 17 is asked by the register:
    a report to the Conference bound to no meeting is allowed) and store its PDF in each
    language asked (English always; a language without its own text shows the English,
    marked as such)."""
    from .pdf import render_pdf

    access.require(by, access.Action.CHANGE, report)
    _require_draft(report)
    if not report.sections.exists():
        raise ValidationError(_("Write at least one section before issuing the report."))
    languages = ["en", *(code for code in languages if code != "en")]
    distribution = report.distribution
    document = services.register_unchecked(
        by=by,
        title=translations_of(report, "title"),
        cycle=report.cycle,
        body=report.body,
        doc_type=DocumentType.CONF_REP,
        issued_on=issued_on,
        distribution=distribution,
        author_office=AuthorOffice.CHAIR,
        forum=report.body if distribution == Distribution.CONFIDENTIAL else "",
    )
    report.document = document
    report.state = ReportState.ISSUED
    _save(report, by=by, reason=f"Issued as {document.symbol}")
    for language in languages:
        pdf = render_pdf(
            "pdf/chair_report.html",
            report_context(report, language),
            language=language,
            confidential_forum=document.confidential_forum,
        )
        name = f"{document.number}-{language}.pdf"
        version = services.language_version_upload(
            by=by,
            document=document,
            language=language,
            uploaded=ContentFile(pdf, name=name),
            content_type="application/pdf",
            safe_name=name,
        )
        version.generated = True
        version.save(update_fields=["generated"])
    return document


# -- Reading ------------------------------------------------------------------------------


@dataclass
class Paragraph:
    number: int
    text: str


@dataclass
class PrintedSection:
    heading: str
    heading_in_language: bool
    annex_label: str
    in_language: bool
    paragraphs: list[Paragraph] = field(default_factory=list)


def paragraphs_of(text: str) -> list[str]:
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def report_sections(report: ChairReport, language: str) -> list[PrintedSection]:
    """The sections in `language` (English where not written in it), the report's paragraphs
    numbered on across its sections (seed 000: 1–17), each annex's from 1."""
    printed, number = [], 0
    for section in report.sections.all():
        heading, heading_in_language = localized(section, "heading", language)
        text, in_language = localized(section, "text", language)
        entry = PrintedSection(heading, heading_in_language, section.annex_label, in_language)
        if section.annex_label:
            entry.paragraphs = [Paragraph(i, t) for i, t in enumerate(paragraphs_of(text), 1)]
        else:
            for block in paragraphs_of(text):
                number += 1
                entry.paragraphs.append(Paragraph(number, block))
        printed.append(entry)
    return printed


def report_context(report: ChairReport, language: str) -> dict:
    from att_portal.meetings.enums import Body

    sections = report_sections(report, language)
    recommendations, in_language = localized(report, "recommendations", language)
    document = report.document
    return {
        "report": report,
        "document": document,
        "symbol": document.symbol if document else "",
        "issued_on": document.issued_on if document else timezone.localdate(),
        "body_heading": Body(report.body).label,
        "cycle_heading": report.cycle,
        "sections": [s for s in sections if not s.annex_label],
        "annexes": [s for s in sections if s.annex_label],
        "recommendations": [line.strip() for line in recommendations.splitlines() if line.strip()],
        "recommendations_in_language": in_language,
    }


def reports_editable_by(user) -> QuerySet:
    return access.visible(user, ChairReport).select_related("cycle", "document").order_by("-pk")
