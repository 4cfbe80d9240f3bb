"""The Chair's agenda builder: items and sub-items, reordering, issue and adoption.

Issuing registers the agenda as a document (a revision on each later issue) and tells
the invited delegations; every issued and adopted agenda is kept as a version. For the
DIEF the agenda is confidential (ToR art. 14), issuing it meets the draft-agenda
deadline (art. 10), and its adoption is when intentions to present a case close (art. 11).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import User
from att_portal.l10n.content import (
    Translations,
    field_name,
    in_each_language,
    set_translations,
    translations_of,
)
from att_portal.meetings.enums import Body
from att_portal.meetings.models import DeadlineCompletion, Meeting
from att_portal.meetings.services import delegation_contacts, states_to_invite
from att_portal.notifications.services import Message, messages_queue
from forums.minutes import check_agenda_item

from .enums import AgendaState, Distribution
from .models import Agenda, AgendaItem, AgendaVersion, Document
from .services import register_unchecked, revise_unchecked


def as_translations(value: str | Translations) -> dict[str, str]:
    return {"en": value} if isinstance(value, str) else dict(value)


@dataclass(frozen=True)
class NumberedItem:
    number: str
    depth: int
    item: AgendaItem
    position: int = 1  # among the items of its level, from 1
    level_size: int = 1  # how many items its level holds

    @property
    def positions(self) -> range:
        return range(1, self.level_size + 1)


def numbered(items: list[AgendaItem]) -> list[NumberedItem]:
    """Number items 1, 2, … and their sub-items 1 (a), 1 (b), … from their positions."""
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: (i.position, i.pk))
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    result = []
    for n, item in enumerate(top, start=1):
        result.append(NumberedItem(str(n), 0, item, n, len(top)))
        subs = sorted(children.get(item.pk, []), key=lambda i: (i.position, i.pk))
        for index, (letter, sub) in enumerate(
            zip("abcdefghijklmnopqrstuvwxyz", subs, strict=False), start=1
        ):
            result.append(NumberedItem(f"{n} ({letter})", 1, sub, index, len(subs)))
    return result


def agenda_items(agenda: Agenda) -> list[NumberedItem]:
    items = list(
        agenda.items.select_related("session").prefetch_related(
            Prefetch("documents", queryset=Document.objects.only("pk", "symbol"))
        )
    )
    return numbered(items)


def _editable(by: User, agenda: Agenda) -> None:
    agenda.refresh_from_db(fields=["state", "document", "adopted_at"])  # decide on the stored state
    if not access.can(by, access.Action.CHANGE, agenda):
        raise PermissionDenied
    if agenda.state == AgendaState.ADOPTED:
        raise ValidationError(_("The agenda is adopted and can no longer change."))


def _back_to_draft(agenda: Agenda, by: User) -> None:
    if agenda.state == AgendaState.ISSUED:
        agenda.state = AgendaState.DRAFT
        agenda._history_user = by
        agenda.save(update_fields=["state"])


@transaction.atomic
def agenda_open(*, by: User, meeting: Meeting) -> Agenda:
    agenda = Agenda.objects.filter(meeting=meeting).first()
    if agenda is None:
        if not access.can(by, access.Action.CHANGE, Agenda(meeting=meeting)):
            raise PermissionDenied
        agenda, _created = Agenda.objects.get_or_create(meeting=meeting)
    return agenda


def _check_texts(agenda: Agenda, title: Translations) -> None:
    for text in title.values():  # ToR art. 17, in whatever language it is written
        check_agenda_item(meeting=agenda.meeting, title=text)


@transaction.atomic
def agenda_item_add(
    *,
    by: User,
    agenda: Agenda,
    title: str | Translations,
    annotation: str | Translations = "",
    presenters: str = "",
    parent: AgendaItem | None = None,
    session=None,
    documents=(),
) -> AgendaItem:
    """Add an item at the end of its level. `title` and `annotation` are the English text
    or a text per UN language (English required)."""
    _editable(by, agenda)
    title, annotation = as_translations(title), as_translations(annotation)
    _check_texts(agenda, title)
    _check_parent(agenda, None, parent)
    if session is not None and session.meeting_id != agenda.meeting_id:
        raise ValidationError(_("The session belongs to another meeting."))
    siblings = agenda.items.filter(parent=parent)
    last = siblings.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        agenda=agenda,
        parent=parent,
        position=last + 1,
        presenters=presenters.strip(),
        session=session,
    )
    set_translations(item, "title", title)
    set_translations(item, "annotation", annotation)
    item.full_clean()
    item._history_user = by
    item.save()
    item.documents.set(documents)
    _back_to_draft(agenda, by)
    return item


@transaction.atomic
def agenda_item_update_texts(
    *,
    by: User,
    item: AgendaItem,
    title: str | Translations,
    annotation: str | Translations = "",
    presenters: str = "",
) -> AgendaItem:
    """Change an item's texts — e.g. add the French or Arabic version of its title and
    annotation. An issued agenda goes back to draft, to be issued again."""
    agenda = Agenda.objects.select_for_update().get(pk=item.agenda_id)
    _editable(by, agenda)
    title, annotation = as_translations(title), as_translations(annotation)
    _check_texts(agenda, title)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    set_translations(item, "title", title)
    set_translations(item, "annotation", annotation)
    item.presenters = presenters.strip()
    item.full_clean()
    item._history_user = by
    item._change_reason = "Agenda item texts changed"
    item.save()
    _back_to_draft(agenda, by)
    return item


def _check_parent(agenda: Agenda, item: AgendaItem | None, parent: AgendaItem | None) -> None:
    if parent is None:
        return
    if parent.agenda_id != agenda.pk or parent.parent_id is not None:
        raise ValidationError(_("A sub-item goes under an item of the same agenda."))
    if item is not None and (parent.pk == item.pk or item.children.exists()):
        raise ValidationError(
            _("An item with sub-items cannot itself become a sub-item: move its sub-items first.")
        )


@transaction.atomic
def agenda_item_update(
    *,
    by: User,
    item: AgendaItem,
    title: str | Translations,
    annotation: str | Translations = "",
    presenters: str = "",
    session=None,
    parent: AgendaItem | None = None,
) -> AgendaItem:
    """Change everything about an item in place: its texts in each language, its
    presenters, its session and its parent. An item given another parent goes to the end
    of its new level; an issued agenda goes back to draft, to be issued again."""
    agenda = Agenda.objects.select_for_update().get(pk=item.agenda_id)
    _editable(by, agenda)
    title, annotation = as_translations(title), as_translations(annotation)
    _check_texts(agenda, title)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, agenda=agenda)
    _check_parent(agenda, item, parent)
    if session is not None and session.meeting_id != agenda.meeting_id:
        raise ValidationError(_("The session belongs to another meeting."))
    old_parent_id = item.parent_id
    new_parent_id = parent.pk if parent is not None else None
    if new_parent_id != old_parent_id:
        last = agenda.items.filter(parent_id=new_parent_id).aggregate(last=Max("position"))
        item.parent = parent
        item.position = (last["last"] or 0) + 1
    set_translations(item, "title", title)
    set_translations(item, "annotation", annotation)
    item.presenters = presenters.strip()
    item.session = session
    item.full_clean()
    item._history_user = by
    item._change_reason = "Agenda item changed"
    item.save()
    if new_parent_id != old_parent_id:
        _renumber(agenda, old_parent_id, by)
    _back_to_draft(agenda, by)
    return item


def _save_positions(siblings: list[AgendaItem], by: User) -> None:
    """Store the new order one row at a time, so that each move is in the item's history."""
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling._history_user = by
            sibling._change_reason = "Agenda item moved"
            sibling.save(update_fields=["position"])


