from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from att_portal import access
from att_portal.directory.models import User
from att_portal.directory.permissions import is_secretariat
from att_portal.directory.un_names import by_name, sorted_by_name

from .deadlines import Deadline, deadlines_of
from .enums import Body, CallKind, NominationStatus
from .models import (
    DeadlineCompletion,
    Invitation,
    Meeting,
    MeetingCall,
    MeetingMessage,
    MeetingSession,
    Participation,
)
from .permissions import CHAIR_OF
from .rules import Responsible


def timetable_for(request, meeting: Meeting) -> list[MeetingSession]:
    """The meeting's sessions as this reader may see them: a session of a confidential
    body (the DIEF) inside an open meeting's timetable shows its title and room only to
    that body's circle, after the second factor (the page is then marked); to anyone
    else it is a closed session (`session.closed` is True)."""
    from att_portal import marking

    from .permissions import sees_confidential_body

    sessions = list(meeting.sessions.all())
    for session in sessions:
        session.closed = session.is_closed_session and (
            not sees_confidential_body(request.user, session.body)
            or marking.lacks_second_factor(request)
        )
    marking.note(request, [s for s in sessions if s.is_closed_session and not s.closed])
    return sessions


def closed_sessions(sessions) -> list[MeetingSession]:
    """For what leaves the portal (the timetable PDF of an open meeting, calendar feeds):
    every confidential session of an open meeting is closed, whoever the reader is."""
    sessions = list(sessions)
    for session in sessions:
        session.closed = session.is_closed_session
    return sessions


def meetings_visible_to(user, *, body: str | None = None) -> QuerySet[Meeting]:
    meetings = access.visible(user, Meeting.objects.with_related())
    if body:
        meetings = meetings.filter(body=body)
    return meetings


def upcoming_meetings_for(user, *, today: datetime.date | None = None) -> QuerySet[Meeting]:
    today = today or timezone.localdate()
    return meetings_visible_to(user).filter(ends_on__gte=today).order_by("starts_on")


def with_deadline_data(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.prefetch_related(
        Prefetch("completions", queryset=DeadlineCompletion.objects.select_related("completed_by")),
        Prefetch("calls", queryset=MeetingCall.objects.order_by("due_on")),
    )


def participants_visible_to(user, meeting: Meeting) -> QuerySet[Participation]:
    return access.visible(
        user,
        meeting.participations.select_related(
            "person", "person__state", "person__organisation", "nominated_by"
        ),
    )


def invitations_visible_to(user, meeting: Meeting) -> QuerySet[Invitation]:
    """States in the order of their names in the reader's language, then organisations."""
    return access.visible(
        user, meeting.invitations.select_related("state", "organisation")
    ).order_by(by_name("state__country"), "organisation__name")


def my_deadlines(user, *, today: datetime.date | None = None) -> list[Deadline]:
    """What the person (or their delegation) must do, in meetings they may see, from today."""
    today = today or timezone.localdate()
    from att_portal.directory.permissions import active_roles

    meetings = with_deadline_data(
        meetings_visible_to(user).filter(ends_on__gte=today, cancelled_at__isnull=True)
    )
    roles = active_roles(user)
    invited = set()
    if user.state_id:
        invited = set(
            Invitation.objects.filter(state_id=user.state_id).values_list("meeting_id", flat=True)
        )
    elif user.organisation_id:
        invited = set(
            Invitation.objects.filter(organisation_id=user.organisation_id).values_list(
                "meeting_id", flat=True
            )
        )

    def concerns_me(deadline: Deadline) -> bool:
        if deadline.consulted == Responsible.CHAIR and CHAIR_OF.get(deadline.meeting.body) in roles:
            return True  # the Chair is consulted before the Secretariat acts (DIEF ToR art. 10)
        if deadline.responsible == Responsible.SECRETARIAT:
            return is_secretariat(user)
        if deadline.responsible == Responsible.CHAIR:
            return CHAIR_OF.get(deadline.meeting.body) in roles
        if deadline.responsible == Responsible.INVITED_DELEGATIONS:
            return deadline.meeting.pk in invited
        # A State's own acts (proposals, notices, replies) concern its delegates.
        return user.state_id is not None and deadline.meeting.pk in invited

    return [d for d in deadlines_of(meetings) if d.due_on >= today and concerns_me(d)]


def delegation_members_to_nominate(user) -> QuerySet[User]:
    return User.objects.filter(
        state_id=user.state_id, affiliation="delegation", is_active=True
    ).order_by("last_name", "first_name")


# -- Invitations and participants, per State -------------------------------------------------

# Participation.attendance_known, as a filter.
ATTENDANCE_KNOWN = Q(attended=True) | Q(attendance_recorded_at__isnull=False)


def _count(participations: QuerySet[Participation]):
    """A correlated count of `participations` (one subquery in the row's query)."""
    counted = participations.order_by().values("meeting_id").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted), 0, output_field=IntegerField())


