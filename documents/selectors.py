from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.l10n.bidi import strip_controls
from att_portal.l10n.content import LANGUAGE_CODES, field_name

from .models import Document

# A title is written per UN language (title_en, title_fr, …): search finds it in any.
TITLE_COLUMNS = tuple(field_name("title", language) for language in LANGUAGE_CODES)


def documents_visible_to(user) -> QuerySet[Document]:
    return access.visible(
        user, Document.objects.select_related("cycle").prefetch_related("versions")
    )


def documents_matching(queryset: QuerySet[Document], text: str) -> QuerySet[Document]:
    """Documents whose symbol or title, in any of the six languages, matches `text`: full
    text on PostgreSQL (with a substring match for the symbol and for languages written
    without spaces), a plain substring search on SQLite. A symbol pasted from an Arabic
    page or e-mail comes without its invisible direction marks."""
    text = strip_controls(text).strip()
    if not text:
        return queryset
    substring = Q(symbol__icontains=text)
    for column in TITLE_COLUMNS:
        substring |= Q(**{f"{column}__icontains": text})
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("symbol", weight="A")
        for column in TITLE_COLUMNS:
            vector += SearchVector(column, weight="B")
        query = SearchQuery(text, search_type="websearch")
        return (
            queryset.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | substring)
            .order_by("-rank", "-issued_on")
        )
    return queryset.filter(substring)
