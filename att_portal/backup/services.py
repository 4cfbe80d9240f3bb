"""Backing the portal up to one archive, and restoring an archive into an empty portal."""

from __future__ import annotations

import errno
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import database, media
from .manifest import (
    DUMP_NAME,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MEDIA_DIR,
    BackupError,
    Entry,
    Manifest,
    checksum_mismatch,
    media_path,
)

# A table without relations holding more rows than this is not what a migration left.
REFERENCE_ROWS_LIMIT = 10_000
_LISTED = 5  # names shown in a message before "…"

Log = Callable[[str], None] | None


@dataclass(frozen=True)
class BackupSummary:
    archive: Path
    archive_bytes: int
    rows: dict[str, int]
    files: int
    file_bytes: int
    missing_files: list[str]


@dataclass(frozen=True)
class RestoreSummary:
    rows: int
    models: int
    files: int
    file_bytes: int
    missing_files: list[str]


# -- Backup -------------------------------------------------------------------------------


def portal_backup(
    *, destination: Path, using: str = DEFAULT_DB_ALIAS, log: Log = None
) -> BackupSummary:
    """Write the database (one snapshot), the files under MEDIA_ROOT and a manifest of
    checksums to a new archive at `destination`. The archive appears complete or not at
    all, and never replaces an existing file."""
    destination = Path(destination).absolute()
    if destination.exists() or destination.is_symlink():
        raise BackupError(
            _("%(path)s already exists; a backup never overwrites a file.") % {"path": destination}
        )
    if not destination.parent.is_dir():
        raise BackupError(_("The folder %(path)s does not exist.") % {"path": destination.parent})
    root = media.media_root()
    if destination.parent.resolve().is_relative_to(root):
        raise BackupError(
            _("The archive must be written outside the media folder %(path)s.") % {"path": root}
        )
    try:
        with tempfile.TemporaryDirectory(prefix=".portal-backup-", dir=destination.parent) as work:
            dump_path = Path(work) / DUMP_NAME
            with (
                dump_path.open("w", encoding="utf-8", newline="\n", buffering=media.CHUNK) as out,
                database.snapshot(using),
            ):
                migrations = database.applied_migrations(using)
                rows, referenced = database.dump(out, using=using, log=log)
            # After the snapshot: every file a dumped row names was written before it.
            files = [media.digest(relative, path) for relative, path in media.inventory(root)]
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                engine=connections[using].vendor,
                migrations=migrations,
                skipped_models=list(database.SKIPPED_MODELS),
                rows=rows,
                dump=media.digest(DUMP_NAME, dump_path),
                files=files,
                missing_files=sorted(referenced - {entry.path for entry in files}),
            )
            part = Path(work) / "archive.tar.gz"
            _write_archive(part, manifest, dump_path, root)
            _publish(part, destination)
    except OSError as error:
        raise BackupError(
            _("The backup could not be written: %(error)s.") % {"error": error}
        ) from error
    return BackupSummary(
        archive=destination,
        archive_bytes=destination.stat().st_size,
        rows=rows,
        files=len(files),
        file_bytes=sum(entry.size for entry in files),
        missing_files=manifest.missing_files,
    )


def _write_archive(part: Path, manifest: Manifest, dump_path: Path, root: Path) -> None:
    # Only the portal's account may read it: it holds the DIEF's confidential material.
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as raw:
        with tarfile.open(
            fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT, compresslevel=6
        ) as tar:
            manifest_bytes = manifest.to_json()
            _add(tar, MANIFEST_NAME, io.BytesIO(manifest_bytes), len(manifest_bytes))
            with dump_path.open("rb") as source:
                _add_checked(tar, DUMP_NAME, source, manifest.dump)
            for entry in manifest.files:
                with root.joinpath(*media_path(entry.path).parts).open("rb") as source:
                    _add_checked(tar, MEDIA_DIR + entry.path, source, entry)
        raw.flush()
        os.fsync(raw.fileno())


