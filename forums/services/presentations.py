"""Case presentations (ToR art. 11) and the concerned States they may involve (art. 12).

A State puts one of its cases forward for a DIEF meeting until the meeting's draft
agenda is adopted — by the meeting, at its opening —; the presentation goes on the agenda
at once. A State may notify its intention even before the meeting is announced: the
intention waits for the next DIEF meeting and becomes its presentation when that meeting
is created (`intentions_attach`, run by `forums.signals`). The Secretariat is notified of
every intention. The presenting State
names the States its presentation may involve; each is notified (at least 30 days
before the meeting) and asked to reply (at least 15 days before); the replies reach the
presenting State, which includes them in its presentation; after the presentation the
Chair gives the concerned States a right of reply (Rules of Procedure rule 24(2)).

The agenda is the Chair's (documents.agenda); a State announcing its intention notifies
the Secretariat (art. 11), so the portal records the resulting agenda items on the
Secretariat's behalf, without asking the State for the right to edit the agenda.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import Affiliation, Role
from att_portal.directory.models import RoleAssignment, State, User
from att_portal.directory.un_names import sorted_by_name
from att_portal.l10n.content import (
    field_name,
    in_each_language,
    set_translations,
    translations_of,
)
from att_portal.l10n.dates import un_date
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from att_portal.notifications.services import Message, messages_queue
from documents.enums import AgendaState
from documents.models import Agenda, AgendaItem

from ..enums import Distribution
from ..models import Case, CasePresentation, ConcernedState, PresentationIntention
from ..permissions import DiefAction
from ..selectors.presentations import participating_states

# The Chair's item under which presentations go, found by its English title.
CASES_ITEM = "Presentation of cases"
# The portal writes its agenda items in the six languages (the Chair may change them).
RIGHT_OF_REPLY_TITLE = gettext_lazy(
    "Right of reply of concerned States (rule 24(2) of the Rules of Procedure)"
)


# -- The agenda, on the Secretariat's behalf --------------------------------------------------


def _intentions_closed(agenda: Agenda | None) -> ValidationError | None:
    if agenda is None or agenda.adopted_at is None:
        return None
    message = _(
        "Intentions to present a case at this meeting closed when its draft agenda was "
        "adopted on %(date)s (ToR art. 11)."
    ) % {"date": un_date(agenda.adopted_at)}
    return ValidationError({"meeting": message})


def _agenda_for(meeting: Meeting, by: User) -> Agenda:
    """The meeting's agenda, locked; a draft is opened if the Chair has none yet."""
    agenda = Agenda.objects.select_for_update().filter(meeting=meeting).first()
    if agenda is None:
        agenda = Agenda(meeting=meeting)
        agenda._history_user = by
        agenda._change_reason = "Opened for a case presentation (ToR art. 11)"
        agenda.save()
    return agenda


def _changed(agenda: Agenda, by: User) -> None:
    """As in the agenda builder: an issued agenda that changes is a draft again, for the
    Chair to issue a revision (its issued version stays kept)."""
    if agenda.state == AgendaState.ISSUED:
        agenda.state = AgendaState.DRAFT
        agenda._history_user = by
        agenda._change_reason = "A case presentation changed the agenda (ToR art. 11)"
        agenda.save(update_fields=["state"])


def _item_insert(
    *,
    agenda: Agenda,
    parent: AgendaItem | None,
    after: AgendaItem | None,
    by: User,
    title: dict[str, str],
    annotation: dict[str, str] | None = None,
    presenters: str = "",
) -> AgendaItem:
    """A new item at the end of `parent`'s items, or right after `after`; `title` and
    `annotation` give the text in each UN language."""
    siblings = agenda.items.filter(parent=parent)
    if after is None:
        position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    else:
        position = after.position + 1
        siblings.filter(position__gte=position).update(position=F("position") + 1)
    item = AgendaItem(agenda=agenda, parent=parent, position=position, presenters=presenters)
    set_translations(item, "title", title)
    set_translations(item, "annotation", annotation or {})
    item.full_clean()
    item._history_user = by
    item.save()
    return item