def _with_participant_counts(invitations: QuerySet[Invitation], own: str) -> QuerySet[Invitation]:
    """Each invitation with its delegation's (or organisation's) nominations counted: `own`
    is the person's field that names the invitation's State or organisation."""
    people = Participation.objects.filter(
        meeting_id=OuterRef("meeting_id"), **{f"person__{own}_id": OuterRef(f"{own}_id")}
    )
    holding = people.exclude(status=NominationStatus.DECLINED)
    return invitations.annotate(
        nominated=_count(people),
        awaiting=_count(people.filter(status=NominationStatus.NOMINATED)),
        seats_used=_count(holding),
        sponsorship=_count(holding.filter(sponsorship_requested=True)),
        attended=_count(people.filter(attended=True)),
        attendance_recorded=_count(people.filter(ATTENDANCE_KNOWN)),
    )


def state_rows(meeting: Meeting) -> QuerySet[Invitation]:
    """Per invited State, in the order of the names in the reader's language: when it was
    invited (and whether late), how many it nominated, awaiting a decision, seats used,
    sponsorship asked, attended. One query, whatever the number of States."""
    return _with_participant_counts(
        meeting.invitations.filter(state__isnull=False).select_related("state"), "state"
    ).order_by(by_name("state__country"), "pk")


def organisation_rows(meeting: Meeting) -> QuerySet[Invitation]:
    """The same per invited organisation, by name. One query."""
    return _with_participant_counts(
        meeting.invitations.filter(organisation__isnull=False).select_related("organisation"),
        "organisation",
    ).order_by("organisation__name", "pk")


def attendance_candidates(meeting: Meeting) -> list[Participation]:
    """The participants holding a seat, by State (in the reader's order) and organisation,
    for the attendance sheet."""
    rows = meeting.participations.holding_seats().select_related(
        "person", "person__state", "person__organisation", "attendance_recorded_by"
    )
    return sorted_by_name(
        sorted(rows, key=_by_affiliation),
        state=lambda p: p.person.state if p.person.state_id else None,
    )


def people_who_may_attend(meeting: Meeting) -> QuerySet[User]:
    """Active people of the invited delegations and organisations who are not yet among
    the participants: whom the Secretariat may record as having attended."""
    invitations = meeting.invitations.all()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(state_id__in=invitations.filter(state__isnull=False).values("state_id"))
            | Q(
                organisation_id__in=invitations.filter(organisation__isnull=False).values(
                    "organisation_id"
                )
            )
        )
        .exclude(pk__in=meeting.participations.values("person_id"))
        .select_related("state", "organisation")
        .order_by("last_name", "first_name", "pk")
    )


def _by_affiliation(participation: Participation) -> tuple:
    person = participation.person
    organisation = person.organisation.name if person.organisation_id else ""
    return (organisation, person.last_name, person.first_name, participation.pk)


@dataclass
class ListGroup:
    """One delegation or organisation in the list of participants, with its people."""

    state: object = None
    organisation: object = None
    people: list = field(default_factory=list)


