"""Releases from confidentiality (ToR art. 14): the Secretariat records the participants'
decisions in the DIEF area; the released cases and platform items are read in the
restricted area by all its members, outside the DIEF gate and without its marking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from att_portal import access
from att_portal.refusals import submitted
from documents.permissions import is_restricted_area_member

from .. import selectors
from ..forms.releases import ReleaseForm
from ..models import Case, ConfidentialityRelease, PlatformItem
from ..permissions import may_record_releases
from ..services.releases import confidentiality_release_record

MODELS = {"case": Case, "item": PlatformItem}


def release_list(request: HttpRequest) -> HttpResponse:
    """The decisions recorded so far, for the Secretariat."""
    if not may_record_releases(request.user):
        raise PermissionDenied
    releases = access.visible(request.user, ConfidentialityRelease).select_related(
        "case", "platform_item", "document", "meeting", "recorded_by"
    )
    return render(request, "forums/releases/list.html", {"releases": releases})


@require_http_methods(["GET", "POST"])
def release_new(request: HttpRequest) -> HttpResponse:
    if not may_record_releases(request.user):
        raise PermissionDenied
    form = ReleaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submitted(
        form, confidentiality_release_record, by=request.user
    ):
        messages.success(request, _("The release from confidentiality is recorded."))
        return redirect("dief:release_list")
    return render(request, "forums/releases/new.html", {"form": form})


@login_required
def released_list(request: HttpRequest) -> HttpResponse:
    """Released cases and platform items: restricted-area material (art. 14)."""
    if not is_restricted_area_member(request.user):
        raise PermissionDenied
    return render(
        request,
        "forums/releases/released_list.html",
        {
            "cases": selectors.released_items_visible_to(request.user, Case),
            "items": selectors.released_items_visible_to(request.user, PlatformItem),
        },
    )


@login_required
def released_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in MODELS:
        raise PermissionDenied
    item = access.get_visible_or_404(
        request.user, selectors.released_items_visible_to(request.user, MODELS[kind]), pk=pk
    )
    return render(
        request,
        "forums/releases/released_detail.html",
        {
            "item": item,
            "kind": kind,
            "release": item.release(),
            "categories": item.categories.all(),
        },
    )


urls = [
    path("releases/", release_list, name="release_list"),
    path("releases/new/", release_new, name="release_new"),
]

# Outside the DIEF gate: released material is the restricted area's.
restricted_urls = [
    path("released/", released_list, name="released_list"),
    path("released/<str:kind>/<id:pk>/", released_detail, name="released_detail"),
]