def _presentation_title(case: Case) -> dict[str, str]:
    """The agenda item's title in each UN language, with the State's name in that
    language; the case's title as its provider wrote it."""
    state = case.provider_state
    # A case narrowed to named States keeps its title off the agenda every participant reads.
    if case.distribution == Distribution.ALL_PARTICIPANTS:
        return in_each_language(
            lambda: (
                _("Presentation by %(state)s: %(case)s") % {"state": state, "case": case.title}
            )[:300]
        )
    return in_each_language(lambda: _("Presentation by %(state)s") % {"state": state})


def _english_name(state: State) -> str:
    with translation.override("en"):
        return str(state)


def _put_on_agenda(presentation: CasePresentation, agenda: Agenda, by: User) -> None:
    parent = agenda.items.filter(
        parent__isnull=True, **{f"{field_name('title', 'en')}__iexact": CASES_ITEM}
    ).first()
    presentation.agenda_item = _item_insert(
        agenda=agenda,
        parent=parent,
        after=None,
        by=by,
        title=_presentation_title(presentation.case),
        # Stored text of the Chair's agenda: the State's name in English.
        presenters=_english_name(presentation.case.provider_state),
    )
    if presentation.concerned_states.exists():
        _add_reply_slot(presentation, agenda, by)
    _changed(agenda, by)


def presentation_titles_refresh(*, by: User, case: Case) -> None:
    """Keep the agenda wording of a case's presentations in step with the case: when its
    provider renames it, the title changes on every agenda not yet adopted (an issued
    agenda goes back to draft for re-issue); when its provider narrows it to named States,
    the title leaves every agenda, adopted or not, and every version kept of it (art. 14):
    those who no longer see the case no longer read its title."""
    from documents.agenda import agenda_item_withdraw_title

    presentations = case.presentations.filter(
        withdrawn_at__isnull=True, agenda_item__isnull=False
    ).select_related("agenda_item")
    title = _presentation_title(case)
    for presentation in presentations:
        item = presentation.agenda_item
        if translations_of(item, "title") == title:
            continue
        agenda = Agenda.objects.select_for_update().get(pk=item.agenda_id)
        if case.distribution != Distribution.ALL_PARTICIPANTS:
            agenda_item_withdraw_title(by=by, item=item, title=title)
            if agenda.state != AgendaState.ADOPTED:
                _changed(agenda, by)
            continue
        if agenda.state == AgendaState.ADOPTED:
            continue
        set_translations(item, "title", title)
        item._history_user = by
        item._change_reason = "The presented case changed"
        item.save()
        _changed(agenda, by)


def _add_reply_slot(presentation: CasePresentation, agenda: Agenda, by: User) -> None:
    item = presentation.agenda_item
    if item is None or presentation.reply_item_id is not None:
        return
    presentation.reply_item = _item_insert(
        agenda=agenda,
        parent=item.parent,
        after=item,
        by=by,
        title=in_each_language(lambda: RIGHT_OF_REPLY_TITLE),
        annotation=in_each_language(lambda: _("ToR art. %(number)s") % {"number": 12}),
    )


def _take_off_agenda(presentation: CasePresentation, agenda: Agenda | None, by: User) -> None:
    if agenda is None or agenda.state == AgendaState.ADOPTED:
        return  # an adopted agenda no longer changes: the Chair announces the withdrawal
    ids = [pk for pk in (presentation.agenda_item_id, presentation.reply_item_id) if pk]
    if ids:
        AgendaItem.objects.filter(pk__in=ids, agenda=agenda).delete()
        _changed(agenda, by)
    presentation.agenda_item = None
    presentation.reply_item = None


# -- Notices --------------------------------------------------------------------------------


