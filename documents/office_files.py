"""DOCX, XLSX and ODT files are ZIP packages: they are checked as such before they are
stored — a bounded number of parts and unpacked size (no ZIP bomb), no part outside the
package, the parts that make them what they claim to be, and no macros."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

# The content type of the main part of each OOXML document the portal accepts.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_NAMESPACE = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# Parts that hold macros: VBA projects in OOXML, Basic and scripts in OpenDocument.
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_FOLDERS = ("basic/", "scripts/")


def not_accepted() -> ValidationError:
    return ValidationError(
        _("This file is not a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) document."),
        code="file_type",
    )


def damaged() -> ValidationError:
    return ValidationError(
        _("This file is damaged and cannot be read. Save it again and upload the new file."),
        code="file_damaged",
    )


def macros() -> ValidationError:
    return ValidationError(
        _(
            "This document contains macros, which the portal does not accept. Save a copy "
            "without macros (as DOCX, XLSX or ODT) and upload that."
        ),
        code="file_macros",
    )


def check_package(data: bytes) -> str:
    """The content type of an acceptable DOCX, XLSX or ODT package, or ValidationError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise not_accepted() from exc
    with archive:
        _check_parts(parts)
        content_type = _content_type(archive, {part.filename for part in parts})
        _unpack(archive, parts)
    return content_type


def _check_parts(parts: list[zipfile.ZipInfo]) -> None:
    limit = settings.PORTAL_MAX_PACKAGE_ENTRIES
    if len(parts) > limit:
        raise ValidationError(
            _("This file holds %(count)s parts; a DOCX, XLSX or ODT file may hold %(limit)s.")
            % {"count": len(parts), "limit": limit},
            code="package_parts",
        )
    seen: set[str] = set()
    for part in parts:
        name = part.filename
        if not _safe_part_name(name) or name.lower() in seen:
            raise ValidationError(
                _("This file holds a part with an unsafe or repeated name (%(name)s).")
                % {"name": name[:100]},
                code="package_path",
            )
        seen.add(name.lower())
        if part.flag_bits & 0x1:
            raise ValidationError(
                _(
                    "This file is password-protected or encrypted. Upload a copy without a "
                    "password."
                ),
                code="file_encrypted",
            )
        lower = name.lower()
        if lower.rsplit("/", 1)[-1] in MACRO_PARTS or lower.startswith(MACRO_FOLDERS):
            raise macros()
    if sum(part.file_size for part in parts) > settings.PORTAL_MAX_UNPACKED_BYTES:
        raise _too_large()


def _safe_part_name(name: str) -> bool:
    """A relative path that stays inside the package."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if ":" in name.split("/", 1)[0]:  # a drive letter, e.g. C:
        return False
    return ".." not in name.split("/")


def _too_large() -> ValidationError:
    limit = settings.PORTAL_MAX_UNPACKED_BYTES
    return ValidationError(
        _(
            "This file unpacks to more than %(limit)s MB; a DOCX, XLSX or ODT file may unpack "
            "to at most %(limit)s MB."
        )
        % {"limit": limit // 1_000_000},
        code="package_size",
    )


def _content_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    if CONTENT_TYPES in names:
        return _ooxml_type(archive, names)
    if "mimetype" in names:
        with archive.open("mimetype") as handle:
            if handle.read(len(ODT) + 2).strip() == ODT.encode():
                return ODT
    raise not_accepted()


def _ooxml_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    """DOCX or XLSX, as [Content_Types].xml declares the main part (which must exist)."""
    try:
        with archive.open(CONTENT_TYPES) as handle:
            text = handle.read(MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise damaged() from exc
    if len(text) > MAX_CONTENT_TYPES_BYTES or b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise damaged()
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - no DTD (refused above), so no entities
    except ElementTree.ParseError as exc:
        raise damaged() from exc
    found = set()
    for override in root.iter(f"{CONTENT_TYPES_NAMESPACE}Override"):
        content_type = override.get("ContentType", "")
        if "macroenabled" in content_type.lower():
            raise macros()
        part = override.get("PartName", "").lstrip("/")
        if content_type in OOXML_MAIN_PARTS and part in names:
            found.add(OOXML_MAIN_PARTS[content_type])
    if len(found) != 1:
        raise not_accepted()
    return found.pop()


def _unpack(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> None:
    """Unpack every part, counting what comes out (sizes in the directory may lie) and
    checking each part's checksum; nothing is kept."""
    limit = settings.PORTAL_MAX_UNPACKED_BYTES
    total = 0
    try:
        for part in parts:
            with archive.open(part) as handle:
                while chunk := handle.read(1024 * 1024):
                    total += len(chunk)
                    if total > limit:
                        raise _too_large()
    except ValidationError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
        raise damaged() from exc
