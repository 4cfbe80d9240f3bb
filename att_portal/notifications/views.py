from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from att_portal import access

from .models import Notice


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(access.visible(request.user, Notice), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/notice_list.html", {"page": page})


@login_required
@require_POST
def notices_mark_read(request: HttpRequest) -> HttpResponse:
    access.visible(request.user, Notice).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications:list")
