"""Changes to meetings: timetable, invitations, nominations, recorded deadlines."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from att_portal import access
from att_portal.directory.enums import Affiliation, AttStatus, Role
from att_portal.directory.models import DIEF_STATUSES, Organisation, RoleAssignment, State, User
from att_portal.l10n.content import Translations, set_translations
from att_portal.notifications.services import Message, messages_queue

from .enums import Body
from .models import DeadlineCompletion, Invitation, Meeting, MeetingSession, Participation
from .permissions import MeetingAction
from .rules import rules_for


@transaction.atomic
def session_add(
    *,
    by: User,
    meeting: Meeting,
    title: str | Translations,
    body: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: str = "",
) -> MeetingSession:
    """A session of the timetable; `title` is the English title or one per UN language."""
    access.require(by, access.Action.CHANGE, meeting)
    # Serialise changes to timetables so that two clerks cannot book one room twice.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    session = MeetingSession(
        meeting=meeting,
        body=body or meeting.body,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room.strip(),
    )
    set_translations(session, "title", title)
    session.full_clean()
    session._history_user = by
    session.save()
    return session


@transaction.atomic
def meeting_save(*, by: User, meeting: Meeting) -> Meeting:
    """Create or change a meeting; the DIEF limits are checked under a lock on that year's
    DIEF meetings so that two Secretariat officers cannot both add the third one."""
    if meeting.pk:
        access.require(by, access.Action.CHANGE, meeting)
    elif not access.can(by, MeetingAction.CREATE, meeting):
        raise PermissionDenied
    if meeting.body == Body.DIEF and meeting.starts_on:
        list(
            Meeting.objects.select_for_update().filter(
                body=Body.DIEF, starts_on__year=meeting.starts_on.year
            )
        )
    meeting.full_clean()
    meeting._history_user = by
    meeting.save()
    return meeting


@transaction.atomic
def deadline_record_met(*, by: User, meeting: Meeting, key: str) -> DeadlineCompletion:
    """Record who met a meeting-level deadline (e.g. the draft agenda sent), and when."""
    access.require(by, MeetingAction.RECORD_DEADLINE, meeting)
    if key not in {rule.key for rule in rules_for(meeting.body) if rule.recorded_by_hand}:
        raise ValidationError(_("This meeting has no deadline called %(key)s.") % {"key": key})
    completion, _created = DeadlineCompletion.objects.get_or_create(
        meeting=meeting,
        key=key,
        defaults={"completed_at": timezone.now(), "completed_by": by},
    )
    return completion


def states_to_invite(meeting: Meeting) -> QuerySet[State]:
    """DIEF: every State Party and signatory and nobody else (ToR art. 6). Other bodies:
    States Parties and signatories, and non-signatory States when observers are admitted."""
    statuses = list(DIEF_STATUSES)
    if meeting.body != Body.DIEF and meeting.observers_admitted:
        statuses.append(AttStatus.NON_SIGNATORY)
    return State.objects.with_status(*statuses)


def organisations_to_invite(meeting: Meeting) -> QuerySet[Organisation]:
    if meeting.body == Body.DIEF or not meeting.observers_admitted:
        return Organisation.objects.none()
    return Organisation.objects.all()


def delegation_contacts(state_ids) -> dict[int, list[User]]:
    """Who receives what is addressed to a delegation: its focal points, or, where it has
    none, every active member. One query."""
    focal = RoleAssignment.objects.active().filter(user=OuterRef("pk"), role=Role.FOCAL_POINT)
    people = (
        User.objects.filter(
            affiliation=Affiliation.DELEGATION, state_id__in=state_ids, is_active=True
        )
        .annotate(is_focal_point=Exists(focal))
        .order_by("pk")
    )
    by_state: dict[int, list[User]] = {}
    for person in people:
        by_state.setdefault(person.state_id, []).append(person)
    return {
        state_id: [p for p in members if p.is_focal_point] or members
        for state_id, members in by_state.items()
    }


def invitation_deadline(meeting: Meeting) -> datetime.date | None:
    for rule in rules_for(meeting.body):
        if rule.key == "invitations":
            return rule.due_on(meeting.starts_on)
    return None


@transaction.atomic
def meeting_invitations_issue(*, by: User, meeting: Meeting) -> list[Invitation]:
    """Invite every delegation the meeting's rules call for, in one action: an invitation
    per State (and observer organisation), an e-mail and a notice to its contacts. Issuing
    again invites only those not yet invited. Sending after the deadline is allowed and
    recorded as late."""
    access.require(by, MeetingAction.INVITE, meeting)
    now = timezone.now()
    due = invitation_deadline(meeting)
    late = due is not None and timezone.localdate(now) > due
    already_states = set(meeting.invitations.values_list("state_id", flat=True))
    already_orgs = set(meeting.invitations.values_list("organisation_id", flat=True))
    new = [
        Invitation(meeting=meeting, state=state, sent_at=now, sent_by=by, late=late)
        for state in states_to_invite(meeting)
        if state.pk not in already_states
    ] + [
        Invitation(meeting=meeting, organisation=org, sent_at=now, sent_by=by, late=late)
        for org in organisations_to_invite(meeting)
        if org.pk not in already_orgs
    ]
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    if due is not None:
        DeadlineCompletion.objects.get_or_create(
            meeting=meeting, key="invitations", defaults={"completed_at": now, "completed_by": by}
        )
    url = reverse("meetings:detail", args=[meeting.pk])
    contacts = delegation_contacts([i.state_id for i in new if i.state_id])
    recipients = [person for i in new if i.state_id for person in contacts.get(i.state_id, [])]
    org_ids = [i.organisation_id for i in new if i.organisation_id]
    recipients += list(User.objects.filter(organisation_id__in=org_ids, is_active=True))
    template = "dief-invitation" if meeting.body == Body.DIEF else "meeting-invitation"
    messages_queue(
        [
            Message(
                key=f"invitation:{meeting.pk}:{person.pk}",
                recipient=person,
                template=template,
                context={"meeting": meeting},
                url=url,
                notice_title=lambda: (
                    _("An invitation in the confidential area")
                    if meeting.confidential_forum
                    else _("Invitation: %(meeting)s") % {"meeting": meeting.title}
                ),
            )
            for person in recipients
        ]
    )
    return new


@transaction.atomic
def participant_nominate(
    *,
    by: User,
    meeting: Meeting,
    person: User,
    sponsorship_requested: bool = False,
    sponsorship_note: str = "",
) -> Participation:
    """A focal point nominates a member of their delegation, within the seat limit."""
    if person.affiliation != Affiliation.DELEGATION or not access.can(
        by, access.Action.MANAGE_MEMBERS, person.state
    ):
        raise PermissionDenied
    invitation = (
        # Lock the delegation's invitation: concurrent nominations queue here for the seats.
        Invitation.objects.select_for_update(of=("self",))
        .filter(meeting=meeting, state_id=person.state_id)
        .order_by("pk")
        .first()
    )
    if invitation is None:
        raise ValidationError(_("Your delegation is not invited to this meeting."))
    if not person.is_active:
        raise ValidationError(_("%(name)s's account is deactivated.") % {"name": person})
    if Participation.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(_("%(name)s is already nominated.") % {"name": person})
    taken = Participation.objects.filter(meeting=meeting, person__state_id=person.state_id).count()
    if taken >= meeting.seats_per_delegation:
        seats = meeting.seats_per_delegation
        raise ValidationError(
            ngettext(
                "This meeting has %(seats)s seat per delegation, and your delegation has used it.",
                "This meeting has %(seats)s seats per delegation, and your delegation has "
                "used them all.",
                seats,
            )
            % {"seats": seats}
        )
    participation = Participation(
        meeting=meeting,
        person=person,
        nominated_by=by,
        sponsorship_requested=sponsorship_requested,
        sponsorship_note=sponsorship_note.strip(),
    )
    participation.full_clean()
    participation._history_user = by
    participation.save()
    return participation


@transaction.atomic
def participant_withdraw(*, by: User, participation: Participation) -> None:
    if not access.can(by, access.Action.MANAGE_MEMBERS, participation.person.state):
        raise PermissionDenied
    participation._history_user = by
    participation.delete()
