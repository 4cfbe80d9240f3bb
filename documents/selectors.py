from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from att_portal import access

from .models import Document


def documents_visible_to(user) -> QuerySet[Document]:
    return access.visible(
        user, Document.objects.select_related("cycle").prefetch_related("versions")
    )


def documents_matching(queryset: QuerySet[Document], text: str) -> QuerySet[Document]:
    """Full-text search on PostgreSQL; a plain substring search on SQLite."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("symbol", weight="A") + SearchVector("title", weight="B")
        query = SearchQuery(text, search_type="websearch")
        return (
            queryset.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | Q(symbol__icontains=text))
            .order_by("-rank", "-issued_on")
        )
    return queryset.filter(Q(title__icontains=text) | Q(symbol__icontains=text))
