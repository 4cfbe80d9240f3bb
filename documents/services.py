"""The register: new documents get the next running number and their symbol."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import State, User
from att_portal.l10n.content import Translations, set_translations, translations_of
from att_portal.meetings.models import CspCycle
from forums.minutes import check_document  # ToR art. 17: no minutes of DIEF meetings

from .enums import Distribution
from .models import Document, LanguageVersion, RunningNumber
from .symbols import DocumentSymbol
from .uploads import EXTENSIONS

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
    title: str | Translations,
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
    return register_unchecked(
        by=by,
        title=title,
        cycle=cycle,
        body=body,
        doc_type=doc_type,
        issued_on=issued_on,
        distribution=distribution,
        author_office=author_office,
        author_states=author_states,
        original_language=original_language,
        forum=forum,
    )


def register_unchecked(
    *,
    by: User,
    title: str | Translations,
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
    """The register itself, for services that have checked the caller's right (e.g. the
    Chair issuing an agenda). `title` is the English title or a title per UN language."""
    for text in ({"en": title} if isinstance(title, str) else title).values():
        check_document(body=body, meeting=None, title=text, doc_type=doc_type)
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
        issued_on=issued_on,
        cycle=cycle,
        body=body,
        author_office=author_office if not author_states else "",
        doc_type=doc_type,
        original_language=original_language,
        distribution=distribution,
        forum=forum if distribution == Distribution.CONFIDENTIAL else "",
    )
    set_translations(document, "title", title)
    document.full_clean()
    document._history_user = by
    document.save()
    if author_states:
        document.author_states.set(author_states)
    return document


@transaction.atomic
def language_version_upload(
    *, by: User, document: Document, language: str, uploaded, content_type: str, safe_name: str
) -> LanguageVersion:
    """Store (or replace) the file of one language; the previous file goes once the new one
    is committed, and a failed save leaves no file behind."""
    access.require(by, access.Action.CHANGE, document)
    previous = LanguageVersion.objects.filter(document=document, language=language).first()
    version = LanguageVersion(
        document=document,
        language=language,
        original_name=safe_name,
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=by,
        storage_name=f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}",
    )
    version.file.save(version.storage_name, uploaded, save=False)
    stored = version.file.name
    try:
        if previous is not None:
            old_file = previous.file.name
            previous.delete()
            transaction.on_commit(lambda: default_storage.delete(old_file))
        version._history_user = by
        version.save()
    except Exception:
        default_storage.delete(stored)
        raise
    return version


@transaction.atomic
def document_revise(
    *, by: User, document: Document, title: str = "", issued_on: datetime.date
) -> Document:
    """Issue a revision: it keeps the running number, takes the next ``.Rev{n}`` suffix and
    supersedes the document it revises."""
    access.require(by, access.Action.CHANGE, document)
    return revise_unchecked(by=by, document=document, title=title, issued_on=issued_on)


def revise_unchecked(
    *, by: User, document: Document, title: str | Translations = "", issued_on: datetime.date
) -> Document:
    """The next revision: the same number, `.RevN`; it keeps the original's title in every
    language unless given another."""
    original = document.revises or document
    titles = ({"en": title} if isinstance(title, str) else dict(title)) if title else {}
    titles = titles or translations_of(original, "title")
    for text in titles.values():
        check_document(
            body=original.body, meeting=original.meeting, title=text, doc_type=original.doc_type
        )
    latest = (
        Document.objects.select_for_update()
        .filter(Q(pk=original.pk) | Q(revises=original))
        .order_by(F("revision").desc(nulls_last=True))
        .first()
    )
    number = (latest.revision or 0) + 1
    symbol = original.parsed_symbol.revised(number)
    revision = Document(
        symbol=str(symbol),
        number=original.number,
        issued_on=issued_on,
        cycle=original.cycle,
        body=original.body,
        author_office=original.author_office,
        doc_type=original.doc_type,
        revision=number,
        revises=original,
        original_language=original.original_language,
        distribution=original.distribution,
        forum=original.forum,
        meeting=original.meeting,
    )
    set_translations(revision, "title", titles)
    revision.full_clean()
    revision._history_user = by
    revision.save()
    revision.author_states.set(original.author_states.all())
    return revision


@transaction.atomic
def document_attach(*, by: User, parent: Document, annex: Document, label: str) -> Document:
    """Link an annex or appendix to its parent, after the ones already attached."""
    access.require(by, access.Action.CHANGE, parent)
    if annex.pk == parent.pk or parent.parent_id == annex.pk:
        raise ValidationError(_("A document cannot be an annex of itself."))
    annex.parent = parent
    annex.annex_label = label.strip()
    annex.position = parent.annexes.count() + 1
    annex._history_user = by
    annex.save(update_fields=["parent", "annex_label", "position"])
    return annex
