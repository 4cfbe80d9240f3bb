"""Calls for ad hoc issues (seeds 002 and 004): the Chair or the CSP President invites
proposals of current or emerging issues by a date; delegations of any State and
organisations propose an issue with an explanatory memorandum, guiding questions if they
have them, a moderator or chair if they propose one, and at most three speakers — those
"to be confirmed" are named later, after the due date too (Control Arms named its
speakers on 17 February 2026). The Chair takes up each issue — an accepted issue becomes
an item of the meeting's agenda (seed 004 ¶8: "all issues") — or leaves it aside, saying
why."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from att_portal import access
from att_portal.access import Action
from att_portal.directory import names
from att_portal.directory.enums import Affiliation
from att_portal.directory.models import User
from att_portal.l10n.content import Translations, in_each_language, set_translations
from att_portal.l10n.dates import un_date
from att_portal.meetings.enums import CallKind
from att_portal.meetings.models import Meeting, MeetingCall
from documents.agenda import agenda_item_add, agenda_open
from documents.models import AgendaItem

from ..enums import ProposalState
from ..models import MAX_SPEAKERS, AdHocIssueProposal, ProposedSpeaker, SubWorkingGroup
from ..permissions import NAME_SPEAKERS, is_wgeti_officer, may_contribute
from ..selectors.calls import WGETI_BODIES, call_is_open

TOO_MANY_SPEAKERS = gettext_lazy("At most three speakers may be proposed.")  # seed 004
SPEAKER_UNNAMED = gettext_lazy("Name the speaker or mark them “to be confirmed”.")
REASON_REQUIRED = gettext_lazy("Say why the issue is left aside.")


def late_message(call: MeetingCall) -> str:
    return _("Proposals for this call were due by %(date)s.") % {"date": un_date(call.due_on)}


@transaction.atomic
def ad_hoc_call_issue(
    *,
    by: User,
    meeting: Meeting,
    title: str | Translations,
    issued_on: datetime.date,
    due_on: datetime.date,
    issued_by: str = "",
) -> MeetingCall:
    """`title`: the English title, or a title per UN language."""
    if not (is_wgeti_officer(by) and access.can(by, Action.VIEW, meeting)):
        raise PermissionDenied
    if meeting.body not in WGETI_BODIES:
        raise ValidationError(_("Calls for ad hoc issues are issued for WGETI meetings only."))
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("A call cannot be due in the past.")})
    call = MeetingCall(
        meeting=meeting,
        kind=CallKind.AD_HOC_ISSUES,
        issued_on=issued_on,
        issued_by=issued_by.strip(),
        due_on=due_on,
    )
    set_translations(call, "title", title)
    call.full_clean()
    call._history_user = by
    call._change_reason = "Call for ad hoc issues issued"
    call.save()
    return call


def _check_swg(call: MeetingCall, sub_working_group: SubWorkingGroup | None) -> None:
    if sub_working_group is not None and sub_working_group.cycle_id != call.meeting.cycle_id:
        raise ValidationError(
            {"sub_working_group": _("Choose a sub-working group of the meeting's CSP cycle.")}
        )


def _speaker_refusal(position: int, message) -> str:
    return _("Speaker %(number)s: %(message)s") % {"number": position, "message": message}


def _clean_speakers(speakers: list[dict]) -> list[ProposedSpeaker]:
    if len(speakers) > MAX_SPEAKERS:
        raise ValidationError(TOO_MANY_SPEAKERS)
    cleaned = []
    for position, speaker in enumerate(speakers, start=1):
        name = names.normalise_person_name(speaker.get("name") or "")
        to_be_confirmed = bool(speaker.get("to_be_confirmed"))
        if not name and not to_be_confirmed:
            raise ValidationError(_speaker_refusal(position, SPEAKER_UNNAMED))
        if name:
            try:
                names.validate_person_name(name)
            except ValidationError as error:
                raise ValidationError(
                    _speaker_refusal(position, " ".join(error.messages))
                ) from error
        cleaned.append(
            ProposedSpeaker(
                position=position,
                name=name,
                title=(speaker.get("title") or "").strip(),
                affiliation=(speaker.get("affiliation") or "").strip(),
                to_be_confirmed=to_be_confirmed,
            )
        )
    return cleaned


@transaction.atomic
def ad_hoc_proposal_submit(
    *,
    by: User,
    call: MeetingCall,
    title: str,
    memorandum: str,
    speakers: list[dict],
    guiding_questions: str = "",
    moderator: str = "",
    moderator_to_be_confirmed: bool = False,
    sub_working_group: SubWorkingGroup | None = None,
) -> AdHocIssueProposal:
    """Delegations of any State (observers included) and organisations may propose. The
    guiding questions are the proposer's if it gives any; a moderator or chair is not one
    of the three speakers."""
    if not (may_contribute(by) and access.can(by, Action.VIEW, call)):
        raise PermissionDenied
    if call.kind != CallKind.AD_HOC_ISSUES or call.meeting.body not in WGETI_BODIES:
        raise ValidationError(_("This call does not invite proposals of ad hoc issues."))
    if not call_is_open(call):
        raise ValidationError(late_message(call))
    _check_swg(call, sub_working_group)
    rows = _clean_speakers(speakers)
    delegation = by.affiliation == Affiliation.DELEGATION
    proposal = AdHocIssueProposal(
        call=call,
        state=by.state if delegation else None,
        organisation=None if delegation else by.organisation,
        submitted_by=by,
        title=title.strip(),
        memorandum=memorandum.strip(),
        guiding_questions=guiding_questions.strip(),
        moderator=moderator.strip(),
        moderator_to_be_confirmed=bool(moderator_to_be_confirmed),
        sub_working_group=sub_working_group,
    )
    if proposal.state is None and proposal.organisation is None:
        raise PermissionDenied  # a person without a delegation or an organisation
    proposal.full_clean()
    proposal._history_user = by
    proposal._change_reason = "Ad hoc issue proposed"
    proposal.save()
    for speaker in rows:
        speaker.proposal = proposal
        speaker.full_clean()
        speaker.save()
    return proposal


def _speaker_label(speaker: ProposedSpeaker) -> str:
    return ", ".join(part for part in (speaker.name, speaker.title, speaker.affiliation) if part)


def presenters_of(proposal: AdHocIssueProposal) -> str:
    """The proposer, the moderator once confirmed and the named speakers, as the agenda
    shows them."""
    names = [str(proposal.contributor)]
    if proposal.moderator and not proposal.moderator_to_be_confirmed:
        names.append(proposal.moderator)
    names += [_speaker_label(s) for s in proposal.speakers.all() if not s.to_be_confirmed]
    return "; ".join(names)[:500]


def agenda_annotation(proposal: AdHocIssueProposal) -> Translations:
    """The agenda item's annotation in each UN language, the names in that language."""
    swg = proposal.sub_working_group

    def annotation() -> str:
        if swg is None:
            return _("Ad hoc issue proposed by %(contributor)s.") % {
                "contributor": proposal.contributor
            }
        return _(
            "Ad hoc issue proposed by %(contributor)s, in the sub-working group “%(group)s”."
        ) % {"contributor": proposal.contributor, "group": swg.name}

    return in_each_language(annotation)


