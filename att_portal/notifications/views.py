from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from att_portal import access, registry

from .models import Notice


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """The person's notices, newest first, each with what it is about (the apps say it,
    `registry.add_notice_subjects`): notices titled alike are told apart by it."""
    page = Paginator(access.visible(request.user, Notice), 50).get_page(request.GET.get("page"))
    subjects = registry.notice_subjects(request, [notice.key for notice in page])
    for notice in page:
        notice.subject = subjects.get(notice.key, "")
        notice.subject_withheld = notice.key in subjects and subjects[notice.key] is None
    return render(
        request,
        "notifications/notice_list.html",
        {
            "page": page,
            "withheld": any(notice.subject_withheld for notice in page),
            "two_factor_url": (
                f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}"
            ),
        },
    )


@login_required
@require_POST
def notices_mark_read(request: HttpRequest) -> HttpResponse:
    access.visible(request.user, Notice).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications:list")
