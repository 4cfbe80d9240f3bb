"""`manage.py check_stored_files` checks every stored file again with the checks of its
upload: it reports each one that fails and, with --quarantine, moves it aside and marks
it, after which its download answers a page that says so. Good files are left as they
are, and running it again changes nothing."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from att_portal.demo import _minimal_pdf
from att_portal.directory.enums import AttStatus
from documents.enums import Distribution
from documents.models import LanguageVersion
from documents.sanitize import clean_pdf
from documents.services import document_register, language_version_upload
from forums.models import Attachment
from forums.services.shared import attachment_add
from tests.conftest import sign_in
from tests.factories import CspCycleFactory, SecretariatUserFactory, StateFactory, UserFactory
from tests.factories.forums import CaseFactory
from tests.hostile_files import black_png, hostile_pdf

# Each test stores into a media folder of its own (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

DAMAGED_PDF = (
    "This PDF is damaged, or is not a PDF at all, and cannot be read. Export or save it "
    "again as a PDF and upload the new file."
)
QUARANTINED = (
    "This file has been set aside (quarantined): it does not pass the portal&#x27;s checks of "
    "uploaded files. The Secretariat knows; ask them or the person who uploaded it for a new "
    "copy."
)


@pytest.fixture
def files():
    """Two document files and two DIEF attachments: in each pair one good, one hostile,
    stored as they would have been before the upload checks."""
    officer = SecretariatUserFactory()
    provider = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    paper = document_register(
        by=officer,
        title="Working paper",
        cycle=CspCycleFactory(),
        body="DIEF",
        doc_type="DrWP",
        issued_on=datetime.date(2027, 1, 10),
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
        author_office="CHAIR",
    )

    def version(language: str, content: bytes) -> LanguageVersion:
        return language_version_upload(
            by=officer,
            document=paper,
            language=language,
            uploaded=ContentFile(content, name="paper.pdf"),
            content_type="application/pdf",
            safe_name="paper.pdf",
        )

    case = CaseFactory(provider=provider)

    def attachment(name: str, content: bytes, content_type: str) -> Attachment:
        return attachment_add(
            by=provider,
            item=case,
            uploaded=ContentFile(content, name=name),
            content_type=content_type,
            safe_name=name,
        )

    return {
        "good version": version("en", clean_pdf(_minimal_pdf("Paper")).data),
        "bad version": version("fr", b"%PDF-1.4\n" + b"\x7fELF" + b"\x00" * 500),
        "good attachment": attachment(
            "evidence.pdf", clean_pdf(_minimal_pdf("Evidence")).data, "application/pdf"
        ),
        "bad attachment": attachment("photo.png", black_png(9_500, 9_500), "image/png"),
        "hostile attachment": attachment("old.pdf", hostile_pdf(), "application/pdf"),
        "case": case,
        "paper": paper,
        "provider": provider,
    }


def run(*arguments: str) -> list[str]:
    out = io.StringIO()
    call_command("check_stored_files", *arguments, stdout=out)
    return out.getvalue().splitlines()


def report(files) -> list[str]:
    bad, attachment, hostile = (
        files["bad version"],
        files["bad attachment"],
        files["hostile attachment"],
    )
    case = files["case"].pk
    return [
        f"dief-attachment {attachment.pk} (case {case}): The image has more than 10 "
        "megapixels, the limit for an attachment.",
        f"dief-attachment {hostile.pk} (case {case}): It contains active content: JavaScript, "
        "XFA form, actions, attachments and media, automatic actions, embedded files, "
        "open action.",
        f"document-file {bad.pk} ({files['paper'].symbol} (fr) v1): {DAMAGED_PDF}",
    ]


def test_the_check_reports_each_failing_file_and_changes_nothing(files):
    names = {key: row.file.name for key, row in files.items() if hasattr(row, "file")}

    lines = run()

    assert lines == [
        *report(files),
        "Checked 5 files: 3 failed. Run again with --quarantine to set them aside.",
    ]
    assert {
        key: row.__class__.objects.get(pk=row.pk).file.name
        for key, row in files.items()
        if hasattr(row, "file")
    } == names
    assert LanguageVersion.objects.filter(quarantined_at__isnull=False).count() == 0


def test_quarantine_moves_failing_files_aside_and_leaves_good_ones(
    files, media_root, django_capture_on_commit_callbacks
):
    bad = files["bad version"]
    before = Path(bad.file.path)
    good_name, good_data = files["good version"].file.name, files["good version"].file.read()

    with django_capture_on_commit_callbacks(execute=True):
        lines = run("--quarantine")

    assert lines == [*report(files), "Checked 5 files: 3 failed and were quarantined."]
    bad.refresh_from_db()
    assert (bad.file.name, bad.quarantine_reason, bad.quarantined_at is not None) == (
        f"quarantine/{before.relative_to(media_root)}",
        DAMAGED_PDF,
        True,
    )
    assert (before.exists(), Path(bad.file.path).read_bytes()[:9]) == (False, b"%PDF-1.4\n")
    good = LanguageVersion.objects.get(pk=files["good version"].pk)
    assert (good.file.name, good.file.read(), good.quarantined_at) == (good_name, good_data, None)
    assert Attachment.objects.filter(quarantined_at__isnull=True).get() == files["good attachment"]


def test_running_the_quarantine_again_changes_nothing(files, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("--quarantine")
    marked = {(a.pk, a.file.name, a.quarantined_at) for a in Attachment.objects.all()} | {
        (v.pk, v.file.name, v.quarantined_at) for v in LanguageVersion.objects.all()
    }

    with django_capture_on_commit_callbacks(execute=True):
        lines = run("--quarantine")

    assert lines == ["Checked 2 files: all pass."]
    assert {(a.pk, a.file.name, a.quarantined_at) for a in Attachment.objects.all()} | {
        (v.pk, v.file.name, v.quarantined_at) for v in LanguageVersion.objects.all()
    } == marked


def test_a_quarantined_file_answers_a_page_that_says_so(files, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("--quarantine")
    reader = sign_in(Client(), UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)))
    paper = files["paper"]

    responses = [
        reader.get(reverse("documents:version_download", args=[paper.pk, "fr"])),
        reader.get(reverse("dief:attachment_download", args=[files["bad attachment"].pk])),
    ]
    good = reader.get(reverse("dief:attachment_download", args=[files["good attachment"].pk]))

    assert [r.status_code for r in responses] == [409, 409]
    assert [QUARANTINED in r.content.decode() for r in responses] == [True, True]
    assert good.status_code == 200
