"""Uploads are checked by their content, not their name: PDF, DOCX, XLSX and ODT only."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", ODT: ".odt"}


def sniff(uploaded) -> str:
    """The content type the bytes really are, or ValidationError."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
                if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                    return ODT
        except zipfile.BadZipFile:
            pass
        finally:
            uploaded.seek(0)
    raise ValidationError(
        _("This file is not a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) document."),
        code="file_type",
    )


def check_size(uploaded) -> None:
    """Refuse a file over the portal's upload limit."""
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(uploaded.size / 1_000_000, 1), "limit": limit // 1_000_000},
            code="file_size",
        )


def safe_name(uploaded, extension: str, fallback: str) -> str:
    """The uploaded file's name without its path, sanitised, with the extension its content
    calls for."""
    stem = uploaded.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = get_valid_filename(stem)[:150] if stem.strip(" ._") else ""
    return f"{stem or fallback}{extension}"


def check_upload(uploaded) -> tuple[str, str]:
    """Return (content type, sanitised file name) of an acceptable upload."""
    check_size(uploaded)
    content_type = sniff(uploaded)
    return content_type, safe_name(uploaded, EXTENSIONS[content_type], "document")
