from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from att_portal import access, registry
from att_portal.directory.models import User
from att_portal.directory.permissions import is_secretariat
from att_portal.directory.un_names import in_name_order, sorted_by_name

from .deadlines import Act, Deadline, deadlines_of
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
from .rules import RULES_BY_BODY, Anchor, Responsible


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


def _state_code(invitation: Invitation) -> str | None:
    return invitation.state.country.code if invitation.state_id else None


def invitations_visible_to(user, meeting: Meeting) -> list[Invitation]:
    """States in the order of their names in the reader's language, then organisations."""
    rows = access.visible(
        user, meeting.invitations.select_related("state", "organisation")
    ).order_by("organisation__name", "pk")
    return in_name_order(rows, _state_code)


# Whom a deadline concerns, beside its meeting: always, or if the meeting invited the
# person's delegation (or organisation).
_ALWAYS, _IF_INVITED = "always", "if_invited"


# A rule's act of one State (a presenting State's notice, a concerned State's reply, a
# proposal): listed by the workflow that knows which States must act (a deadline source in
# the registry), not offered to every delegation the meeting invited.
ONE_STATES_ACTS = frozenset(
    {Responsible.PRESENTING_STATE, Responsible.CONCERNED_STATE, Responsible.PROPOSING_STATE}
)


def _concern(
    user,
    roles: frozenset[str],
    responsible: str,
    consulted: str | None,
    body: str,
    *,
    rule: bool = False,
):
    """Whether a deadline of a meeting of `body` concerns `user`: _ALWAYS, _IF_INVITED or
    None. The one rule for My deadlines, read in SQL and again on each deadline. `rule`:
    the deadline comes from the rule table, not from one of the meeting's calls."""
    if rule and responsible in ONE_STATES_ACTS:
        return None
    if consulted == Responsible.CHAIR and CHAIR_OF.get(body) in roles:
        return _ALWAYS  # the Chair is consulted before the Secretariat acts (DIEF ToR art. 10)
    if responsible == Responsible.SECRETARIAT:
        return _ALWAYS if is_secretariat(user) else None
    if responsible == Responsible.CHAIR:
        return _ALWAYS if CHAIR_OF.get(body) in roles else None
    if responsible == Responsible.INVITED_DELEGATIONS:
        return _IF_INVITED
    # A State's own acts (proposals, notices, replies) concern its delegates.
    return _IF_INVITED if user.state_id is not None else None


def _invitations_of(user) -> QuerySet[Invitation] | None:
    if user.state_id:
        return Invitation.objects.filter(state_id=user.state_id)
    if user.organisation_id:
        return Invitation.objects.filter(organisation_id=user.organisation_id)
    return None


def _concerning(user, roles, today: datetime.date, invitations) -> tuple[Q, Q]:
    """The meetings with a deadline from `today` on that concerns `user`, and the calls
    that do, as filters."""
    invited = Q(pk__in=invitations.values("meeting_id")) if invitations is not None else None
    meetings = Q(pk__in=[])
    for body, rules in RULES_BY_BODY.items():
        by_concern: dict[str, list[int]] = {}
        for rule in rules:
            if rule.anchor == Anchor.MEETING_START:
                concern = _concern(user, roles, rule.responsible, rule.consulted, body, rule=True)
                by_concern.setdefault(concern, []).append(rule.days_before)
        for concern, offsets in by_concern.items():
            # Due on S − n, from today on: meetings starting from today + the least n.
            due_ahead = Q(body=body, starts_on__gte=today + datetime.timedelta(days=min(offsets)))
            if concern == _ALWAYS:
                meetings |= due_ahead
            elif concern == _IF_INVITED and invited is not None:
                meetings |= due_ahead & invited
    calls = Q(pk__in=[])
    for responsible in Responsible.values:
        by_concern = {}
        for body in Body.values:
            concern = _concern(user, roles, responsible, None, body)
            by_concern.setdefault(concern, []).append(body)
        for concern, bodies in by_concern.items():
            of_bodies = Q(responsible=responsible)
            if len(bodies) < len(Body.values):
                of_bodies &= Q(meeting__body__in=bodies)
            if concern == _ALWAYS:
                calls |= of_bodies
            elif concern == _IF_INVITED and invitations is not None:
                calls |= of_bodies & Q(meeting_id__in=invitations.values("meeting_id"))
    calls &= Q(due_on__gte=today)
    meetings |= Q(pk__in=MeetingCall.objects.filter(calls).values("meeting_id"))
    return meetings, calls


