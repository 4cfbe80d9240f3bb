"""Writes of the voluntary guides: proposing a revision of specific paragraphs, comments
until the due date, the officers moving a revision proposed → discussed → endorsed by the
CSP, and the Secretariat incorporating endorsed revisions into a new edition.

Optimistic locking: every write to a proposed revision names the `version` the writer
saw; a stale version is refused instead of silently overwriting someone else's work."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from att_portal.directory.enums import Affiliation
from att_portal.directory.permissions import is_secretariat
from att_portal.l10n.content import LANGUAGE_CODES, field_name
from att_portal.l10n.dates import un_date
from att_portal.meetings.models import CspCycle
from working_groups.permissions import is_wgeti_officer

from .enums import (
    BlockKind,
    ChangeAction,
    EditionState,
    ProposerKind,
    RevisionState,
    SectionKind,
)
from .models import (
    Guide,
    GuideBlock,
    GuideEdition,
    GuideSection,
    ProposedRevision,
    RevisionChange,
    RevisionComment,
)
from .selectors import block_with_key, current_edition, paragraph_in

STALE = gettext_noop(
    "Someone else changed this proposed revision since you opened it; reload to see their changes."
)
EDITABLE = (RevisionState.PROPOSED,)
OPEN_FOR_COMMENTS = (RevisionState.PROPOSED, RevisionState.DISCUSSED)


def _stamp(obj, by, reason: str) -> None:
    obj._history_user = by
    obj._change_reason = reason[:100]  # the history keeps 100 characters


def _lock(revision: ProposedRevision, version: int) -> None:
    """Claim the next version of `revision`, or refuse if someone got there first."""
    claimed = ProposedRevision.objects.filter(pk=revision.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ValidationError(_(STALE), code="stale")
    revision.version = version + 1


def _require_current(guide: Guide) -> GuideEdition:
    edition = current_edition(guide)
    if edition is None:
        raise ValidationError(_("This guide has no published edition yet."))
    return edition


# --- proposing and editing ---------------------------------------------------------------


@transaction.atomic
def revision_propose(
    *,
    by,
    guide: Guide,
    title: str,
    rationale: str,
    comments_due_on: datetime.date,
    as_officer: bool = False,
) -> ProposedRevision:
    """A new proposed revision against the current edition; it is proposed by the
    delegation's State, the organisation, or — for an officer who says so — the Chair
    (the Secretariat's staff always propose as the Secretariat)."""
    revision = ProposedRevision(
        guide=guide,
        base_edition=_require_current(guide),
        title=title,
        rationale=rationale,
        comments_due_on=comments_due_on,
        proposed_by=by,
    )
    if is_secretariat(by):
        revision.proposer_kind = ProposerKind.SECRETARIAT
    elif as_officer and is_wgeti_officer(by):
        revision.proposer_kind = ProposerKind.CHAIR
    elif by.affiliation == Affiliation.DELEGATION and by.state_id:
        revision.proposer_kind = ProposerKind.STATE
        revision.proposer_state_id = by.state_id
    elif by.affiliation == Affiliation.ORGANISATION and by.organisation_id:
        revision.proposer_kind = ProposerKind.ORGANISATION
        revision.proposer_organisation_id = by.organisation_id
    else:
        raise ValidationError(_("Only participants in the WGETI may propose revisions."))
    if comments_due_on < timezone.localdate():
        raise ValidationError({"comments_due_on": _("The due date for comments has passed.")})
    revision.full_clean()
    _stamp(revision, by, "Proposed")
    revision.save()
    return revision


def _require_editable(revision: ProposedRevision) -> None:
    if revision.state not in EDITABLE:
        raise ValidationError(
            _("This revision is “%(state)s”: it can no longer be edited.")
            % {"state": revision.get_state_display()}
        )


@transaction.atomic
def revision_update(
    *, by, revision: ProposedRevision, version: int, title: str, rationale: str
) -> ProposedRevision:
    _require_editable(revision)
    _lock(revision, version)
    revision.title = title
    revision.rationale = rationale
    revision.full_clean()
    _stamp(revision, by, "Edited")
    revision.save()
    return revision


def _missing_paragraph(number: str, edition: GuideEdition) -> ValidationError:
    return ValidationError(
        _(
            "Paragraph %(number)s no longer exists in edition %(edition)s; propose the change "
            "against the current text of the guide."
        )
        % {"number": number, "edition": edition.number},
        code="no_such_paragraph",
    )


@transaction.atomic
def revision_change_add(
    *,
    by,
    revision: ProposedRevision,
    version: int,
    action: str,
    paragraph: str = "",
    new_text: str = "",
    annex_label: str = "",
    annex_title: str = "",
) -> RevisionChange:
    """Add a change; `paragraph` is a number of the guide's current edition."""
    _require_editable(revision)
    change = RevisionChange(
        revision=revision,
        action=action,
        new_text_en=new_text.strip(),
        position=revision.changes.count() + 1,
    )
    if action == ChangeAction.NEW_ANNEX:
        if not (annex_label.strip() and annex_title.strip() and new_text.strip()):
            raise ValidationError(_("A new annex needs a letter, a title and its text."))
        change.annex_label = annex_label.strip()
        change.annex_title = annex_title.strip()
    else:
        edition = _require_current(revision.guide)
        number = " ".join(paragraph.split())
        target = paragraph_in(edition, number) if number else None
        if target is None:
            if not number:
                raise ValidationError(_("Name the paragraph to change."))
            old = paragraph_in(revision.base_edition, number)
            if old is not None and old.section.edition_id != edition.pk:
                raise _missing_paragraph(number, edition)
            raise ValidationError(
                _("There is no paragraph %(number)s in edition %(edition)s.")
                % {"number": number, "edition": edition.number}
            )
        if action != ChangeAction.DELETE and not new_text.strip():
            raise ValidationError(_("Give the new text."))
        change.target = target
    _lock(revision, version)
    change.full_clean()
    change.save()
    with translation.override("en"):  # the history's reasons are in English
        _stamp(revision, by, f"Change added: {change}")
    revision.save()
    return change


@transaction.atomic
def revision_change_remove(
    *, by, revision: ProposedRevision, version: int, change: RevisionChange
) -> None:
    _require_editable(revision)
    if change.revision_id != revision.pk:
        raise ValidationError(_("That change belongs to another revision."))
    _lock(revision, version)
    change.delete()
    _stamp(revision, by, "Change removed")
    revision.save()


@transaction.atomic
def revision_comment_add(*, by, revision: ProposedRevision, text: str) -> RevisionComment:
    """Comments are accepted until the end of the due date, Geneva time."""
    if revision.state not in OPEN_FOR_COMMENTS:
        raise ValidationError(_("Comments are closed: the revision is no longer under discussion."))
    if timezone.localdate() > revision.comments_due_on:
        raise ValidationError(
            _("Comments on this proposed revision closed on %(date)s.")
            % {"date": un_date(revision.comments_due_on)},
            code="closed",
        )
    comment = RevisionComment(
        revision=revision, author=by, on_behalf_of=by.affiliation_label, text=text.strip()
    )
    comment.full_clean()
    comment.save()
    return comment


# --- the officers' decisions -------------------------------------------------------------

# Why a move is refused, per state the revision would move to ("%(state)s" is the label of
# the state it is in, as shown on the page).
NOT_ALLOWED = {
    RevisionState.DISCUSSED: gettext_lazy(
        "This revision is “%(state)s”: only a proposed revision can be recorded as discussed."
    ),
    RevisionState.ENDORSED: gettext_lazy(
        "This revision is “%(state)s”: only a discussed revision can be recorded as endorsed "
        "by the CSP."
    ),
    RevisionState.WITHDRAWN: gettext_lazy(
        "This revision is “%(state)s”: only a proposed or discussed revision can be withdrawn."
    ),
    RevisionState.INCORPORATED: gettext_lazy(
        "This revision is “%(state)s”: only a revision endorsed by the CSP can be "
        "incorporated into a new edition."
    ),
}


def _move(
    revision: ProposedRevision,
    *,
    by,
    allowed_from,
    to: str,
    reason: str,
    version: int | None,
    **fields,
) -> ProposedRevision:
    """Move the revision to `to`, claiming the version the officer saw (`version`, or the
    one read now): a decision on a text that changed meanwhile is refused as stale, and
    only the decision's own fields are written."""
    _lock(revision, revision.version if version is None else version)
    fresh = ProposedRevision.objects.select_for_update().get(pk=revision.pk)
    if fresh.state not in allowed_from:
        raise ValidationError(NOT_ALLOWED[to] % {"state": fresh.get_state_display()})
    fresh.state = to
    fresh.decided_by = by
    fresh.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(fresh, name, value)
    fresh.full_clean()
    _stamp(fresh, by, reason)
    fresh.save(update_fields=["state", "decided_by", "decided_at", *fields])
    revision.refresh_from_db()
    return revision


@transaction.atomic
def revision_discuss(
    *,
    by,
    revision: ProposedRevision,
    on: datetime.date | None = None,
    version: int | None = None,
) -> ProposedRevision:
    return _move(
        revision,
        by=by,
        allowed_from=(RevisionState.PROPOSED,),
        to=RevisionState.DISCUSSED,
        reason="Discussed",
        version=version,
        discussed_on=on or timezone.localdate(),
    )


@transaction.atomic
def revision_endorse(
    *,
    by,
    revision: ProposedRevision,
    cycle: CspCycle,
    on: datetime.date | None = None,
    version: int | None = None,
) -> ProposedRevision:
    return _move(
        revision,
        by=by,
        allowed_from=(RevisionState.DISCUSSED,),
        to=RevisionState.ENDORSED,
        reason=f"Endorsed at CSP{cycle.number}",
        version=version,
        endorsed_at_cycle=cycle,
        endorsed_on=on or timezone.localdate(),
    )


@transaction.atomic
def revision_withdraw(
    *, by, revision: ProposedRevision, version: int | None = None
) -> ProposedRevision:
    return _move(
        revision,
        by=by,
        allowed_from=(RevisionState.PROPOSED, RevisionState.DISCUSSED),
        to=RevisionState.WITHDRAWN,
        reason="Withdrawn",
        version=version,
    )


# --- incorporation -----------------------------------------------------------------------

SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies")


@dataclass
class _Block:
    kind: str
    number: str
    key: str
    texts: dict[str, str]
    new: bool = False


@dataclass
class _Section:
    kind: str
    label: str
    titles: dict[str, str]
    blocks: list[_Block] = field(default_factory=list)


def _texts(obj, field: str) -> dict[str, str]:
    return {code: getattr(obj, field_name(field, code)) or "" for code in LANGUAGE_CODES}


def _change_texts(change: RevisionChange) -> dict[str, str]:
    """The change's English text and such translations as came with it; the old
    translations of a replaced paragraph are dropped (they no longer match)."""
    return _texts(change, "new_text")


def _load(edition: GuideEdition) -> list[_Section]:
    sections = []
    for section in edition.sections.order_by("position").prefetch_related("blocks"):
        loaded = _Section(section.kind, section.label, _texts(section, "title"))
        loaded.blocks = [
            _Block(block.kind, block.number, block.key, _texts(block, "text"))
            for block in sorted(section.blocks.all(), key=lambda b: b.position)
        ]
        sections.append(loaded)
    return sections


def _find(sections: list[_Section], key: str) -> tuple[_Section, int] | None:
    for section in sections:
        for index, block in enumerate(section.blocks):
            if block.key == key:
                return section, index
    return None


def _apply(sections: list[_Section], change: RevisionChange, current: GuideEdition) -> None:
    if change.action == ChangeAction.NEW_ANNEX:
        if any(s.kind == SectionKind.ANNEX and s.label == change.annex_label for s in sections):
            raise ValidationError(
                _("Annex %(label)s already exists.") % {"label": change.annex_label}
            )
        translations = {
            code: [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
            for code, text in _change_texts(change).items()
        }
        steps = translations["en"]
        annex = _Section(SectionKind.ANNEX, change.annex_label, {"en": change.annex_title})
        for number, step in enumerate(steps, start=1):
            texts = dict.fromkeys(LANGUAGE_CODES, "")
            for code, parts in translations.items():
                texts[code] = parts[number - 1] if len(parts) == len(steps) else ""
            texts["en"] = step
            annex.blocks.append(
                _Block(
                    BlockKind.PARAGRAPH, str(number), f"annex-{change.annex_label}-{number}", texts
                )
            )
        sections.append(annex)
        return
    found = _find(sections, change.target.key)
    if found is None:
        raise _missing_paragraph(change.target.number, current)
    section, index = found
    if change.action == ChangeAction.REPLACE:
        section.blocks[index].texts = _change_texts(change)
    elif change.action == ChangeAction.DELETE:
        del section.blocks[index]
    elif change.action == ChangeAction.INSERT_AFTER:
        # After the paragraph and after what earlier changes already inserted after it, so
        # that several insertions after one paragraph keep their order.
        inserted = f"{change.target.key}-r"
        while index + 1 < len(section.blocks) and section.blocks[index + 1].key.startswith(
            inserted
        ):
            index += 1
        section.blocks.insert(
            index + 1,
            _Block(
                BlockKind.PARAGRAPH,
                "",
                f"{change.target.key}-r{change.revision_id}c{change.pk}",
                _change_texts(change),
                new=True,
            ),
        )


def _number_with_suffixes(sections: list[_Section]) -> None:
    """Keep every number; an inserted paragraph takes the number before it with the next
    Latin suffix ("104", "104 bis", "104 ter"). When that number is already taken further
    on, the edition must be renumbered instead."""
    for section in sections:
        used = {b.number for b in section.blocks if b.kind == BlockKind.PARAGRAPH}
        previous = ""
        for block in section.blocks:
            if block.kind != BlockKind.PARAGRAPH:
                continue
            if block.new:
                base, _space, suffix = (previous or "0").partition(" ")
                following = SUFFIXES.index(suffix) + 1 if suffix in SUFFIXES else 0
                number = f"{base} {SUFFIXES[following]}" if following < len(SUFFIXES) else ""
                if not number or number in used:
                    raise ValidationError(
                        _(
                            "No number is free after paragraph %(number)s while keeping the "
                            "numbers; renumber the edition instead."
                        )
                        % {"number": previous},
                        code="no_free_number",
                    )
                block.number = number
                used.add(number)
            previous = block.number


def _renumber(sections: list[_Section]) -> dict[str, str]:
    """Chapter paragraphs 1..n through the whole guide, annex paragraphs 1..n within
    each annex; returns old number → new number for the paragraphs that were there."""
    mapping: dict[str, str] = {}
    counter = 0
    for section in sections:
        if section.kind == SectionKind.ANNEX:
            continue
        for block in section.blocks:
            if block.kind != BlockKind.PARAGRAPH:
                continue
            counter += 1
            if not block.new:
                mapping[block.number] = str(counter)
            block.number = str(counter)
    return mapping


# A paragraph number as the guide writes it: "104", or "104 bis" in an edition that kept
# its numbers.
_NUMBER = r"\d+(?:\s+(?:" + "|".join(SUFFIXES) + r"))?(?![0-9A-Za-z])"
# "paragraph 108", "paragraphs 104 to 108", "paras. 104-108 and 129", "para. 104 bis";
# French "paragraphe", Spanish "párrafo", Russian "пункт", Arabic "الفقرة". The list of
# numbers is matched atomically, so a reference "of the report" (another document) cannot
# be half-matched: it is left alone.
_WORD = r"paragraphs?|paragraphes?|párrafos?|paras?\.?|пункт[а-я]*|الفقر(?:ة|ات|تين)"
_JOINER = r"\s*(?:,|and|to|et|à|y|a|и|по|-|–|و|إلى)\s*"
_REFERENCE = re.compile(
    r"(?<![\w])(?P<word>" + _WORD + r")\s+"
    r"(?P<numbers>(?>" + _NUMBER + r"(?:" + _JOINER + _NUMBER + r")*))"
    r"(?!\s+(?:of|du|de|del)\s+(?!this|ce|cette|esta|este))",
    re.IGNORECASE,
)
_REFERENCE_ZH = re.compile(
    r"第\s*(?P<numbers>(?>" + _NUMBER + r"(?:\s*(?:至|-|–|和|、)\s*" + _NUMBER + r")*))\s*段"
)


def rewrite_references(text: str, mapping: dict[str, str]) -> str:
    """Rewrite "paragraph N" references of the guide to the new numbers; numbers of
    paragraphs that are gone are left as they were (the Secretariat edits those)."""

    def renumbered(token: re.Match) -> str:
        number = " ".join(token.group(0).split())
        return mapping.get(number, token.group(0))

    def numbers(match: re.Match) -> str:
        whole = match.group(0)
        start = match.start("numbers") - match.start()
        head, tail = whole[:start], whole[start:]
        return head + re.sub(_NUMBER, renumbered, tail, flags=re.IGNORECASE)

    text = _REFERENCE.sub(numbers, text)
    return _REFERENCE_ZH.sub(numbers, text)


@transaction.atomic
def guide_edition_incorporate(
    *,
    by,
    guide: Guide,
    revisions: list[ProposedRevision],
    renumber: bool,
    published_on: datetime.date | None = None,
) -> GuideEdition:
    """The next edition: the current one with the endorsed `revisions` applied in the
    given order. With `renumber`, paragraphs are numbered 1..n again and every
    cross-reference is rewritten; without, numbers are kept and inserted paragraphs get
    "bis", "ter", … The previous edition is left exactly as it was."""
    if not is_secretariat(by):
        raise ValidationError(_("Only the Secretariat incorporates revisions."))
    if not revisions:
        raise ValidationError(_("Choose at least one endorsed revision."))
    # One incorporation at a time per guide: the next edition number is read and taken
    # under the guide's row lock.
    Guide.objects.select_for_update().filter(pk=guide.pk).first()
    current = _require_current(guide)
    for revision in revisions:
        if revision.guide_id != guide.pk or revision.state != RevisionState.ENDORSED:
            raise ValidationError(
                _("“%(title)s” is not an endorsed revision of this guide.")
                % {"title": revision.title}
            )
    sections = _load(current)
    for revision in revisions:
        for change in revision.changes.select_related("target").order_by("position", "pk"):
            _apply(sections, change, current)
    if renumber:
        mapping = _renumber(sections)
        for section in sections:
            for block in section.blocks:
                block.texts = {
                    code: rewrite_references(text, mapping) for code, text in block.texts.items()
                }
    else:
        _number_with_suffixes(sections)
    cycles = [r.endorsed_at_cycle for r in revisions if r.endorsed_at_cycle_id]
    edition = GuideEdition(
        guide=guide,
        number=current.number + 1,
        state=EditionState.PUBLISHED,
        published_on=published_on or timezone.localdate(),
        endorsed_at_cycle=max(cycles, key=lambda c: c.number) if cycles else None,
    )
    edition.full_clean()
    _stamp(edition, by, "Incorporated: " + "; ".join(r.title for r in revisions))
    edition.save()
    _save_sections(edition, sections)
    for revision in revisions:
        _move(
            revision,
            by=by,
            allowed_from=(RevisionState.ENDORSED,),
            to=RevisionState.INCORPORATED,
            reason=f"Incorporated into edition {edition.number}",
            version=None,
            incorporated_into=edition,
        )
    return edition


def _save_sections(edition: GuideEdition, sections: list[_Section]) -> None:
    for position, loaded in enumerate(sections, start=1):
        section = GuideSection(
            edition=edition, kind=loaded.kind, label=loaded.label, position=position
        )
        for code, title in loaded.titles.items():
            setattr(section, field_name("title", code), title)
        section.full_clean()
        section.save()
        blocks = []
        for index, loaded_block in enumerate(loaded.blocks, start=1):
            block = GuideBlock(
                section=section,
                kind=loaded_block.kind,
                number=loaded_block.number,
                key=loaded_block.key,
                position=index,
            )
            for code, text in loaded_block.texts.items():
                setattr(block, field_name("text", code), text)
            block.full_clean(exclude=["section"])
            blocks.append(block)
        GuideBlock.objects.bulk_create(blocks)


def block_still_exists(change: RevisionChange, edition: GuideEdition) -> bool:
    return change.target is None or block_with_key(edition, change.target.key) is not None


# --- fact sheets ---------------------------------------------------------------------------


@transaction.atomic
def fact_sheet_publish(*, by, fact_sheet, decided_on: datetime.date, decision: str):
    """Seed 004 ¶23: the fact sheet is published once the CSP has decided on the guidance
    it draws on; the Secretariat records the decision (its date and where it is recorded),
    which publishes the fact sheet, once."""
    from django.core.exceptions import PermissionDenied

    from att_portal import access

    from .models import FactSheet
    from .permissions import PUBLISH

    if not access.can(by, PUBLISH, fact_sheet):
        raise PermissionDenied
    sheet = FactSheet.objects.select_for_update().get(pk=fact_sheet.pk)
    if sheet.published_at is not None:
        raise ValidationError(
            _("This fact sheet was already published on %(date)s.")
            % {"date": un_date(sheet.published_at)}
        )
    if decided_on > timezone.localdate():
        raise ValidationError(
            {"decided_on": _("The Conference's decision cannot be in the future.")}
        )
    if not decision.strip():
        raise ValidationError({"decision": _("Say where the decision is recorded.")})
    sheet.decided_on = decided_on
    sheet.decision = decision.strip()
    sheet.published_at = timezone.now()
    sheet.published_by = by
    sheet.full_clean()
    sheet.save()
    return sheet