def _agenda_item_for(by: User, proposal: AdHocIssueProposal) -> AgendaItem:
    meeting = proposal.call.meeting
    try:
        agenda = agenda_open(by=by, meeting=meeting)
        swg = proposal.sub_working_group
        # Under the sub-working group's item when the agenda has one (by its English name,
        # whatever language the Chair reads).
        parent = (
            agenda.items.filter(parent__isnull=True, title_en__iexact=swg.name_en).first()
            if swg
            else None
        )
        annotations = agenda_annotation(proposal)
        item = agenda_item_add(
            by=by,
            agenda=agenda,
            title=proposal.title[:300],
            annotation=annotations["en"],
            presenters=presenters_of(proposal),
            parent=parent,
        )
    except PermissionDenied as denied:
        raise ValidationError(
            _("Only the Chair of the meeting or the Secretariat can put an issue on its agenda.")
        ) from denied
    set_translations(item, "annotation", annotations)
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def ad_hoc_proposal_decide(
    *,
    by: User,
    proposal: AdHocIssueProposal,
    accept: bool,
    note: str = "",
    sub_working_group: SubWorkingGroup | None = None,
) -> AdHocIssueProposal:
    """The Chair takes up a proposal, once — it goes on the agenda of the call's meeting —
    or leaves it aside, with the reason (`note`)."""
    if not access.can(by, Action.CHANGE, proposal):
        raise PermissionDenied
    if not accept and not note.strip():
        raise ValidationError({"note": REASON_REQUIRED})
    proposal = (
        AdHocIssueProposal.objects.select_for_update(of=("self",))
        .select_related("call__meeting", "state", "organisation", "sub_working_group")
        .get(pk=proposal.pk)
    )
    if proposal.state_of_proposal != ProposalState.SUBMITTED:
        raise ValidationError(_("The Chair has already decided on this proposal."))
    if sub_working_group is not None:
        _check_swg(proposal.call, sub_working_group)
        proposal.sub_working_group = sub_working_group
    proposal.state_of_proposal = ProposalState.ACCEPTED if accept else ProposalState.DECLINED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_note = note.strip()
    if accept:
        proposal.agenda_item = _agenda_item_for(by, proposal)
    proposal.full_clean()
    proposal._history_user = by
    proposal._change_reason = "Taken up by the Chair" if accept else "Left aside by the Chair"
    proposal.save()
    return proposal


