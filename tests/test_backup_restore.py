"""Backup and restore of the portal (`manage.py backup_portal` and `restore_portal`).

A backup restored into an emptied portal — its content types and permissions numbered
anew, as in a database migrated elsewhere — gives back every row of every table, the
uploaded files byte for byte, the change history, the django-guardian grants, the
celery-beat schedule, and accounts that sign in with their password and authenticator.
A restore refuses a database that holds data, a media folder that holds files, an archive
of another schema version, an archive with one byte changed and names that reach outside
the media folder, and then has changed nothing. A backup never overwrites a file, and
reads one snapshot while the portal is being edited."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import io
import json
import shutil
import tarfile
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm

from att_portal.directory.enums import Affiliation, AttStatus
from att_portal.directory.models import User
from att_portal.meetings.models import Meeting
from documents.models import LanguageVersion
from documents.services import document_register, language_version_upload
from forums.enums import Distribution
from forums.models import Case
from forums.services.shared import attachment_add, shared_item_save
from tests.factories import (
    CspCycleFactory,
    DiefMeetingFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    StateFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"  # the factories' password
EVIDENCE = b"%PDF-1.4\n% evidence of the diversion\ntrailer << >>\n%%EOF\n"
PHOTO = bytes(range(256)) * 64  # every byte value, so that nothing may be re-encoded
REPORT_EN = b"%PDF-1.4\n% report, first English file\ntrailer << >>\n%%EOF\n"
REPORT_EN_2 = b"%PDF-1.4\n% report, second English file\ntrailer << >>\n%%EOF\n"
REPORT_FR = b"%PDF-1.4\n% rapport\ntrailer << >>\n%%EOF\n"
# The rows the forum's migration creates in every freshly migrated database.
create_categories = importlib.import_module(
    "forums.migrations.0002_information_categories"
).create_categories
# Not compared row for row: sessions are not backed up; content types and permissions are
# compared through the natural keys of the rows that refer to them; celery-beat's
# "schedule changed" marker is set anew when a restore writes the schedules.
UNCOMPARED = {
    "sessions.session",
    "contenttypes.contenttype",
    "auth.permission",
    "django_celery_beat.periodictasks",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def archive(tmp_path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder / "portal.tar.gz"


def build_portal() -> dict:
    """A portal with a narrowed DIEF case edited twice, two attachments, a document in two
    languages (English replaced once), grants, an authenticator and a schedule."""
    create_categories(apps, None)
    officer = SecretariatUserFactory(username="officer")
    device = TOTPDeviceFactory(user=officer)
    officer.user_permissions.add(Permission.objects.get(codename="view_case"))
    provider = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    named = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    outsider = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    case = shared_item_save(
        by=provider,
        item=CaseFactory.build(
            provider=provider, title="Rifles diverted", distribution=Distribution.NAMED_STATES
        ),
        categories=["b", "c"],
        named=[named.state],
    )
    case.title = "Rifles diverted in transit"
    shared_item_save(by=provider, item=case, categories=["b"], named=[named.state])
    for name, content, kind in (
        ("evidence.pdf", EVIDENCE, "application/pdf"),
        ("photo.png", PHOTO, "image/png"),
    ):
        attachment_add(
            by=provider,
            item=case,
            uploaded=SimpleUploadedFile(name, content),
            content_type=kind,
            safe_name=name,
        )
    document = document_register(
        by=officer,
        title="DIEF paper",
        cycle=CspCycleFactory(number=13, year=2027),
        body="DIEF",
        doc_type="DrWP",
        issued_on=datetime.date(2027, 1, 10),
        distribution="confidential",
        forum="DIEF",
        author_office="CHAIR",
    )
    for language, name, content in (
        ("en", "report-en.pdf", REPORT_EN),
        ("fr", "rapport-fr.pdf", REPORT_FR),
        ("en", "report-en-2.pdf", REPORT_EN_2),
    ):
        language_version_upload(
            by=officer,
            document=document,
            language=language,
            uploaded=SimpleUploadedFile(name, content),
            content_type="application/pdf",
            safe_name=name,
        )
    expert = OrganisationUserFactory()
    meeting = DiefMeetingFactory()
    assign_perm("meetings.view_meeting", expert, meeting)
    PeriodicTask.objects.create(
        name="send-queued-mail",
        task="notifications.send_queued_mail",
        interval=IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES),
    )
    return {
        "officer": officer,
        "device": device,
        "provider": provider,
        "named": named,
        "outsider": outsider,
        "expert": expert,
        "case": case,
        "document": document,
        "meeting": meeting,
    }


def every_row() -> dict[str, list]:
    """Every row of every table, many-to-many tables included, with references to content
    types and permissions given by natural key: a database migrated elsewhere numbers
    those differently. Many-to-many rows are compared without their own numbers."""
    types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
    perms = {p.pk: (p.codename, *types[p.content_type_id]) for p in Permission.objects.all()}
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.proxy or label in UNCOMPARED:
            continue
        natural = {
            field.attname: types if field.related_model is ContentType else perms
            for field in model._meta.concrete_fields
            if field.related_model in (ContentType, Permission)
        }
        found = [
            {key: natural[key][value] if key in natural else value for key, value in row.items()}
            for row in model._base_manager.order_by("pk").values()
        ]
        if model._meta.auto_created:
            found = sorted(tuple(v for k, v in row.items() if k != "id") for row in found)
        rows[label] = found
    return rows


def media_files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): sha256(path.read_bytes())
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def wipe(root: Path) -> None:
    """Empty the portal as a freshly migrated database is: flushed, its content types and
    permissions created anew with numbers none of them had before, the forum's
    categories, no files."""
    numbered_before = {(ct.app_label, ct.model, ct.pk) for ct in ContentType.objects.all()}
    call_command("flush", interactive=False, verbosity=0)
    while {(ct.app_label, ct.model, ct.pk) for ct in ContentType.objects.all()} & numbered_before:
        ContentType.objects.all().delete()  # the numbers only grow
        ContentType.objects.clear_cache()
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    create_categories(apps, None)
    shutil.rmtree(root)
    root.mkdir()


def read_members(path: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(path, "r:gz") as tar:
        return [
            (member, tar.extractfile(member).read() if member.isreg() else b"")
            for member in tar.getmembers()
        ]


def write_members(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for member, data in members:
            member.size = len(data) if member.isreg() else 0
            tar.addfile(member, io.BytesIO(data) if member.isreg() else None)


def manifest_of(path: Path) -> dict:
    return json.loads({m.name: data for m, data in read_members(path)}["manifest.json"])


def restore_refusal(path: Path) -> str:
    with pytest.raises(CommandError) as refusal:
        call_command("restore_portal", str(path), stdout=io.StringIO())
    return str(refusal.value)


# -- The round trip ------------------------------------------------------------------------


def test_a_restored_backup_gives_back_every_row_file_history_grant_and_sign_in(
    client, media_root, archive
):
    portal = build_portal()
    rows_before, files_before = every_row(), media_files(media_root)
    case_type_before = ContentType.objects.get_for_model(Case).pk
    output = io.StringIO()

    call_command("backup_portal", str(archive), stdout=output)

    manifest = manifest_of(archive)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert [(f["path"], f["sha256"], f["size"]) for f in manifest["files"]] == sorted(
        (path, digest, (media_root / path).stat().st_size) for path, digest in files_before.items()
    )
    assert sorted(files_before.values()) == sorted(
        map(sha256, (EVIDENCE, PHOTO, REPORT_EN, REPORT_FR, REPORT_EN_2))
    )
    assert (manifest["skipped_models"], manifest["missing_files"]) == (["sessions.session"], [])
    assert output.getvalue().endswith(
        "Sessions are not backed up: after a restore everybody signs in again.\n"
    )

    wipe(media_root)
    assert (User.objects.count(), media_files(media_root)) == (0, {})
    assert ContentType.objects.get_for_model(Case).pk != case_type_before
    output = io.StringIO()

    call_command("restore_portal", str(archive), stdout=output)

    assert output.getvalue() == (
        f"Restored {sum(manifest['rows'].values())} rows of "
        f"{sum(1 for n in manifest['rows'].values() if n)} models and 5 files "
        f"({sum(f['size'] for f in manifest['files'])} bytes) from {archive}.\n"
    )
    assert every_row() == rows_before
    assert media_files(media_root) == files_before
    case = Case.objects.get()
    assert {
        a.original_name: sha256(Path(a.file.path).read_bytes()) for a in case.attachments.all()
    } == {
        "evidence.pdf": sha256(EVIDENCE),
        "photo.png": sha256(PHOTO),
    }
    assert {
        (v.language, v.number, v.original_name): sha256(Path(v.file.path).read_bytes())
        for v in LanguageVersion.objects.all()
    } == {
        ("en", 1, "report-en.pdf"): sha256(REPORT_EN),
        ("fr", 1, "rapport-fr.pdf"): sha256(REPORT_FR),
        ("en", 2, "report-en-2.pdf"): sha256(REPORT_EN_2),
    }
    provider = User.objects.get(pk=portal["provider"].pk)
    assert [
        (h.history_type, h.title, h.history_change_reason, h.history_user_id)
        for h in case.history.order_by("history_id")
    ] == [
        ("+", "Rifles diverted", f"Shared by {provider}", None),
        ("~", "Rifles diverted in transit", f"Changed by {provider}", None),
    ]
    # The grants hold: to the named State's delegation, to the expert, to the officer.
    named, outsider, expert, officer = (
        User.objects.get(pk=portal[role].pk) for role in ("named", "outsider", "expert", "officer")
    )
    meeting = Meeting.objects.get(pk=portal["meeting"].pk)
    assert (
        named.has_perm("forums.view_case", case),
        outsider.has_perm("forums.view_case", case),
    ) == (
        True,
        False,
    )
    assert expert.has_perm("meetings.view_meeting", meeting) is True
    assert list(officer.user_permissions.values_list("codename", flat=True)) == ["view_case"]
    assert PeriodicTask.objects.get().interval.every == 1
    # The officer signs in with the same password and the same authenticator.
    response = client.post(reverse("accounts:login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(
        reverse("accounts:two_factor"),
        {"token": current_code(TOTPDevice.objects.get(user=officer)), "next": "/admin/"},
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    # New rows are numbered after the restored ones (sequences moved on PostgreSQL).
    last_history = case.history.latest("history_id").history_id
    case.title = "Rifles diverted in transit, traced"
    shared_item_save(by=provider, item=case, categories=["b"], named=[named.state])
    assert case.history.latest("history_id").history_id == last_history + 1
    assert UserFactory().pk == max(row["id"] for row in rows_before["directory.user"]) + 1


# -- What a restore refuses ----------------------------------------------------------------


def test_restore_refuses_a_database_that_holds_data_and_changes_nothing(media_root, archive):
    build_portal()
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    wipe(media_root)
    User.objects.create_user(
        username="someone", password=PASSWORD, affiliation=Affiliation.SECRETARIAT
    )
    rows_before = every_row()

    message = restore_refusal(archive)

    assert message == (
        "The database already holds data (directory.historicaluser: 1, directory.user: 1); "
        "restore needs an empty, migrated database."
    )
    assert (every_row(), media_files(media_root)) == (rows_before, {})


def test_restore_accepts_the_rows_a_migration_left_but_not_a_row_the_archive_lacks(
    media_root, archive
):
    build_portal()
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    wipe(media_root)  # with the seven categories the migration creates, as in the archive
    apps.get_model("forums", "InformationCategory").objects.create(code="h")
    rows_before = every_row()

    message = restore_refusal(archive)

    assert message == (
        "The database already holds data (forums.informationcategory: 8); "
        "restore needs an empty, migrated database."
    )
    assert (every_row(), media_files(media_root)) == (rows_before, {})


def test_restore_refuses_a_media_folder_that_holds_files(media_root, archive):
    build_portal()
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    wipe(media_root)
    (media_root / "stray.txt").write_bytes(b"left over")
    rows_before = every_row()

    message = restore_refusal(archive)

    assert message == (
        f"The media folder {media_root} already holds files (stray.txt); restore needs an "
        "empty media folder."
    )
    assert (every_row(), media_files(media_root)) == (
        rows_before,
        {"stray.txt": sha256(b"left over")},
    )


@pytest.mark.parametrize("member", ["database.jsonl", "attachment"])
def test_restore_refuses_an_archive_with_one_byte_changed_and_changes_nothing(
    member, media_root, archive
):
    portal = build_portal()
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    if member == "attachment":
        member = "media/" + portal["case"].attachments.get(original_name="photo.png").file.name
    wipe(media_root)
    rows_before = every_row()
    members = read_members(archive)
    index = next(i for i, (info, _data) in enumerate(members) if info.name == member)
    info, data = members[index]
    middle = len(data) // 2
    members[index] = (info, data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :])
    write_members(archive, members)

    message = restore_refusal(archive)

    assert message == (
        f"{member} does not match its SHA-256 and size in the manifest: the archive is "
        "damaged or was altered. Nothing was restored."
    )
    assert (every_row(), media_files(media_root)) == (rows_before, {})


def test_restore_refuses_an_archive_of_another_schema_version(media_root, archive):
    build_portal()
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    wipe(media_root)
    rows_before = every_row()
    members = read_members(archive)
    manifest = json.loads(members[0][1])
    manifest["migrations"].remove(["forums", "0002_information_categories"])
    manifest["migrations"].append(["forums", "9999_from_the_future"])
    members[0] = (members[0][0], json.dumps(manifest).encode())
    write_members(archive, members)

    message = restore_refusal(archive)

    assert message == (
        "The archive comes from another version of the portal's schema: migrations only in "
        "this database: forums.0002_information_categories; only in the archive: "
        "forums.9999_from_the_future. Restore it with the version of the portal that made it."
    )
    assert (every_row(), media_files(media_root)) == (rows_before, {})


def _listed_outside(members, manifest):
    manifest["files"].append({"path": "../outside.txt", "sha256": sha256(b"x"), "size": 1})
    members.append((tarfile.TarInfo("media/../outside.txt"), b"x"))
    return (
        "The archive's manifest is not valid: '../outside.txt' is not a plain path inside "
        "the media folder."
    )


def _unlisted_outside(members, manifest):
    members.append((tarfile.TarInfo("media/../../outside.txt"), b"x"))
    return (
        "The archive holds media/../../outside.txt, which its manifest does not list; "
        "nothing was restored."
    )


def _listed_link(members, manifest):
    manifest["files"].append({"path": "dief/link", "sha256": sha256(b""), "size": 0})
    link = tarfile.TarInfo("media/dief/link")
    link.type, link.linkname = tarfile.SYMTYPE, "../../outside.txt"
    members.append((link, b""))
    return "media/dief/link in the archive is not a regular file; nothing was restored."


@pytest.mark.parametrize("craft", [_listed_outside, _unlisted_outside, _listed_link])
def test_restore_never_writes_outside_the_media_folder(craft, media_root, archive, tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    call_command("backup_portal", str(archive), stdout=io.StringIO())  # of an empty portal
    rows_before = every_row()
    members = read_members(archive)
    manifest = json.loads(members[0][1])
    expected = craft(members, manifest)
    members[0] = (members[0][0], json.dumps(manifest).encode())
    write_members(archive, members)

    message = restore_refusal(archive)

    assert message == expected
    assert (every_row(), media_files(media_root)) == (rows_before, {})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups", "media"]


# -- What a backup does --------------------------------------------------------------------


def test_a_backup_never_overwrites_an_existing_file(media_root, archive):
    archive.write_bytes(b"an earlier backup")

    with pytest.raises(CommandError) as refusal:
        call_command("backup_portal", str(archive), stdout=io.StringIO())

    assert str(refusal.value) == f"{archive} already exists; a backup never overwrites a file."
    assert archive.read_bytes() == b"an earlier backup"
    assert [path.name for path in archive.parent.iterdir()] == ["portal.tar.gz"]


def test_a_backup_is_not_written_inside_the_media_folder(media_root):
    inside = media_root / "backups" / "portal.tar.gz"
    inside.parent.mkdir()

    with pytest.raises(CommandError) as refusal:
        call_command("backup_portal", str(inside), stdout=io.StringIO())

    assert str(refusal.value) == (
        f"The archive must be written outside the media folder {media_root}."
    )
    assert list(inside.parent.iterdir()) == []


def test_a_file_a_row_names_but_the_media_folder_lacks_is_listed_as_missing(media_root, archive):
    portal = build_portal()
    lost = portal["case"].attachments.get(original_name="evidence.pdf").file.name
    (media_root / lost).unlink()
    errors = io.StringIO()

    call_command("backup_portal", str(archive), stdout=io.StringIO(), stderr=errors)

    assert manifest_of(archive)["missing_files"] == [lost]
    assert errors.getvalue() == (
        "1 files named in the database were not in the media folder (deleted after the "
        f"snapshot, or missing before it): {lost}\n"
    )


def test_a_backup_reads_one_snapshot_while_the_portal_is_edited(media_root, archive):
    """A case is edited (its row and a history row) after the backup has begun reading.
    The edit commits at once — on SQLite too, where the backup reads in a deferred
    transaction and does not hold the write lock — and the backup's snapshot does not see
    it: the dump holds the case as it was, with its history as it was."""
    portal = build_portal()
    case_pk, named_state = portal["case"].pk, portal["named"].state
    edited = threading.Event()
    failures = []

    def edit() -> None:
        try:
            case = Case.objects.get(pk=case_pk)
            case.title = "Edited while the backup ran"
            shared_item_save(by=case.created_by, item=case, categories=["b"], named=[named_state])
            edited.set()
        except Exception as error:  # reported by the test below
            failures.append(error)
        finally:
            connection.close()

    class EditAfterTheFirstTable(io.StringIO):
        """The backup's progress output (verbosity 2): one line per table read."""

        thread: threading.Thread | None = None

        def write(self, text):
            if self.thread is None:
                self.thread = threading.Thread(target=edit)
                self.thread.start()
                assert edited.wait(timeout=30), "the edit waited for the backup"
            return super().write(text)

    progress = EditAfterTheFirstTable()
    call_command("backup_portal", str(archive), stdout=progress, verbosity=2)
    progress.thread.join()

    assert failures == []
    assert Case.objects.get(pk=case_pk).title == "Edited while the backup ran"
    dump = {m.name: data for m, data in read_members(archive)}["database.jsonl"]
    rows = [json.loads(line) for line in dump.splitlines()]
    assert [r["fields"]["title"] for r in rows if r["model"] == "forums.case"] == [
        "Rifles diverted in transit"
    ]
    assert [r["fields"]["title"] for r in rows if r["model"] == "forums.historicalcase"] == [
        "Rifles diverted",
        "Rifles diverted in transit",
    ]
