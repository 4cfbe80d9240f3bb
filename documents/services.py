"""The register: new documents get the next running number and their symbol; existing
documents keep the symbol they were issued under; revisions, annexes and the files of each
language, with every earlier file kept."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import State, User
from att_portal.l10n.content import Translations, english, set_translations, translations_of
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle
from forums.minutes import check_document  # ToR art. 17: no minutes of DIEF meetings

from .enums import Distribution
from .models import Document, LanguageVersion, RunningNumber
from .symbols import OFFICE_AUTHORS, DocumentSymbol
from .uploads import EXTENSIONS

SECRETARIAT_SERIES = "secretariat"
# CSP1 was held in 2015 and every CSP since once a year (DOMAIN §2): CSP10 = 2024.
FIRST_CSP_YEAR = 2015


def running_number_next() -> int:
    """Take the next running number. The counter row is locked by the UPDATE itself, so two
    documents registered at the same instant get two numbers; the unique constraint on
    Document.number backs this up. A number taken by a historical document registered
    under its own symbol is never given again."""
    with transaction.atomic():
        RunningNumber.objects.get_or_create(name=SECRETARIAT_SERIES)
        highest = Document.objects.aggregate(highest=Max("number"))["highest"] or 0
        RunningNumber.objects.filter(name=SECRETARIAT_SERIES).update(
            last=Greatest(F("last"), highest) + 1
        )
        return RunningNumber.objects.get(name=SECRETARIAT_SERIES).last


def running_number_taken(number: int) -> None:
    """A historical number entered the register: the next new document gets a higher one."""
    RunningNumber.objects.get_or_create(name=SECRETARIAT_SERIES)
    RunningNumber.objects.filter(name=SECRETARIAT_SERIES, last__lt=number).update(last=number)


def _require_registrar(by: User, distribution: str) -> None:
    if not access.can(by, access.Action.CHANGE, Document(distribution=distribution)):
        raise PermissionDenied


def _save(document: Document, *, by: User, reason: str) -> None:
    document.full_clean()
    document._history_user = by
    document._change_reason = reason
    document.save()


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
    _require_registrar(by, distribution)
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
    check_document(body=body, meeting=None, doc_type=doc_type)
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
        year=issued_on.year,
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
    document.set_pending_authors(a for a in authors if a not in OFFICE_AUTHORS)
    _save(document, by=by, reason="Registered")
    if author_states:
        document.author_states.set(author_states)
    return document


# -- Existing documents, under the symbol they were issued with ---------------------------


def symbol_read(text: str) -> DocumentSymbol:
    """The parts of a symbol as typed, or the parser's message (which names the faulty
    part) on the form's symbol field."""
    try:
        return DocumentSymbol.parse(text)
    except ValueError as exc:
        raise ValidationError({"symbol": str(exc)}) from exc


def symbol_body(symbol: DocumentSymbol) -> str:
    """The body a symbol names ("" for the plenary); refused when the portal has no such
    body."""
    if symbol.body and symbol.body not in Body.values:
        raise ValidationError(
            {"symbol": _("%(body)s is not a body of the portal.") % {"body": symbol.body}}
        )
    return symbol.body or ""


def symbol_authors(symbol: DocumentSymbol) -> tuple[str, list[State]]:
    """(the office, the authoring States) a symbol names; refused when a State is not in
    the directory."""
    if symbol.authors[0] in OFFICE_AUTHORS:
        return symbol.authors[0], []
    states = {s.alpha3: s for s in State.objects.filter(country__in=_alpha2(symbol.authors))}
    missing = [code for code in symbol.authors if code not in states]
    if missing:
        raise ValidationError(
            {
                "symbol": _("No State with the code %(code)s is in the directory.")
                % {"code": missing[0]}
            }
        )
    return "", [states[code] for code in symbol.authors]


def _alpha2(codes) -> list[str]:
    from django_countries import countries

    return [countries.alpha2(code) for code in codes]


def symbol_cycle(symbol: DocumentSymbol, *, create: bool) -> CspCycle | None:
    """The CSP cycle a symbol names. A historical cycle not yet in the portal is added (its
    year follows from its number) when `create`, else None."""
    cycle = CspCycle.objects.filter(number=symbol.cycle).first()
    if cycle is not None or not create:
        return cycle
    cycle = CspCycle(number=symbol.cycle, year=FIRST_CSP_YEAR + symbol.cycle - 1)
    cycle.full_clean()
    cycle.save()
    return cycle