def _renumber(agenda: Agenda, parent_id: int | None, by: User) -> None:
    _save_positions(list(agenda.items.filter(parent_id=parent_id).order_by("position", "pk")), by)


@transaction.atomic
def agenda_item_move_to(*, by: User, item: AgendaItem, position: int) -> AgendaItem:
    """Put the item at `position` (1 = first) among the items of its level: a top-level
    item among the top-level items (taking its sub-items along), a sub-item among the
    sub-items of its parent. A sub-item changes parent by editing the item, not by moving."""
    agenda = Agenda.objects.select_for_update().get(pk=item.agenda_id)
    _editable(by, agenda)
    item = AgendaItem.objects.get(pk=item.pk, agenda=agenda)
    siblings = list(
        agenda.items.select_for_update().filter(parent_id=item.parent_id).order_by("position", "pk")
    )
    if (
        isinstance(position, bool)
        or not isinstance(position, int)
        or not (1 <= position <= len(siblings))
    ):
        raise ValidationError(
            _(
                "An item can only go to a position from 1 to %(count)s on its level; "
                "nothing was moved."
            )
            % {"count": len(siblings)}
        )
    moving = next(s for s in siblings if s.pk == item.pk)
    siblings.remove(moving)
    siblings.insert(position - 1, moving)
    _save_positions(siblings, by)
    _back_to_draft(agenda, by)
    return moving


