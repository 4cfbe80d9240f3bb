"""Presentations of national practice (seed 002 ¶11 c: at least two presentations by
States Parties per phase, other States and stakeholders besides, presenters diverse in
geography and in import/export profile; seed 004: the final list of presenting
delegations is published before the meeting).

A delegation volunteers for its State, an organisation member for the organisation; the
Chair (or another WGETI officer) confirms or declines each offer and publishes the final
list. Offers close when the list is published or the meeting starts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from att_portal.directory.enums import Affiliation
from att_portal.directory.models import User
from att_portal.l10n.dates import un_date
from att_portal.meetings.models import Meeting

from ..enums import OfferState
from ..models import MeetingTopic, Phase, PresentationOffer, PresenterList, Topic
from ..permissions import may_contribute
from .workplan import _officer_only, _wgeti_meeting

# Seed 002 ¶11 c: "at least two presentations by States Parties" per phase.
PRESENTATIONS_EXPECTED_PER_PHASE = 2


# Why offers, or the Chair's decisions on them, are closed: (once the list is published,
# once the meeting has started).
OFFERS_CLOSED = (
    gettext_lazy(
        "The final list of presenting delegations was published on %(date)s: offers to "
        "present are closed."
    ),
    gettext_lazy("The meeting started on %(date)s: offers to present are closed."),
)
DECISIONS_CLOSED = (
    gettext_lazy(
        "The final list of presenting delegations was published on %(date)s: offers can no "
        "longer be confirmed or declined."
    ),
    gettext_lazy("The meeting started on %(date)s: offers can no longer be confirmed or declined."),
)


def _published(meeting: Meeting) -> PresenterList | None:
    return PresenterList.objects.filter(meeting=meeting).first()


def _refuse_if_closed(meeting: Meeting, *, messages: tuple) -> None:
    after_publication, after_start = messages
    published = _published(meeting)
    if published is not None:
        raise ValidationError(after_publication % {"date": un_date(published.published_at)})
    if timezone.localdate() >= meeting.starts_on:
        raise ValidationError(after_start % {"date": un_date(meeting.starts_on)})


def _contributor(by: User) -> dict:
    if not may_contribute(by):
        raise PermissionDenied(_("Delegations and organisations offer presentations."))
    if by.affiliation == Affiliation.DELEGATION and by.state_id:
        return {"state_id": by.state_id}
    if by.affiliation == Affiliation.ORGANISATION and by.organisation_id:
        return {"organisation_id": by.organisation_id}
    raise PermissionDenied(_("Your account belongs to no delegation or organisation."))


@transaction.atomic
def presentation_offer_submit(
    *, by: User, meeting: Meeting, topic: Topic, summary: str
) -> PresentationOffer:
    """A delegation (for its State) or an organisation volunteers to present its practice
    on a topic the meeting takes up; once per contributor and topic."""
    contributor = _contributor(by)
    _wgeti_meeting(meeting)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    _refuse_if_closed(meeting, messages=OFFERS_CLOSED)
    if not MeetingTopic.objects.filter(meeting=meeting, topic=topic).exists():
        raise ValidationError(
            {"topic": _("The meeting does not take up “%(topic)s”.") % {"topic": topic.title}}
        )
    earlier = PresentationOffer.objects.filter(meeting=meeting, topic=topic, **contributor)
    if earlier.exists():
        raise ValidationError(
            {
                "topic": _(
                    "%(contributor)s has already offered to present on “%(topic)s” at this meeting."
                )
                % {"contributor": earlier.get().contributor, "topic": topic.title}
            }
        )
    offer = PresentationOffer(
        meeting=meeting, topic=topic, summary=summary, submitted_by=by, **contributor
    )
    offer.full_clean()
    offer._history_user = by
    offer._change_reason = "Offered to present"
    offer.save()
    return offer


@transaction.atomic
def presentation_offer_decide(*, by: User, offer: PresentationOffer, confirm: bool) -> None:
    """The Chair confirms a presenter or does not retain the offer; until the list is
    published and the meeting starts, a decision may be changed."""
    _officer_only(by)
    # The meeting's row is the lock that publication takes too: no decision slips in
    # after the list is out.
    Meeting.objects.select_for_update().filter(pk=offer.meeting_id).first()
    _refuse_if_closed(offer.meeting, messages=DECISIONS_CLOSED)
    offer.status = OfferState.CONFIRMED if confirm else OfferState.DECLINED
    offer.decided_by = by
    offer.decided_at = timezone.now()
    offer.full_clean()
    offer._history_user = by
    offer._change_reason = "Confirmed by the Chair" if confirm else "Not retained by the Chair"
    offer.save()


@dataclass(frozen=True)
class Shortfall:
    """A phase of the meeting with fewer confirmed presenting States than expected."""

    phase: Phase
    confirmed_states_parties: int


@transaction.atomic
def presenter_list_publish(*, by: User, meeting: Meeting) -> tuple[PresenterList, list[Shortfall]]:
    """Publish the final list of presenting delegations, before the meeting starts.
    Phases with fewer than two confirmed States Parties are reported back, not refused: the
    Chair decides (seed 002 expects two, it does not forbid fewer)."""
    _officer_only(by)
    _wgeti_meeting(meeting)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    published = _published(meeting)
    if published is not None:
        raise ValidationError(
            _("The final list of presenting delegations was already published on %(date)s.")
            % {"date": un_date(published.published_at)}
        )
    if timezone.localdate() >= meeting.starts_on:
        raise ValidationError(
            _("The meeting started on %(date)s: the list is published before the meeting.")
            % {"date": un_date(meeting.starts_on)}
        )
    presenter_list = PresenterList(meeting=meeting, published_at=timezone.now(), published_by=by)
    presenter_list.full_clean()
    presenter_list._history_user = by
    presenter_list._change_reason = "Final list of presenting delegations published"
    presenter_list.save()
    return presenter_list, shortfalls(meeting)


def shortfalls(meeting: Meeting) -> list[Shortfall]:
    """Phases with fewer than two confirmed States Parties (other States and stakeholders
    do not count towards the two)."""
    from ..selectors.presentations import states_parties_among

    phases = {
        row.topic.phase_id: row.topic.phase
        for row in MeetingTopic.objects.filter(meeting=meeting).select_related("topic__phase")
    }
    counts = dict.fromkeys(phases, 0)
    confirmed = PresentationOffer.objects.filter(
        meeting=meeting, status=OfferState.CONFIRMED, state__isnull=False
    )
    rows = list(confirmed.values_list("topic__phase_id", "state_id"))
    parties = states_parties_among({state_id for _phase, state_id in rows}, meeting)
    seen = set()
    for phase_id, state_id in rows:
        if state_id not in parties:
            continue
        if phase_id in counts and (phase_id, state_id) not in seen:
            seen.add((phase_id, state_id))
            counts[phase_id] += 1
    return [
        Shortfall(phase=phases[phase_id], confirmed_states_parties=count)
        for phase_id, count in counts.items()
        if count < PRESENTATIONS_EXPECTED_PER_PHASE
    ]
