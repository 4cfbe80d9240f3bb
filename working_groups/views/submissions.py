"""Written submissions in answer to the Chair's call for written comments (seed 004)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action
from att_portal.meetings.enums import CallKind
from att_portal.meetings.models import MeetingCall
from att_portal.refusals import add_refusal

from ..forms.submissions import PublishForm, SubmissionForm
from ..models import WrittenSubmission
from ..permissions import may_contribute
from ..selectors.workplan import WGETI_BODIES
from ..services.submissions import (
    submissions_open,
    wgeti_documents,
    written_submission_publish,
    written_submission_submit,
)


def _call_or_404(request: HttpRequest, pk: int) -> MeetingCall:
    calls = MeetingCall.objects.filter(
        kind=CallKind.WRITTEN_COMMENTS, meeting__body__in=WGETI_BODIES
    ).select_related("meeting")
    return access.get_visible_or_404(request.user, calls, pk=pk)


def _form(request: HttpRequest, data=None) -> SubmissionForm:
    return SubmissionForm(data, documents=wgeti_documents(request.user).order_by("-issued_on"))


def _page(
    request: HttpRequest,
    call: MeetingCall,
    *,
    form: SubmissionForm | None = None,
    publish_form: PublishForm | None = None,
) -> HttpResponse:
    user = request.user
    is_open = submissions_open(call)
    may_submit = may_contribute(user)
    if may_submit and form is None:  # open after the due date too (Appendix 1)
        form = _form(request)
    submissions = list(
        access.visible(
            user,
            call.written_submissions.select_related(
                "state", "organisation", "document", "published_by"
            ),
        )
    )
    for submission in submissions:
        submission.may_publish = access.can(user, Action.CHANGE, submission)
        submission.may_see_history = access.can(user, Action.VIEW_HISTORY, submission)
    context = {
        "call": call,
        "meeting": call.meeting,
        "is_open": is_open,
        "form": form if may_submit else None,
        "submissions": submissions,
        "publish_form": publish_form,
    }
    return render(request, "working_groups/submissions/submissions.html", context)


@require_http_methods(["GET", "POST"])
def submissions(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_or_404(request, pk)
    if request.method == "GET":
        return _page(request, call)
    if not may_contribute(request.user):
        raise PermissionDenied
    form = _form(request, request.POST)
    if form.is_valid():
        try:
            written_submission_submit(by=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("Your submission is sent to the Chair and the Secretariat.")
            )
            return redirect("wgeti:submissions", pk=call.pk)
    return _page(request, call, form=form)


@require_POST
def submission_publish(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access.get_visible_or_404(
        request.user,
        WrittenSubmission.objects.filter(call__meeting__body__in=WGETI_BODIES).select_related(
            "call__meeting"
        ),
        pk=pk,
    )
    access.require(request.user, Action.CHANGE, submission)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            written_submission_publish(by=request.user, submission=submission)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The submission is published."))
            return redirect("wgeti:submissions", pk=submission.call_id)
    return _page(request, submission.call, publish_form=form)


urls = [
    path("calls/<id:pk>/submissions/", submissions, name="submissions"),
    path("submissions/<id:pk>/publish/", submission_publish, name="submission_publish"),
]
