"""Non-state experts (ToR art. 8): any State Party or signatory proposes an expert for the
presentation of a case, stating the purpose; the Secretariat circulates the proposal at
once (a proposal left uncirculated is flagged on its pages), States Parties may object during
the 5-day silence procedure and consult the proposing State; an objection still unresolved
20 days before the meeting goes to a procedural decision, recorded by the Secretariat.

Proposals are seen by the Secretariat, the proposing State and, once circulated, by the
participants; an objection and its consultation only by the two States and the Secretariat
(`forums.permissions`). Observers, organisations and experts never reach these pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.directory.enums import AttStatus
from att_portal.directory.permissions import state_status
from att_portal.refusals import add_refusal, submitted

from ..enums import ProcedureState
from ..forms.experts import (
    CirculateForm,
    ConsultationMessageForm,
    DecisionForm,
    ObjectionForm,
    ProposalForm,
    WithdrawObjectionForm,
)
from ..models import Case, CasePresentation, ExpertObjection
from ..permissions import DiefAction
from ..selectors.experts import (
    pending_objections_seen_by,
    procedure_of,
    procedures_visible_to,
    proposals_due_on,
    proposals_visible_to,
)
from ..services.experts import (
    consultation_message_post,
    expert_decision_record,
    expert_objection_raise,
    expert_objection_withdraw,
    expert_proposal_circulate,
    expert_proposal_submit,
)


def _visible_case_ids(user, case_ids: set[int]) -> set[int]:
    """The case title is shown only to whom the case itself is visible."""
    return set(access.visible(user, Case).filter(pk__in=case_ids).values_list("pk", flat=True))


@require_http_methods(["GET", "POST"])
def expert_proposal_new(request: HttpRequest, presentation_pk: int) -> HttpResponse:
    user = request.user
    presentation = access.get_visible_or_404(
        user,
        CasePresentation.objects.select_related("meeting", "case__provider_state"),
        pk=presentation_pk,
    )
    access.require(user, DiefAction.PROPOSE_EXPERT, presentation)
    marking.note(request, presentation)
    form = ProposalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = expert_proposal_submit(
                by=user, presentation=presentation, **form.cleaned_data
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your proposal is sent to the Secretariat."))
            return redirect("dief:expert_proposal_detail", pk=proposal.pk)
    due = proposals_due_on(presentation.meeting)
    return render(
        request,
        "forums/experts/proposal_new.html",
        {
            "presentation": presentation,
            "meeting": presentation.meeting,
            "case": presentation.case if access.can(user, Action.VIEW, presentation.case) else None,
            "proposals_due_on": due,
            "late": timezone.localdate() > due,
            "form": form,
        },
    )


def expert_proposal_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    procedures = procedures_visible_to(user)
    marking.note(request, [procedure.proposal for procedure in procedures])
    seen = _visible_case_ids(user, {p.proposal.presentation.case_id for p in procedures})
    objections = pending_objections_seen_by(user, procedures)
    rows = [
        {
            "procedure": procedure,
            "case_visible": procedure.proposal.presentation.case_id in seen,
            "pending_objections": objections.get(procedure.proposal.pk, []),
        }
        for procedure in procedures
    ]
    return render(request, "forums/experts/proposal_list.html", {"rows": rows})


def _may_object(user, procedure, objections) -> bool:
    """The objection form is for States Parties (ToR art. 8) during the silence period,
    unless the user's State already objects."""
    if not procedure.silence_running:  # another State's objection does not close it
        return False
    if not access.can(user, DiefAction.OBJECT, procedure.proposal):
        return False
    if state_status(user) != AttStatus.STATE_PARTY:
        return False
    return not any(o.state_id == user.state_id and o.withdrawn_at is None for o in objections)


