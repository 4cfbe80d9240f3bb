"""Who sees which document: public and restricted-area documents every registered
participant; confidential ones only those the forum admits (DIEF ToR arts. 14, 23)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from att_portal import access
from att_portal.directory.permissions import is_dief_participant, is_secretariat
from att_portal.meetings.enums import Body

from .enums import AgendaState, Distribution
from .models import (
    Agenda,
    AgendaItem,
    AgendaVersion,
    ChairReport,
    Document,
    LanguageVersion,
    Letter,
    ReportSection,
)

# Where DocumentPolicy keeps, on the user object, the Q of the documents they may see.
_VISIBLE_Q = "_att_documents_visible_q"
# The predicate that admits a person to each confidential forum.
FORUM_MEMBERS = {Body.DIEF: is_dief_participant}


def is_restricted_area_member(user) -> bool:
    """The restricted area is for States Parties and signatories (as for the DIEF), the
    Chairs and the Secretariat: never for observers or organisations."""
    from att_portal.directory.enums import Role
    from att_portal.directory.permissions import active_roles

    chairs = {Role.CSP_PRESIDENT, Role.DIEF_CHAIR, Role.WGETI_CHAIR, Role.SWG_FACILITATOR}
    return is_dief_participant(user) or bool(active_roles(user) & chairs)


def forums_of(user) -> list[str]:
    return [forum for forum, admits in FORUM_MEMBERS.items() if admits(user)]


def invited_to_the_wgeti_meeting_q(user) -> Q:
    """The documents of a WGETI meeting — its cover letter, the letter's annexes, its
    agenda — reach everyone invited to that meeting, organisations included (DOMAIN §7:
    a WGETI cover letter must reach the NGOs invited to that meeting). A document belongs
    to the meeting it is registered for, an annex to its letter's meeting; a WGETI letter
    registered for no meeting (the Chair's letter of the cycle) belongs to the WGETI
    meetings of its cycle. Never a confidential document: those stay with their forum."""
    from att_portal.meetings.models import Invitation

    if getattr(user, "state_id", None):
        own = Q(state_id=user.state_id)
    elif getattr(user, "organisation_id", None):
        own = Q(organisation_id=user.organisation_id)
    else:
        return Q(pk__in=[])
    wgeti = (Body.WGETI, Body.WGETI_SWG)
    invitations = Invitation.objects.filter(own, meeting__body__in=wgeti)
    meetings = invitations.values("meeting_id")
    cycles = invitations.values("meeting__cycle_id")
    # The letter of an annex through subqueries, not a join: a list is then read in the
    # order of its index and stops at its page, and a count stops at its limit.
    meetings_letters = Document.objects.filter(meeting__in=meetings).values("pk")
    registered_for_a_meeting = Document.objects.filter(meeting__isnull=False).values("pk")
    unlinked = Q(meeting__isnull=True) & (
        Q(parent__isnull=True) | ~Q(parent_id__in=registered_for_a_meeting)
    )
    return Q(distribution__in=[Distribution.PUBLIC, Distribution.RESTRICTED]) & (
        Q(meeting__in=meetings)
        | Q(parent_id__in=meetings_letters)
        | (unlinked & Q(body__in=wgeti, cycle__in=cycles))
    )


@access.register(Document)
class DocumentPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        if is_secretariat(user):
            return queryset
        return queryset.filter(self.visible_q(user))

    def visible_q(self, user) -> Q:
        """The documents `user` may see, as one Q, built once per request and kept on the
        user object like the other facts about them (a document page asks five times)."""
        cached = getattr(user, _VISIBLE_Q, None)
        if cached is not None:
            return cached
        open_distributions = [Distribution.PUBLIC]
        if is_restricted_area_member(user):
            open_distributions.append(Distribution.RESTRICTED)
        visible = (
            Q(distribution__in=open_distributions)
            | Q(distribution=Distribution.CONFIDENTIAL, forum__in=forums_of(user))
            | invited_to_the_wgeti_meeting_q(user)
            | access.guardian_q(user, Document.objects.all(), "documents.view_document")
        )
        if access.is_signed_in(user):
            setattr(user, _VISIBLE_Q, visible)
        return visible

    def can(self, user, action: str, obj) -> bool:
        if action == access.Action.CHANGE:
            return is_secretariat(user) or chair_composed(user, obj)
        return super().can(user, action, obj)


def chairs_body(user, body: str) -> bool:
    """Whether the person chairs `body` (the DIEF Chair the DIEF, the WGETI Chair WGETI)."""
    from att_portal.directory.permissions import holds_role
    from att_portal.meetings.permissions import CHAIR_OF

    role = CHAIR_OF.get(body)
    return role is not None and holds_role(user, role)


def bodies_chaired(user) -> list[str]:
    from att_portal.directory.permissions import holds_role
    from att_portal.meetings.permissions import CHAIR_OF

    return [body for body, role in CHAIR_OF.items() if holds_role(user, role)]


def chair_composed(user, document: Document) -> bool:
    """A Chair keeps the letters and reports their office composes in the portal for their
    body, and the annexes registered with them (the author ``CHAIR``); the Secretariat's
    documents and the historical ones registered under a Chair's symbol stay the
    Secretariat's."""
    if document.pk is None or document.author_office != "CHAIR":
        return False
    if not chairs_body(user, document.body):
        return False
    composed = Q(letter__isnull=False) | Q(chair_report__isnull=False)
    ids = [document.pk] + ([document.parent_id] if document.parent_id else [])
    return (
        access.can(user, access.Action.VIEW, document)
        and Document.objects.filter(composed, pk__in=ids).exists()
    )


def may_compose(user, body: str) -> bool:
    """Letters and reports of a body: its Chair, and the Secretariat (any body)."""
    return is_secretariat(user) or chairs_body(user, body)


def may_compose_any(user) -> bool:
    """Whether the person writes letters and reports of some body (the Secretariat, the
    DIEF Chair, the WGETI Chair)."""
    return is_secretariat(user) or any(b in ("DIEF", "WGETI") for b in bodies_chaired(user))


@access.register(Letter)
class LetterPolicy(access.Policy):
    """A letter is read by whoever reads its document; its Chair and the Secretariat edit it."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(document__in=access.visible(user, Document).values("pk"))

    def can(self, user, action: str, obj) -> bool:
        if action == access.Action.CHANGE:
            return access.can(user, access.Action.CHANGE, obj.document)
        return super().can(user, action, obj)


def _reports_q(user, prefix: str = "") -> Q:
    if is_secretariat(user):
        return Q()
    return Q(**{f"{prefix}body__in": [b for b in bodies_chaired(user) if b in ("DIEF", "WGETI")]})


@access.register(ChairReport)
class ChairReportPolicy(access.Policy):
    """The report being drafted is the Chair's and the Secretariat's; the issued report is
    read through its registered document."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(_reports_q(user))

    def can(self, user, action: str, obj) -> bool:
        if action == access.Action.CHANGE:
            return may_compose(user, obj.body) and self.can(user, access.Action.VIEW, obj)
        return super().can(user, action, obj)


@access.register(ReportSection)
class ReportSectionPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(_reports_q(user, "report__"))


@access.register(LanguageVersion)
class LanguageVersionPolicy(access.Policy):
    """A file is seen by whoever sees its document: the current one and the earlier ones it
    replaced. A withdrawn file stays with the Secretariat, who keeps the register (it may
    have been withdrawn because it should never have been there)."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        queryset = queryset.filter(document__in=access.visible(user, Document).values("pk"))
        if is_secretariat(user):
            return queryset
        return queryset.filter(withdrawn_at__isnull=True)


def _edits_agendas_of(user, meeting) -> bool:
    from att_portal.meetings.permissions import chairs

    return is_secretariat(user) or chairs(user, meeting)


def may_edit_agenda(user, meeting) -> bool:
    return access.can(user, access.Action.VIEW, meeting) and _edits_agendas_of(user, meeting)


def agenda_opens_to(user, meeting) -> bool:
    """Whether the agenda page of a meeting the user sees opens to them: its editors build
    it from nothing; the others read it once issued — as it stands, or the versions issued
    before it went back to draft. No query for its editors, at most two for the others."""
    if _edits_agendas_of(user, meeting):
        return True
    return (
        access.visible(user, Agenda.objects.filter(meeting=meeting)).exists()
        or access.visible(user, AgendaVersion.objects.filter(agenda__meeting=meeting)).exists()
    )


def _agendas_q(user, prefix: str = "") -> Q:
    """Issued and adopted agendas of visible meetings; drafts only for their editors."""
    from att_portal.directory.permissions import holds_role
    from att_portal.meetings.models import Meeting
    from att_portal.meetings.permissions import CHAIR_OF

    meetings = access.visible(user, Meeting).values("pk")
    rule = ~Q(**{f"{prefix}state": AgendaState.DRAFT})
    if is_secretariat(user):
        rule = Q()
    else:
        chaired = [body for body, role in CHAIR_OF.items() if holds_role(user, role)]
        rule |= Q(**{f"{prefix}meeting__body__in": chaired})
    return rule & Q(**{f"{prefix}meeting__in": meetings})


@access.register(Agenda)
class AgendaPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(_agendas_q(user))

    def can(self, user, action: str, obj) -> bool:
        if action == access.Action.CHANGE:
            return may_edit_agenda(user, obj.meeting)
        return super().can(user, action, obj)


@access.register(AgendaItem)
class AgendaItemPolicy(access.Policy):
    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(_agendas_q(user, "agenda__"))


@access.register(AgendaVersion)
class AgendaVersionPolicy(access.Policy):
    """A version was issued: whoever sees the meeting keeps it, even while the agenda is
    back in draft for its next issue."""

    def filter_visible(self, user, queryset: QuerySet) -> QuerySet:
        from att_portal.meetings.models import Meeting

        return queryset.filter(agenda__meeting__in=access.visible(user, Meeting).values("pk"))