def _add(tar: tarfile.TarFile, name: str, source: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(time.time())
    tar.addfile(info, source)


def _add_checked(tar: tarfile.TarFile, name: str, source: IO[bytes], entry: Entry) -> None:
    """Add a file read a second time, refusing it if it is no longer what was hashed."""
    reader = media.HashingReader(source)
    _add(tar, name, reader, entry.size)
    if not reader.matches(entry) or source.read(1):
        raise BackupError(
            _(
                "%(name)s changed while the backup ran; the portal never changes a stored "
                "file, so something else writes to the media folder. Run the backup again."
            )
            % {"name": name}
        )


def _publish(part: Path, destination: Path) -> None:
    """Give the finished archive its name, refusing to replace a file that appeared."""
    try:
        os.link(part, destination)
    except FileExistsError as error:
        raise BackupError(
            _("%(path)s already exists; a backup never overwrites a file.") % {"path": destination}
        ) from error
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if destination.exists():  # a file system without hard links
            raise BackupError(
                _("%(path)s already exists; a backup never overwrites a file.")
                % {"path": destination}
            ) from error
        part.rename(destination)
    folder = os.open(destination.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


# -- Restore ------------------------------------------------------------------------------


def portal_restore(*, archive: Path, using: str = DEFAULT_DB_ALIAS) -> RestoreSummary:
    """Load an archive into an empty, migrated database and an empty media folder.

    Everything is checked before anything is written: the manifest, the schema version,
    that the database and the media folder are empty, and the checksum of every member.
    The rows are then loaded in one transaction and the files written; if anything fails,
    the transaction is rolled back and the files written are removed."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("There is no archive at %(path)s.") % {"path": archive})
    manifest = _read_manifest(archive)
    _check_schema(manifest, using)
    present = database.occupied(using)
    reference = {
        model: count
        for model, count in present.items()
        if database.is_reference_table(model) and count <= REFERENCE_ROWS_LIMIT
    }
    if blocking := {model: n for model, n in present.items() if model not in reference}:
        raise BackupError(_not_empty(blocking))
    root = media.media_root()
    if leftovers := media.leftovers(root, limit=_LISTED + 1):
        raise BackupError(
            _(
                "The media folder %(path)s already holds files (%(files)s); restore needs "
                "an empty media folder."
            )
            % {"path": root, "files": _listed(leftovers)}
        )
    archived = _verify(archive, manifest, collect={m._meta.label_lower for m in reference})
    for model in reference:
        theirs = archived.get(model._meta.label_lower, {})
        here = database.serialized_rows(model, using)
        if any(theirs.get(key) != row for key, row in here.items()):
            raise BackupError(_not_empty({model: present[model]}))

    written: list[Path] = []
    created: list[Path] = []
    try:
        with transaction.atomic(using=using):
            if database.occupied(using) != present:
                raise BackupError(
                    _(
                        "Rows were written to the database while the archive was checked; "
                        "stop the portal's processes and run the restore again."
                    )
                )
            loaded = _load(archive, manifest, root, using, written=written, created=created)
            _check_counts(manifest, using)
    except BaseException:
        media.remove(written, created)
        raise
    return RestoreSummary(
        rows=loaded,
        models=sum(1 for count in manifest.rows.values() if count),
        files=len(manifest.files),
        file_bytes=sum(entry.size for entry in manifest.files),
        missing_files=manifest.missing_files,
    )


@contextmanager
def _reading(archive: Path) -> Iterator[None]:
    try:
        yield
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            _("The archive %(path)s cannot be read (%(error)s); nothing was restored.")
            % {"path": archive, "error": error}
        ) from error


def _read_manifest(archive: Path) -> Manifest:
    with _reading(archive), tarfile.open(archive, mode="r|gz") as tar:
        member = tar.next()
        if member is None or member.name != MANIFEST_NAME or not member.isreg():
            raise BackupError(
                _("%(path)s is not a backup of the portal: it does not begin with %(name)s.")
                % {"path": archive, "name": MANIFEST_NAME}
            )
        if member.size > MAX_MANIFEST_BYTES:
            raise BackupError(_("The archive's manifest is too large to be one."))
        raw = tar.extractfile(member).read()
    return Manifest.from_json(raw)


def _members(archive: Path, manifest: Manifest) -> Iterator[tuple[str, Entry, IO[bytes]]]:
    """Each member after the manifest as (name, its manifest entry, its content), checked
    before it is read: only the dump and the files the manifest lists, each once, each a
    regular file of the listed size. Nothing else in the archive is ever read."""
    expected = {DUMP_NAME: manifest.dump} | {MEDIA_DIR + e.path: e for e in manifest.files}
    seen: set[str] = set()
    with tarfile.open(archive, mode="r|gz") as tar:
        for index, member in enumerate(tar):
            if index == 0 and member.name == MANIFEST_NAME:
                continue  # read already, and kept
            name = member.name
            if name not in expected or name in seen:
                raise BackupError(
                    _(
                        "The archive holds %(name)s, which its manifest does not list; "
                        "nothing was restored."
                    )
                    % {"name": name}
                )
            if not member.isreg():
                raise BackupError(
                    _("%(name)s in the archive is not a regular file; nothing was restored.")
                    % {"name": name}
                )
            entry = expected[name]
            if member.size != entry.size:
                raise BackupError(checksum_mismatch(name))
            seen.add(name)
            yield name, entry, tar.extractfile(member)
    if missing := [name for name in expected if name not in seen]:
        raise BackupError(
            _("The archive lacks %(name)s, which its manifest lists; nothing was restored.")
            % {"name": missing[0]}
        )


def _verify(archive: Path, manifest: Manifest, *, collect: set[str]) -> dict[str, dict]:
    """Check every member's SHA-256 and size; return the dump's rows of the models in
    `collect` (by primary key), to compare with rows a migration left in the database."""
    markers = {label: f'{{"model": "{label}",'.encode() for label in collect}
    collected: dict[str, dict] = defaultdict(dict)
    with _reading(archive):
        for name, entry, source in _members(archive, manifest):
            reader = media.HashingReader(source)
            if name == DUMP_NAME and markers:
                for line in reader:
                    for label, marker in markers.items():
                        if line.startswith(marker):
                            row = json.loads(line)
                            collected[label][database.row_key(row)] = row
            else:
                while reader.read(media.CHUNK):
                    pass
            if not reader.matches(entry):
                raise BackupError(checksum_mismatch(name))
    return collected


def _load(
    archive: Path,
    manifest: Manifest,
    root: Path,
    using: str,
    *,
    written: list[Path],
    created: list[Path],
) -> int:
    loaded = 0
    with _reading(archive):
        for name, entry, source in _members(archive, manifest):
            if name != DUMP_NAME:
                media.write(root, entry, source, written=written, created=created)
                continue
            reader = media.HashingReader(source)
            try:
                loaded = database.load(reader, using=using)
            except Exception as error:
                raise BackupError(
                    _(
                        "The archive's database could not be loaded (%(error)s); nothing "
                        "was restored."
                    )
                    % {"error": error}
                ) from error
            if not reader.matches(entry):
                raise BackupError(checksum_mismatch(name))
    return loaded


def _check_schema(manifest: Manifest, using: str) -> None:
    if pending := database.unapplied_migrations(using):
        raise BackupError(
            _(
                "The database is not migrated (%(migrations)s to apply); run "
                "manage.py migrate first."
            )
            % {"migrations": _listed([f"{app}.{name}" for app, name in pending])}
        )
    here = set(database.applied_migrations(using))
    theirs = set(manifest.migrations)
    if here != theirs:
        raise BackupError(
            _(
                "The archive comes from another version of the portal's schema: migrations "
                "only in this database: %(here)s; only in the archive: %(theirs)s. Restore "
                "it with the version of the portal that made it."
            )
            % {
                "here": _listed([f"{app}.{name}" for app, name in sorted(here - theirs)]),
                "theirs": _listed([f"{app}.{name}" for app, name in sorted(theirs - here)]),
            }
        )


def _check_counts(manifest: Manifest, using: str) -> None:
    """Every model holds as many rows as the archive has of it (content types and
    permissions aside: the database may have more of those than the archive)."""
    for label, expected in manifest.rows.items():
        model = apps.get_model(label)
        if model in database.NATURAL_KEY_MODELS:
            continue
        actual = model._base_manager.using(using).count()
        if actual != expected:
            raise BackupError(
                _(
                    "After loading, %(model)s holds %(actual)d rows where the archive has "
                    "%(expected)d; nothing was restored."
                )
                % {"model": label, "actual": actual, "expected": expected}
            )


def _not_empty(models: dict) -> str:
    rows = [f"{model._meta.label_lower}: {count}" for model, count in models.items()]
    return _(
        "The database already holds data (%(rows)s); restore needs an empty, migrated database."
    ) % {"rows": _listed(sorted(rows))}


def _listed(names: list[str]) -> str:
    if not names:
        return _("none")
    shown = ", ".join(names[:_LISTED])
    return shown + (", …" if len(names) > _LISTED else "")
