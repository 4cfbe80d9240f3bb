"""Changes to meetings: the meeting itself and its cancellation, timetable, calls,
invitations, nominations, recorded deadlines."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import PROTECT, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.directory.enums import Affiliation, AttStatus, Role
from att_portal.directory.models import DIEF_STATUSES, Organisation, RoleAssignment, State, User
from att_portal.l10n.content import Translations, set_translations
from att_portal.l10n.dates import un_date
from att_portal.notifications.services import Message, messages_queue

from .enums import Body, NominationStatus
from .models import (
    CANCELLED,
    DeadlineCompletion,
    DiefChairAppointment,
    DiefConvening,
    Invitation,
    Meeting,
    MeetingCall,
    MeetingMessage,
    MeetingSession,
    Participation,
    dief_chair_term_end,
    nominations_closed,
)
from .permissions import MeetingAction
from .rules import Responsible, rules_for


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


# What the Secretariat sets on a meeting besides its title and venue (per language).
MEETING_FIELDS = frozenset(
    {
        "cycle",
        "body",
        "starts_on",
        "ends_on",
        "format",
        "seats_per_delegation",
        "observers_admitted",
        "rolling_basis",
    }
)


@transaction.atomic
def meeting_save(
    *,
    by: User,
    meeting: Meeting,
    title: str | Translations | None = None,
    venue: str | Translations | None = None,
    **fields,
) -> Meeting:
    """Create (a meeting not saved yet) or change a meeting: `fields` (see MEETING_FIELDS)
    are set on it, `title` and `venue` are the English text or one per UN language. The
    DIEF limits are checked under a lock on that year's DIEF meetings so that two
    Secretariat officers cannot both add the third one."""
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"Not fields of a meeting: {sorted(unknown)}")
    created = meeting.pk is None
    if not created:
        access.require(by, access.Action.CHANGE, meeting)
    elif not access.can(by, MeetingAction.CREATE, meeting):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(meeting, name, value)
    if title is not None:
        set_translations(meeting, "title", title)
    if venue is not None:
        set_translations(meeting, "venue", venue)
    if meeting.body == Body.DIEF and meeting.starts_on:
        list(
            Meeting.objects.select_for_update().filter(
                body=Body.DIEF, starts_on__year=meeting.starts_on.year
            )
        )
    meeting.full_clean()
    meeting._history_user = by
    meeting._change_reason = "Meeting created" if created else "Meeting changed"
    meeting.save()
    if meeting.body == Body.CSP:
        _dief_chair_terms_follow(by, meeting.cycle.number)
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
    focal_points = RoleAssignment.objects.active().filter(role=Role.FOCAL_POINT)
    members = User.objects.filter(affiliation=Affiliation.DELEGATION, is_active=True)
    # Only the rows that receive: the focal points, and the members of delegations
    # without one (a scan over every delegation reads a fifth of the people, not all).
    state_has_focal_point = members.filter(
        state_id=OuterRef("state_id"),
        pk__in=focal_points.values("user_id"),
    )
    people = (
        members.filter(state_id__in=state_ids)
        .annotate(is_focal_point=Exists(focal_points.filter(user=OuterRef("pk"))))
        .filter(Q(is_focal_point=True) | ~Exists(state_has_focal_point))
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


@dataclass(frozen=True)
class InvitationRound:
    """Who an issue of the invitations would reach now: the States and organisations not
    yet invited, and the people written to (their contacts, the organisations' members)."""

    states: list[State]
    organisations: list[Organisation]
    recipients: list[User]

    @property
    def fingerprint(self) -> str:
        """Stands for this exact list: the confirmation sends only what was previewed."""
        parts = (
            ",".join(str(pk) for pk in sorted(s.pk for s in self.states)),
            ",".join(str(pk) for pk in sorted(o.pk for o in self.organisations)),
            ",".join(str(pk) for pk in sorted(p.pk for p in self.recipients)),
        )
        return hashlib.sha256(";".join(parts).encode()).hexdigest()[:40]


def invitation_round(meeting: Meeting) -> InvitationRound:
    """What "Send the invitations" would do now (read only: the preview shows it)."""
    already = meeting.invitations.values_list("state_id", "organisation_id")
    invited_states = {state for state, _org in already if state}
    invited_orgs = {org for _state, org in already if org}
    states = [s for s in states_to_invite(meeting) if s.pk not in invited_states]
    organisations = [o for o in organisations_to_invite(meeting) if o.pk not in invited_orgs]
    contacts = delegation_contacts([s.pk for s in states])
    recipients = [person for state in states for person in contacts.get(state.pk, [])]
    recipients += list(
        User.objects.filter(
            organisation_id__in=[o.pk for o in organisations], is_active=True
        ).order_by("pk")
    )
    return InvitationRound(states=states, organisations=organisations, recipients=recipients)


@transaction.atomic
def meeting_invitations_issue(
    *, by: User, meeting: Meeting, confirmed: str | None = None
) -> list[Invitation]:
    """Invite every delegation the meeting's rules call for, in one action: an invitation
    per State (and observer organisation), an e-mail and a notice to its contacts. Issuing
    again invites only those not yet invited. Sending after the deadline is allowed and
    recorded as late. `confirmed`: the fingerprint of the previewed round (the portal
    sends only after its preview): refused if the list has changed since."""
    access.require(by, MeetingAction.INVITE, meeting)
    refuse_if_cancelled(meeting)
    # Two officers confirming at once: the second one waits here and invites nobody twice.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    planned = invitation_round(meeting)
    if confirmed is not None and confirmed != planned.fingerprint:
        raise ValidationError(
            _(
                "The list of those to invite has changed since the preview: nothing was "
                "sent. Check the list and confirm again."
            )
        )
    now = timezone.now()
    due = invitation_deadline(meeting)
    late = due is not None and timezone.localdate(now) > due
    new = [
        Invitation(meeting=meeting, state=state, sent_at=now, sent_by=by, late=late)
        for state in planned.states
    ] + [
        Invitation(meeting=meeting, organisation=org, sent_at=now, sent_by=by, late=late)
        for org in planned.organisations
    ]
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    if due is not None:
        DeadlineCompletion.objects.get_or_create(
            meeting=meeting, key="invitations", defaults={"completed_at": now, "completed_by": by}
        )
    url = reverse("meetings:detail", args=[meeting.pk])
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
            for person in planned.recipients
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
    """A focal point nominates a member of their delegation, within the seat limit (a
    declined nomination frees its seat), until the meeting ends."""
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
    refuse_if_cancelled(meeting)
    if invitation is None:
        raise ValidationError(_("Your delegation is not invited to this meeting."))
    if timezone.localdate() > meeting.ends_on:
        raise ValidationError(nominations_closed(meeting))
    if not person.is_active:
        raise ValidationError(_("%(name)s's account is deactivated.") % {"name": person})
    if Participation.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(_("%(name)s is already nominated.") % {"name": person})
    participation = Participation(
        meeting=meeting,
        person=person,
        nominated_by=by,
        sponsorship_requested=sponsorship_requested,
        sponsorship_note=sponsorship_note.strip(),
    )
    participation.full_clean()  # the seat limit, the invitation: Participation.clean
    participation._history_user = by
    participation._change_reason = "Nominated"
    participation.save()
    return participation


@transaction.atomic
def participant_withdraw(*, by: User, participation: Participation) -> None:
    """The focal point withdraws a nomination, until the meeting ends; one recorded as
    having attended stays."""
    if not access.can(by, access.Action.MANAGE_MEMBERS, participation.person.state):
        raise PermissionDenied
    meeting = participation.meeting
    if timezone.localdate() > meeting.ends_on:
        raise ValidationError(nominations_closed(meeting))
    if participation.attended:
        raise ValidationError(
            _("%(name)s is recorded as having attended: the nomination stays.")
            % {"name": participation.person}
        )
    participation._history_user = by
    participation._change_reason = "Nomination withdrawn"
    participation.delete()


def _lock_delegation(meeting: Meeting, person: User) -> None:
    """Decisions and nominations for one delegation's seats queue on its invitation."""
    invited = (
        Q(state_id=person.state_id)
        if person.state_id
        else Q(organisation_id=person.organisation_id)
    )
    list(Invitation.objects.select_for_update(of=("self",)).filter(invited, meeting=meeting))


@transaction.atomic
def nomination_decide(*, by: User, participation: Participation, accept: bool) -> Participation:
    """The Secretariat accepts or declines a nominated participant (a declined one frees the
    seat; accepting a declined one again needs a free seat) until the meeting ends. The
    focal point who nominated is told by a notice and an e-mail (for the DIEF with no
    detail, only a link)."""
    meeting = participation.meeting
    access.require(by, MeetingAction.DECIDE_NOMINATIONS, meeting)
    _lock_delegation(meeting, participation.person)
    participation.refresh_from_db()
    refuse_if_cancelled(meeting)
    if timezone.localdate() > meeting.ends_on:
        raise ValidationError(nominations_closed(meeting))
    status = NominationStatus.ACCEPTED if accept else NominationStatus.DECLINED
    if participation.status == status:
        raise ValidationError(
            _("This nomination is already accepted.")
            if accept
            else _("This nomination is already declined.")
        )
    participation.status = status
    participation.decided_at = timezone.now()
    participation.decided_by = by
    participation.full_clean()
    participation._history_user = by
    participation._change_reason = f"Nomination {status}"
    participation.save()
    _tell_nominator(participation)
    return participation


def _tell_nominator(participation: Participation) -> None:
    nominator = participation.nominated_by
    if not nominator.is_active or participation.decided_by_id == nominator.pk:
        return
    meeting = participation.meeting
    confidential = meeting.confidential_forum is not None
    accepted = participation.status == NominationStatus.ACCEPTED

    def title() -> str:
        values = {"person": participation.person, "meeting": meeting.title}
        if confidential:
            return _("A nomination in the confidential area has been answered")
        if accepted:
            return _("Nomination accepted: %(person)s, %(meeting)s") % values
        return _("Nomination declined: %(person)s, %(meeting)s") % values

    stamp = participation.decided_at.strftime("%Y%m%d%H%M%S%f")
    messages_queue(
        [
            Message(
                key=f"nomination:{participation.pk}:{participation.status}:{stamp}",
                recipient=nominator,
                template="nomination-decided",
                context={
                    "meeting": meeting,
                    "person": participation.person,
                    "accepted": accepted,
                    "confidential": confidential,
                },
                url=reverse("meetings:detail", args=[meeting.pk]),
                notice_title=title,
            )
        ]
    )


# -- Attendance --------------------------------------------------------------------------------


def _attendance_open(meeting: Meeting) -> None:
    refuse_if_cancelled(meeting)
    if timezone.localdate() < meeting.starts_on:
        raise ValidationError(
            _("Attendance is recorded from the meeting's first day, %(date)s.")
            % {"date": un_date(meeting.starts_on)}
        )


@transaction.atomic
def attendance_record(*, by: User, meeting: Meeting, attended) -> int:
    """The Secretariat records who actually took part, during or after the meeting: the
    participants in `attended` attended, every other participant holding a seat did not.
    A nomination still awaiting the Secretariat is accepted by recording its attendance.
    Returns how many participants changed."""
    access.require(by, MeetingAction.RECORD_ATTENDANCE, meeting)
    _attendance_open(meeting)
    rows = list(meeting.participations.select_for_update().holding_seats().order_by("pk"))
    present = {participation.pk for participation in attended}
    if present - {row.pk for row in rows}:
        raise ValidationError(
            {"attended": _("Only participants holding a seat can be recorded as attending.")}
        )
    now = timezone.now()
    changed = 0
    for row in rows:
        value = row.pk in present
        if row.attended == value and row.attendance_known:
            continue
        row.attended = value
        row.attendance_recorded_at = now
        row.attendance_recorded_by = by
        if value and row.status == NominationStatus.NOMINATED:
            row.status = NominationStatus.ACCEPTED
            row.decided_at, row.decided_by = now, by
        row.full_clean()
        row._history_user = by
        row._change_reason = "Attended" if value else "Did not attend"
        row.save()
        changed += 1
    return changed


@transaction.atomic
def attendee_add(*, by: User, meeting: Meeting, person: User) -> Participation:
    """The Secretariat records that a person of an invited delegation or organisation who
    was not nominated took part (a member of an organisation, someone who came in the
    place of another). A delegation's seat limit still holds."""
    access.require(by, MeetingAction.RECORD_ATTENDANCE, meeting)
    _attendance_open(meeting)
    _lock_delegation(meeting, person)
    if Participation.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(
            {
                "person": _(
                    "%(name)s is already among the participants: tick their attendance in the list."
                )
                % {"name": person}
            }
        )
    now = timezone.now()
    participation = Participation(
        meeting=meeting,
        person=person,
        nominated_by=by,
        status=NominationStatus.ACCEPTED,
        decided_at=now,
        decided_by=by,
        attended=True,
        attendance_recorded_at=now,
        attendance_recorded_by=by,
    )
    participation.full_clean()
    participation._history_user = by
    participation._change_reason = "Attended (added by the Secretariat)"
    participation.save()
    return participation


# -- The "List of participants" document ----------------------------------------------------

# The type of the list in the register's symbols (ATT/CSP{n}[.BODY]/{year}/SEC/{number}/…).
PARTICIPANTS_LIST_TYPE = "Conf.PartList"


def participants_list_document(meeting: Meeting):
    """The meeting's "List of participants" as first registered (its revisions follow)."""
    return (
        meeting.documents.filter(doc_type=PARTICIPANTS_LIST_TYPE, revises__isnull=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def participants_list_issue(*, by: User, meeting: Meeting):
    """Register the meeting's "List of participants" — a PDF in each of the six languages —
    under the meeting's symbol series: SEC as author, the meeting's cycle and body, the next
    running number; issued again, it is the next revision (same number, `.RevN`). It lists
    those recorded as having attended once attendance is recorded, else those accepted.
    The DIEF's is confidential to the forum (ToR art. 14: no observer sees it)."""
    # The register is a feature app: imported here, when a list is issued (layers point down).
    from django.core.files.base import ContentFile

    from att_portal.directory.un_names import sorted_by_name
    from att_portal.l10n.content import in_each_language
    from documents.enums import Distribution
    from documents.pdf import UN_LANGUAGES, render_pdf
    from documents.services import language_version_upload, register_unchecked, revise_unchecked

    from .selectors import list_of_participants

    access.require(by, MeetingAction.EXPORT_PARTICIPANTS, meeting)
    refuse_if_cancelled(meeting)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one issue at a time
    groups, of_attendance = list_of_participants(meeting)
    if not groups:
        raise ValidationError(
            _(
                "Nobody is accepted or recorded as having attended yet: the list of "
                "participants would be empty."
            )
        )
    today = timezone.localdate()
    original = participants_list_document(meeting)
    if original is None:
        confidential = meeting.confidential_forum
        document = register_unchecked(
            by=by,
            title=in_each_language(
                lambda: _("List of participants: %(meeting)s") % {"meeting": meeting.title}
            ),
            cycle=meeting.cycle,
            body=meeting.body if meeting.body != Body.CSP else "",
            doc_type=PARTICIPANTS_LIST_TYPE,
            issued_on=today,
            author_office="SEC",
            distribution=Distribution.CONFIDENTIAL if confidential else Distribution.RESTRICTED,
            forum=confidential or "",
        )
        type(document).objects.filter(pk=document.pk).update(meeting=meeting)
        document.meeting = meeting
    else:
        document = revise_unchecked(by=by, document=original, issued_on=today)
    states = [group for group in groups if group.state is not None]
    organisations = [group for group in groups if group.state is None]
    for language in UN_LANGUAGES:
        pdf = render_pdf(
            "pdf/participants.html",
            {
                "meeting": meeting,
                "symbol": document.symbol,
                "issued_on": today,
                "body_heading": Body(meeting.body).label,
                "cycle_heading": meeting.cycle,
                "groups": sorted_by_name(states, state=lambda g: g.state, language=language)
                + organisations,
                "of_attendance": of_attendance,
            },
            language=language,
            confidential_forum=meeting.confidential_forum,
        )
        language_version_upload(
            by=by,
            document=document,
            language=language,
            uploaded=ContentFile(pdf, name="participants.pdf"),
            content_type="application/pdf",
            safe_name=f"list-of-participants-{document.number}-{language}.pdf",
        )
    return document


# -- A message to every invited delegation -------------------------------------------------------


def invited_delegations(meeting: Meeting) -> int:
    """How many delegations and organisations are invited."""
    return meeting.invitations.count()


@transaction.atomic
def message_to_invited_send(
    *, by: User, meeting: Meeting, subject: str | Translations, text: str | Translations
) -> MeetingMessage:
    """The Secretariat or the meeting's Chair writes to every invited delegation: each of
    its contacts, the members of invited organisations and the nominated participants get
    a notice and an e-mail (one each, under a unique key). For the DIEF the e-mail says
    only that a message awaits in the confidential area, with a link: the message is read
    in the portal."""
    access.require(by, MeetingAction.MESSAGE_INVITED, meeting)
    refuse_if_cancelled(meeting)
    delegations = invited_delegations(meeting)
    if not delegations:
        raise ValidationError(_("No delegation is invited yet: there is nobody to write to."))
    recipients = invited_people(meeting)
    message = MeetingMessage(
        meeting=meeting,
        sent_by=by,
        sent_at=timezone.now(),
        delegations=delegations,
        people=len(recipients),
    )
    set_translations(message, "subject", subject)
    set_translations(message, "text", text)
    message.full_clean()
    message._history_user = by
    message._change_reason = "Sent to the invited delegations"
    message.save()
    confidential = meeting.confidential_forum is not None
    messages_queue(
        [
            Message(
                key=f"meeting-message:{message.pk}:{person.pk}",
                recipient=person,
                template="meeting-message",
                context={"message": message, "meeting": meeting, "confidential": confidential},
                url=message.get_absolute_url(),
                notice_title=lambda: (
                    _("A message awaits you in the confidential area")
                    if confidential
                    else _("Message about %(meeting)s: %(subject)s")
                    % {"meeting": meeting.title, "subject": message.subject}
                ),
            )
            for person in recipients
        ]
    )
    return message


# -- Cancelling a meeting ------------------------------------------------------------------


def refuse_if_cancelled(meeting: Meeting) -> None:
    """Nothing new for a cancelled meeting: no invitations, nominations, sessions or calls."""
    if meeting.is_cancelled:
        raise ValidationError(CANCELLED)


def invited_people(meeting: Meeting) -> list[User]:
    """Everybody a meeting's invitations concern: the contacts of every invited delegation
    (as for the invitation), the members of invited organisations and the nominated
    participants. Told of a cancellation, written to by the Secretariat or the Chair."""
    invitations = list(meeting.invitations.values_list("state_id", "organisation_id"))
    contacts = delegation_contacts([state for state, _org in invitations if state])
    people = {person.pk: person for members in contacts.values() for person in members}
    others = User.objects.filter(is_active=True).filter(
        Q(organisation_id__in=[org for _state, org in invitations if org])
        | Q(pk__in=meeting.participations.values("person_id"))
    )
    for person in others.order_by("pk"):
        people.setdefault(person.pk, person)
    return sorted(people.values(), key=lambda person: person.pk)


@transaction.atomic
def meeting_cancel(*, by: User, meeting: Meeting, note: str) -> Meeting:
    """Cancel a meeting (never delete it): it keeps its record, loses its deadlines and
    takes nothing new; every invited delegation is told by a notice and an e-mail (for the
    DIEF with no detail of the meeting, only a link). Cancelling is final."""
    access.require(by, access.Action.CHANGE, meeting)
    # Two officers cancelling at once: the second one waits here, then is refused.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    meeting.refresh_from_db(fields=["cancelled_at", "cancelled_by", "cancellation_note"])
    refuse_if_cancelled(meeting)
    if meeting.ends_on < timezone.localdate():
        raise ValidationError(_("This meeting has ended: it can no longer be cancelled."))
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = by
    meeting.cancellation_note = note.strip()
    try:
        Meeting._meta.get_field("cancellation_note").clean(meeting.cancellation_note, meeting)
    except ValidationError as refused:
        raise ValidationError({"note": refused.messages}) from refused
    meeting._history_user = by
    meeting._change_reason = "Meeting cancelled"
    meeting.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_note"])
    url = reverse("meetings:detail", args=[meeting.pk])
    confidential = meeting.confidential_forum is not None
    messages_queue(
        [
            Message(
                key=f"meeting-cancelled:{meeting.pk}:{person.pk}",
                recipient=person,
                template="meeting-cancelled",
                context={"meeting": meeting, "confidential": confidential},
                url=url,
                notice_title=lambda: (
                    _("A meeting in the confidential area is cancelled")
                    if confidential
                    else _("Cancelled: %(meeting)s") % {"meeting": meeting.title}
                ),
            )
            for person in invited_people(meeting)
        ]
    )
    return meeting


# -- The timetable ---------------------------------------------------------------------------


def _timetable_locked(by: User, meeting: Meeting) -> None:
    access.require(by, access.Action.CHANGE, meeting)
    # Serialise changes to timetables so that two clerks cannot book one room twice.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


@transaction.atomic
def session_change(
    *,
    by: User,
    session: MeetingSession,
    title: str | Translations,
    body: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: str = "",
) -> MeetingSession:
    """Move a session, give it to another body (`body`), change its room or title; the
    rules of MeetingSession.clean apply (inside the meeting's dates, no room twice)."""
    _timetable_locked(by, session.meeting)
    session.body = body or session.meeting.body
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.room = room.strip()
    set_translations(session, "title", title)
    session.full_clean()
    session._history_user = by
    session._change_reason = "Session changed"
    session.save()
    return session


@transaction.atomic
def session_delete(*, by: User, session: MeetingSession) -> None:
    _timetable_locked(by, session.meeting)
    refuse_if_cancelled(session.meeting)
    session._history_user = by
    session._change_reason = "Session deleted"
    session.delete()


# -- Calls -----------------------------------------------------------------------------------


def call_contributions_exist(call: MeetingCall) -> bool:
    """Whether anything was submitted to the call (proposals, written submissions …): the
    apps that take contributions point at calls with protected foreign keys."""
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: call}).exists()
        for relation in MeetingCall._meta.related_objects
        if relation.on_delete is PROTECT
    )


