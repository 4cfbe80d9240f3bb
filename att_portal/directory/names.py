"""People's names: what the directory accepts, and how it shows a name it holds.

A name carries letters of any script (Unicode categories L*), the combining marks that
go with them (M*), spaces, hyphens, apostrophes (' and ’) and full stops after initials
("John F. Kennedy", "Dr. Ana Ruiz": delegation lists and expert proposals write them).
Nothing invisible: a name made of zero-width or direction characters would blank the
watermark of a confidential download and the provider's access log.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_NAME_LENGTH = 150  # per part (first name, last name), as Django's own user model
APOSTROPHES = frozenset("'\u2019")  # ASCII and typographic (O'Brien, O’Brien)
PUNCTUATION = frozenset({" ", "-", ".", *APOSTROPHES})
# Vietnamese, Hebrew with points, Thai, Tibetan stacks need up to four marks on one
# letter; more is "Zalgo" text that spills over the lines around it.
MAX_MARKS_PER_LETTER = 4

# Control, format (zero-width space and joiners, direction marks and embeddings, soft
# hyphen, BOM), line and paragraph separators, surrogates, private use, unassigned.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Letters and marks that Unicode lists as Default_Ignorable_Code_Point: they draw
# nothing, so "ㅤ" (the Hangul filler) alone looks like an empty name.
INVISIBLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xE0100, 0xE01EF),  # variation selectors supplement
)


def is_invisible(char: str) -> bool:
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return True
    code = ord(char)
    # Most names are made of characters below the first range: no need to look further.
    return code >= INVISIBLE_RANGES[0][0] and any(
        low <= code <= high for low, high in INVISIBLE_RANGES
    )


def _is_space(char: str) -> bool:
    # Any space separator (no-break, ideographic, thin …) counts as one plain space.
    return unicodedata.category(char) == "Zs"


def normalise_person_name(value: str) -> str:
    """NFC, every kind of space made a plain space, runs of spaces collapsed, stripped."""
    spaced = "".join(" " if _is_space(c) else c for c in unicodedata.normalize("NFC", value))
    return " ".join(part for part in spaced.split(" ") if part)


def _describe(char: str) -> str:
    """U+200B (ZERO WIDTH SPACE): how to name a character that cannot be seen."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} ({name})" if name else code


def _unique(chars) -> list[str]:
    return list(dict.fromkeys(chars))


def validate_person_name(value: str) -> None:
    """The validator of every field that holds a person's name (or a part of it)."""
    text = normalise_person_name(value)
    invisible = _unique(c for c in text if is_invisible(c))
    if invisible:
        raise ValidationError(
            _(
                "A name cannot contain invisible or control characters (such as a zero-width "
                "space or a direction mark): remove %(characters)s."
            ),
            code="invisible_character",
            params={"characters": ", ".join(_describe(c) for c in invisible)},
        )
    other = _unique(
        c for c in text if c not in PUNCTUATION and unicodedata.category(c)[0] not in "LM"
    )
    if other:
        raise ValidationError(
            _(
                "A name can contain letters, spaces, hyphens, apostrophes and full stops after "
                "initials only: remove %(characters)s."
            ),
            code="character_not_allowed",
            params={"characters": ", ".join(f"“{c}”" for c in other)},
        )
    marks = 0
    previous = ""
    for char in text:
        category = unicodedata.category(char)[0]
        if category == "M":
            marks += 1
            if previous not in ("L", "M"):
                raise ValidationError(
                    _("An accent or other combining mark must follow a letter."),
                    code="detached_mark",
                )
            if marks > MAX_MARKS_PER_LETTER:
                raise ValidationError(
                    _("A letter can carry at most %(limit)d accents or other marks."),
                    code="too_many_marks",
                    params={"limit": MAX_MARKS_PER_LETTER},
                )
        else:
            marks = 0
        if char == "." and previous not in ("L", "M"):
            raise ValidationError(
                _("A full stop can only follow a letter, as after an initial (“J. Smith”)."),
                code="detached_full_stop",
            )
        previous = category
    if not any(unicodedata.category(c)[0] == "L" for c in text):
        raise ValidationError(_("A name must contain at least one letter."), code="no_letter")


def visible_text(value: str) -> str:
    """`value` without its invisible characters, its spaces collapsed: for showing what
    an older record holds, from before names were checked."""
    return normalise_person_name("".join(c for c in value if not is_invisible(c)))


def readable_name(value: str) -> str:
    """The name as the portal shows it; empty if nothing readable is left, so that the
    caller falls back to the username."""
    text = visible_text(value)
    return text if any(unicodedata.category(c)[0] == "L" for c in text) else ""
