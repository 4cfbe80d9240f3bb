"""Operational-use discussions (ToR art. 16): a State opens a discussion with the provider
before any operational use; the provider states its position in it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.refusals import add_refusal, submitted

from ..forms.bilateral import UseMessageForm, UsePositionForm, UseRequestForm
from ..models import Case, OperationalUseRequest, PlatformItem
from ..permissions import DiefAction, provider_state_id
from ..services.use_requests import (
    positions_stated,
    use_request_create,
    use_request_message_post,
    use_request_position_state,
)


def _requests(user):
    return access.visible(user, OperationalUseRequest).select_related(
        "case__provider_state",
        "platform_item__provider_state",
        "requesting_state",
        "requested_by",
        "position_stated_by",
    )


def _new(request: HttpRequest, item: Case | PlatformItem) -> HttpResponse:
    access.require(request.user, DiefAction.REQUEST_USE, item)
    marking.note(request, item)
    form = UseRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            use_request = use_request_create(by=request.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The discussion with the provider is opened."))
            return redirect("dief:use_request_detail", pk=use_request.pk)
    return render(request, "forums/use_requests/new.html", {"item": item, "form": form})


@require_http_methods(["GET", "POST"])
def use_request_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    return _new(request, access.get_visible_or_404(request.user, Case, pk=case_pk))


@require_http_methods(["GET", "POST"])
def item_use_request_new(request: HttpRequest, item_pk: int) -> HttpResponse:
    return _new(request, access.get_visible_or_404(request.user, PlatformItem, pk=item_pk))


def use_request_list(request: HttpRequest) -> HttpResponse:
    """The discussions of the user's State, opened by it or about its information (all of
    them for the Secretariat, which administers the forum)."""
    user = request.user
    rows = list(_requests(user))
    marking.note(request, rows)
    case_ids = {r.case_id for r in rows if r.case_id}
    item_ids = {r.platform_item_id for r in rows if r.platform_item_id}
    # A title is shown only to whom the item itself is visible today.
    seen_cases = set(
        access.visible(user, Case).filter(pk__in=case_ids).values_list("pk", flat=True)
    )
    seen_items = set(
        access.visible(user, PlatformItem).filter(pk__in=item_ids).values_list("pk", flat=True)
    )
    for row in rows:
        row.subject_visible = (row.case_id in seen_cases) or (row.platform_item_id in seen_items)
    sent = [r for r in rows if r.requesting_state_id == user.state_id]
    received = [r for r in rows if user.state_id and provider_state_id(r) == user.state_id]
    others = [r for r in rows if r not in sent and r not in received]
    return render(
        request,
        "forums/use_requests/list.html",
        {"sent": sent, "received": received, "others": others},
    )


def use_request_detail(
    request: HttpRequest, pk: int, *, message_form=None, position_form=None
) -> HttpResponse:
    user = request.user
    use_request = access.get_visible_or_404(user, _requests(user), pk=pk)
    marking.note(request, use_request)
    may_write = access.can(user, Action.CHANGE, use_request)
    may_state = access.can(user, DiefAction.STATE_POSITION, use_request)
    return render(
        request,
        "forums/use_requests/detail.html",
        {
            "use_request": use_request,
            "subject": use_request.subject,
            "subject_visible": access.can(user, Action.VIEW, use_request.subject),
            "thread": use_request.messages.select_related("author", "author__state"),
            "message_form": message_form or (UseMessageForm() if may_write else None),
            "positions": positions_stated(use_request),
            "position_form": position_form or (UsePositionForm() if may_state else None),
            "may_see_history": access.can(user, Action.VIEW_HISTORY, use_request),
        },
    )


@require_POST
def use_request_message(request: HttpRequest, pk: int) -> HttpResponse:
    use_request = access.get_visible_or_404(request.user, OperationalUseRequest, pk=pk)
    access.require(request.user, Action.CHANGE, use_request)
    form = UseMessageForm(request.POST)
    if submitted(form, use_request_message_post, by=request.user, request=use_request):
        return redirect("dief:use_request_detail", pk=pk)
    return use_request_detail(request, pk, message_form=form)


@require_POST
def use_request_position(request: HttpRequest, pk: int) -> HttpResponse:
    use_request = access.get_visible_or_404(request.user, OperationalUseRequest, pk=pk)
    access.require(request.user, DiefAction.STATE_POSITION, use_request)
    form = UsePositionForm(request.POST)
    if submitted(form, use_request_position_state, by=request.user, request=use_request):
        messages.success(request, _("Your State's position is stated in the discussion."))
        return redirect("dief:use_request_detail", pk=pk)
    return use_request_detail(request, pk, position_form=form)


urls = [
    path("cases/<id:case_pk>/use/", use_request_new, name="use_request_new"),
    path("platform/<id:item_pk>/use/", item_use_request_new, name="item_use_request_new"),
    path("use-requests/", use_request_list, name="use_request_list"),
    path("use-requests/<id:pk>/", use_request_detail, name="use_request_detail"),
    path("use-requests/<id:pk>/message/", use_request_message, name="use_request_message"),
    path("use-requests/<id:pk>/position/", use_request_position, name="use_request_position"),
]