def _detail(
    request: HttpRequest,
    pk: int,
    *,
    circulate_form: CirculateForm | None = None,
    objection_form: ObjectionForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    user = request.user
    proposal = access.get_visible_or_404(user, proposals_visible_to(user), pk=pk)
    marking.note(request, proposal)
    procedure = procedure_of(proposal)
    objections = list(
        access.visible(user, ExpertObjection.objects.filter(proposal=proposal)).select_related(
            "state"
        )
    )
    if (
        circulate_form is None
        and proposal.circulated_at is None
        and access.can(user, DiefAction.CIRCULATE, proposal)
    ):
        circulate_form = CirculateForm()
    if (
        decision_form is None
        and procedure.state == ProcedureState.REFERRED
        and access.can(user, DiefAction.RECORD_DECISION, proposal)
    ):
        decision_form = DecisionForm()
    if objection_form is None and _may_object(user, procedure, objections):
        objection_form = ObjectionForm()
    presentation = proposal.presentation
    return render(
        request,
        "forums/experts/proposal_detail.html",
        {
            "proposal": proposal,
            "procedure": procedure,
            "presentation": presentation,
            "meeting": presentation.meeting,
            "case": presentation.case if access.can(user, Action.VIEW, presentation.case) else None,
            "objections": objections,
            # Who objected and when, for those who see the objections (already read).
            "pending_objections": [o for o in objections if o.withdrawn_at is None]
            if procedure.objection_pending
            else [],
            "circulate_form": circulate_form,
            "objection_form": objection_form,
            "decision_form": decision_form,
            "signatory": state_status(user) == AttStatus.SIGNATORY,
            "may_see_history": access.can(user, Action.VIEW_HISTORY, proposal),
        },
    )


def expert_proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _proposal_or_404(request: HttpRequest, pk: int):
    return access.get_visible_or_404(request.user, proposals_visible_to(request.user), pk=pk)


@require_POST
def expert_proposal_circulate_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    access.require(request.user, DiefAction.CIRCULATE, proposal)
    form = CirculateForm(request.POST)
    if submitted(form, expert_proposal_circulate, by=request.user, proposal=proposal):
        messages.success(
            request, _("The proposal is circulated to all States Parties: the silence begins.")
        )
        return redirect("dief:expert_proposal_detail", pk=pk)
    return _detail(request, pk, circulate_form=form)


@require_POST
def expert_objection_raise_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    proposal = _proposal_or_404(request, pk)
    access.require(user, DiefAction.OBJECT, proposal)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            objection = expert_objection_raise(by=user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your objection is recorded; the consultation with the proposing State is open."),
            )
            return redirect("dief:expert_objection_detail", pk=objection.pk)
    return _detail(request, pk, objection_form=form)


@require_POST
def expert_decision_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    access.require(request.user, DiefAction.RECORD_DECISION, proposal)
    form = DecisionForm(request.POST)
    if submitted(form, expert_decision_record, by=request.user, proposal=proposal):
        messages.success(request, _("The procedural decision is recorded."))
        return redirect("dief:expert_proposal_detail", pk=pk)
    return _detail(request, pk, decision_form=form)


def _objections(user):
    return access.visible(user, ExpertObjection).select_related(
        "state",
        "raised_by",
        "withdrawn_by",
        "proposal__presentation__meeting",
        "proposal__presentation__case__provider_state",
    )


def _objection_detail(
    request: HttpRequest,
    pk: int,
    *,
    message_form: ConsultationMessageForm | None = None,
    withdraw_form: WithdrawObjectionForm | None = None,
) -> HttpResponse:
    user = request.user
    objection = access.get_visible_or_404(user, _objections(user), pk=pk)
    marking.note(request, objection)
    proposal = objection.proposal
    if message_form is None and access.can(user, Action.CHANGE, objection):
        message_form = ConsultationMessageForm()
    if (
        withdraw_form is None
        and objection.withdrawn_at is None
        and not proposal.decision
        and access.can(user, DiefAction.WITHDRAW, objection)
    ):
        withdraw_form = WithdrawObjectionForm()
    return render(
        request,
        "forums/experts/objection_detail.html",
        {
            "objection": objection,
            "proposal": proposal,
            "procedure": procedure_of(proposal),
            "proposing_state": proposal.proposing_state,
            "thread": access.visible(
                user, objection.messages.select_related("author", "author__state")
            ),
            "message_form": message_form,
            "withdraw_form": withdraw_form,
            "may_see_history": access.can(user, Action.VIEW_HISTORY, objection),
        },
    )


def expert_objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _objection_detail(request, pk)


@require_POST
def consultation_message(request: HttpRequest, pk: int) -> HttpResponse:
    objection = access.get_visible_or_404(request.user, _objections(request.user), pk=pk)
    access.require(request.user, Action.CHANGE, objection)
    form = ConsultationMessageForm(request.POST)
    if submitted(form, consultation_message_post, by=request.user, objection=objection):
        return redirect("dief:expert_objection_detail", pk=pk)
    return _objection_detail(request, pk, message_form=form)


@require_POST
def expert_objection_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    objection = access.get_visible_or_404(request.user, _objections(request.user), pk=pk)
    access.require(request.user, DiefAction.WITHDRAW, objection)
    form = WithdrawObjectionForm(request.POST)
    if form.is_valid():
        try:
            expert_objection_withdraw(by=request.user, objection=objection)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your State's objection is withdrawn."))
            return redirect("dief:expert_objection_detail", pk=pk)
    return _objection_detail(request, pk, withdraw_form=form)


urls = [
    path(
        "presentations/<id:presentation_pk>/experts/new/",
        expert_proposal_new,
        name="expert_proposal_new",
    ),
    path("experts/", expert_proposal_list, name="expert_proposal_list"),
    path("experts/<id:pk>/", expert_proposal_detail, name="expert_proposal_detail"),
    path(
        "experts/<id:pk>/circulate/",
        expert_proposal_circulate_view,
        name="expert_proposal_circulate",
    ),
    path("experts/<id:pk>/object/", expert_objection_raise_view, name="expert_objection_raise"),
    path("experts/<id:pk>/decision/", expert_decision_record_view, name="expert_decision_record"),
    path("expert-objections/<id:pk>/", expert_objection_detail, name="expert_objection_detail"),
    path(
        "expert-objections/<id:pk>/message/",
        consultation_message,
        name="consultation_message",
    ),
    path(
        "expert-objections/<id:pk>/withdraw/",
        expert_objection_withdraw_view,
        name="expert_objection_withdraw",
    ),
]
