"""Hostile DIEF attachments: files that are not what they say are refused at upload and
nothing is stored; active content is taken out of PDFs before they are stored; images over
the pixel limit are refused from their header; every watermarked download of the largest
files the limits allow stays under 2 seconds and 300 MB, measured in a process of its own;
a stored file that cannot be stamped answers a page that says so, never the file."""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus
from forums.models import Attachment
from forums.services.shared import attachment_add
from forums.uploads import check_attachment_content
from tests.conftest import sign_in
from tests.factories import StateFactory, UserFactory
from tests.factories.forums import CaseFactory
from tests.hostile_files import (
    ACTIVE_NAMES,
    active_names,
    black_png,
    encrypted_pdf,
    hostile_pdf,
    image_bytes,
    mixed_sizes,
    pdf_of_objects,
    pdf_with_pages,
)

# Each test stores into a media folder of its own (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("media_root")

DAMAGED_PDF = (
    "This PDF is damaged, or is not a PDF at all, and cannot be read. Export or save it "
    "again as a PDF and upload the new file."
)


@pytest.fixture
def people(db):
    return {
        "provider": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "reader": UserFactory(
            state=StateFactory(status=AttStatus.STATE_PARTY),
            first_name="Ines",
            last_name="Moreau",
        ),
    }


@pytest.fixture
def case(people):
    return CaseFactory(provider=people["provider"])


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def upload(user, case, name: str, content: bytes):
    return sign_in(Client(), user).post(
        reverse("dief:case_attachment_upload", args=[case.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def download(user, attachment):
    return sign_in(Client(), user).get(reverse("dief:attachment_download", args=[attachment.pk]))


def stored(case, name: str, content: bytes, content_type: str) -> Attachment:
    """A file stored as it was before the checks of its upload existed."""
    return attachment_add(
        by=case.created_by,
        item=case,
        uploaded=ContentFile(content, name=name),
        content_type=content_type,
        safe_name=name,
    )


# -- Refused at upload, nothing stored -----------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + b"garbage that is no PDF at all " * 40,
        b"%PDF-\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000,
        b"%PDF-1.4\nMZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 2000,
        _minimal_pdf("cut short")[:300],
    ],
    ids=["garbage", "elf-executable", "windows-executable", "truncated"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused_and_nothing_is_stored(content, people, case):
    response = upload(people["provider"], case, "report.pdf", content)

    assert response.context["upload_form"].errors["file"] == [DAMAGED_PDF]
    assert Attachment.objects.count() == 0
    assert media_files() == set()


def test_a_password_protected_pdf_is_refused(people, case):
    response = upload(people["provider"], case, "secret.pdf", encrypted_pdf())

    assert response.context["upload_form"].errors["file"] == [
        "This PDF is password-protected or encrypted. Upload a copy without a password or "
        "encryption."
    ]
    assert Attachment.objects.count() == 0


def test_a_pdf_over_the_page_limit_is_refused(people, case, settings):
    settings.PORTAL_MAX_PDF_PAGES = 5

    response = upload(people["provider"], case, "long.pdf", pdf_with_pages([(595, 842)] * 6))

    assert response.context["upload_form"].errors["file"] == [
        "This PDF has 6 pages; the limit is 5 pages."
    ]
    assert Attachment.objects.count() == 0


def test_a_pdf_of_more_objects_than_the_limit_is_refused(people, case, settings):
    settings.PORTAL_MAX_PDF_OBJECTS = 1_000

    response = upload(people["provider"], case, "tagged.pdf", pdf_of_objects(1_001))

    assert response.context["upload_form"].errors["file"] == [
        "This PDF is made of 1001 objects; the limit is 1000. Export it again, in smaller parts."
    ]
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(("width", "height"), [(14_401, 600), (600, 2)])
def test_a_pdf_page_over_200_inches_or_under_3_points_is_refused(width, height, people, case):
    pdf = pdf_with_pages([(595, 842), (width, height)])

    response = upload(people["provider"], case, "banner.pdf", pdf)

    assert response.context["upload_form"].errors["file"] == [
        f"Page 2 of this PDF is {width} × {height} points. A page may be at most 14,400 points "
        "(200 inches) and at least 3 points on a side, PDF's own limits."
    ]
    assert Attachment.objects.count() == 0


def test_an_image_over_the_pixel_limit_is_refused_from_its_header(people, case, settings):
    """The reported file: 9,500 x 9,500 pixels in a few hundred kilobytes."""
    bomb = black_png(9_500, 9_500)

    response = upload(people["provider"], case, "photo.png", bomb)

    limit = f"{settings.PORTAL_MAX_IMAGE_PIXELS / 1_000_000:g}"
    assert len(bomb) < 300_000
    assert response.context["upload_form"].errors["file"] == [
        f"The image has more than {limit} megapixels, the limit for an attachment."
    ]
    assert Attachment.objects.count() == 0
    assert media_files() == set()


def test_an_image_just_over_the_pixel_limit_is_refused_with_its_size(people, case, settings):
    settings.PORTAL_MAX_IMAGE_PIXELS = 10_000

    response = upload(people["provider"], case, "photo.png", black_png(101, 100))

    assert response.context["upload_form"].errors["file"] == [
        "The image is 101 × 100 pixels (0.0 megapixels); the limit is 0.01 megapixels. "
        "Reduce it and upload it again."
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", image_bytes(Image.new("RGB", (300, 200), "white"), "JPEG")[:-400]),
        ("photo.png", image_bytes(Image.new("RGB", (300, 200), "white"), "PNG")[:-30]),
    ],
    ids=["truncated-jpeg", "truncated-png"],
)
def test_an_image_that_does_not_decode_in_full_is_refused(name, content, people, case):
    import weasyprint.images  # noqa: F401 - once imported, Pillow reads cut images for all

    response = upload(people["provider"], case, name, content)

    assert response.context["upload_form"].errors["file"] == [
        "The image is damaged and cannot be read."
    ]
    assert Attachment.objects.count() == 0


def test_a_jpeg_of_more_scans_than_any_encoder_writes_is_refused(people, case):
    jpeg = image_bytes(Image.new("RGB", (64, 64), "white"), "JPEG", progressive=True)
    end = jpeg.rindex(b"\xff\xd9")
    crafted = jpeg[:end] + b"\xff\xda" * 101 + jpeg[end:]

    response = upload(people["provider"], case, "photo.jpg", crafted)

    assert response.context["upload_form"].errors["file"] == [
        "The image is made of more than 100 scans; save it again as a JPEG."
    ]


# -- Active content is taken out -----------------------------------------------------------


def test_javascript_actions_and_embedded_files_are_taken_out_of_a_stored_pdf(people, case):
    original = hostile_pdf()
    # The file holds every kind of active content the portal takes out.
    assert active_names(original) == ACTIVE_NAMES

    upload(people["provider"], case, "evidence.pdf", original)
    attachment = Attachment.objects.get()
    data = attachment.file.read()

    assert active_names(data) == set()
    assert b"MZ\x90\x00" not in data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert (len(pdf.pages), len(pdf.attachments), "/OpenAction" in pdf.Root) == (2, 0, False)
    assert attachment.size == len(data)


def test_the_watermarked_download_of_a_hostile_pdf_has_no_active_content(people, case):
    upload(people["provider"], case, "evidence.pdf", hostile_pdf())

    response = download(people["reader"], Attachment.objects.get())

    data = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert active_names(data) == set()
    text = PdfReader(io.BytesIO(data)).pages[1].extract_text()
    assert ("Ines Moreau" in text, str(people["reader"].state) in text) == (True, True)


def test_a_hostile_pdf_stored_before_the_checks_is_defused_on_download(people, case):
    attachment = stored(case, "old.pdf", hostile_pdf(), "application/pdf")

    response = download(people["reader"], attachment)

    assert response.status_code == 200
    assert active_names(b"".join(response.streaming_content)) == set()


# -- Bounded watermarking ------------------------------------------------------------------


def test_every_page_of_a_60_page_pdf_of_different_sizes_is_watermarked(people, case):
    """The reported file: 60 pages, no two of one size."""
    upload(people["provider"], case, "sizes.pdf", pdf_with_pages(mixed_sizes(60)))

    response = download(people["reader"], Attachment.objects.get())

    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 60
    assert all("Ines Moreau" in page.extract_text() for page in reader.pages)


MEASURE = """
import json, logging, sys, time
import django
django.setup()
logging.disable(logging.CRITICAL)
from PIL import Image
import io
from att_portal.demo import _minimal_pdf
from forums.watermark import UnstampableFile, stamp

TEXT = "Ines Moreau (@imoreau) · النمسا · 2027-02-17 10:00"
# A worker that has served a download before: WeasyPrint, its fonts and Pillow loaded.
small = io.BytesIO()
Image.new("RGB", (300, 200), "white").save(small, "PNG")
stamp(small.getvalue(), "image/png", TEXT)
stamp(_minimal_pdf("warm"), "application/pdf", TEXT)

path, content_type = sys.argv[1], sys.argv[2]
with open(path, "rb") as handle:
    data = handle.read()
cpu, wall = time.process_time(), time.perf_counter()
try:
    out = stamp(data, content_type, TEXT)
    outcome = "stamped"
except UnstampableFile:
    out, outcome = b"", "refused"
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
# The peak RSS of this process since it started: VmHWM belongs to this program alone
# (ru_maxrss would also count the test process this one was started from).
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
result = {"outcome": outcome, "cpu": cpu, "wall": wall, "peak_mb": peak_kb / 1024}
with open(path + ".out", "wb") as handle:
    handle.write(out)
print(json.dumps(result))
"""


def measured_stamp(path: Path, content_type: str) -> dict:
    """Stamp the file in a process of its own, as a worker would: its CPU time and wall
    time for the stamp, and the peak memory (RSS) of the whole process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "att_portal.settings.test",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), content_type],
        capture_output=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=300,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def at_the_pixel_limit() -> tuple[int, int]:
    limit = settings.PORTAL_MAX_IMAGE_PIXELS
    width = math.isqrt(limit * 4 // 3)
    return width, limit // width


def noisy_image(mode: str) -> Image.Image:
    """The size of the pixel limit, with noise in one channel: hard to compress and to
    decompress, yet under the upload limit."""
    size = at_the_pixel_limit()
    ramp = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 20)
    extra = [Image.new("L", size, 200)] if len(mode) == 4 else []
    return Image.merge(mode, [ramp, noise, ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM)] + extra)


def worst_png() -> bytes:
    return image_bytes(noisy_image("RGBA"), "PNG", compress_level=1)


def worst_jpeg() -> bytes:
    """Progressive and CMYK without subsampling: the most memory a JPEG of this size
    takes to decode (its coefficients are kept for every scan)."""
    return image_bytes(noisy_image("CMYK"), "JPEG", quality=95, progressive=True, subsampling=0)


def largest_pdf() -> bytes:
    """As many pages as allowed, no two of one size, and a photo on each: just under the
    upload limit."""
    pages = settings.PORTAL_MAX_PDF_PAGES
    side = math.isqrt(settings.PORTAL_MAX_UPLOAD_BYTES // pages) - 8
    return pdf_with_pages(mixed_sizes(pages), photo_side=side)


WORST_FILES = {
    "png-rgba-at-the-pixel-limit": (worst_png, "image/png", "stamped"),
    "jpeg-progressive-cmyk-at-the-pixel-limit": (worst_jpeg, "image/jpeg", "stamped"),
    "pdf-500-pages-no-two-of-one-size-up-to-200-inches": (
        largest_pdf,
        "application/pdf",
        "stamped",
    ),
    "pdf-of-as-many-objects-as-allowed": (
        lambda: pdf_of_objects(settings.PORTAL_MAX_PDF_OBJECTS - 1),
        "application/pdf",
        "stamped",
    ),
    "pdf-60-pages-no-two-of-one-size": (
        lambda: pdf_with_pages(mixed_sizes(60)),
        "application/pdf",
        "stamped",
    ),
    "png-9500-by-9500-stored-before-the-checks": (
        lambda: black_png(9_500, 9_500),
        "image/png",
        "refused",
    ),
}


@pytest.mark.parametrize("name", list(WORST_FILES))
def test_a_watermarked_download_of_the_largest_allowed_file_takes_under_2_s_and_300_mb(
    name, tmp_path
):
    build, content_type, outcome = WORST_FILES[name]
    data = build()
    if outcome == "stamped":  # a file the upload checks accept, as large as they allow
        assert len(data) <= settings.PORTAL_MAX_UPLOAD_BYTES
        assert check_attachment_content(data)[0] == content_type
    path = tmp_path / "file"
    path.write_bytes(data)

    result = measured_stamp(path, content_type)

    # The stamp is one thread: its CPU time is its wall time on an idle core (a loaded
    # machine stretches the wall time, not the work). Both are in the report.
    print(name, json.dumps(result))
    assert result["outcome"] == outcome
    assert result["cpu"] < 2.0
    assert result["peak_mb"] < 300
    if content_type == "application/pdf":
        with pikepdf.open(path.with_name("file.out")) as pdf:
            assert len(pdf.pages) == len(PdfReader(io.BytesIO(data)).pages)


def test_a_stored_image_over_the_pixel_limit_answers_a_page_not_the_file(people, case):
    attachment = stored(case, "photo.png", black_png(9_500, 9_500), "image/png")

    response = download(people["reader"], attachment)

    assert response.status_code == 409
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert (
        "This file is damaged or does not pass the portal&#x27;s checks of uploaded files, so "
        f"it cannot be served. Please tell the Secretariat, giving the reference attachment "
        f"{attachment.pk}."
    ) in response.content.decode()


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"%PDF-1.4\n" + b"\x00" * 500, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n broken", "image/png"),
        (b"\xff\xd8\xff broken", "image/jpeg"),
    ],
    ids=["pdf", "png", "jpeg"],
)
def test_a_stored_file_that_cannot_be_stamped_is_never_served_unstamped(
    content, content_type, people, case
):
    attachment = stored(case, "file", content, content_type)

    response = download(people["reader"], attachment)

    assert response.status_code == 409
    assert content not in response.content
