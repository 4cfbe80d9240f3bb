"""Files the portal stores, checked again by `manage.py check_stored_files` with the checks
of their upload (README, "Upload limits"): the feature apps register their kinds of stored
file from their `hooks.py`; the core never imports them.

A file that fails is reported and, with `--quarantine`, moved aside under
MEDIA_ROOT/quarantine/ and marked on its row (`quarantined_at`, `quarantine_reason`): its
download then answers a page that says so, never the file."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

QUARANTINE_FOLDER = "quarantine"


@dataclass(frozen=True)
class StoredFileKind:
    """One kind of stored file. `rows()` gives every row with a file (a model with `file`,
    `content_type`, `quarantined_at` and `quarantine_reason`); `check(data)` runs the upload
    checks on a file's bytes and gives (content type, what would be stripped), or raises
    ValidationError; `describe(row)` names the row for the report (never its confidential
    title)."""

    key: str
    rows: Callable[[], Iterable]
    check: Callable[[bytes], tuple[str, frozenset[str]]]
    describe: Callable[[object], str]


@dataclass(frozen=True)
class Finding:
    kind: str
    pk: int
    description: str
    reason: str


_kinds: dict[str, StoredFileKind] = {}


def register(kind: StoredFileKind) -> None:
    _kinds[kind.key] = kind


def kinds() -> list[StoredFileKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)


def problem(kind: StoredFileKind, row) -> str | None:
    """Why a stored file fails the checks of its upload, or None."""
    try:
        with row.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):
        return _("The file is missing.")
    try:
        content_type, stripped = kind.check(data)
    except ValidationError as error:
        return " ".join(str(message) for message in error.messages)
    except Exception as error:  # a hostile file may break a check in unforeseen ways
        logger.warning("Check of %s %s failed", kind.key, row.pk, exc_info=True)
        return _("The check failed (%(error)s).") % {"error": type(error).__name__}
    if content_type != row.content_type:
        return _("The file is %(found)s, recorded as %(recorded)s.") % {
            "found": content_type,
            "recorded": row.content_type,
        }
    if stripped:
        return _("It contains active content: %(found)s.") % {"found": ", ".join(sorted(stripped))}
    return None


def check_all(*, quarantine: bool = False) -> tuple[int, list[Finding]]:
    """(number of files checked, the failing ones); with `quarantine`, each failing file is
    moved aside and marked. Files already quarantined are left as they are."""
    checked, findings = 0, []
    for kind in kinds():
        for row in kind.rows():
            if row.quarantined_at is not None:
                continue
            checked += 1
            reason = problem(kind, row)
            if reason is None:
                continue
            findings.append(Finding(kind.key, row.pk, kind.describe(row), reason))
            if quarantine:
                quarantine_file(row, reason)
    return checked, findings


def quarantine_file(row, reason: str) -> None:
    """Move the row's file under quarantine/ and mark the row; the original is deleted
    once the mark is saved."""
    storage = row.file.storage
    original = row.file.name
    moved = original
    if original and storage.exists(original):
        with storage.open(original, "rb") as handle:
            moved = storage.save(f"{QUARANTINE_FOLDER}/{original}", handle)
    with transaction.atomic():
        row.file.name = moved
        row.quarantined_at = timezone.now()
        row.quarantine_reason = reason[:500]
        row._change_reason = "Quarantined by check_stored_files"
        row.save(update_fields=["file", "quarantined_at", "quarantine_reason"])
        if moved != original:
            transaction.on_commit(lambda: storage.delete(original))


def unavailable_response(
    request: HttpRequest, row, *, reference: str, reason: str = ""
) -> HttpResponse:
    """The page a reader gets instead of a file that is quarantined or cannot be served
    (damaged, or failing the checks): 409, never the file."""
    if row.quarantined_at is not None:
        message = _(
            "This file has been set aside (quarantined): it does not pass the portal's checks "
            "of uploaded files. The Secretariat knows; ask them or the person who uploaded it "
            "for a new copy."
        )
    else:
        logger.error("Stored file %s cannot be served: %s", reference, reason)
        message = _(
            "This file is damaged or does not pass the portal's checks of uploaded files, so it "
            "cannot be served. Please tell the Secretariat, giving the reference %(reference)s."
        ) % {"reference": reference}
    return render(
        request,
        "stored_file_unavailable.html",
        {"message": message, "reference": reference},
        status=409,
    )
