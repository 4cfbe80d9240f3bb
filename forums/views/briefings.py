"""Oral briefings of WGETI or the CSP (ToR art. 22) and the art. 17 page for whoever
looks for minutes of a DIEF meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.directory.un_names import by_name
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from att_portal.refusals import add_refusal

from ..forms.briefings import BriefingForm, PositionForm
from ..minutes import minutes_refused_response
from ..models import Briefing, BriefingPosition, CasePresentation
from ..selectors import briefings as selectors
from ..services.briefings import briefing_draft, briefing_position_record, briefing_revise


def _dief_meeting(request, pk: int) -> Meeting:
    return access.get_visible_or_404(
        request.user, Meeting.objects.filter(body=Body.DIEF).select_related("cycle"), pk=pk
    )


def _briefing(request, pk: int) -> Briefing:
    return access.get_visible_or_404(
        request.user, selectors.briefings_visible_to(request.user), pk=pk
    )


def _presentations(meeting: Meeting):
    return CasePresentation.objects.filter(
        meeting=meeting, withdrawn_at__isnull=True
    ).select_related("case__provider_state")


def briefing_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    may_draft = access.can(user, Action.CHANGE, Briefing())
    rows = selectors.briefing_rows(user)
    marking.note(request, "DIEF")
    return render(
        request,
        "forums/briefings/list.html",
        {
            "rows": rows,
            "meetings": list(selectors.meetings_to_brief(user)) if may_draft else [],
        },
    )


@require_http_methods(["GET", "POST"])
def briefing_new(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _dief_meeting(request, meeting_pk)
    if not access.can(request.user, Action.CHANGE, Briefing(meeting=meeting)):
        raise PermissionDenied
    presentations = _presentations(meeting)
    form = BriefingForm(
        request.POST if request.method == "POST" else None, presentations=presentations
    )
    if request.method == "POST" and form.is_valid():
        try:
            briefing = briefing_draft(by=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(
                request, _("The briefing is circulated; the States that took part are told.")
            )
            return redirect("dief:briefing_detail", pk=briefing.pk)
    marking.note(request, "DIEF")
    return render(
        request, "forums/briefings/form.html", {"form": form, "meeting": meeting, "briefing": None}
    )


@require_http_methods(["GET", "POST"])
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _briefing(request, pk)
    access.require(request.user, Action.CHANGE, briefing)
    presentations = _presentations(briefing.meeting)
    if request.method == "POST":
        form = BriefingForm(request.POST, presentations=presentations)
    else:
        form = BriefingForm(
            initial={
                "audience": briefing.audience,
                "text": briefing.text,
                "based_on": list(briefing.based_on.values_list("pk", flat=True)),
                "objections_due_on": briefing.objections_due_on,
                "attributable_to": list(briefing.attributable_to.values_list("pk", flat=True)),
            },
            presentations=presentations,
        )
    if request.method == "POST" and form.is_valid():
        try:
            briefing_revise(by=request.user, briefing=briefing, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The briefing is saved."))
            return redirect("dief:briefing_detail", pk=briefing.pk)
    marking.note(request, briefing)
    return render(
        request,
        "forums/briefings/form.html",
        {"form": form, "meeting": briefing.meeting, "briefing": briefing},
    )


def briefing_detail(request: HttpRequest, pk: int, *, form=None) -> HttpResponse:
    user = request.user
    briefing = _briefing(request, pk)
    marking.note(request, briefing)
    may_change = access.can(user, Action.CHANGE, briefing)
    # The Chair and the Secretariat see every position; a State only its own.
    positions = list(
        access.visible(user, BriefingPosition)
        .filter(briefing=briefing)
        .select_related("state", "recorded_by")
        .order_by(by_name("state__country"))
    )
    sees_all = may_change or access.can(user, Action.VIEW_HISTORY, briefing)
    may_position = selectors.may_take_position(user, briefing)
    own = next((p for p in positions if p.state_id == user.state_id), None)
    if may_position and form is None:
        form = PositionForm(
            initial={"position": own.position, "reason": own.reason} if own else None
        )
    taking_part = selectors.taking_part_states(briefing.meeting).order_by(by_name())
    return render(
        request,
        "forums/briefings/detail.html",
        {
            "briefing": briefing,
            "state": selectors.briefing_state(briefing, user),
            "based_on": briefing.based_on.select_related("case__provider_state").order_by(
                by_name("case__provider_state__country")
            ),
            "sees_all": sees_all,
            "positions": positions if sees_all else [],
            "taking_part": list(taking_part) if sees_all else [],
            "named": selectors.states_named_without_consent(briefing) if sees_all else [],
            "own": own,
            "form": form if may_position else None,
            "objections_closed": briefing.objections_due_on is not None
            and timezone.localdate() > briefing.objections_due_on,
            "may_change": may_change,
            "may_see_history": access.can(user, Action.VIEW_HISTORY, briefing),
        },
    )


@require_POST
def briefing_position(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _briefing(request, pk)
    if not selectors.may_take_position(request.user, briefing):
        raise PermissionDenied
    form = PositionForm(request.POST)
    if form.is_valid():
        try:
            briefing_position_record(by=request.user, briefing=briefing, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Your State's position is recorded."))
            return redirect("dief:briefing_detail", pk=pk)
    return briefing_detail(request, pk, form=form)


def minutes(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """Art. 17: there are no minutes; the page says why (403)."""
    meeting = _dief_meeting(request, meeting_pk)
    marking.note(request, meeting)
    return minutes_refused_response(request, meeting)


urls = [
    path("briefings/", briefing_list, name="briefing_list"),
    path("meetings/<id:meeting_pk>/briefings/new/", briefing_new, name="briefing_new"),
    path("briefings/<id:pk>/", briefing_detail, name="briefing_detail"),
    path("briefings/<id:pk>/edit/", briefing_edit, name="briefing_edit"),
    path("briefings/<id:pk>/position/", briefing_position, name="briefing_position"),
    path("meetings/<id:meeting_pk>/minutes/", minutes, name="minutes"),
]
