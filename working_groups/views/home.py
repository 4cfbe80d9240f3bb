from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from att_portal.meetings.enums import Body
from att_portal.meetings.selectors import meetings_visible_to


def wgeti_home(request: HttpRequest) -> HttpResponse:
    meetings = meetings_visible_to(request.user).filter(body__in=[Body.WGETI, Body.WGETI_SWG])
    return render(request, "working_groups/wgeti_home.html", {"meetings": meetings})
