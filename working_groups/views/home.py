from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from att_portal.meetings.selectors import meetings_visible_to


def wgeti_home(request: HttpRequest) -> HttpResponse:
    meetings = meetings_visible_to(request.user).filter(body__in=[Body.WGETI, Body.WGETI_SWG])
    # Each meeting's calls for written comments, for the links to their submissions.
    meetings = meetings.prefetch_related(
        Prefetch(
            "calls",
            queryset=MeetingCall.objects.filter(kind=CallKind.WRITTEN_COMMENTS),
            to_attr="written_comment_calls",
        )
    )
    return render(request, "working_groups/wgeti_home.html", {"meetings": meetings})
