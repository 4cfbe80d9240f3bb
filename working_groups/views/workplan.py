"""The multi-year workplan, the sub-working groups of each CSP cycle, and the topics a
WGETI meeting takes up (seeds 002 and 004)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action
from att_portal.l10n.content import translations_of
from att_portal.meetings.models import Meeting
from att_portal.refusals import add_refusal

from ..forms.workplan import (
    CycleChoiceForm,
    MeetingTopicForm,
    MeetingTopicRemoveForm,
    SubWorkingGroupForm,
)
from ..models import MeetingTopic, SubWorkingGroup
from ..selectors.presentations import presenter_list_of, presenter_list_opens_to
from ..selectors.workplan import (
    cycles_for_choice,
    default_cycle,
    meeting_topics_of,
    sub_working_groups_of,
    topics_for_choice,
    wgeti_meetings_visible_to,
    workplan_phases,
)
from ..services.workplan import (
    meeting_topic_add,
    meeting_topic_remove,
    sub_working_group_create,
    sub_working_group_update,
)


def wgeti_meeting_or_404(request: HttpRequest, meeting_pk: int) -> Meeting:
    return access.get_visible_or_404(
        request.user, wgeti_meetings_visible_to(request.user), pk=meeting_pk
    )


def workplan(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "working_groups/workplan/workplan.html",
        {"phases": workplan_phases(request.user)},
    )


@require_http_methods(["GET", "POST"])
def sub_working_groups(request: HttpRequest) -> HttpResponse:
    user = request.user
    choice = CycleChoiceForm(request.GET or None, cycles=cycles_for_choice(user))
    cycle = choice.cleaned_data["cycle"] if choice.is_valid() else None
    cycle = cycle or default_cycle(user)
    if cycle is None:
        raise Http404
    may_change = access.can(user, Action.CHANGE, SubWorkingGroup(cycle=cycle))
    form = None
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = SubWorkingGroupForm(request.POST)
        if form.is_valid():
            try:
                sub_working_group_create(by=user, cycle=cycle, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("The sub-working group is set up."))
                return redirect(reverse("wgeti:sub_working_groups") + f"?cycle={cycle.number}")
    elif may_change:
        form = SubWorkingGroupForm()
    context = {
        "cycle": cycle,
        "choice": choice,
        "groups": sub_working_groups_of(user, cycle),
        "may_change": may_change,
        "form": form,
    }
    return render(request, "working_groups/workplan/sub_working_groups.html", context)


@require_http_methods(["GET", "POST"])
def sub_working_group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_visible_or_404(
        request.user, SubWorkingGroup.objects.select_related("cycle"), pk=pk
    )
    access.require(request.user, Action.CHANGE, group)
    form = SubWorkingGroupForm(
        request.POST or None,
        initial={"facilitators": group.facilitators, "position": group.position},
        initial_translations={
            "name": translations_of(group, "name"),
            "mandate": translations_of(group, "mandate"),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            sub_working_group_update(by=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The sub-working group is updated."))
            return redirect(reverse("wgeti:sub_working_groups") + f"?cycle={group.cycle.number}")
    group.refresh_from_db()
    return render(
        request,
        "working_groups/workplan/sub_working_group_edit.html",
        {"group": group, "form": form},
    )


def _topics_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    add_form: MeetingTopicForm | None = None,
    remove_form: MeetingTopicRemoveForm | None = None,
) -> HttpResponse:
    user = request.user
    may_change = access.can(user, Action.CHANGE, MeetingTopic(meeting=meeting))
    if may_change and add_form is None:
        add_form = _add_form(request, meeting)
    context = {
        "meeting": meeting,
        "meeting_topics": meeting_topics_of(user, meeting),
        "may_open_presenter_list": presenter_list_opens_to(
            user, meeting, presenter_list_of(meeting)
        ),
        "may_change": may_change,
        "add_form": add_form if may_change else None,
        "remove_form": remove_form,
    }
    return render(request, "working_groups/workplan/meeting_topics.html", context)


def _add_form(request: HttpRequest, meeting: Meeting, data=None) -> MeetingTopicForm:
    return MeetingTopicForm(
        data,
        topics=topics_for_choice(request.user),
        groups=sub_working_groups_of(request.user, meeting.cycle),
    )


def meeting_topics(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    return _topics_page(request, wgeti_meeting_or_404(request, meeting_pk))


@require_POST
def meeting_topic_add_view(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = wgeti_meeting_or_404(request, meeting_pk)
    if not access.can(request.user, Action.CHANGE, MeetingTopic(meeting=meeting)):
        raise PermissionDenied
    form = _add_form(request, meeting, request.POST)
    if form.is_valid():
        try:
            meeting_topic_add(by=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The meeting takes up the topic."))
            return redirect("wgeti:meeting_topics", meeting_pk=meeting.pk)
    return _topics_page(request, meeting, add_form=form)


@require_POST
def meeting_topic_remove_view(request: HttpRequest, meeting_pk: int, pk: int) -> HttpResponse:
    meeting = wgeti_meeting_or_404(request, meeting_pk)
    taken_up = access.get_visible_or_404(
        request.user, meeting_topics_of(request.user, meeting), pk=pk
    )
    access.require(request.user, Action.CHANGE, taken_up)
    form = MeetingTopicRemoveForm(request.POST)
    if form.is_valid():
        try:
            meeting_topic_remove(by=request.user, meeting_topic=taken_up)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The topic is no longer on the meeting's programme."))
            return redirect("wgeti:meeting_topics", meeting_pk=meeting.pk)
    return _topics_page(request, meeting, remove_form=form)


urls = [
    path("workplan/", workplan, name="workplan"),
    path("sub-working-groups/", sub_working_groups, name="sub_working_groups"),
    path(
        "sub-working-groups/<id:pk>/edit/",
        sub_working_group_edit,
        name="sub_working_group_edit",
    ),
    path("meetings/<id:meeting_pk>/topics/", meeting_topics, name="meeting_topics"),
    path("meetings/<id:meeting_pk>/topics/add/", meeting_topic_add_view, name="meeting_topic_add"),
    path(
        "meetings/<id:meeting_pk>/topics/<id:pk>/remove/",
        meeting_topic_remove_view,
        name="meeting_topic_remove",
    ),
]