@transaction.atomic
def call_add(
    *,
    by: User,
    meeting: Meeting,
    kind: str,
    title: str | Translations,
    issued_on: datetime.date,
    due_on: datetime.date,
    issued_by: str = "",
    responsible: str = Responsible.INVITED_DELEGATIONS,
) -> MeetingCall:
    """A call of the meeting with its due date (MeetingCall.clean: due after it is issued
    and before the meeting's first day; calls for ad hoc issues for WGETI only)."""
    access.require(by, access.Action.CHANGE, meeting)
    call = MeetingCall(meeting=meeting)
    call._change_reason = "Call issued"
    return _call_store(
        by,
        call,
        kind=kind,
        title=title,
        issued_on=issued_on,
        due_on=due_on,
        issued_by=issued_by,
        responsible=responsible,
    )


@transaction.atomic
def call_change(
    *,
    by: User,
    call: MeetingCall,
    kind: str,
    title: str | Translations,
    issued_on: datetime.date,
    due_on: datetime.date,
    issued_by: str = "",
    responsible: str = Responsible.INVITED_DELEGATIONS,
) -> MeetingCall:
    access.require(by, access.Action.CHANGE, call.meeting)
    if kind != call.kind and call_contributions_exist(call):
        raise ValidationError(
            {"kind": _("Contributions were made to this call: its kind can no longer change.")}
        )
    call._change_reason = "Call changed"
    return _call_store(
        by,
        call,
        kind=kind,
        title=title,
        issued_on=issued_on,
        due_on=due_on,
        issued_by=issued_by,
        responsible=responsible,
    )