def _secretariat() -> list[User]:
    return list(
        User.objects.filter(
            affiliation=Affiliation.SECRETARIAT,
            is_active=True,
            role_assignments__in=RoleAssignment.objects.active().filter(role=Role.SECRETARIAT),
        ).distinct()
    )


def _notify_secretariat_of_intention(key: str, url: str) -> None:
    """ToR art. 11: a State notifies the Secretariat of its intention. A neutral notice and
    a link: which State presents which case stays in the portal (art. 14)."""
    messages = [
        Message(
            key=f"dief-intention:{key}:{person.pk}",
            recipient=person,
            template="dief-intention",
            url=url,
            notice_title=lambda: _("DIEF: a State intends to present a case"),
        )
        for person in _secretariat()
    ]
    transaction.on_commit(lambda: messages_queue(messages))


def _delegates(state_ids: Iterable[int]) -> list[User]:
    return list(
        User.objects.filter(
            affiliation=Affiliation.DELEGATION, state_id__in=list(state_ids), is_active=True
        ).order_by("pk")
    )


def _notify_concerned(concerned: list[ConcernedState]) -> None:
    """A neutral notice and a link: who presents what stays in the portal (ToR art. 14)."""
    by_state = {c.state_id: c for c in concerned}
    messages_queue(
        [
            Message(
                key=f"dief-concerned-notice:{by_state[person.state_id].pk}:{person.pk}",
                recipient=person,
                template="dief-concerned-notice",
                url=reverse(
                    "dief:concerned_reply", args=[by_state[person.state_id].presentation_id]
                ),
                notice_title=lambda: _("A notice for your delegation in the confidential area"),
            )
            for person in _delegates(by_state)
        ]
    )


def _notify_presenter(concerned: ConcernedState) -> None:
    presentation = concerned.presentation
    stamp = int(concerned.replied_at.timestamp())
    messages_queue(
        [
            Message(
                key=f"dief-concerned-reply:{concerned.pk}:{stamp}:{person.pk}",
                recipient=person,
                template="dief-concerned-reply",
                url=reverse("dief:presentation_detail", args=[presentation.pk]),
                notice_title=lambda: _("A reply for your delegation in the confidential area"),
            )
            for person in _delegates([presentation.case.provider_state_id])
        ]
    )


# -- Services -------------------------------------------------------------------------------


def _check_meeting(by: User, meeting: Meeting) -> None:
    if meeting.body != Body.DIEF or not access.can(by, Action.VIEW, meeting):
        raise ValidationError({"meeting": _("Choose a DIEF meeting.")})
    if meeting.ends_on < timezone.localdate():
        raise ValidationError({"meeting": _("This meeting is over.")})


@transaction.atomic
def presentation_intend(*, by: User, case: Case, meeting: Meeting) -> CasePresentation:
    """Record that the case's State intends to present it at `meeting` (ToR art. 11) and
    put the presentation on the meeting's agenda. A withdrawn intention can be renewed."""
    if not access.can(by, DiefAction.PRESENT, case):
        raise PermissionDenied
    _check_meeting(by, meeting)
    agenda = _agenda_for(meeting, by)
    closed = _intentions_closed(agenda)
    if closed is not None:
        raise closed
    presentation = (
        CasePresentation.objects.select_for_update().filter(case=case, meeting=meeting).first()
    )
    if presentation is not None and presentation.withdrawn_at is None:
        raise ValidationError(
            {"meeting": _("This case is already put forward for presentation at this meeting.")}
        )
    if presentation is None:
        presentation = CasePresentation(case=case, meeting=meeting, intended_by=by)
        presentation._change_reason = "Intention to present the case (ToR art. 11)"
    else:
        presentation.intended_by = by
        presentation.withdrawn_at = None
        presentation._change_reason = "Intention to present the case renewed (ToR art. 11)"
    presentation.full_clean(exclude=["agenda_item", "reply_item"])
    presentation._history_user = by
    presentation.save()
    _put_on_agenda(presentation, agenda, by)
    presentation._change_reason = "Put on the meeting's agenda"
    presentation.save(update_fields=["agenda_item", "reply_item"])
    _notify_secretariat_of_intention(
        f"presentation:{presentation.pk}:{int(timezone.now().timestamp())}",
        reverse("dief:presentation_detail", args=[presentation.pk]),
    )
    return presentation


