from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from att_portal import access, marking
from att_portal.access import Action

from . import selectors, services
from .enums import UnLanguage
from .forms import DocumentFilter, LanguageVersionForm
from .models import LanguageVersion


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = DocumentFilter(request.GET, queryset=selectors.documents_visible_to(request.user))
    page = Paginator(documents.qs, 50).get_page(request.GET.get("page"))
    marking.note(request, page.object_list)
    return render(request, "documents/document_list.html", {"filter": documents, "page": page})


@login_required
def document_detail(request: HttpRequest, pk: int, *, form=None) -> HttpResponse:
    document = access.get_visible_or_404(
        request.user, selectors.documents_visible_to(request.user), pk=pk
    )
    marking.note(request, document)
    versions = {v.language: v for v in document.versions.all()}
    may_change = access.can(request.user, Action.CHANGE, document)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "languages": [(code, label, versions.get(code)) for code, label in UnLanguage.choices],
            "annexes": access.visible(request.user, document.annexes.order_by("position")),
            "may_change": may_change,
            "form": form or (LanguageVersionForm() if may_change else None),
        },
    )


@login_required
@require_POST
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_visible_or_404(
        request.user, selectors.documents_visible_to(request.user), pk=pk
    )
    access.require(request.user, Action.CHANGE, document)
    form = LanguageVersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return document_detail(request, pk, form=form)
    services.language_version_upload(
        by=request.user,
        document=document,
        language=form.cleaned_data["language"],
        uploaded=form.cleaned_data["file"],
        content_type=form.content_type,
        safe_name=form.safe_name,
    )
    messages.success(request, _("The file is stored."))
    return redirect("documents:detail", pk=pk)


@login_required
def version_download(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Files are served only here, after the permission layer: never from a media URL."""
    version = access.get_visible_or_404(
        request.user,
        LanguageVersion.objects.select_related("document"),
        document_id=pk,
        language=language,
    )
    marking.note(request, version)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