def _naming_closed(meeting: Meeting) -> bool:
    """Speakers are named until the meeting ends (Geneva time)."""
    return timezone.localdate() > meeting.ends_on


@transaction.atomic
def proposed_speaker_name(
    *,
    by: User,
    speaker: ProposedSpeaker,
    name: str,
    title: str = "",
    affiliation: str = "",
) -> ProposedSpeaker:
    """Name a speaker proposed "to be confirmed" — the proposer or a WGETI officer, after
    the call's due date too (seed 004: Control Arms proposed on 1 February and named its
    speakers on 17 February). An accepted issue's agenda item then lists the speaker."""
    proposal = speaker.proposal
    if not access.can(by, NAME_SPEAKERS, proposal):
        raise PermissionDenied
    speaker = ProposedSpeaker.objects.select_for_update().get(pk=speaker.pk)
    if not speaker.to_be_confirmed:
        raise ValidationError(_("This speaker is already named."))
    meeting = proposal.call.meeting
    if _naming_closed(meeting):
        raise ValidationError(
            _("The meeting ended on %(date)s: its speakers can no longer be named.")
            % {"date": un_date(meeting.ends_on)}
        )
    name = names.normalise_person_name(name)
    if not name:
        raise ValidationError({"name": _("Name the speaker.")})
    speaker.name = name
    speaker.title = title.strip()
    speaker.affiliation = affiliation.strip() or speaker.affiliation
    speaker.to_be_confirmed = False
    speaker.full_clean()
    speaker.save()
    proposal._history_user = by
    proposal._change_reason = f"Speaker {speaker.position} named"
    proposal.save()  # a line in the proposal's history: who named whom, when
    if proposal.agenda_item_id is not None:
        _agenda_presenters_refresh(by, proposal)
    return speaker


def _agenda_presenters_refresh(by: User, proposal: AdHocIssueProposal) -> None:
    """The item lists the speaker: a correction of its presenters, not a change of the
    agenda (the agenda is not sent back to draft; its issued versions stay as issued)."""
    item = AgendaItem.objects.select_for_update().get(pk=proposal.agenda_item_id)
    item.presenters = presenters_of(proposal)
    item._history_user = by
    item._change_reason = "Speaker of the ad hoc issue named"
    item.save()
