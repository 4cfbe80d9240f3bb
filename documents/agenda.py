"""The Chair's agenda builder: items and sub-items, reordering, issue and adoption.

Issuing registers the agenda as a document (a revision on each later issue) and tells
the invited delegations; every issued and adopted agenda is kept as a version. For the
DIEF the agenda is confidential (ToR art. 14), issuing it meets the draft-agenda
deadline (art. 10), and its adoption is when intentions to present a case close (art. 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.models import User
from att_portal.l10n.content import (
    Translations,
    in_each_language,
    set_translations,
    translations_of,
)
from att_portal.meetings.enums import Body
from att_portal.meetings.models import DeadlineCompletion, Meeting
from att_portal.meetings.services import delegation_contacts
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


def numbered(items: list[AgendaItem]) -> list[NumberedItem]:
    """Number items 1, 2, … and their sub-items 1 (a), 1 (b), … from their positions."""
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: (i.position, i.pk))
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    result = []
    for n, item in enumerate(top, start=1):
        result.append(NumberedItem(str(n), 0, item))
        subs = sorted(children.get(item.pk, []), key=lambda i: (i.position, i.pk))
        for letter, sub in zip("abcdefghijklmnopqrstuvwxyz", subs, strict=False):
            result.append(NumberedItem(f"{n} ({letter})", 1, sub))
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
    if parent is not None and (parent.agenda_id != agenda.pk or parent.parent_id is not None):
        raise ValidationError(_("A sub-item goes under an item of the same agenda."))
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


@transaction.atomic
def agenda_item_move(*, by: User, item: AgendaItem, direction: str) -> None:
    """Swap the item with the sibling above ("up") or below ("down")."""
    agenda = Agenda.objects.select_for_update().get(pk=item.agenda_id)
    _editable(by, agenda)
    siblings = list(agenda.items.filter(parent_id=item.parent_id).order_by("position", "pk"))
    for position, sibling in enumerate(siblings, start=1):  # close any gaps first
        sibling.position = position
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index].position, siblings[other].position = (
            siblings[other].position,
            siblings[index].position,
        )
    AgendaItem.objects.bulk_update(siblings, ["position"])
    _back_to_draft(agenda, by)


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
            "documents": [d.symbol for d in n.item.documents.all()],
        }
        for n in agenda_items(agenda)
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
    state_ids = list(
        meeting.invitations.filter(state__isnull=False).values_list("state_id", flat=True)
    )
    contacts = delegation_contacts(state_ids)
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
    agenda._history_user = by
    agenda.save(update_fields=["state", "adopted_at"])
    _keep_version(agenda, by)
    return agenda
