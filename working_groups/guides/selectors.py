"""Reads of the voluntary guides. Texts are read per language with an explicit flag for
blocks that have no translation yet (they show the English text): the portal's one
mechanism for texts written per language, `att_portal.l10n.content.localized`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils.html import format_html

from att_portal import access
from att_portal.l10n.content import localized

from .enums import BlockKind, EditionState, SectionKind
from .models import (
    FactSheet,
    Guide,
    GuideBlock,
    GuideEdition,
    GuideSection,
    ProposedRevision,
    RevisionChange,
)


def _marked_english(text: str, translated: bool):
    """The text, or — when it is the English fallback — the text in an element saying so,
    for a heading built around it."""
    return text if translated else format_html('<span lang="en" dir="ltr">{}</span>', text)


def guides_visible_to(user) -> QuerySet[Guide]:
    return access.visible(user, Guide)


def revisions_visible_to(user, guide: Guide | None = None) -> QuerySet[ProposedRevision]:
    queryset = access.visible(user, ProposedRevision).select_related(
        "guide",
        "base_edition",
        "proposer_state",
        "proposer_organisation",
        "endorsed_at_cycle",
        "incorporated_into",
    )
    if guide is not None:
        queryset = queryset.filter(guide=guide)
    return queryset.annotate(change_count=Count("changes", distinct=True))


def current_edition(guide: Guide) -> GuideEdition | None:
    """The latest published edition."""
    return guide.editions.filter(state=EditionState.PUBLISHED).order_by("-number").first()


def published_editions(guide: Guide) -> list[GuideEdition]:
    return list(guide.editions.filter(state=EditionState.PUBLISHED).order_by("number"))


def paragraph_in(edition: GuideEdition, number: str) -> GuideBlock | None:
    """The chapter paragraph numbered `number` ("104", "104 bis") in `edition`."""
    return (
        GuideBlock.objects.filter(
            section__edition=edition,
            section__kind=SectionKind.CHAPTER,
            kind=BlockKind.PARAGRAPH,
            number=" ".join(number.split()),
        )
        .select_related("section")
        .first()
    )


def block_with_key(edition: GuideEdition, key: str) -> GuideBlock | None:
    return GuideBlock.objects.filter(section__edition=edition, key=key).first()


def blocks_with_keys(edition: GuideEdition, keys) -> dict[str, GuideBlock]:
    """The blocks of `edition` that carry `keys`, in one query."""
    return {
        block.key: block
        for block in GuideBlock.objects.filter(section__edition=edition, key__in=list(keys))
    }


@dataclass
class ShownBlock:
    block: GuideBlock
    text: str
    translated: bool
    # In a fact sheet: the text cut at the calls of its footnotes, each run of text followed
    # by the footnote called there (None after the last run); see `_with_footnotes`.
    parts: list[tuple[str, ShownBlock | None]] = field(default_factory=list)


@dataclass
class ShownSection:
    section: GuideSection
    title: str
    translated: bool
    blocks: list[ShownBlock] = field(default_factory=list)

    @property
    def title_html(self):
        return _marked_english(self.title, self.translated)


def edition_outline(edition: GuideEdition, language: str) -> list[ShownSection]:
    """Sections and blocks of `edition` in `language` (two queries)."""
    sections = edition.sections.order_by("position").prefetch_related(
        Prefetch("blocks", queryset=GuideBlock.objects.order_by("position"))
    )
    outline = []
    for section in sections:
        shown = ShownSection(section, *localized(section, "title", language))
        shown.blocks = [
            ShownBlock(b, *localized(b, "text", language)) for b in section.blocks.all()
        ]
        outline.append(shown)
    return outline


def revision_changes(revision: ProposedRevision) -> list[RevisionChange]:
    return list(
        revision.changes.select_related("target__section__edition").order_by("position", "pk")
    )


# --- fact sheets -------------------------------------------------------------------------

_PART = re.compile(
    r"^\s*(?P<section>\w+)\s*:\s*(?:(?P<box>box(?:es)?)\s+)?(?P<first>\d+)(?:\s*-\s*(?P<last>\d+))?\s*$",
    re.IGNORECASE,
)


def parse_selection(selection: str) -> list[tuple[str, str, int, int]]:
    """ "3: 104-108" → ("3", "paragraph", 104, 108); "3: box 3" → ("3", "box", 3, 3)."""
    parts = []
    for line in selection.splitlines():
        if not line.strip():
            continue
        match = _PART.match(line)
        if match is None:
            raise ValueError(line)
        first = int(match["first"])
        last = int(match["last"] or first)
        kind = BlockKind.BOX if match["box"] else BlockKind.PARAGRAPH
        parts.append((match["section"], kind, first, last))
    return parts


def _leading_number(number: str) -> int | None:
    head = number.split(" ", 1)[0]
    return int(head) if head.isdigit() else None


# A footnote is called in a block's text by its number in superscript digits ("process.²",
# "¹²" for footnote 12), in every language.
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_CALL = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


Footnotes = dict[str, ShownBlock]


def _with_footnotes(item: ShownBlock, own: Footnotes, anywhere: Footnotes, placed: set) -> None:
    """Cut `item`'s text at each call of a footnote the sheet has not printed yet, so that
    the footnote is printed where it is called (its later calls stay plain markers): the
    footnote of that number in the block's own chapter or annex (`own`), else in another
    (`anywhere`)."""
    parts: list[tuple[str, ShownBlock | None]] = []
    start = 0
    for call in _FOOTNOTE_CALL.finditer(item.text):
        number = call.group().translate(_FROM_SUPERSCRIPT)
        note = own.get(number) or anywhere.get(number)
        if note is None or note.block.pk in placed:
            continue
        placed.add(note.block.pk)
        parts.append((item.text[start : call.start()], note))
        start = call.end()
    parts.append((item.text[start:], None))
    item.parts = parts


def fact_sheet_outline(fact_sheet: FactSheet, edition: GuideEdition, language: str):
    """The parts of the fact sheet found in `edition`, in the guide's order, each block
    with the footnotes its text calls (`ShownBlock.parts`): a footnote is not one of the
    parts a selection names, but a marker without its note would leave the reader short.
    A call finds the footnote of its number in its own chapter or annex, else elsewhere
    in the edition."""
    wanted = parse_selection(fact_sheet.selection)
    full = edition_outline(edition, language)
    notes_by_section: dict[int, Footnotes] = {
        shown.section.pk: {
            item.block.number: item
            for item in shown.blocks
            if item.block.kind == BlockKind.FOOTNOTE
        }
        for shown in full
    }
    anywhere: Footnotes = {}
    for shown in reversed(full):  # the first section's footnote wins a number
        anywhere.update(notes_by_section[shown.section.pk])
    placed: set[int] = set()
    outline = []
    for shown in full:
        blocks = []
        for item in shown.blocks:
            value = _leading_number(item.block.number)
            if value is None:
                continue
            for section_label, kind, first, last in wanted:
                if (
                    section_label == shown.section.label
                    and kind == item.block.kind
                    and first <= value <= last
                ):
                    blocks.append(item)
                    break
        if blocks:
            for item in blocks:
                _with_footnotes(item, notes_by_section[shown.section.pk], anywhere, placed)
            shown.blocks = blocks
            outline.append(shown)
    return outline


def fact_sheets_of(user, guide: Guide) -> QuerySet[FactSheet]:
    """The published fact sheets, and the drafts for the officers (seed 004 ¶23)."""
    return access.visible(user, guide.fact_sheets.all())
