"""Presentations of national practice at a WGETI meeting (seeds 002 and 004): offers,
the Chair's decisions, and the final list of presenting delegations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action
from att_portal.meetings.models import Meeting
from att_portal.refusals import add_refusal

from ..forms.presentations import DecideForm, OfferForm, PublishForm
from ..models import PresentationOffer, PresenterList, Topic
from ..permissions import may_contribute
from ..selectors.attendance import attendance_summary
from ..selectors.presentations import (
    presentation_overview,
    presenter_list_of,
    presenter_list_opens_to,
)
from ..services.presentations import (
    PRESENTATIONS_EXPECTED_PER_PHASE,
    presentation_offer_decide,
    presentation_offer_submit,
    presenter_list_publish,
)
from .workplan import wgeti_meeting_or_404


def _offer_form(meeting: Meeting, data=None) -> OfferForm:
    topics = Topic.objects.filter(pk__in=meeting.workplan_topics.values("topic_id")).select_related(
        "phase"
    )
    return OfferForm(data, topics=topics.order_by("phase__number", "position"))


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    offer_form: OfferForm | None = None,
    decide_form: DecideForm | None = None,
    publish_form: PublishForm | None = None,
) -> HttpResponse:
    user = request.user
    presenter_list = presenter_list_of(meeting)
    is_open = presenter_list is None and timezone.localdate() < meeting.starts_on
    may_offer = may_contribute(user)
    may_decide = access.can(user, Action.CHANGE, PresenterList(meeting=meeting))
    if may_offer and is_open and offer_form is None:
        offer_form = _offer_form(meeting)
    phases = presentation_overview(user, meeting)
    for phase in phases:
        for row in phase.topics:
            for offer in row.offers:
                offer.may_see_history = access.can(user, Action.VIEW_HISTORY, offer)
    context = {
        "meeting": meeting,
        "phases": phases,
        "presenter_list": presenter_list,
        "is_open": is_open,
        "offer_form": offer_form if may_offer else None,
        "may_decide": may_decide,
        "decide_form": decide_form,
        "publish_form": publish_form,
        "may_open_presenter_list": presenter_list_opens_to(user, meeting, presenter_list),
        "expected": PRESENTATIONS_EXPECTED_PER_PHASE,
        # Once the meeting has started: who took part, as the Secretariat records it.
        "attendance": attendance_summary(meeting)
        if timezone.localdate() >= meeting.starts_on
        else None,
    }
    return render(request, "working_groups/presentations/presentations.html", context)


@require_http_methods(["GET", "POST"])
def presentations(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = wgeti_meeting_or_404(request, meeting_pk)
    if request.method == "GET":
        return _page(request, meeting)
    if not may_contribute(request.user):
        raise PermissionDenied
    form = _offer_form(meeting, request.POST)
    if form.is_valid():
        try:
            presentation_offer_submit(by=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your offer to present is sent to the Chair."))
            return redirect("wgeti:presentations", meeting_pk=meeting.pk)
    return _page(request, meeting, offer_form=form)


@require_POST
def offer_decide(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access.get_visible_or_404(
        request.user, PresentationOffer.objects.select_related("meeting", "topic"), pk=pk
    )
    access.require(request.user, Action.CHANGE, offer)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            presentation_offer_decide(
                by=request.user, offer=offer, confirm=form.cleaned_data["decision"] == "confirm"
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The decision on the offer is recorded."))
            return redirect("wgeti:presentations", meeting_pk=offer.meeting_id)
    return _page(request, offer.meeting, decide_form=form)


@require_POST
def presenters_publish(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = wgeti_meeting_or_404(request, meeting_pk)
    if not access.can(request.user, Action.CHANGE, PresenterList(meeting=meeting)):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            _published, shortfalls = presenter_list_publish(by=request.user, meeting=meeting)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The final list of presenting delegations is published."))
            for shortfall in shortfalls:
                messages.warning(
                    request,
                    ngettext(
                        "“%(phase)s” has %(count)s confirmed presenting State Party; at "
                        "least %(expected)s are expected.",
                        "“%(phase)s” has %(count)s confirmed presenting States Parties; at "
                        "least %(expected)s are expected.",
                        shortfall.confirmed_states_parties,
                    )
                    % {
                        "phase": shortfall.phase.title,
                        "count": shortfall.confirmed_states_parties,
                        "expected": PRESENTATIONS_EXPECTED_PER_PHASE,
                    },
                )
            return redirect("wgeti:presenter_list", meeting_pk=meeting.pk)
    return _page(request, meeting, publish_form=form)


def presenter_list(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The published final list; before publication only the officers see it, as a
    preview."""
    meeting = wgeti_meeting_or_404(request, meeting_pk)
    published = presenter_list_of(meeting)
    if not presenter_list_opens_to(request.user, meeting, published):
        raise Http404
    context = {
        "meeting": meeting,
        "may_open_presenter_list": True,
        "presenter_list": published,
        "phases": presentation_overview(request.user, meeting, confirmed_only=True),
        "expected": PRESENTATIONS_EXPECTED_PER_PHASE,
        # Once the meeting has started: who took part, as the Secretariat records it.
        "attendance": attendance_summary(meeting)
        if timezone.localdate() >= meeting.starts_on
        else None,
    }
    return render(request, "working_groups/presentations/presenter_list.html", context)


urls = [
    path("meetings/<id:meeting_pk>/presentations/", presentations, name="presentations"),
    path("offers/<id:pk>/decide/", offer_decide, name="offer_decide"),
    path(
        "meetings/<id:meeting_pk>/presenters/publish/",
        presenters_publish,
        name="presenters_publish",
    ),
    path("meetings/<id:meeting_pk>/presenters/", presenter_list, name="presenter_list"),
]
