"""A word-level diff of two texts, as HTML with <del> and <ins>."""

from __future__ import annotations

import difflib
import re

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from att_portal.l10n.content import HTML_LANG

# Words and the spaces between them; CJK text has no spaces, so each ideograph is a word.
_TOKEN = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _hidden(text: str) -> str:
    """Words for screen readers only, in the reader's language (the diff's text is English)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    lang = HTML_LANG.get(language, language)
    return f'<span class="visually-hidden" lang="{escape(lang)}">{escape(text)}</span>'


def word_diff(old: str, new: str, *, announced: bool = False) -> SafeString:
    """`old` → `new` with deleted words in <del> and inserted words in <ins>.

    `announced`: each <del> and <ins> also says where it begins and ends in words only
    screen readers read (in the reader's language), since most of them do not announce
    the elements themselves; a page shows its colours and a legend for sighted readers."""
    before, after = tokens(old), tokens(new)
    if announced:
        # Words the screen reader says around each change, e.g. "deleted: 108 end of deletion".
        del_start = _hidden(pgettext("word diff, read by screen readers", "deleted:") + " ")
        del_end = _hidden(" " + pgettext("word diff, read by screen readers", "end of deletion"))
        ins_start = _hidden(pgettext("word diff, read by screen readers", "inserted:") + " ")
        ins_end = _hidden(" " + pgettext("word diff, read by screen readers", "end of insertion"))
    else:
        del_start = del_end = ins_start = ins_end = ""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{del_start}{escape(''.join(before[i1:i2]))}{del_end}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{ins_start}{escape(''.join(after[j1:j2]))}{ins_end}</ins>")
    return mark_safe("".join(parts))  # noqa: S308  (every piece is escaped above)