@transaction.atomic
def presentation_intend_next(*, by: User, case: Case) -> PresentationIntention:
    """Record that the case's State intends to present it at the next DIEF meeting, before
    that meeting is announced (ToR art. 11); the Secretariat is notified. The intention
    becomes the presentation at the next DIEF meeting created."""
    if not access.can(by, DiefAction.PRESENT, case):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    if PresentationIntention.objects.filter(
        case=case, withdrawn_at__isnull=True, presentation__isnull=True
    ).exists():
        raise ValidationError(
            _("Your State's intention to present this case at the next meeting is recorded.")
        )
    intention = PresentationIntention(case=case, intended_by=by)
    intention.full_clean()
    intention._history_user = by
    intention._change_reason = "Intention to present the case at the next meeting (ToR art. 11)"
    intention.save()
    _notify_secretariat_of_intention(f"next:{intention.pk}", case.get_absolute_url())
    return intention


@transaction.atomic
def presentation_intention_withdraw(
    *, by: User, intention: PresentationIntention
) -> PresentationIntention:
    """The State withdraws its intention to present at the next meeting, while it waits."""
    access.require(by, Action.CHANGE, intention)
    intention = PresentationIntention.objects.select_for_update().get(pk=intention.pk)
    if not intention.pending:
        raise ValidationError(_("This intention no longer waits for the next meeting."))
    intention.withdrawn_at = timezone.now()
    intention._history_user = by
    intention._change_reason = "Withdrawn by the presenting State"
    intention.save(update_fields=["withdrawn_at"])
    return intention


@transaction.atomic
def intentions_attach(*, meeting: Meeting) -> list[CasePresentation]:
    """A DIEF meeting is created: the intentions waiting for the next meeting become its
    presentations and go on its agenda, on the Secretariat's behalf (ToR art. 11). A
    meeting already over or cancelled takes none; each intention is attached once."""
    if meeting.body != Body.DIEF or meeting.is_cancelled or meeting.ends_on < timezone.localdate():
        return []
    waiting = list(
        PresentationIntention.objects.select_for_update()
        .filter(withdrawn_at__isnull=True, presentation__isnull=True)
        .select_related("case", "intended_by")
        .order_by("intended_at", "pk")
    )
    if not waiting:
        return []
    agenda = _agenda_for(meeting, None)
    attached = []
    for intention in waiting:
        presentation = CasePresentation(
            case=intention.case, meeting=meeting, intended_by=intention.intended_by
        )
        presentation._change_reason = (
            "The intention notified before the meeting was announced (ToR art. 11)"
        )
        presentation.save()
        # The intention was notified when the State notified it, not when the meeting came.
        CasePresentation.objects.filter(pk=presentation.pk).update(
            intended_at=intention.intended_at
        )
        presentation.intended_at = intention.intended_at
        _put_on_agenda(presentation, agenda, None)
        presentation._change_reason = "Put on the meeting's agenda"
        presentation.save(update_fields=["agenda_item", "reply_item"])
        intention.presentation = presentation
        intention._change_reason = "Attached to the next DIEF meeting"
        intention.save(update_fields=["presentation"])
        attached.append(presentation)
    return attached


@transaction.atomic
def presentation_withdraw(*, by: User, presentation: CasePresentation) -> CasePresentation:
    """The presenting State withdraws its intention; the agenda loses the presentation and
    its right-of-reply slot unless it is already adopted."""
    access.require(by, Action.CHANGE, presentation)
    presentation = CasePresentation.objects.select_for_update().get(pk=presentation.pk)
    if presentation.withdrawn_at is not None:
        raise ValidationError(_("This presentation is already withdrawn."))
    agenda = Agenda.objects.select_for_update().filter(meeting_id=presentation.meeting_id).first()
    _take_off_agenda(presentation, agenda, by)
    presentation.withdrawn_at = timezone.now()
    presentation._history_user = by
    presentation._change_reason = "Withdrawn by the presenting State"
    presentation.save(update_fields=["withdrawn_at", "agenda_item", "reply_item"])
    return presentation


