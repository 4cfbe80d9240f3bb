"""Calls for ad hoc issues (seeds 002 and 004): the list of calls, issuing a call, a call
with the proposals the user may see, proposing an issue with at most three speakers, a
proposal and the Chair's decision on it. WGETI is open to every registered participant;
the officers (`is_wgeti_officer`) issue calls and decide."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action
from att_portal.refusals import add_refusal
from documents.permissions import agenda_opens_to

from ..enums import ProposalState
from ..forms.calls import (
    CallForm,
    DecisionForm,
    ProposalForm,
    SpeakerFormSet,
    SpeakerNameForm,
    speakers_of,
)
from ..models import ProposedSpeaker
from ..permissions import NAME_SPEAKERS, is_wgeti_officer, may_contribute
from ..selectors.calls import (
    ad_hoc_calls_visible_to,
    call_is_open,
    proposals_visible_to,
    sub_working_groups_for,
    wgeti_meetings_visible_to,
)
from ..services.calls import (
    ad_hoc_call_issue,
    ad_hoc_proposal_decide,
    ad_hoc_proposal_submit,
    proposed_speaker_name,
)

SPEAKERS_PREFIX = "speakers"


def _call_or_404(request: HttpRequest, pk: int):
    return access.get_visible_or_404(request.user, ad_hoc_calls_visible_to(request.user), pk=pk)


def _proposal_forms(call, data=None) -> tuple[ProposalForm, SpeakerFormSet]:
    return (
        ProposalForm(data, sub_working_groups=sub_working_groups_for(call)),
        SpeakerFormSet(data, prefix=SPEAKERS_PREFIX),
    )


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    officer = is_wgeti_officer(user)
    return render(
        request,
        "working_groups/calls/call_list.html",
        {
            "calls": list(ad_hoc_calls_visible_to(user)),
            "meetings": list(wgeti_meetings_visible_to(user)) if officer else [],
            "may_issue": officer,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    user = request.user
    meeting = access.get_visible_or_404(user, wgeti_meetings_visible_to(user), pk=meeting_pk)
    if not is_wgeti_officer(user):
        raise PermissionDenied
    form = CallForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            call = ad_hoc_call_issue(by=user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The call for ad hoc issues is issued."))
            return redirect("wgeti:call_detail", pk=call.pk)
    return render(request, "working_groups/calls/call_new.html", {"meeting": meeting, "form": form})


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    call = _call_or_404(request, pk)
    proposals = list(proposals_visible_to(user).filter(call=call).order_by("submitted_at", "pk"))
    is_open = call_is_open(call)
    form = formset = None
    if is_open and may_contribute(user):
        form, formset = _proposal_forms(call)
    return render(
        request,
        "working_groups/calls/call_detail.html",
        {
            "call": call,
            "meeting": call.meeting,
            "proposals": proposals,
            "is_open": is_open,
            "officer": is_wgeti_officer(user),
            "form": form,
            "formset": formset,
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    call = _call_or_404(request, pk)
    if not may_contribute(user):
        raise PermissionDenied
    form, formset = _proposal_forms(call, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            proposal = ad_hoc_proposal_submit(
                by=user, call=call, speakers=speakers_of(formset), **form.cleaned_data
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your proposal is sent to the Chair."))
            return redirect("wgeti:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "working_groups/calls/proposal_new.html",
        {
            "call": call,
            "meeting": call.meeting,
            "is_open": call_is_open(call),
            "form": form,
            "formset": formset,
        },
    )


def _detail(
    request: HttpRequest,
    proposal,
    *,
    decision_form: DecisionForm | None = None,
    name_form: tuple[int, SpeakerNameForm] | None = None,
):
    user = request.user
    speakers = list(proposal.speakers.all())
    may_name = access.can(user, NAME_SPEAKERS, proposal)
    name_forms = {}
    if may_name:
        name_forms = {
            s.pk: SpeakerNameForm(initial={"affiliation": s.affiliation}, prefix=f"speaker-{s.pk}")
            for s in speakers
            if s.to_be_confirmed
        }
        if name_form is not None:
            name_forms[name_form[0]] = name_form[1]
    may_decide = access.can(user, Action.CHANGE, proposal)
    if (
        decision_form is None
        and may_decide
        and proposal.state_of_proposal == ProposalState.SUBMITTED
    ):
        decision_form = DecisionForm(
            initial={"sub_working_group": proposal.sub_working_group_id},
            sub_working_groups=sub_working_groups_for(proposal.call),
        )
    return render(
        request,
        "working_groups/calls/proposal_detail.html",
        {
            "proposal": proposal,
            "call": proposal.call,
            "meeting": proposal.call.meeting,
            "speakers": [(s, name_forms.get(s.pk)) for s in speakers],
            "decision_form": decision_form,
            "may_see_history": access.can(user, Action.VIEW_HISTORY, proposal),
            # The agenda is linked only for those whom its page opens to.
            "agenda_opens": proposal.agenda_item_id is not None
            and agenda_opens_to(user, proposal.call.meeting),
        },
    )


def _proposal_or_404(request: HttpRequest, pk: int):
    return access.get_visible_or_404(request.user, proposals_visible_to(request.user), pk=pk)


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _proposal_or_404(request, pk))


@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    proposal = _proposal_or_404(request, pk)
    access.require(user, Action.CHANGE, proposal)
    form = DecisionForm(request.POST, sub_working_groups=sub_working_groups_for(proposal.call))
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            ad_hoc_proposal_decide(
                by=user,
                proposal=proposal,
                accept=accept,
                note=form.cleaned_data["note"],
                sub_working_group=form.cleaned_data["sub_working_group"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("The issue is taken up and put on the agenda.")
                if accept
                else _("The issue is left aside."),
            )
            return redirect("wgeti:proposal_detail", pk=pk)
    return _detail(request, proposal, decision_form=form)


@require_POST
def speaker_name(request: HttpRequest, pk: int, speaker_pk: int) -> HttpResponse:
    """Name a speaker proposed "to be confirmed" (after the call's due date too)."""
    user = request.user
    proposal = _proposal_or_404(request, pk)
    speaker = access.get_visible_or_404(
        user, ProposedSpeaker.objects.filter(proposal=proposal), pk=speaker_pk
    )
    access.require(user, NAME_SPEAKERS, proposal)
    form = SpeakerNameForm(request.POST, prefix=f"speaker-{speaker.pk}")
    if form.is_valid():
        try:
            proposed_speaker_name(by=user, speaker=speaker, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The speaker is named."))
            return redirect("wgeti:proposal_detail", pk=pk)
    return _detail(request, proposal, name_form=(speaker.pk, form))


urls = [
    path("calls/", call_list, name="call_list"),
    path("meetings/<id:meeting_pk>/calls/new/", call_new, name="call_new"),
    path("calls/<id:pk>/", call_detail, name="call_detail"),
    path("calls/<id:pk>/propose/", proposal_new, name="proposal_new"),
    path("proposals/<id:pk>/", proposal_detail, name="proposal_detail"),
    path("proposals/<id:pk>/decide/", proposal_decide, name="proposal_decide"),
    path("proposals/<id:pk>/speakers/<id:speaker_pk>/name/", speaker_name, name="speaker_name"),
]
