"""The voluntary guides in the portal's search: a guide by its title, a chapter or annex by
its title, a paragraph (box, footnote) by its text — as the reader reads them, in their
language, or in English where the text is not translated yet —, in the edition the
guide's page opens (the latest published one); and the proposed revisions by their title
and rationale. Each word typed must be found, in any order."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from att_portal import access, registry
from att_portal.l10n.content import DEFAULT_LANGUAGE, field_name, normal_language
from att_portal.search_text import any_field, every_word

from . import selectors
from .enums import EditionState
from .models import Guide, GuideBlock, GuideEdition, GuideSection


def as_read_q(field: str, word: str, language: str) -> Q:
    """`word` is in `field` as a reader of `language` sees it: in that language's text,
    or in the English one where that language's is empty (the page shows English)."""
    own = field_name(field, language)
    found = Q(**{f"{own}__icontains": word})
    if language != DEFAULT_LANGUAGE:
        untranslated = Q(**{f"{own}__isnull": True}) | Q(**{own: ""})
        found |= untranslated & Q(**{f"{field_name(field, DEFAULT_LANGUAGE)}__icontains": word})
    return found


def _read_words(field: str, text: str) -> Q:
    language = normal_language(None)
    return every_word(text, lambda word: as_read_q(field, word, language))


def _in_current_editions(user, prefix: str) -> Q:
    """The rows of the latest published edition of a guide the reader may see (`prefix`
    leads from the row to its edition)."""
    newer = GuideEdition.objects.filter(
        guide=OuterRef(f"{prefix}guide"),
        state=EditionState.PUBLISHED,
        number__gt=OuterRef(f"{prefix}number"),
    )
    return (
        Q(**{f"{prefix}state": EditionState.PUBLISHED})
        & ~Exists(newer)
        & Q(**{f"{prefix}guide__in": selectors.guides_visible_to(user).values("pk")})
    )


def guides_matching(request, text: str) -> QuerySet[Guide]:
    return selectors.guides_visible_to(request.user).filter(_read_words("title", text))


def sections_matching(request, text: str) -> QuerySet[GuideSection]:
    return (
        access.visible(request.user, GuideSection)
        .filter(_in_current_editions(request.user, "edition__"), _read_words("title", text))
        .select_related("edition__guide")
        .order_by("edition__guide__title_en", "position", "pk")
    )


def blocks_matching(request, text: str) -> QuerySet[GuideBlock]:
    return (
        access.visible(request.user, GuideBlock)
        .filter(_in_current_editions(request.user, "section__edition__"), _read_words("text", text))
        .select_related("section__edition__guide")
        .order_by("section__edition__guide__title_en", "section__position", "position", "pk")
    )


def revisions_matching(request, text: str):
    return (
        selectors.revisions_visible_to(request.user)
        .filter(every_word(text, lambda word: any_field(("title", "rationale"), word)))
        .order_by("-proposed_at", "-pk")
    )


def register() -> None:
    for provider in (
        registry.SearchProvider(
            key="guides",
            position=70,
            label=_("Voluntary guides"),
            row_template="search/_guide.html",
            results=guides_matching,
        ),
        registry.SearchProvider(
            key="guide-sections",
            position=72,
            label=_("Chapters and annexes of the guides"),
            row_template="search/_guide_section.html",
            results=sections_matching,
        ),
        registry.SearchProvider(
            key="guide-paragraphs",
            position=74,
            label=_("Paragraphs of the guides"),
            row_template="search/_guide_block.html",
            results=blocks_matching,
        ),
        registry.SearchProvider(
            key="guide-revisions",
            position=76,
            label=_("Proposed revisions of the guides"),
            row_template="search/_guide_revision.html",
            results=revisions_matching,
        ),
    ):
        registry.add_search_provider(provider)
