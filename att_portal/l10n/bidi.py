"""Left-to-right runs inside right-to-left text, isolated so that they read in order.

In an Arabic page the Unicode bidirectional algorithm turns "Article 7(4)" into "(4)7",
"1. Opening of the meeting" into "Opening of the meeting .1" and splits a document symbol
at its slashes. Every run of Latin text, numbers and the punctuation between them is
therefore isolated as one left-to-right unit:

- in HTML (pages, PDFs, HTML e-mails) by a `<bdi dir="ltr">` element around the run,
  in text nodes only (never in attributes, scripts, styles or form values);
- in plain text (text e-mails, `<option>` and `<title>`, which hold no elements) by the
  Unicode isolates LRI … PDI.

Arabic punctuation, Arabic words and lone spaces stay in the right-to-left flow.
"""

from __future__ import annotations

import re

from django.utils import translation

LRI, PDI = "\u2066", "\u2069"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# A run starts with a Latin letter or a digit (or an opening bracket before one) and goes on
# through Latin letters, digits, spaces and the punctuation found in references, symbols and
# list numbers ("Article 7(4)", "ATT/CSP12.WGETI/2026/CHAIR/810/Agenda", "1.", "16-18");
# it ends on a letter, a digit or a closing bracket.
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_PUNCTUATION = r" ./()\[\]\-–—:,;'’+#%_@\"“”«»?!*"


def _run_pattern(entities: bool) -> re.Pattern:
    # In HTML an entity (&amp; &#x27;) is one character and never ends up cut.
    char = (
        rf"(?:&#?[a-zA-Z0-9]+;|[{_LATIN}0-9{_PUNCTUATION}])"
        if entities
        else (rf"[{_LATIN}0-9{_PUNCTUATION}&]")
    )
    last = rf"(?:&#?[a-zA-Z0-9]+;|[{_LATIN}0-9)\]])" if entities else rf"[{_LATIN}0-9)\]]"
    opening = r"(?:[(\[]|&#?[a-zA-Z0-9]+;)?" if entities else r"[(\[]?"
    return re.compile(rf"{opening}[{_LATIN}0-9](?:{char}*{last})?(?:\.(?![{_LATIN}0-9]))?")


RUN_IN_TEXT = _run_pattern(entities=False)
RUN_IN_HTML = _run_pattern(entities=True)
_HAS_LATIN = re.compile(rf"[{_LATIN}]")
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Text nodes of an HTML document, and the elements whose text is not to be touched.
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)", re.S)
_RAW_ELEMENTS = ("script", "style", "textarea", "pre", "code", "svg")
_TEXT_ONLY_ELEMENTS = ("option", "title")


def is_rtl(language: str | None = None) -> bool:
    return translation.get_language_info(language or translation.get_language() or "en")["bidi"]


def _balanced(run: str) -> str:
    """Drop a closing bracket that closes nothing inside the run (it belongs to the
    right-to-left text around it), and an opening one that stays open."""

    def depth(text: str) -> int:
        return text.count("(") + text.count("[") - text.count(")") - text.count("]")

    while run and run[-1] in ")]" and depth(run) < 0:
        run = run[:-1].rstrip()
    while run and run[0] in "([" and depth(run) > 0:
        run = run[1:].lstrip()
    return run


def _runs(text: str, pattern: re.Pattern):
    """(start, end) of each left-to-right run worth isolating in `text`."""
    for match in pattern.finditer(text):
        run = match.group(0)
        start, end = match.start(), match.end()
        # A full stop ends the run only in Latin text or after a list number that opens
        # the text: after an Arabic sentence's last number it belongs to the sentence.
        if run.endswith(".") and not _HAS_LATIN.search(run) and text[:start].strip():
            run, end = run[:-1], end - 1
        trimmed = _balanced(run)
        if not trimmed:
            continue
        offset = run.find(trimmed)
        yield start + offset, start + offset + len(trimmed)


def _wrap(text: str, before: str, after: str, pattern: re.Pattern) -> str:
    if not text.strip():
        return text
    out, last = [], 0
    for start, end in _runs(text, pattern):
        out.append(text[last:start])
        out.append(f"{before}{text[start:end]}{after}")
        last = end
    out.append(text[last:])
    return "".join(out)


_URL = re.compile(r"\S+://\S+")


def isolate_text(text: str) -> str:
    """Plain text with each left-to-right run between LRI and PDI. Addresses (URLs) are
    left as they are, so that mail programs still recognise them as links; they stand on
    lines of their own."""
    out, last = [], 0
    for url in _URL.finditer(text):
        out.append(_wrap(text[last : url.start()], LRI, PDI, RUN_IN_TEXT))
        out.append(url.group(0))
        last = url.end()
    out.append(_wrap(text[last:], LRI, PDI, RUN_IN_TEXT))
    return "".join(out)


def isolate_html(html: str) -> str:
    """An HTML document or fragment with each left-to-right run of its text nodes in a
    `<bdi dir="ltr">`. Text-only elements get the Unicode isolates instead; scripts,
    styles, form values and preformatted text are left alone."""
    out = []
    raw_until = None
    text_only = False
    for match in _TAG_OR_TEXT.finditer(html):
        tag, text = match.group(1), match.group(2)
        if tag is not None:
            out.append(tag)
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag)
            if not name:
                continue
            element = name.group(1).lower()
            closing = tag.startswith("</")
            if raw_until:
                if closing and element == raw_until:
                    raw_until = None
            elif not closing and element in _RAW_ELEMENTS and not tag.endswith("/>"):
                raw_until = element
            elif element in _TEXT_ONLY_ELEMENTS:
                text_only = not closing
            continue
        if raw_until:
            out.append(text)
        elif text_only:
            out.append(_wrap(text, LRI, PDI, RUN_IN_HTML))
        else:
            out.append(_wrap(text, '<bdi dir="ltr">', "</bdi>", RUN_IN_HTML))
    return "".join(out)


def strip_controls(text: str) -> str:
    """Input pasted from an isolated text (a symbol copied from an Arabic page or e-mail)
    without the invisible direction marks."""
    return text.translate({ord(c): None for c in BIDI_CONTROLS})


def has_rtl(text: str) -> bool:
    return bool(_STRONG_RTL.search(text or ""))
