"""One PDF per language for a letter and its annexes: the letter, then each annex in order,
each starting with a heading page of its own (its label and title, its symbol, its marking)
followed by the pages of its uploaded PDF, merged with pypdf.

A heading *page* rather than a heading stamped on the annex's first page: an uploaded
file keeps its pages untouched (its own layout, its own marking), whatever its page size,
and a missing or non-PDF file still gets its place and a note.

Every annex goes through the permission layer for the person downloading: an annex they
may not read (e.g. one confidential to the DIEF, for an observer) is left out entirely —
not its pages, not its heading, not its line in the letter's list of annexes."""

from __future__ import annotations

import io
import logging

from att_portal import access
from att_portal.l10n.content import localized
from att_portal.meetings.enums import Body

from . import selectors
from .chair_reports import paragraphs_of
from .models import Document, LanguageVersion, Letter
from .pdf import render_pdf

logger = logging.getLogger(__name__)


def _annex_files(viewer, annexes: list[Document], language: str) -> dict:
    """{(annex pk, language): current file} the viewer may download, in `language` and in
    English (the fallback), in one query."""
    versions = access.visible(
        viewer,
        LanguageVersion.objects.current().filter(
            document__in=[a.pk for a in annexes], language__in={language, "en"}
        ),
    )
    return {(v.document_id, v.language): v for v in versions}


def _pdf_reader(version: LanguageVersion):
    from pypdf import PdfReader

    if version is None or version.content_type != "application/pdf" or version.quarantined_at:
        return None  # a quarantined file is never read (manage.py check_stored_files)
    try:
        with version.file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            len(reader.pages)  # a broken file fails here, not half-way through the merge
            return reader
    except Exception:  # noqa: BLE001 - any unreadable file: the heading page says so
        logger.warning("Annex file %s could not be merged", version.pk, exc_info=True)
        return None


def letter_package_pdf(*, viewer, document: Document, language: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    annexes = list(selectors.annexes_visible_to(viewer, document))
    letter = Letter.objects.filter(document=document).first()
    text, text_in_language = localized(letter, "body", language) if letter else ("", True)
    common = {
        "body_heading": Body(document.body).label if document.body else "",
        "cycle_heading": document.cycle,  # worded in the PDF's language
        "issued_on": document.issued_on,
    }
    writer = PdfWriter()
    writer.append(
        PdfReader(
            io.BytesIO(
                render_pdf(
                    "pdf/letter.html",
                    {
                        **common,
                        "document": document,
                        "letter": letter,
                        "symbol": document.symbol,
                        "annexes": annexes,
                        "paragraphs": paragraphs_of(text),
                        "text_in_language": text_in_language,
                    },
                    language=language,
                    viewer=viewer,
                    confidential_forum=document.confidential_forum,
                )
            )
        )
    )
    files = _annex_files(viewer, annexes, language)
    for annex in annexes:
        version = files.get((annex.pk, language)) or files.get((annex.pk, "en"))
        reader = _pdf_reader(version)
        heading = render_pdf(
            "pdf/annex_heading.html",
            {
                **common,
                "document": annex,
                "annex": annex,
                "symbol": annex.symbol,
                "version": version,
                "in_english": version is not None and version.language != language,
                "merged": reader is not None,
            },
            language=language,
            viewer=viewer,
            confidential_forum=annex.confidential_forum,
        )
        writer.append(PdfReader(io.BytesIO(heading)))
        if reader is not None:
            writer.append(reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
