"""PDFs of the portal, rendered by WeasyPrint (imported lazily: it is slow to load).

Official layout: body and cycle heading, symbol and date on every page, "Original",
page numbers; fonts that carry Chinese and Arabic glyphs; right-to-left for Arabic.
Confidential PDFs carry the CONFIDENTIAL marking once in the header of every page and a
watermark naming the person who downloaded it, their State and the time, drawn over every
page's content (diagonally, translucent) and in its margin.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from att_portal.l10n.bidi import isolate_html
from att_portal.l10n.dates import un_datetime
from att_portal.marking import marking_text

FONT_STACK = '"Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic", sans-serif'
UN_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
HTML_LANG = {"zh-hans": "zh-Hans"}


def watermark_for(viewer) -> str:
    """Who downloaded it, for whom, when (in the PDF's language: called while it is active).
    The person as the directory knows them, with their username: one person even if two
    share a name, and never blank."""
    when = un_datetime(timezone.now())
    return f"{viewer.name_with_username} · {viewer.affiliation_label} · {when}"


def render_pdf(
    template: str,
    context: dict,
    *,
    language: str,
    viewer=None,
    confidential_forum: str | None = None,
) -> bytes:
    from weasyprint import HTML

    if language not in UN_LANGUAGES:
        raise ValueError(f"{language!r} is not one of the six UN languages.")
    with translation.override(language):
        html = render_to_string(
            template,
            {
                **context,
                "html_lang": HTML_LANG.get(language, language),
                "rtl": translation.get_language_bidi(),
                "font_stack": FONT_STACK,
                "marking": marking_text(confidential_forum) if confidential_forum else "",
                "watermark": watermark_for(viewer) if confidential_forum and viewer else "",
            },
        )
        if translation.get_language_bidi():
            # Latin text, numbers and symbols inside Arabic read in order.
            html = isolate_html(html)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(pdf: bytes, filename: str):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