@transaction.atomic
def agenda_item_move(*, by: User, item: AgendaItem, direction: str) -> None:
    """Swap the item with the sibling above ("up") or below ("down")."""
    siblings = list(
        AgendaItem.objects.filter(agenda_id=item.agenda_id, parent_id=item.parent_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    index = siblings.index(item.pk) + 1
    target = index - 1 if direction == "up" else index + 1
    agenda_item_move_to(by=by, item=item, position=min(max(target, 1), len(siblings)))


@transaction.atomic
def agenda_item_delete(*, by: User, item: AgendaItem) -> None:
    agenda = item.agenda
    _editable(by, agenda)
    item.delete()
    _back_to_draft(agenda, by)


def _snapshot(agenda: Agenda) -> list[dict]:
    """The agenda as issued, each text in every language it was written in."""
    return [
        {
            "number": n.number,
            "title": n.item.title_en,
            "annotation": n.item.annotation_en or "",
            "translations": {
                "title": translations_of(n.item, "title"),
                "annotation": translations_of(n.item, "annotation"),
            },
            "presenters": n.item.presenters,
            "session": n.item.session.title_en if n.item.session else "",
            "session_translations": translations_of(n.item.session, "title")
            if n.item.session
            else {},
            "session_starts_at": n.item.session.starts_at.isoformat() if n.item.session else "",
            "session_ends_at": n.item.session.ends_at.isoformat() if n.item.session else "",
            "documents": [d.symbol for d in n.item.documents.all()],
        }
        for n in agenda_items(agenda)
    ]


def agenda_item_withdraw_title(*, by: User, item: AgendaItem, title: Translations) -> None:
    """Replace an item's title for confidentiality, also on an adopted agenda and in every
    version kept of it (the page and the PDF of each version read those): a case its
    provider narrowed after the agenda was adopted no longer shows its title (DIEF ToR
    art. 14). The agenda's state does not change: this is no new wording of the agenda."""
    old = translations_of(item, "title")
    set_translations(item, "title", title)
    item._history_user = by
    item._change_reason = "Title withdrawn: the case was narrowed (ToR art. 14)"
    item.save()
    new = translations_of(item, "title")
    for version in AgendaVersion.objects.select_for_update().filter(agenda_id=item.agenda_id):
        entries = version.items
        changed = False
        for entry in entries:
            if entry.get("translations", {}).get("title") == old:
                entry["translations"]["title"] = new
                entry["title"] = new.get("en", "")
                changed = True
        if changed:
            AgendaVersion.objects.filter(pk=version.pk).update(items=entries)


def session_label(session, language: str | None = None) -> str:
    """A session as a Chair picks it: its day, its hours and its title —
    "17 February 2027, 10:00–13:00 · Morning session" — so that sessions with the same
    title are told apart."""
    from att_portal.l10n.content import localized
    from att_portal.l10n.dates import un_date, un_time

    with translation.override(language or translation.get_language()):
        return _("%(day)s, %(start)s–%(end)s · %(title)s") % {
            "day": un_date(session.starts_at, language),
            "start": un_time(session.starts_at, language),
            "end": un_time(session.ends_at, language),
            # A DIEF session in an open meeting's timetable keeps its title to the forum
            # (ToR art. 14): the agenda of that meeting names it a closed session.
            "title": (
                _("Closed session")
                if session.is_closed_session
                else localized(session, "title", language)[0]
            ),
        }


def notified_state_ids(meeting: Meeting) -> list[int]:
    """The States whose delegations hear that the agenda is issued: those invited to the
    meeting; for the DIEF every State Party and signatory, invited or not (ToR art. 10)."""
    if meeting.body == Body.DIEF:
        return list(states_to_invite(meeting).values_list("pk", flat=True))
    return list(meeting.invitations.filter(state__isnull=False).values_list("state_id", flat=True))


class _Texts:
    """A text per language, read by the `content` tag as a model's translated fields are."""

    def __init__(self, **fields: dict[str, str]):
        for field, texts in fields.items():
            for language, text in texts.items():
                setattr(self, field_name(field, language), text)


class _Symbols(list):
    def all(self):
        return self


class VersionItem(_Texts):
    """An item as it was in an issued version, shaped for the agenda's PDF template."""

    def __init__(self, data: dict):
        translations = data.get("translations") or {}
        super().__init__(
            title=translations.get("title") or {"en": data["title"]},
            annotation=translations.get("annotation") or {"en": data.get("annotation", "")},
        )
        self.presenters = data.get("presenters", "")
        self.documents = _Symbols(_Symbol(symbol) for symbol in data.get("documents", []))
        self.session = None
        if data.get("session_starts_at"):
            session = _Texts(title=data.get("session_translations") or {"en": data["session"]})
            session.starts_at = datetime.datetime.fromisoformat(data["session_starts_at"])
            session.ends_at = datetime.datetime.fromisoformat(data["session_ends_at"])
            self.session = session

    @property
    def annotation(self) -> str:
        return getattr(self, field_name("annotation", "en"), "")


@dataclass(frozen=True)
class _Symbol:
    symbol: str


def version_items(version: AgendaVersion) -> list[NumberedItem]:
    return [
        NumberedItem(entry["number"], 1 if "(" in entry["number"] else 0, VersionItem(entry))
        for entry in version.items
    ]


def _keep_version(agenda: Agenda, by: User) -> AgendaVersion:
    number = (agenda.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return AgendaVersion.objects.create(
        agenda=agenda,
        number=number,
        state=agenda.state,
        items=_snapshot(agenda),
        created_by=by,
        document=agenda.document,
    )


@transaction.atomic
def agenda_issue(*, by: User, agenda: Agenda) -> Agenda:
    agenda = Agenda.objects.select_for_update().select_related("meeting__cycle").get(pk=agenda.pk)
    _editable(by, agenda)
    if agenda.state == AgendaState.ISSUED:
        raise ValidationError(_("This version of the agenda is already issued."))
    if not agenda.items.exists():
        raise ValidationError(_("An agenda needs at least one item before it is issued."))
    meeting = agenda.meeting
    today = timezone.localdate()
    if agenda.document is None:
        confidential = meeting.confidential_forum
        agenda.document = register_unchecked(
            by=by,
            title=in_each_language(
                lambda: _("Annotated draft agenda: %(meeting)s") % {"meeting": meeting.title}
            ),
            cycle=meeting.cycle,
            body=meeting.body if meeting.body != Body.CSP else "",
            doc_type="Agenda",
            issued_on=today,
            author_office="CHAIR",
            distribution=Distribution.CONFIDENTIAL if confidential else Distribution.RESTRICTED,
            forum=confidential or "",
        )
        Document.objects.filter(pk=agenda.document.pk).update(meeting=meeting)
    else:
        agenda.document = revise_unchecked(by=by, document=agenda.document, issued_on=today)
    agenda.state = AgendaState.ISSUED
    agenda._history_user = by
    agenda.save(update_fields=["state", "document"])
    _keep_version(agenda, by)
    if meeting.body == Body.DIEF:
        # ToR art. 10: the draft agenda is out.
        DeadlineCompletion.objects.get_or_create(
            meeting=meeting,
            key="draft_agenda",
            defaults={"completed_at": timezone.now(), "completed_by": by},
        )
    _notify_invitees(agenda)
    return agenda


def _notify_invitees(agenda: Agenda) -> None:
    meeting = agenda.meeting
    contacts = delegation_contacts(notified_state_ids(meeting))
    url = reverse("documents:agenda", args=[meeting.pk])
    messages_queue(
        [
            Message(
                key=f"agenda:{agenda.document.pk}:{person.pk}",
                recipient=person,
                template="agenda-issued",
                context={"meeting": meeting, "confidential": bool(meeting.confidential_forum)},
                url=url,
                notice_title=lambda: (
                    _("An agenda is issued in the confidential area")
                    if meeting.confidential_forum
                    else _("The agenda is issued: %(meeting)s") % {"meeting": meeting.title}
                ),
            )
            for people in contacts.values()
            for person in people
        ]
    )


@transaction.atomic
def agenda_adopt(*, by: User, agenda: Agenda) -> Agenda:
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    _editable(by, agenda)
    if agenda.state != AgendaState.ISSUED:
        raise ValidationError(_("Only an issued agenda can be adopted."))
    agenda.state = AgendaState.ADOPTED
    agenda.adopted_at = timezone.now()  # ToR art. 11: intentions to present cases close
    agenda.full_clean()  # adopted by the meeting at its opening, not before its first day
    agenda._history_user = by
    agenda.save(update_fields=["state", "adopted_at"])
    _keep_version(agenda, by)
    return agenda
