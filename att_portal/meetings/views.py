from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.refusals import add_refusal

from . import selectors, services
from .calendar import calendar_for
from .deadlines import deadlines_of
from .enums import Body
from .forms import NominationForm, SessionForm
from .models import CalendarFeed, Participation
from .permissions import MeetingAction


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    body = request.GET.get("body")
    if body not in Body.values:
        body = None
    page = Paginator(selectors.meetings_visible_to(request.user, body=body), 50).get_page(
        request.GET.get("page")
    )
    marking.note(request, page.object_list, listing=True)
    return render(
        request, "meetings/meeting_list.html", {"page": page, "bodies": Body.choices, "body": body}
    )


def visible_meeting(request: HttpRequest, pk: int):
    meeting = access.get_visible_or_404(
        request.user,
        selectors.with_deadline_data(selectors.meetings_visible_to(request.user)),
        pk=pk,
    )
    marking.note(request, meeting)
    return meeting


@login_required
def meeting_detail(
    request: HttpRequest, pk: int, *, nomination_form=None, session_form=None
) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    user = request.user
    state = user.state if user.state_id else None
    may_nominate = state is not None and access.can(user, Action.MANAGE_MEMBERS, state)
    invitations = selectors.invitations_visible_to(user, meeting)
    if may_nominate and nomination_form is None:
        nomination_form = NominationForm(members=selectors.delegation_members_to_nominate(user))
    may_change = access.can(user, Action.CHANGE, meeting)
    if may_change and session_form is None:
        session_form = SessionForm()
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "deadlines": deadlines_of([meeting]),
            "sessions": meeting.sessions.all(),
            "invitations": invitations,
            "participants": selectors.participants_visible_to(user, meeting),
            "may_invite": access.can(user, MeetingAction.INVITE, meeting),
            "may_record": access.can(user, MeetingAction.RECORD_DEADLINE, meeting),
            "may_see_all_participants": access.can(user, MeetingAction.SEE_PARTICIPANTS, meeting),
            "may_nominate": may_nominate and any(i.state_id == state.pk for i in invitations),
            "may_change": may_change,
            "nomination_form": nomination_form,
            "session_form": session_form,
            "may_view_history": access.can(user, Action.VIEW_HISTORY, meeting),
        },
    )


@login_required
@require_POST
def invitations_issue(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    new = services.meeting_invitations_issue(by=request.user, meeting=meeting)
    messages.success(
        request,
        ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", len(new))
        % {"count": len(new)},
    )
    return redirect(meeting)


@login_required
@require_POST
def deadline_record(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    try:
        services.deadline_record_met(by=request.user, meeting=meeting, key=key)
    except ValidationError as exc:
        raise Http404 from exc
    messages.success(request, _("The deadline is recorded as met."))
    return redirect(meeting)


@login_required
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    user = request.user
    if not (user.state_id and access.can(user, Action.MANAGE_MEMBERS, user.state)):
        raise PermissionDenied
    form = NominationForm(request.POST, members=selectors.delegation_members_to_nominate(user))
    if form.is_valid():
        try:
            services.participant_nominate(
                by=user,
                meeting=meeting,
                person=form.cleaned_data["person"],
                sponsorship_requested=form.cleaned_data["sponsorship_requested"],
                sponsorship_note=form.cleaned_data["sponsorship_note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(name)s is nominated.") % {"name": form.cleaned_data["person"]}
            )
            return redirect(meeting)
    return meeting_detail(request, pk, nomination_form=form)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, participation_pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    participation = access.get_visible_or_404(
        request.user,
        Participation.objects.select_related("person__state"),
        pk=participation_pk,
        meeting=meeting,
    )
    services.participant_withdraw(by=request.user, participation=participation)
    messages.success(request, _("The nomination is withdrawn."))
    return redirect(meeting)


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    access.require(request.user, Action.CHANGE, meeting)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(by=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The session is on the timetable."))
            return redirect(meeting)
    return meeting_detail(request, pk, session_form=form)


@login_required
def my_deadlines(request: HttpRequest) -> HttpResponse:
    deadlines = selectors.my_deadlines(request.user)
    marking.note(request, deadlines, listing=True)
    return render(request, "meetings/my_deadlines.html", {"deadlines": deadlines})


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.objects.filter(user=request.user).delete()
            messages.success(request, _("Your calendar address no longer works."))
        else:
            CalendarFeed.objects.update_or_create(
                user=request.user, defaults={"token": secrets.token_urlsafe(32)}
            )
            messages.success(
                request, _("Your new calendar address is ready; the old one no longer works.")
            )
        return redirect("meetings:calendar_settings")
    url = (
        request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
        if feed
        else None
    )
    return render(request, "meetings/calendar_settings.html", {"feed_url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal iCalendar feed: the secret token stands for the person, and what it
    shows goes through the permission layer as that person."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


PDF_KINDS = {"timetable": "pdf/timetable.html", "invitation": "pdf/invitation_letter.html"}
MINUTES_KINDS = ("minutes", "report")


@login_required
def meeting_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The timetable or the invitation letter as a PDF, in any of the six languages."""
    from documents.pdf import UN_LANGUAGES, pdf_response, render_pdf

    meeting = visible_meeting(request, pk)
    if kind in MINUTES_KINDS and meeting.body == Body.DIEF:
        from forums.minutes import minutes_refused_response

        return minutes_refused_response(request, meeting)  # ToR art. 17
    template = PDF_KINDS.get(kind)
    language = request.GET.get("lang", "en")
    if template is None or language not in UN_LANGUAGES:
        raise Http404
    pdf = render_pdf(
        template,
        {
            "meeting": meeting,
            "sessions": meeting.sessions.all(),
            "issued_on": meeting.starts_on,
            "body_heading": Body(meeting.body).label,  # lazy: worded in the PDF's language
            "cycle_heading": meeting.cycle,  # its name, worded in the PDF's language
        },
        language=language,
        viewer=request.user,
        confidential_forum=meeting.confidential_forum,
    )
    return pdf_response(pdf, f"{kind}-{meeting.pk}-{language}.pdf")