def _call_store(by: User, call: MeetingCall, *, title, issued_by: str, **values) -> MeetingCall:
    for name, value in values.items():
        setattr(call, name, value)
    call.issued_by = issued_by.strip()
    set_translations(call, "title", title)
    call.full_clean()
    call._history_user = by
    call.save()
    return call


@transaction.atomic
def call_delete(*, by: User, call: MeetingCall) -> None:
    """A call nobody has answered yet; its recorded deadline goes with it."""
    access.require(by, access.Action.CHANGE, call.meeting)
    refuse_if_cancelled(call.meeting)
    if call_contributions_exist(call):
        raise ValidationError(_("Contributions were made to this call: it cannot be deleted."))
    DeadlineCompletion.objects.filter(meeting=call.meeting, key=f"call-{call.pk}").delete()
    call._history_user = by
    call._change_reason = "Call deleted"
    call.delete()


# -- The CSP President's decisions on the DIEF (ToR arts. 3 and 4) ---------------------------


@transaction.atomic
def dief_convening_record(
    *,
    by: User,
    meeting: Meeting,
    decided_by,
    decided_on: datetime.date,
    chair_consulted: bool,
    secretariat_consulted: bool,
) -> DiefConvening:
    """Record (or correct) the President's decision to convene a DIEF meeting, taken after
    consulting the DIEF Chair and the Secretariat (ToR art. 3)."""
    access.require(by, MeetingAction.RECORD_CONVENING, meeting)
    convening = DiefConvening.objects.filter(meeting=meeting).first()
    created = convening is None
    if created:
        convening = DiefConvening(meeting=meeting)
    convening.decided_by = decided_by
    convening.decided_on = decided_on
    convening.chair_consulted = chair_consulted
    convening.secretariat_consulted = secretariat_consulted
    convening.recorded_by = by
    convening.recorded_at = timezone.now()
    convening.full_clean()
    convening._history_user = by
    convening._change_reason = "Decision to convene recorded" if created else "Decision corrected"
    convening.save()
    return convening


