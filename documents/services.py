"""The register: new documents get the next running number and their symbol."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from att_portal import access
from att_portal.directory.models import State, User
from att_portal.meetings.models import CspCycle

from .enums import Distribution
from .models import Document, RunningNumber
from .symbols import DocumentSymbol

SECRETARIAT_SERIES = "secretariat"


def running_number_next() -> int:
    """Take the next running number. The counter row is locked by the UPDATE itself, so two
    documents registered at the same instant get two numbers; the unique constraint on
    Document.number backs this up."""
    with transaction.atomic():
        RunningNumber.objects.get_or_create(name=SECRETARIAT_SERIES)
        RunningNumber.objects.filter(name=SECRETARIAT_SERIES).update(last=F("last") + 1)
        return RunningNumber.objects.get(name=SECRETARIAT_SERIES).last


@transaction.atomic
def document_register(
    *,
    by: User,
    title: str,
    cycle: CspCycle,
    body: str,
    doc_type: str,
    issued_on: datetime.date,
    distribution: str,
    author_office: str = "",
    author_states: list[State] | None = None,
    original_language: str = "en",
    forum: str = "",
) -> Document:
    if not access.can(by, access.Action.CHANGE, Document(distribution=distribution)):
        raise PermissionDenied
    authors = tuple(sorted(s.alpha3 for s in author_states or [])) or (author_office,)
    number = running_number_next()
    symbol = DocumentSymbol(
        cycle=cycle.number,
        body=body or None,
        year=issued_on.year,
        authors=authors,
        number=number,
        doc_type=doc_type,
    )
    DocumentSymbol.parse(str(symbol))  # the register never writes a malformed symbol
    document = Document(
        symbol=str(symbol),
        number=number,
        title=title,
        issued_on=issued_on,
        cycle=cycle,
        body=body,
        author_office=author_office if not author_states else "",
        doc_type=doc_type,
        original_language=original_language,
        distribution=distribution,
        forum=forum if distribution == Distribution.CONFIDENTIAL else "",
    )
    document.full_clean()
    document._history_user = by
    document.save()
    if author_states:
        document.author_states.set(author_states)
    return document
