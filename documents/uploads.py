"""Uploads are checked by their content, not their name: PDF, DOCX, XLSX and ODT only.
A PDF is parsed in full and defused (documents/sanitize.py), a DOCX, XLSX or ODT checked
as the ZIP package it is (documents/office_files.py); what is stored is what was checked."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .office_files import DOCX, ODT, XLSX, check_package, not_accepted

PDF = "application/pdf"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", ODT: ".odt"}
# An OLE compound file: a DOC or XLS of before 2007, or any Office file with a password.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class CheckedFile:
    """An accepted file: what it is, the name to give it, and the bytes to store (a PDF
    rewritten without its active content)."""

    content_type: str
    name: str
    data: bytes
    stripped: frozenset[str] = frozenset()

    @property
    def file(self) -> ContentFile:
        return ContentFile(self.data, name=self.name)


def check_size(uploaded) -> None:
    """Refuse a file over the portal's upload limit."""
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(uploaded.size / 1_000_000, 1), "limit": limit // 1_000_000},
            code="file_size",
        )


def read(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def safe_name(uploaded, extension: str, fallback: str) -> str:
    """The uploaded file's name without its path, sanitised, with the extension its content
    calls for."""
    stem = uploaded.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = get_valid_filename(stem)[:150] if stem.strip(" ._") else ""
    return f"{stem or fallback}{extension}"


def check_content(data: bytes) -> tuple[str, bytes, frozenset[str]]:
    """(content type, bytes to store, what was stripped) of an acceptable document, or
    ValidationError. Also what `check_stored_files` runs on stored files."""
    from .sanitize import clean_pdf

    if data.startswith(b"%PDF-"):
        cleaned = clean_pdf(data)
        return PDF, cleaned.data, cleaned.stripped
    if data.startswith(b"PK\x03\x04"):
        return check_package(data), data, frozenset()
    if data.startswith(OLE_SIGNATURE):
        raise ValidationError(
            _(
                "This is an Office file of the older kind (DOC or XLS) or one with a password. "
                "Save it as DOCX or XLSX, without a password, and upload that."
            ),
            code="file_type",
        )
    raise not_accepted()


def check_upload(uploaded) -> CheckedFile:
    """The accepted upload, or ValidationError."""
    check_size(uploaded)
    content_type, data, stripped = check_content(read(uploaded))
    return CheckedFile(
        content_type, safe_name(uploaded, EXTENSIONS[content_type], "document"), data, stripped
    )