@transaction.atomic
def dief_chair_appoint(
    *, by: User, person: User, cycle, appointed_on: datetime.date
) -> DiefChairAppointment:
    """Record the President's appointment of the DIEF Chair: the Chair's role runs from the
    appointment until the close of the next Conference (ToR art. 4); a term of an earlier
    Chair still running then ends the day before."""
    if not access.can(by, MeetingAction.APPOINT_DIEF_CHAIR, DiefChairAppointment()):
        raise PermissionDenied
    ends_on, _recorded = dief_chair_term_end(cycle)
    if appointed_on > timezone.localdate():
        raise ValidationError(
            {"appointed_on": _("An appointment is recorded once it is made, not before.")}
        )
    if appointed_on > ends_on:
        raise ValidationError(
            {
                "appointed_on": _(
                    "A Chair appointed by the President of %(cycle)s serves until %(date)s: "
                    "this date is after the end of the term."
                )
                % {"cycle": cycle, "date": un_date(ends_on)}
            }
        )
    if not (
        person.is_active
        and person.affiliation == Affiliation.DELEGATION
        and person.state_id
        and person.state.status_on(appointed_on) in DIEF_STATUSES
    ):
        raise ValidationError(
            {
                "person": _(
                    "The DIEF Chair is a delegate of a State Party or a signatory (ToR arts. "
                    "4 and 6)."
                )
            }
        )
    earlier = (
        RoleAssignment.objects.select_for_update()
        .active(appointed_on)
        .filter(role=Role.DIEF_CHAIR, starts_on__lt=appointed_on)
    )
    for term in earlier:
        term.ends_on = appointed_on - datetime.timedelta(days=1)
        term._history_user = by
        term._change_reason = "A new DIEF Chair is appointed"
        term.full_clean()
        term.save()
    assignment = RoleAssignment(
        user=person, role=Role.DIEF_CHAIR, starts_on=appointed_on, ends_on=ends_on
    )
    assignment.full_clean()
    assignment._history_user = by
    assignment._change_reason = "Appointed DIEF Chair by the CSP President (ToR art. 4)"
    assignment.save()
    appointment = DiefChairAppointment(
        cycle=cycle,
        appointed_on=appointed_on,
        role_assignment=assignment,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    appointment.full_clean()
    appointment._history_user = by
    appointment._change_reason = "Appointment recorded"
    appointment.save()
    return appointment


def _dief_chair_terms_follow(by: User, csp_number: int) -> None:
    """The Conference of cycle `csp_number` now has (new) dates: the terms of the Chairs
    appointed by the previous cycle's President end at its close (ToR art. 4)."""
    for appointment in DiefChairAppointment.objects.filter(
        cycle__number=csp_number - 1
    ).select_related("cycle", "role_assignment"):
        term = appointment.role_assignment
        ends_on, _recorded = dief_chair_term_end(appointment.cycle)
        if term.ends_on != ends_on and ends_on >= term.starts_on:
            term.ends_on = ends_on
            term._history_user = by
            term._change_reason = "The close of the next Conference is recorded"
            term.save()
