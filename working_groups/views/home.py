from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from att_portal.meetings.selectors import meetings_visible_to

# Past meetings shown per page, the latest first; the meetings ahead are all shown.
PAST_PER_PAGE = 10


def wgeti_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    meetings = meetings_visible_to(request.user).filter(body__in=[Body.WGETI, Body.WGETI_SWG])
    upcoming = list(meetings.filter(ends_on__gte=today).order_by("starts_on", "title", "pk"))
    past = Paginator(
        meetings.filter(ends_on__lt=today).order_by("-starts_on", "title", "pk"), PAST_PER_PAGE
    ).get_page(request.GET.get("page"))
    shown = [*upcoming, *past.object_list]
    # Each meeting's calls for written comments, for the links to their submissions.
    prefetch_related_objects(
        shown,
        Prefetch(
            "calls",
            queryset=MeetingCall.objects.filter(kind=CallKind.WRITTEN_COMMENTS),
            to_attr="written_comment_calls",
        ),
    )
    return render(
        request,
        "working_groups/wgeti_home.html",
        {"upcoming": upcoming, "page": past, "meetings": shown},
    )