def _check_live(presentation: CasePresentation) -> None:
    if presentation.withdrawn_at is not None:
        raise ValidationError(_("This presentation is withdrawn."))
    if presentation.meeting.ends_on < timezone.localdate():
        raise ValidationError(_("This meeting is over."))


@transaction.atomic
def concerned_states_name(
    *, by: User, presentation: CasePresentation, states: Iterable[State]
) -> list[ConcernedState]:
    """Name the States the presentation may involve and notify them (ToR art. 12). A notice
    after the 30-day deadline is accepted and shown as late. States already named are
    left as they are; returns the new notices."""
    access.require(by, Action.CHANGE, presentation)
    presentation = (
        CasePresentation.objects.select_for_update(of=("self",))
        .select_related("meeting", "case", "agenda_item")
        .get(pk=presentation.pk)
    )
    _check_live(presentation)
    states = list(states)
    if not states:
        raise ValidationError({"states": _("Name at least one State.")})
    provider = presentation.case.provider_state_id
    if any(state.pk == provider for state in states):
        raise ValidationError({"states": _("The presenting State cannot concern itself.")})
    eligible = set(
        participating_states().filter(pk__in=[s.pk for s in states]).values_list("pk", flat=True)
    )
    others = [str(s) for s in sorted_by_name(s for s in states if s.pk not in eligible)]
    if others:
        raise ValidationError(
            {
                "states": _(
                    "Only States Parties and signatories take part in the DIEF: %(states)s."
                )
                % {"states": ", ".join(others)}
            }
        )
    already = set(presentation.concerned_states.values_list("state_id", flat=True))
    first = not already
    created = []
    for state in sorted({s.pk: s for s in states if s.pk not in already}.values(), key=str):
        concerned = ConcernedState(presentation=presentation, state=state, notified_by=by)
        concerned.full_clean()
        concerned._history_user = by
        concerned._change_reason = "Notified as a concerned State (ToR art. 12)"
        concerned.save()
        created.append(concerned)
    if first and created and presentation.agenda_item_id:
        # The right of reply follows the presentation even when the States are named after
        # the agenda's adoption (ToR art. 12): the slot joins the adopted agenda too.
        agenda = Agenda.objects.select_for_update().get(pk=presentation.agenda_item.agenda_id)
        _add_reply_slot(presentation, agenda, by)
        _changed(agenda, by)
        presentation._history_user = by
        presentation._change_reason = "Right of reply put on the agenda (ToR art. 12)"
        presentation.save(update_fields=["reply_item"])
    _notify_concerned(created)
    return created


@transaction.atomic
def concerned_state_reply(*, by: User, concerned: ConcernedState, reply: str) -> ConcernedState:
    """A concerned State's reply for the presenting State to include in its presentation
    (ToR art. 12). A reply after the 15-day deadline is accepted and shown as late; a
    State may amend its reply until the meeting ends."""
    if not access.can(by, DiefAction.REPLY, concerned):
        raise PermissionDenied
    concerned = (
        ConcernedState.objects.select_for_update()
        .select_related("presentation__meeting", "presentation__case")
        .get(pk=concerned.pk)
    )
    _check_live(concerned.presentation)
    concerned.reply = reply.strip()
    if not concerned.reply:
        raise ValidationError({"reply": _("Write the reply of your State.")})
    concerned.replied_by = by
    concerned.replied_at = timezone.now()
    concerned.full_clean()
    concerned._history_user = by
    concerned._change_reason = "Reply of the concerned State (ToR art. 12)"
    concerned.save()
    _notify_presenter(concerned)
    return concerned
