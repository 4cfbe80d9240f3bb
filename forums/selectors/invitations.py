"""What an admitted non-state expert learns of the invitation (ToR arts. 8, 9, 15).

The expert's access is their admission (`ExpertAdmissionPolicy`: a person sees their own
admissions), never a grant on the meeting: whoever may see a DIEF meeting also reads its
agenda, its deadlines and its calls, which name the other cases and States (art. 14). So
the meeting reaches the expert only as `MeetingFacts` — its title, its dates and its venue
in each UN language, and whether it is cancelled — and the case only once the policy of
cases opens it, after the confidentiality undertaking.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from att_portal import access
from att_portal.directory.permissions import is_dief_participant
from att_portal.l10n.content import LANGUAGE_CODES, field_name
from att_portal.meetings.models import Meeting

from ..models import Case, ExpertAdmission

_TRANSLATED = ("title", "venue")


class MeetingFacts:
    """The facts of a meeting an invitation states (ToR art. 9: date and venue), and
    nothing else: no link to the meeting's page, its participants, agenda or calls. Read
    in the reader's language with `{% content facts "title" %}`, like a meeting."""

    def __init__(self, meeting: Meeting) -> None:
        for field in _TRANSLATED:
            for language in LANGUAGE_CODES:
                name = field_name(field, language)
                setattr(self, name, getattr(meeting, name, None))
        self.starts_on: datetime.date = meeting.starts_on
        self.ends_on: datetime.date = meeting.ends_on
        self.is_cancelled: bool = meeting.is_cancelled

    @property
    def has_venue(self) -> bool:
        return any(getattr(self, field_name("venue", language)) for language in LANGUAGE_CODES)


@dataclass(frozen=True)
class ExpertInvitation:
    """One admission of the expert, as their pages show it."""

    admission_id: int
    case_id: int
    meeting: MeetingFacts
    undertaking_accepted_at: datetime.datetime | None
    undertaking_url: str
    # The case's page, once the permission layer opens it (after the undertaking).
    case_url: str | None


def _admissions(user) -> QuerySet[ExpertAdmission]:
    """The user's own admissions to presentations still to be held, through the policy."""
    return access.visible(
        user,
        ExpertAdmission.objects.filter(
            expert_id=user.pk,
            presentation__withdrawn_at__isnull=True,
            presentation__meeting__ends_on__gte=timezone.localdate(),
        ),
    )


def expert_invitations(user, *, case: Case | None = None) -> list[ExpertInvitation]:
    """The user's invitations as a non-state expert (of one case, with `case`), the
    meeting soonest first. No query for the forum's participants, who are never its
    non-state experts (`is_admitted_expert`); two for the others, however many."""
    if not access.is_signed_in(user) or is_dief_participant(user):
        return []
    admissions = _admissions(user)
    if case is not None:
        admissions = admissions.filter(presentation__case=case)
    admissions = list(
        admissions.select_related("presentation__meeting").order_by(
            "presentation__meeting__starts_on", "pk"
        )
    )
    if not admissions:
        return []
    case_ids = {admission.presentation.case_id for admission in admissions}
    open_cases = set(
        access.visible(user, Case.objects.filter(pk__in=case_ids)).values_list("pk", flat=True)
    )
    return [
        ExpertInvitation(
            admission_id=admission.pk,
            case_id=admission.presentation.case_id,
            meeting=MeetingFacts(admission.presentation.meeting),
            undertaking_accepted_at=admission.undertaking_accepted_at,
            undertaking_url=reverse("dief:undertaking", args=[admission.pk]),
            case_url=(
                reverse("dief:case_detail", args=[admission.presentation.case_id])
                if admission.presentation.case_id in open_cases
                else None
            ),
        )
        for admission in admissions
    ]