def symbol_conflicts(symbol: DocumentSymbol) -> tuple[Document | None, list[Document]]:
    """(the original this revision revises, the revisions registered before their original)
    for a symbol about to be registered; refused with the document that already holds its
    running number, or the symbol itself."""
    same = Document.objects.filter(symbol=str(symbol)).first()
    if same is not None:
        raise ValidationError(
            {"symbol": _("%(symbol)s is already in the register.") % {"symbol": same.symbol}}
        )
    original, early_revisions = None, []
    for other in Document.objects.filter(number=symbol.number).order_by("revision", "pk"):
        try:
            other_symbol = DocumentSymbol.parse(other.symbol)
        except ValueError:
            other_symbol = None
        same_document = other_symbol is not None and symbol.same_document_as(other_symbol)
        if same_document and symbol.revision and other.revision is None:
            original = other
            continue
        if same_document and other.revision not in (None, symbol.revision):
            if symbol.revision is None and other.revises_id is None:
                early_revisions.append(other)
            continue
        raise ValidationError(
            {
                "symbol": _(
                    "The running number %(number)s is already used by %(symbol)s: a number "
                    "belongs to one document and its revisions."
                )
                % {"number": symbol.number, "symbol": other.symbol}
            }
        )
    return original, early_revisions


@transaction.atomic
def document_register_existing(
    *,
    by: User,
    symbol: str,
    title: str | Translations,
    issued_on: datetime.date,
    distribution: str,
    original_language: str = "en",
    forum: str = "",
) -> Document:
    """Register a document under the symbol it was issued with: the cycle, body, year,
    authors, number, type and revision come from the symbol. Its number is kept and never
    given again; a revision (``….Rev1``, ``…/Rev.``) is filed as the revision of its original
    when the original is in the register, and an original registered after its revisions
    takes them back."""
    _require_registrar(by, distribution)
    parsed = symbol_read(symbol)
    symbol_body(parsed)
    office, states = symbol_authors(parsed)
    original, early_revisions = symbol_conflicts(parsed)
    check_document(
        body=parsed.body or "",
        meeting=original.meeting if original else None,
        doc_type=parsed.doc_type,
    )
    document = Document(
        symbol=symbol,
        number=parsed.number,
        year=parsed.year,
        issued_on=issued_on,
        cycle=symbol_cycle(parsed, create=True),
        body=parsed.body or "",
        author_office=office,
        doc_type=parsed.doc_type,
        revision=parsed.revision,
        revises=original,
        original_language=original_language,
        distribution=distribution,
        forum=forum if distribution == Distribution.CONFIDENTIAL else "",
        meeting=original.meeting if original else None,
    )
    set_translations(document, "title", title)
    document.set_pending_authors(state.alpha3 for state in states)
    _save(document, by=by, reason="Registered under its own symbol")
    if states:
        document.author_states.set(states)
    for revision in early_revisions:
        revision.revises = document
        _save(revision, by=by, reason="Filed as a revision of its original")
    running_number_taken(parsed.number)
    return document


# -- Revisions --------------------------------------------------------------------------


@transaction.atomic
def document_revise(
    *, by: User, document: Document, title: str | Translations = "", issued_on: datetime.date
) -> Document:
    """Issue a revision: it keeps the running number, takes the next ``.Rev{n}`` suffix and
    supersedes the document it revises."""
    access.require(by, access.Action.CHANGE, document)
    return revise_unchecked(by=by, document=document, title=title, issued_on=issued_on)


def unsaved_revision(original: Document, number: int, *, issued_on) -> Document:
    """Revision `number` of `original`, not yet saved: the same number and attributes,
    the symbol with `.Rev{number}`."""
    return Document(
        symbol=str(original.parsed_symbol.revised(number)),
        number=original.number,
        year=original.year,
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
        meeting_id=original.meeting_id,
    )


def revise_unchecked(
    *, by: User, document: Document, title: str | Translations = "", issued_on: datetime.date
) -> Document:
    """The next revision: the same number, `.RevN`; it keeps the original's title in every
    language unless given another."""
    original = document.revises or document
    titles = ({"en": title} if isinstance(title, str) else dict(title)) if title else {}
    titles = {language: text for language, text in titles.items() if text}
    titles = titles if english(titles) else translations_of(original, "title")
    check_document(body=original.body, meeting=original.meeting, doc_type=original.doc_type)
    latest = (
        Document.objects.select_for_update()
        .filter(Q(pk=original.pk) | Q(revises=original))
        .order_by(F("revision").desc(nulls_last=True))
        .first()
    )
    number = (latest.revision or 0) + 1
    revision = unsaved_revision(original, number, issued_on=issued_on)
    set_translations(revision, "title", titles)
    states = list(original.author_states.all())
    revision.set_pending_authors(state.alpha3 for state in states)
    _save(revision, by=by, reason=f"Revision {number} issued")
    revision.author_states.set(states)
    return revision


# -- Annexes and appendices --------------------------------------------------------------


def _annexes_of(parent: Document) -> list[Document]:
    return list(parent.annexes.select_for_update().order_by("position", "pk"))


def _renumber(annexes: list[Document], *, by: User) -> None:
    for position, annex in enumerate(annexes, start=1):
        if annex.position != position:
            annex.position = position
            annex._history_user = by
            annex._change_reason = "Annexes reordered"
            annex.save(update_fields=["position"])


