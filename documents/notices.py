"""What the register's notices are about, for the notices page: the document's symbol and
title (an issued agenda: `agenda:<document>:<person>`)."""

from __future__ import annotations

from att_portal import access, registry
from att_portal.notifications.subjects import key_ids, subject_line

from .models import Document


def document_subjects(request, keys: list[str]) -> dict[str, tuple[str, ...] | None]:
    ids = key_ids(keys)
    documents = access.visible(request.user, Document.objects.all()).in_bulk(set(ids.values()))
    return {
        key: subject_line(request, documents[pk], documents[pk].symbol, documents[pk].title)
        for key, pk in ids.items()
        if pk in documents
    }


def register() -> None:
    registry.add_notice_subjects("agenda", document_subjects)
