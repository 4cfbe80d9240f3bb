"""How the search finds a meeting: each word typed, in any order, in its title or venue in
any of the six languages, or naming its body ("DIEF", "Diversion"), its cycle ("CSP11",
"CEP11") or its year ("2026"); or the whole text naming its body. A word joined by
punctuation — "CSP11.WGETI", a part of a document's symbol — is also found as its parts,
each somewhere in the meeting. Meetings are few: no index is needed."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext

from att_portal.l10n.content import in_any_language
from att_portal.search_text import every_word

from .enums import Body
from .models import Meeting

_PARTS = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"\d{1,4}")


def meetings_matching(meetings: QuerySet[Meeting], text: str) -> QuerySet[Meeting]:
    found = every_word(text, _word_q)
    bodies = _bodies_named(" ".join(text.split()))  # "Working Group on Effective …"
    if bodies:
        found |= Q(body__in=bodies)
    return meetings.filter(found)


def _word_q(word: str) -> Q:
    found = _whole_word_q(word)
    parts = [part for part in _PARTS.split(word) if part]
    if len(parts) > 1:
        every_part = Q()
        for part in parts:
            every_part &= _whole_word_q(part)
        found |= every_part
    return found


def _whole_word_q(word: str) -> Q:
    found = in_any_language(("title", "venue"), word)
    bodies = _bodies_named(word)
    if bodies:
        found |= Q(body__in=bodies)
    cycle = _cycle_named(word)
    if cycle is not None:
        found |= Q(cycle__number=cycle)
    if re.fullmatch(r"\d{4}", word):
        found |= Q(starts_on__year=int(word)) | Q(ends_on__year=int(word))
    return found


def _bodies_named(word: str) -> list[str]:
    """The bodies whose code is `word`, or whose name contains it, in the reader's
    language or in English."""
    word = word.casefold()
    names = {}
    for language in {translation.get_language() or "en", "en"}:
        with translation.override(language):
            for code, label in Body.choices:
                names.setdefault(code, []).append(str(label).casefold())
    return [
        code
        for code, labels in names.items()
        if word == code.casefold() or (len(word) >= 3 and any(word in label for label in labels))
    ]


def _cycle_named(word: str) -> int | None:
    """The number of the cycle `word` names — "CSP11", or as the reader's language writes
    it ("CEP11", "КГУ11") —, else None."""
    number = _NUMBER.search(word)
    if number is None:
        return None
    value = int(number.group())
    for language in {translation.get_language() or "en", "en"}:
        with translation.override(language):
            # Translators: the short name of the cycle of a Conference of States Parties.
            name = gettext("CSP%(number)s") % {"number": value}
        if word.casefold() == name.casefold():
            return value
    return None
