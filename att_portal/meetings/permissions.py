from __future__ import annotations

from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.directory.enums import Role
from att_portal.directory.permissions import holds_role, is_dief_participant, is_secretariat

from .enums import Body
from .models import (
    CalendarFeed,
    CspCycle,
    DeadlineCompletion,
    DiefChairAppointment,
    DiefConvening,
    Invitation,
    Meeting,
    MeetingCall,
    MeetingMessage,
    MeetingSession,
    Participation,
)


class MeetingAction:
    CREATE = "create"
    INVITE = "invite"
    RECORD_DEADLINE = "record_deadline"
    SEE_PARTICIPANTS = "see_participants"
    # The Secretariat accepts or declines nominations and records attendance.
    DECIDE_NOMINATIONS = "decide_nominations"
    RECORD_ATTENDANCE = "record_attendance"
    # The participants list as CSV or XLSX, and its registration as a document.
    EXPORT_PARTICIPANTS = "export_participants"
    # A message to every invited delegation: the Secretariat or the meeting's Chair.
    MESSAGE_INVITED = "message_invited"
    # The Secretariat records the CSP President's decision to convene a DIEF meeting (ToR
    # art. 3) and the President's appointment of the DIEF Chair (art. 4).
    RECORD_CONVENING = "record_convening"
    APPOINT_DIEF_CHAIR = "appoint_dief_chair"


CHAIR_OF = {
    Body.DIEF: Role.DIEF_CHAIR,
    Body.WGETI: Role.WGETI_CHAIR,
    Body.WGETI_SWG: Role.WGETI_CHAIR,
}


def sees_confidential_body(user, body: str) -> bool:
    """Whether the user is in the circle of a confidential body (the DIEF: States
    Parties' and signatories' delegates, its Chair and the Secretariat, ToR arts. 4-6)."""
    return body == Body.DIEF and is_dief_participant(user)


def chairs(user, meeting) -> bool:
    role = CHAIR_OF.get(meeting.body)
    return role is not None and holds_role(user, role)


@access.register(CspCycle)
class CspCyclePolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset


@access.register(Meeting)
class MeetingPolicy(access.Policy):
    """Meetings of the open bodies are seen by every registered participant (the
    restricted area). DIEF meetings only by States Parties and signatories, the Chair
    and the Secretariat (ToR arts. 6, 14), or by a person granted the meeting through
    django-guardian. An admitted non-state expert (ToR art. 8) holds no such grant: seeing
    the meeting opens its agenda, deadlines and calls, which name the other cases; the
    expert reads its title, dates and venue through the admission instead
    (`forums.selectors.invitations`)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user) or is_dief_participant(user):
            return queryset
        return queryset.filter(
            ~Q(body=Body.DIEF) | access.guardian_q(user, queryset, "meetings.view_meeting")
        )

    def can(self, user, action: str, obj) -> bool:
        if action in (
            access.Action.CHANGE,
            MeetingAction.CREATE,
            MeetingAction.INVITE,
            MeetingAction.DECIDE_NOMINATIONS,
            MeetingAction.RECORD_ATTENDANCE,
            MeetingAction.EXPORT_PARTICIPANTS,
        ):
            return is_secretariat(user)
        if action == MeetingAction.RECORD_CONVENING:
            return obj.body == Body.DIEF and is_secretariat(user)
        if action in (
            MeetingAction.RECORD_DEADLINE,
            MeetingAction.SEE_PARTICIPANTS,
            MeetingAction.MESSAGE_INVITED,
        ):
            return self.can(user, access.Action.VIEW, obj) and (
                is_secretariat(user) or chairs(user, obj)
            )
        return super().can(user, action, obj)


class MeetingPartPolicy(access.Policy):
    """Parts of a meeting (sessions, calls, recorded deadlines) are seen by whoever sees
    the meeting."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(meeting__in=access.visible(user, Meeting).values("pk"))


for _model in (MeetingSession, MeetingCall, DeadlineCompletion, DiefConvening):
    access.register(_model)(type(f"{_model.__name__}Policy", (MeetingPartPolicy,), {}))


@access.register(DiefChairAppointment)
class DiefChairAppointmentPolicy(access.Policy):
    """The record of the President's appointments of the DIEF Chair is read in the DIEF's
    circle (ToR arts. 4-6) and written by the Secretariat alone."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset if is_dief_participant(user) else queryset.none()

    def can(self, user, action: str, obj) -> bool:
        if action == MeetingAction.APPOINT_DIEF_CHAIR:
            return is_secretariat(user)
        return super().can(user, action, obj)


@access.register(Invitation)
class InvitationPolicy(access.Policy):
    """The Secretariat and Chairs see every invitation; a delegation sees its own."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        meetings = access.visible(user, Meeting).values("pk")
        if is_secretariat(user):
            return queryset
        own = (
            Q(state_id=user.state_id) if user.state_id else Q(organisation_id=user.organisation_id)
        )
        return queryset.filter(own, meeting__in=meetings)


@access.register(Participation)
class ParticipationPolicy(access.Policy):
    """The Secretariat and the meeting's Chair see every participant (with the
    law-enforcement flag); a delegation or an organisation sees its own people."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        chaired = [body for body, role in CHAIR_OF.items() if holds_role(user, role)]
        rule = Q(meeting__body__in=chaired)
        if user.state_id:
            rule |= Q(person__state_id=user.state_id)
        elif user.organisation_id:
            rule |= Q(person__organisation_id=user.organisation_id)
        return queryset.filter(rule, meeting__in=access.visible(user, Meeting).values("pk"))


def invited_to(user) -> Q:
    """Meetings to which the person's delegation or organisation is invited."""
    if user.state_id:
        return Q(invitations__state_id=user.state_id)
    if user.organisation_id:
        return Q(invitations__organisation_id=user.organisation_id)
    return Q(pk__in=[])


@access.register(MeetingMessage)
class MeetingMessagePolicy(access.Policy):
    """A message to the invited delegations is read by those invited (while they may see
    the meeting: a State that leaves the DIEF loses its messages with it), the meeting's
    Chair and the Secretariat."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        meetings = access.visible(user, Meeting)
        if not is_secretariat(user):
            chaired = [body for body, role in CHAIR_OF.items() if holds_role(user, role)]
            meetings = meetings.filter(invited_to(user) | Q(body__in=chaired))
        return queryset.filter(meeting__in=meetings.values("pk"))


@access.register(CalendarFeed)
class CalendarFeedPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(user=user)
