from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from att_portal import access
from att_portal.l10n.bidi import strip_controls
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle

from . import search
from .enums import AuthorOffice, DocumentType, UnLanguage
from .models import Document, LanguageVersion
from .symbols import DocumentSymbol


def documents_visible_to(user) -> QuerySet[Document]:
    """The documents `user` may see, each with its current files (`current_versions`)."""
    return access.visible(
        user,
        Document.objects.select_related("cycle").prefetch_related(
            Prefetch(
                "versions",
                queryset=LanguageVersion.objects.current(),
                to_attr="current_versions",
            )
        ),
    )


@dataclass
class LanguageFiles:
    """One UN language of a document: its current file (None: missing) and the earlier
    files the reader may see, newest first."""

    code: str
    label: str
    current: LanguageVersion | None = None
    earlier: list[LanguageVersion] = field(default_factory=list)
    withdrawn: LanguageVersion | None = None  # the latest file, if it was withdrawn


def language_files(user, document: Document) -> list[LanguageFiles]:
    """Every UN language of `document` with its files, in one query."""
    languages = {code: LanguageFiles(code, label) for code, label in UnLanguage.choices}
    versions = access.visible(
        user,
        LanguageVersion.objects.filter(document=document)
        .select_related("uploaded_by", "withdrawn_by")
        .order_by("language", "-number"),
    )
    for version in versions:
        entry = languages.get(version.language)
        if entry is None:
            continue
        if version.is_current:
            entry.current = version
            continue
        if version.withdrawn_at and entry.current is None and not entry.earlier:
            entry.withdrawn = version
        entry.earlier.append(version)
    return list(languages.values())


def related_visible_to(user, *ids: int | None) -> list[Document | None]:
    """The documents of `ids` that `user` may see (None for the others), in one query."""
    wanted = [pk for pk in ids if pk]
    found = {d.pk: d for d in access.visible(user, Document.objects.filter(pk__in=wanted))}
    return [found.get(pk) if pk else None for pk in ids]


def revisions_visible_to(user, original_id: int) -> list[Document]:
    """The revisions of the document `original_id` that `user` may see, the latest last."""
    return list(
        access.visible(
            user, Document.objects.filter(revises_id=original_id).order_by("revision", "pk")
        )
    )


def annexes_visible_to(user, document: Document) -> QuerySet[Document]:
    """A document's annexes and appendices that `user` may see, in their order."""
    return access.visible(user, document.annexes.order_by("position", "pk"))


def documents_matching(queryset: QuerySet[Document], text: str) -> QuerySet[Document]:
    """Documents whose symbol or title, in any of the six languages, matches `text`
    (`documents/search.py` says how and in which order). A symbol pasted from an
    Arabic page or e-mail comes without its invisible direction marks."""
    return search.documents_matching(queryset, strip_controls(text).strip())


@dataclass(frozen=True)
class SymbolPreview:
    """What the register reads in a symbol, shown before it registers the document."""

    symbol: DocumentSymbol
    cycle: CspCycle | None  # None: a historical cycle the register will add
    body: str
    authors: list[str]
    doc_type: str
    original: Document | None  # the document this revision revises, when registered


def symbol_preview(symbol: DocumentSymbol) -> SymbolPreview:
    """The parts of `symbol` in words; refused (ValidationError) as the register would
    refuse it: an unknown body or State, or a number held by another document."""
    from .services import symbol_authors, symbol_body, symbol_conflicts, symbol_cycle

    body = symbol_body(symbol)
    office, states = symbol_authors(symbol)
    original, _early = symbol_conflicts(symbol)
    return SymbolPreview(
        symbol=symbol,
        cycle=symbol_cycle(symbol, create=False),
        body=Body(body).label if body else "",
        authors=[AuthorOffice(office).label] if office else [str(state) for state in states],
        doc_type=DocumentType.label_of(symbol.doc_type),
        original=original,
    )


def next_revision_symbol(original: Document) -> str:
    """The symbol the next revision of `original` will carry."""
    latest = max(
        [original.revision or 0, *original.revisions.values_list("revision", flat=True)],
        key=lambda n: n or 0,
    )
    return str(original.parsed_symbol.revised((latest or 0) + 1))
