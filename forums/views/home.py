from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from att_portal.meetings.enums import Body
from att_portal.meetings.selectors import meetings_visible_to

from ..permissions import admits_experts


@admits_experts
def home(request: HttpRequest) -> HttpResponse:
    meetings = meetings_visible_to(request.user, body=Body.DIEF)
    return render(request, "forums/home.html", {"meetings": meetings})
