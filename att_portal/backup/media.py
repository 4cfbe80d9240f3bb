"""The uploaded files side of a backup: every file under MEDIA_ROOT.

The register (`documents/`) and the DIEF (`forums/`) store each upload once, under a
fresh random name, and never write to it again: a replaced or withdrawn language version
keeps its file, and a DIEF attachment's file goes only after its row is deleted. So the
files copied after the database snapshot include the file of every row in the dump; a
file deleted after the snapshot is listed in the manifest as missing, and a file added
after it is copied although no row in the dump names it. The whole folder is copied (a
quarantine folder too, if there is one), not only the files the rows name.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from .manifest import MEDIA_DIR, BackupError, Entry, checksum_mismatch, media_path

CHUNK = 1024 * 1024


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def inventory(root: Path) -> list[tuple[str, Path]]:
    """Every file under `root` as (path relative to it, absolute path), in a fixed order.
    Only regular files and folders are expected there: a link is refused rather than
    followed or silently left out."""
    if not root.exists():
        return []
    if not root.is_dir():
        raise BackupError(_("The media folder %(path)s is not a folder.") % {"path": root})
    found = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames.sort()
        base = Path(folder)
        for name in [*dirnames, *sorted(filenames)]:
            path = base / name
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise BackupError(
                    _(
                        "%(path)s is neither a regular file nor a folder; the backup copies "
                        "only those."
                    )
                    % {"path": path}
                )
        for name in sorted(filenames):
            path = base / name
            relative = path.relative_to(root).as_posix()
            try:
                media_path(relative)
            except ValueError as error:
                raise BackupError(
                    _("The file %(path)s has a name the backup cannot carry: %(error)s.")
                    % {"path": path, "error": error}
                ) from error
            found.append((relative, path))
    return found


def digest(relative: str, path: Path) -> Entry:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return Entry(path=relative, sha256=sha.hexdigest(), size=size)


class HashingReader:
    """Reads through to `source`, keeping the SHA-256 and size of what was read."""

    def __init__(self, source: IO[bytes]):
        self.source = source
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data

    def __iter__(self):
        for line in self.source:
            self.sha.update(line)
            self.size += len(line)
            yield line

    def matches(self, entry: Entry) -> bool:
        return self.size == entry.size and self.sha.hexdigest() == entry.sha256


def leftovers(root: Path, limit: int = 3) -> list[str]:
    """Up to `limit` things in `root` other than empty folders: files, links, anything."""
    if not root.exists():
        return []
    if not root.is_dir():
        return [str(root)]
    found = []
    for folder, dirnames, filenames in os.walk(root):
        base = Path(folder)
        for name in sorted(filenames) + [d for d in dirnames if (base / d).is_symlink()]:
            found.append((base / name).relative_to(root).as_posix())
            if len(found) >= limit:
                return found
    return found


def write(
    root: Path, entry: Entry, source: IO[bytes], *, written: list[Path], created: list[Path]
) -> None:
    """Write one file of the archive at its place under `root`, checking its checksum;
    every file and folder made is recorded so that a failed restore can remove it."""
    relative = media_path(entry.path)
    target = root.joinpath(*relative.parts)
    _make_folders(root, target.parent, created)
    if not target.parent.resolve().is_relative_to(root):
        raise BackupError(_("%(path)s would land outside the media folder.") % {"path": entry.path})
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(target, flags, 0o666)
    written.append(target)
    reader = HashingReader(source)
    with os.fdopen(descriptor, "wb") as out:
        while chunk := reader.read(CHUNK):
            out.write(chunk)
    if not reader.matches(entry):
        raise BackupError(checksum_mismatch(MEDIA_DIR + entry.path))


def _make_folders(root: Path, folder: Path, created: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder == root or folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        created.append(path)


def remove(written: list[Path], created: list[Path]) -> None:
    """Undo a failed restore: the files it wrote, then the folders it made."""
    for path in reversed(written):
        path.unlink(missing_ok=True)
    for path in reversed(created):
        with suppress(OSError):  # not empty: something else was put there meanwhile
            path.rmdir()