def my_deadlines(user, *, today: datetime.date | None = None) -> list[Deadline | Act]:
    """What the person (or their delegation) must do, in meetings they may see, from today,
    and the acts the workflows ask of them or their State (registered deadline sources).
    Only the meetings with such a deadline are read, with only the calls that concern the
    person: a fixed number of queries, whatever the number of meetings."""
    today = today or timezone.localdate()
    from att_portal.directory.permissions import active_roles

    if not access.is_signed_in(user):
        return []
    roles = active_roles(user)
    invitations = _invitations_of(user)
    meeting_filter, call_filter = _concerning(user, roles, today, invitations)
    meetings = (
        meetings_visible_to(user)
        .filter(meeting_filter, ends_on__gte=today, cancelled_at__isnull=True)
        .annotate(
            invites_me=Exists(invitations.filter(meeting_id=OuterRef("pk")))
            if invitations is not None
            else Value(False)
        )
        .prefetch_related(
            Prefetch(
                "completions",
                queryset=DeadlineCompletion.objects.select_related("completed_by"),
            ),
            Prefetch("calls", queryset=MeetingCall.objects.filter(call_filter).order_by("due_on")),
        )
    )

    def concerns_me(deadline: Deadline) -> bool:
        meeting = deadline.meeting
        concern = _concern(
            user,
            roles,
            deadline.responsible,
            deadline.consulted,
            meeting.body,
            rule=deadline.call is None,
        )
        return concern == _ALWAYS or (concern == _IF_INVITED and meeting.invites_me)

    deadlines: list[Deadline | Act] = [
        d for d in deadlines_of(meetings) if d.due_on >= today and concerns_me(d)
    ]
    deadlines += registry.acts_for(user, today)
    return sorted(deadlines, key=lambda d: (d.due_on, d.meeting.pk if d.meeting else 0))


def delegation_members_to_nominate(user) -> QuerySet[User]:
    return User.objects.filter(
        state_id=user.state_id, affiliation="delegation", is_active=True
    ).order_by("last_name", "first_name")


# -- Invitations and participants, per State -------------------------------------------------

# Participation.attendance_known, as a filter.
ATTENDANCE_KNOWN = Q(attended=True) | Q(attendance_recorded_at__isnull=False)


def _with_participant_counts(
    meeting: Meeting, invitations: QuerySet[Invitation], own: str
) -> list[Invitation]:
    """Each invitation with its delegation's (or organisation's) nominations counted: `own`
    is the person's field that names the invitation's State or organisation. The meeting's
    participations are counted in one pass, grouped by delegation: a count per invitation
    read them all again for each invited State."""
    key = f"person__{own}_id"
    holding = ~Q(status=NominationStatus.DECLINED)
    counted = {
        "nominated": None,
        "awaiting": Q(status=NominationStatus.NOMINATED),
        "seats_used": holding,
        "sponsorship": holding & Q(sponsorship_requested=True),
        "attended": Q(attended=True),
        "attendance_recorded": ATTENDANCE_KNOWN,
    }
    # Named apart from the fields they count ("attended" is one).
    counts = {
        row.pop(key): row
        for row in Participation.objects.filter(meeting=meeting)
        .order_by()
        .values(key)
        .annotate(**{f"n_{name}": Count("pk", filter=rule) for name, rule in counted.items()})
    }
    rows = list(invitations)
    for row in rows:
        found = counts.get(getattr(row, f"{own}_id"), {})
        for name in counted:
            setattr(row, name, found.get(f"n_{name}", 0))
    return rows


def state_rows(meeting: Meeting) -> list[Invitation]:
    """Per invited State, in the order of the names in the reader's language: when it was
    invited (and whether late), how many it nominated, awaiting a decision, seats used,
    sponsorship asked, attended. Two queries, whatever the number of States."""
    rows = _with_participant_counts(
        meeting,
        meeting.invitations.filter(state__isnull=False).select_related("state").order_by("pk"),
        "state",
    )
    return in_name_order(rows, _state_code)


def organisation_rows(meeting: Meeting) -> list[Invitation]:
    """The same per invited organisation, by name. Two queries."""
    return _with_participant_counts(
        meeting,
        meeting.invitations.filter(organisation__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "pk"),
        "organisation",
    )


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
