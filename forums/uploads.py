"""DIEF attachments are PDF, PNG or JPEG only: every download of them carries a watermark
naming the person, their State and the time, which the portal can stamp on these formats.
A PDF is parsed in full and defused as a document's is (documents/sanitize.py); an image
must decode in full and stay within the pixel limit, read from its header first."""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.uploads import CheckedFile, check_size, read, safe_name

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
# The Pillow formats each content type must parse as (MPO: a camera's multi-picture JPEG).
PILLOW_FORMATS = {PNG: ("PNG",), JPEG: ("JPEG", "MPO")}
# A progressive JPEG is decoded scan by scan, each over the whole image: a few kilobytes of
# crafted scans cost minutes. Cameras write one, progressive encoders about ten.
MAX_JPEG_SCANS = 100
START_OF_SCAN = b"\xff\xda"  # never found inside coded data, where 0xFF is escaped


def pillow():
    """Pillow's Image, refusing to open anything over the portal's pixel limit and to read
    a truncated image (WeasyPrint allows that for the whole process once it is imported)."""
    from PIL import Image, ImageFile

    Image.MAX_IMAGE_PIXELS = settings.PORTAL_MAX_IMAGE_PIXELS
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return Image


def sniff(data: bytes) -> str:
    for signature, content_type in SIGNATURES:
        if data.startswith(signature):
            return content_type
    raise ValidationError(
        _("DIEF attachments must be PDF, PNG or JPEG files; this file is none of them."),
        code="file_type",
    )


def check_attachment_content(data: bytes) -> tuple[str, bytes, frozenset[str]]:
    """(content type, bytes to store, what was stripped) of an acceptable attachment, or
    ValidationError. Also what `check_stored_files` runs on stored attachments."""
    from documents.sanitize import clean_pdf

    if not data:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type = sniff(data)
    if content_type == PDF:
        cleaned = clean_pdf(data)
        return PDF, cleaned.data, cleaned.stripped
    check_image(data, content_type)
    return content_type, data, frozenset()


def check_attachment(uploaded) -> CheckedFile:
    """The accepted attachment, or ValidationError."""
    check_size(uploaded)
    content_type, data, stripped = check_attachment_content(read(uploaded))
    return CheckedFile(
        content_type, safe_name(uploaded, EXTENSIONS[content_type], "attachment"), data, stripped
    )


def image_damaged() -> ValidationError:
    return ValidationError(_("The image is damaged and cannot be read."), code="file_damaged")


def image_too_large(size: tuple[int, int] | None = None) -> ValidationError:
    limit = settings.PORTAL_MAX_IMAGE_PIXELS / 1_000_000
    if size is None:
        return ValidationError(
            _("The image has more than %(limit)s megapixels, the limit for an attachment.")
            % {"limit": f"{limit:g}"},
            code="image_pixels",
        )
    width, height = size
    return ValidationError(
        _(
            "The image is %(width)s × %(height)s pixels (%(pixels)s megapixels); the limit "
            "is %(limit)s megapixels. Reduce it and upload it again."
        )
        % {
            "width": width,
            "height": height,
            "pixels": f"{width * height / 1_000_000:.1f}",
            "limit": f"{limit:g}",
        },
        code="image_pixels",
    )


def image_size(data: bytes, content_type: str) -> tuple[int, int]:
    """Width and height from the header, before anything is decoded; ValidationError for
    an image over the pixel limit or one that is not what its signature says."""
    image_module = pillow()
    try:
        with warnings.catch_warnings():
            # Over the limit but under twice it: Pillow warns; the check below refuses.
            warnings.simplefilter("ignore", image_module.DecompressionBombWarning)
            with image_module.open(io.BytesIO(data), formats=PILLOW_FORMATS[content_type]) as im:
                size = im.size
    except image_module.DecompressionBombError as exc:
        raise image_too_large() from exc
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise image_damaged() from exc
    if size[0] * size[1] > settings.PORTAL_MAX_IMAGE_PIXELS:
        raise image_too_large(size)
    if content_type == JPEG and data.count(START_OF_SCAN) > MAX_JPEG_SCANS:
        raise ValidationError(
            _("The image is made of more than %(limit)s scans; save it again as a JPEG.")
            % {"limit": MAX_JPEG_SCANS},
            code="image_scans",
        )
    return size


def check_image(data: bytes, content_type: str) -> None:
    """Refuse an image over the pixel limit (from its header) or one that does not decode
    in full (truncated, damaged)."""
    image_module = pillow()
    image_size(data, content_type)
    try:
        with image_module.open(io.BytesIO(data), formats=PILLOW_FORMATS[content_type]) as image:
            image.verify()
        with image_module.open(io.BytesIO(data), formats=PILLOW_FORMATS[content_type]) as image:
            image.load()
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise image_damaged() from exc
