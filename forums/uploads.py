"""DIEF attachments are PDF, PNG or JPEG only: every download of them carries a watermark
naming the person, their State and the time, which the portal can stamp on these formats."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.uploads import check_size, safe_name

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


def sniff(uploaded) -> str:
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    raise ValidationError(
        _("DIEF attachments must be PDF, PNG or JPEG files; this file is none of them."),
        code="file_type",
    )


def check_attachment(uploaded) -> tuple[str, str]:
    """Return (content type, sanitised file name) of an acceptable attachment."""
    check_size(uploaded)
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type = sniff(uploaded)
    if content_type != PDF:
        _check_image(uploaded)
    return content_type, safe_name(uploaded, EXTENSIONS[content_type], "attachment")


def _check_image(uploaded) -> None:
    from PIL import Image

    try:
        with Image.open(uploaded) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise ValidationError(
            _("The image is damaged and cannot be read."), code="file_damaged"
        ) from exc
    finally:
        uploaded.seek(0)
