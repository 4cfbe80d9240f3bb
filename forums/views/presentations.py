"""Case presentations (ToR art. 11) and concerned States (art. 12).

The presentation page shows each reader what the policies allow: the forum knows that a
State presents at a meeting; the case stays as visible as the case itself; notices and
replies are between the presenting State, the concerned State, the Chair and the
Secretariat.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action
from att_portal.directory.un_names import by_name
from att_portal.refusals import add_refusal

from ..forms.presentations import (
    ConcernedStatesForm,
    PresentationForm,
    ReplyForm,
    WithdrawForm,
    WithdrawIntentionForm,
)
from ..models import Case, CasePresentation, ConcernedState, PresentationIntention
from ..permissions import DiefAction
from ..selectors.presentations import (
    case_visible_to,
    concerned_notices_of,
    concerned_states_visible_to,
    is_late_notice,
    is_late_reply,
    meetings_for_intentions,
    notice_due,
    participating_states,
    presentations_visible_to,
    reply_due,
    waiting_intention_of,
)
from ..services.presentations import (
    concerned_state_reply,
    concerned_states_name,
    presentation_intend,
    presentation_intend_next,
    presentation_intention_withdraw,
    presentation_withdraw,
)


@require_http_methods(["GET", "POST"])
def presentation_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = access.get_visible_or_404(request.user, Case, pk=case_pk)
    access.require(request.user, DiefAction.PRESENT, case)
    meetings = meetings_for_intentions(request.user)
    form = PresentationForm(request.POST or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            if meeting is None:
                presentation_intend_next(by=request.user, case=case)
            else:
                presentation = presentation_intend(by=request.user, case=case, meeting=meeting)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            if meeting is None:
                messages.success(
                    request,
                    _(
                        "Your intention to present the case at the next DIEF meeting is "
                        "recorded; it goes to that meeting as soon as it is announced."
                    ),
                )
                return redirect("dief:presentation_new", case_pk=case.pk)
            messages.success(request, _("Your intention to present the case is recorded."))
            return redirect("dief:presentation_detail", pk=presentation.pk)
    return render(
        request,
        "forums/presentations/presentation_new.html",
        {
            "case": case,
            "form": form,
            "intention": waiting_intention_of(request.user, case),
            "withdraw_form": WithdrawIntentionForm(),
        },
    )


@require_POST
def presentation_intention_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    intention = access.get_visible_or_404(request.user, PresentationIntention, pk=pk)
    access.require(request.user, Action.CHANGE, intention)
    form = WithdrawIntentionForm(request.POST)
    if form.is_valid():
        try:
            presentation_intention_withdraw(by=request.user, intention=intention)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your intention is withdrawn."))
    else:
        messages.error(request, _("Tick the box to confirm the withdrawal."))
    return redirect("dief:presentation_new", case_pk=intention.case_id)


def _detail(
    request: HttpRequest,
    presentation: CasePresentation,
    *,
    name_form: ConcernedStatesForm | None = None,
    withdraw_form: WithdrawForm | None = None,
) -> HttpResponse:
    user = request.user
    meeting = presentation.meeting
    is_presenter = access.can(user, Action.CHANGE, presentation)
    live = presentation.withdrawn_at is None and meeting.ends_on >= timezone.localdate()
    concerned = list(concerned_states_visible_to(user, presentation))
    for row in concerned:
        row.late_notice = is_late_notice(row)
        row.late_reply = is_late_reply(row)
    if is_presenter and live:
        named = [row.state_id for row in concerned]
        states = participating_states(
            exclude=[presentation.case.provider_state_id, *named]
        ).order_by(by_name())
        name_form = name_form or ConcernedStatesForm(states=states)
        withdraw_form = withdraw_form or WithdrawForm()
    else:
        name_form = withdraw_form = None
    context = {
        "presentation": presentation,
        "meeting": meeting,
        "presenting_state": presentation.case.provider_state,
        "case": presentation.case if case_visible_to(user, presentation.case) else None,
        "notice_due": notice_due(meeting),
        "reply_due": reply_due(meeting),
        "concerned": concerned,
        "my_notice": next((row for row in concerned if row.state_id == user.state_id), None),
        "is_presenter": is_presenter,
        "may_propose_expert": access.can(user, DiefAction.PROPOSE_EXPERT, presentation),
        "live": live,
        "name_form": name_form,
        "withdraw_form": withdraw_form,
        "may_see_history": access.can(user, Action.VIEW_HISTORY, presentation),
    }
    return render(request, "forums/presentations/presentation_detail.html", context)


def _presentation_or_404(request: HttpRequest, pk: int) -> CasePresentation:
    return access.get_visible_or_404(request.user, presentations_visible_to(request.user), pk=pk)


def presentation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _presentation_or_404(request, pk))


@require_POST
def presentation_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    presentation = _presentation_or_404(request, pk)
    access.require(request.user, Action.CHANGE, presentation)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            presentation_withdraw(by=request.user, presentation=presentation)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The presentation is withdrawn."))
            return redirect("dief:presentation_detail", pk=presentation.pk)
    return _detail(request, presentation, withdraw_form=form)


@require_POST
def concerned_states_name_view(request: HttpRequest, pk: int) -> HttpResponse:
    presentation = _presentation_or_404(request, pk)
    access.require(request.user, Action.CHANGE, presentation)
    states = participating_states(exclude=[presentation.case.provider_state_id])
    form = ConcernedStatesForm(request.POST, states=states.order_by(by_name()))
    if form.is_valid():
        try:
            concerned_states_name(
                by=request.user, presentation=presentation, states=form.cleaned_data["states"]
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The concerned States are notified."))
            return redirect("dief:presentation_detail", pk=presentation.pk)
    return _detail(request, presentation, name_form=form)


@require_http_methods(["GET", "POST"])
def concerned_reply(request: HttpRequest, presentation_pk: int) -> HttpResponse:
    presentation = _presentation_or_404(request, presentation_pk)
    user = request.user
    notice = (
        access.visible(user, ConcernedState.objects.filter(presentation=presentation))
        .filter(state_id=user.state_id)
        .select_related("state", "presentation__meeting")
        .first()
        if user.state_id
        else None
    )
    if notice is None:
        # The presentation is visible to the reader, but no notice is addressed to them.
        raise PermissionDenied
    if not access.can(user, DiefAction.REPLY, notice):
        raise PermissionDenied
    form = ReplyForm(request.POST or None, initial={"reply": notice.reply})
    if request.method == "POST" and form.is_valid():
        try:
            concerned_state_reply(by=user, concerned=notice, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your reply is sent to the presenting State."))
            return redirect("dief:concerned_reply", presentation_pk=presentation.pk)
    meeting = presentation.meeting
    context = {
        "presentation": presentation,
        "meeting": meeting,
        "notice": notice,
        "case": presentation.case if case_visible_to(user, presentation.case) else None,
        "late_notice": is_late_notice(notice),
        "late_reply": is_late_reply(notice),
        "reply_due": reply_due(meeting),
        "form": form,
        "live": presentation.withdrawn_at is None and meeting.ends_on >= timezone.localdate(),
    }
    return render(request, "forums/presentations/concerned_reply.html", context)


def my_concerned_notices(request: HttpRequest) -> HttpResponse:
    notices = list(concerned_notices_of(request.user))
    today = timezone.localdate()
    for notice in notices:
        notice.reply_due = reply_due(notice.presentation.meeting)
        notice.late_notice = is_late_notice(notice)
        notice.late_reply = is_late_reply(notice)
        notice.overdue = notice.replied_at is None and today > notice.reply_due
    return render(request, "forums/presentations/my_concerned_notices.html", {"notices": notices})


urls = [
    path("cases/<id:case_pk>/present/", presentation_new, name="presentation_new"),
    path(
        "intentions/<id:pk>/withdraw/",
        presentation_intention_withdraw_view,
        name="presentation_intention_withdraw",
    ),
    path("presentations/<id:pk>/", presentation_detail, name="presentation_detail"),
    path(
        "presentations/<id:pk>/withdraw/",
        presentation_withdraw_view,
        name="presentation_withdraw",
    ),
    path(
        "presentations/<id:pk>/concerned-states/",
        concerned_states_name_view,
        name="concerned_states_name",
    ),
    path("presentations/<id:presentation_pk>/reply/", concerned_reply, name="concerned_reply"),
    path("concerned-notices/", my_concerned_notices, name="my_concerned_notices"),
]