def list_of_participants(meeting: Meeting) -> tuple[list[ListGroup], bool]:
    """Who goes on the "List of participants": those recorded as having attended once
    attendance is recorded, else those the Secretariat accepted. Returns the groups (States
    unsorted — each language sorts them — then organisations by name) and whether the list
    is of attendance."""
    rows = list(
        meeting.participations.select_related("person", "person__state", "person__organisation")
        .filter(Q(attended=True) | Q(status=NominationStatus.ACCEPTED))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    of_attendance = meeting.participations.filter(ATTENDANCE_KNOWN).exists()
    if of_attendance:
        rows = [row for row in rows if row.attended]
    groups: dict[tuple, ListGroup] = {}
    for row in rows:
        person = row.person
        if person.state_id:
            group = groups.setdefault(("s", person.state_id), ListGroup(state=person.state))
        else:
            group = groups.setdefault(
                ("o", person.organisation_id), ListGroup(organisation=person.organisation)
            )
        group.people.append(person)
    states = [g for g in groups.values() if g.state is not None]
    organisations = sorted(
        (g for g in groups.values() if g.organisation is not None),
        key=lambda g: g.organisation.name,
    )
    return states + organisations, of_attendance


def participants_for_export(meeting: Meeting) -> list[Participation]:
    """Every nomination and recorded attendee of the meeting, for the Secretariat's CSV and
    XLSX: by State in the reader's order, then organisations. Two queries."""
    rows = meeting.participations.select_related(
        "person", "person__state", "person__organisation", "nominated_by"
    )
    return sorted_by_name(
        sorted(rows, key=_by_affiliation),
        state=lambda p: p.person.state if p.person.state_id else None,
    )


def messages_visible_to(user, meeting: Meeting) -> QuerySet[MeetingMessage]:
    return access.visible(user, meeting.messages.select_related("sent_by"))


# -- The CSP President's decisions on the DIEF (ToR arts. 3 and 4) ---------------------------


@dataclass
class DiefDecisions:
    """What the DIEF meeting's page says of the President's part: the decision to convene
    it (art. 3), the President's calls for cases (art. 3) and the Chair's term (art. 4)."""

    convening: object | None
    calls_for_cases: list[MeetingCall]
    chair_term: object | None  # the DIEF Chair's RoleAssignment on the meeting's first day
    appointment: object | None  # the recorded appointment behind that term, if any
    term_end_recorded: bool = True


def dief_decisions(user, meeting: Meeting) -> DiefDecisions | None:
    """The President's decisions about a DIEF meeting the user may see (None for others)."""
    from att_portal.directory.enums import Role
    from att_portal.directory.models import RoleAssignment

    from .models import DiefChairAppointment, DiefConvening, dief_chair_term_end

    if meeting.body != Body.DIEF:
        return None
    convening = (
        access.visible(user, DiefConvening)
        .select_related("decided_by__president")
        .filter(meeting=meeting)
        .first()
    )
    calls = list(
        access.visible(user, MeetingCall)
        .filter(meeting=meeting, kind=CallKind.CASES)
        .select_related("meeting__cycle__president")
    )
    term = (
        RoleAssignment.objects.active(meeting.starts_on)
        .filter(role=Role.DIEF_CHAIR)
        .select_related("user")
        .order_by("-starts_on")
        .first()
    )
    appointment = (
        access.visible(user, DiefChairAppointment)
        .select_related("cycle__president")
        .filter(role_assignment=term)
        .first()
        if term is not None
        else None
    )
    recorded = True
    if appointment is not None:
        recorded = dief_chair_term_end(appointment.cycle)[1]
    return DiefDecisions(convening, calls, term, appointment, recorded)


def dief_chair_candidates() -> QuerySet[User]:
    """Who may be appointed DIEF Chair: active delegates of States Parties and signatories
    (ToR arts. 4 and 6)."""
    from att_portal.directory.enums import Affiliation
    from att_portal.directory.models import DIEF_STATUSES, State

    states = State.objects.with_status(*DIEF_STATUSES).values("pk")
    return (
        User.objects.filter(is_active=True, affiliation=Affiliation.DELEGATION, state__in=states)
        .select_related("state")
        .order_by("last_name", "first_name")
    )


def dief_chair_appointments(user) -> QuerySet:
    from .models import DiefChairAppointment

    return access.visible(user, DiefChairAppointment).select_related(
        "cycle__president", "role_assignment__user__state", "recorded_by"
    )
