"""How the search sections of the portal read what a person typed, and show where a long
text matched. The register has its own search on its indexes (`documents/search.py`);
the other sections search small tables (meetings, guides, proposals) the same way: each
word typed must be found, in any order, in one of the texts of a row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A longer text is not a search anyone types; its further words are not looked for.
MAX_WORDS = 8
# The characters of a long text shown around its first match.
EXCERPT_LENGTH = 220


def search_words(text: str) -> list[str]:
    """The words of `text` that are looked for: those with a letter or digit in them."""
    words = [word for word in text.split() if any(c.isalnum() for c in word)]
    return words[:MAX_WORDS]


def every_word(text: str, word_q: Callable[[str], Q]) -> Q:
    """A filter: each word of `text` matches `word_q(word)`. Nothing matches a text without
    a word (punctuation only)."""
    words = search_words(text)
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        condition &= word_q(word)
    return condition


def any_field(fields: Iterable[str], word: str) -> Q:
    """A filter: `word` is in one of `fields`, whatever the case."""
    condition = Q(pk__in=[])
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """The part of `text` around the first word of `query` found in it, cut at spaces,
    with "…" where it is cut and each word found marked (`<mark>`); the start of the text
    when no word is found. Escaped: safe to show."""
    text = " ".join((text or "").split())
    words = sorted(set(search_words(query)), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    found = pattern.search(text) if pattern else None
    start = 0
    if found and found.start() > length // 3:
        start = text.rfind(" ", 0, found.start() - length // 3) + 1
    end = len(text)
    if end - start > length:
        end = text.rfind(" ", start, start + length)
        end = end if end > start else start + length
    shown = text[start:end]
    parts, last = [], 0
    for match in pattern.finditer(shown) if pattern else ():
        parts.append(escape(shown[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(shown[last:]))
    shown_html = ("…" if start else "") + "".join(parts) + ("…" if end < len(text) else "")
    return mark_safe(shown_html)  # noqa: S308 - every piece of the text is escaped above
