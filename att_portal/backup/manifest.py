"""The manifest of a backup archive, and the rules every name in it must follow."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

FORMAT = "att-portal-backup"
VERSION = 1
MANIFEST_NAME = "manifest.json"
DUMP_NAME = "database.jsonl"
MEDIA_DIR = "media/"
# A manifest lists one line per file; far below this even with millions of files.
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """A backup or restore refused, with the reason in words for the operator."""


@dataclass(frozen=True)
class Entry:
    """One member of the archive: its path (relative to MEDIA_ROOT for a file), the SHA-256
    of its content and its size in bytes."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    migrations: list[tuple[str, str]]
    skipped_models: list[str]
    rows: dict[str, int]
    dump: Entry
    files: list[Entry]
    missing_files: list[str] = field(default_factory=list)

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "version": VERSION} | asdict(self)
        data["migrations"] = [list(pair) for pair in self.migrations]
        return json.dumps(data, indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError(_("it is not a JSON object"))
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise ValueError(
                    _("it is not a manifest of format %(format)s, version %(version)s")
                    % {"format": FORMAT, "version": VERSION}
                )
            files = [_entry(item) for item in _list(data, "files")]
            for item in files:
                media_path(item.path)
            paths = [item.path for item in files]
            if len(set(paths)) != len(paths):
                raise ValueError(_("it lists a file twice"))
            migrations = [_migration(item) for item in _list(data, "migrations")]
            rows = data.get("rows")
            if not isinstance(rows, dict) or not all(
                isinstance(label, str) and _count(count) for label, count in rows.items()
            ):
                raise ValueError(_("its row counts are not valid"))
            dump = _entry(data.get("dump"))
            if dump.path != DUMP_NAME:
                raise ValueError(_("its database dump is not %(name)s") % {"name": DUMP_NAME})
            return cls(
                created_at=str(data.get("created_at", "")),
                engine=str(data.get("engine", "")),
                migrations=migrations,
                skipped_models=[str(label) for label in _list(data, "skipped_models")],
                rows=rows,
                dump=dump,
                files=files,
                missing_files=[str(path) for path in _list(data, "missing_files")],
            )
        except (ValueError, TypeError) as error:
            raise BackupError(
                _("The archive's manifest is not valid: %(error)s.") % {"error": error}
            ) from error


def checksum_mismatch(name: str) -> str:
    return _(
        "%(name)s does not match its SHA-256 and size in the manifest: the archive is "
        "damaged or was altered. Nothing was restored."
    ) % {"name": name}


def media_path(path: str) -> PurePosixPath:
    """`path` as a relative path inside MEDIA_ROOT, or ValueError: nothing absolute, no
    `..`, no empty or `.` part, no backslash and no control character, so that no name in
    an archive can reach outside the media folder."""
    if not isinstance(path, str) or not path or path.startswith("/"):
        raise ValueError(_("%(path)r is not a relative path") % {"path": path})
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or any(
        char == "\\" or ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF for char in path
    ):
        raise ValueError(_("%(path)r is not a plain path inside the media folder") % {"path": path})
    return PurePosixPath(*parts)


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValueError(_("its %(key)s is not a list") % {"key": key})
    return value


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _entry(item) -> Entry:
    if not (
        isinstance(item, dict)
        and isinstance(item.get("path"), str)
        and isinstance(item.get("sha256"), str)
        and _SHA256.fullmatch(item["sha256"])
        and _count(item.get("size"))
    ):
        raise ValueError(_("an entry has no valid path, SHA-256 and size"))
    return Entry(path=item["path"], sha256=item["sha256"], size=item["size"])


def _migration(item) -> tuple[str, str]:
    if not (isinstance(item, list) and len(item) == 2 and all(isinstance(s, str) for s in item)):
        raise ValueError(_("its migrations are not pairs of app and name"))
    return (item[0], item[1])