@transaction.atomic
def document_attach(*, by: User, parent: Document, annex: Document, label: str) -> Document:
    """Link an annex or appendix ("Annex A", "Appendix 3") to its parent, after the ones
    already attached."""
    access.require(by, access.Action.CHANGE, parent)
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Give the annex its label, e.g. Annex A.")})
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == annex.pk:
            raise ValidationError(
                {"annex": _("A document cannot be an annex of itself.")}
                if annex.pk == parent.pk
                else {
                    "annex": _("%(symbol)s contains %(parent)s: it cannot be its annex.")
                    % {"symbol": annex.symbol, "parent": parent.symbol}
                }
            )
        ancestor = ancestor.parent
    if annex.parent_id and annex.parent_id != parent.pk:
        raise ValidationError(
            {
                "annex": _("%(symbol)s is already %(label)s of %(parent)s; detach it there first.")
                % {
                    "symbol": annex.symbol,
                    "label": annex.annex_label,
                    "parent": annex.parent.symbol,
                }
            }
        )
    annexes = [a for a in _annexes_of(parent) if a.pk != annex.pk]
    if any(a.annex_label.casefold() == label.casefold() for a in annexes):
        raise ValidationError(
            {
                "label": _("%(parent)s already has an annex labelled %(label)s.")
                % {"parent": parent.symbol, "label": label}
            }
        )
    if annex.parent_id != parent.pk:  # a new annex goes last; a relabelled one stays
        annex.position = len(annexes) + 1
    annex.parent = parent
    annex.annex_label = label
    annex.full_clean()
    annex._history_user = by
    annex._change_reason = f"Attached as {label}"
    annex.save(update_fields=["parent", "annex_label", "position"])
    return annex


@transaction.atomic
def document_annex_move(*, by: User, annex: Document, direction: str) -> None:
    """Move an annex one place up or down among its parent's annexes."""
    if annex.parent_id is None:
        raise ValidationError(_("This document is not an annex."))
    if direction not in ("up", "down"):
        raise ValueError(direction)
    parent = annex.parent
    access.require(by, access.Action.CHANGE, parent)
    annexes = _annexes_of(parent)
    index = next(i for i, a in enumerate(annexes) if a.pk == annex.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(annexes):
        annexes[index], annexes[target] = annexes[target], annexes[index]
    _renumber(annexes, by=by)


@transaction.atomic
def document_detach(*, by: User, annex: Document) -> None:
    """Detach an annex from its parent; it stays in the register as a document of its own."""
    if annex.parent_id is None:
        raise ValidationError(_("This document is not an annex."))
    parent = annex.parent
    access.require(by, access.Action.CHANGE, parent)
    label = annex.annex_label
    annex.parent, annex.annex_label, annex.position = None, "", 0
    annex._history_user = by
    annex._change_reason = f"Detached ({label})"
    annex.save(update_fields=["parent", "annex_label", "position"])
    _renumber(_annexes_of(parent), by=by)


# -- Language versions --------------------------------------------------------------------


def _current_version(document: Document, language: str) -> LanguageVersion | None:
    return (
        LanguageVersion.objects.select_for_update()
        .current()
        .filter(document=document, language=language)
        .first()
    )


@transaction.atomic
def language_version_upload(
    *, by: User, document: Document, language: str, uploaded, content_type: str, safe_name: str
) -> LanguageVersion:
    """Store the file of one language. A file it replaces is kept as an earlier version
    (downloadable from the language's history); a failed save leaves no file behind."""
    access.require(by, access.Action.CHANGE, document)
    Document.objects.select_for_update().filter(pk=document.pk).first()  # one upload at a time
    previous = _current_version(document, language)
    last = LanguageVersion.objects.filter(document=document, language=language).aggregate(
        last=Max("number")
    )["last"]
    version = LanguageVersion(
        document=document,
        language=language,
        number=(last or 0) + 1,
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
            previous.replaced_at = timezone.now()
            previous._history_user = by
            previous._change_reason = f"Replaced by version {version.number}"
            previous.save(update_fields=["replaced_at"])
        version.full_clean(exclude=["file"])
        version._history_user = by
        version._change_reason = "Uploaded"
        version.save()
    except Exception:
        default_storage.delete(stored)
        raise
    return version


@transaction.atomic
def language_version_withdraw(
    *, by: User, document: Document, language: str, reason: str
) -> LanguageVersion:
    """Withdraw the current file of a language, with the reason: the file is kept in the
    language's history and the language shows as missing."""
    access.require(by, access.Action.CHANGE, document)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the file is withdrawn.")})
    version = _current_version(document, language)
    if version is None:
        raise ValidationError(_("This language has no file to withdraw."))
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = by
    version.withdrawal_reason = reason
    version.full_clean(exclude=["file"])
    version._history_user = by
    version._change_reason = "Withdrawn"
    version.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return version
