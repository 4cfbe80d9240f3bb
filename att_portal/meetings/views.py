from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from att_portal import access, marking
from att_portal.access import Action

from .enums import Body
from .selectors import meetings_visible_to


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    body = request.GET.get("body")
    if body not in Body.values:
        body = None
    page = Paginator(meetings_visible_to(request.user, body=body), 50).get_page(
        request.GET.get("page")
    )
    marking.note(request, page.object_list)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "bodies": Body.choices,
            "body": body,
        },
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_visible_or_404(request.user, meetings_visible_to(request.user), pk=pk)
    marking.note(request, meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "may_view_history": access.can(request.user, Action.VIEW_HISTORY, meeting),
        },
    )
