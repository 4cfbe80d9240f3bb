"""Cases (ToR arts. 11, 18, 19) and the information exchange platform (art. 13): lists,
pages, forms, attachments with watermarked downloads, the access log and the PDF."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, stored_files
from att_portal.access import Action
from att_portal.refusals import add_refusal
from documents.pdf import pdf_response, render_pdf, watermark_for

from .. import selectors
from ..enums import AccessKind, Marking
from ..forms import (
    SECURITY_REMINDER,
    AttachmentForm,
    CaseForm,
    PlatformItemForm,
    SharedItemFilter,
    UndertakingForm,
)
from ..models import Attachment, Case, PlatformItem
from ..permissions import DiefAction, admits_experts, may_share, opens
from ..selectors.invitations import expert_invitations
from ..services import shared as services
from ..watermark import UnstampableFile, stamp
from .presentations import presentation_detail

KINDS = {
    "case": (Case, CaseForm, "dief:case_detail", "dief:case_list"),
    "item": (PlatformItem, PlatformItemForm, "dief:item_detail", "dief:item_list"),
}


def _item(request, kind: str, pk: int):
    model = KINDS[kind][0]
    return access.get_visible_or_404(
        request.user, selectors.shared_items_visible_to(request.user, model), pk=pk
    )


def item_list(request: HttpRequest, kind: str) -> HttpResponse:
    model = KINDS[kind][0]
    form = SharedItemFilter(request.GET or None)
    items = selectors.shared_items_visible_to(request.user, model)
    if form.is_valid():
        items = selectors.shared_items_matching(
            items,
            words=form.cleaned_data["q"],
            category=form.cleaned_data["category"],
            state_id=request.user.state_id if form.cleaned_data["mine"] else None,
        )
    else:
        items = selectors.shared_items_matching(items)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/cases/list.html",
        {"kind": kind, "form": form, "page": page, "may_share": may_share(request.user)},
    )


@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, kind: str) -> HttpResponse:
    return _item_form(request, kind, None)


@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _item_form(request, kind, _item(request, kind, pk))


def _item_form(request, kind: str, item) -> HttpResponse:
    model, form_class, detail, _list = KINDS[kind]
    if item is None:
        if not may_share(request.user):
            raise PermissionDenied
        item = model()
    else:
        access.require(request.user, Action.CHANGE, item)
    provider = item.provider_state_id or request.user.state_id
    form = form_class(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=item,
        provider_state_id=provider,
        initial={"named_states": services.named_states(item)} if item.pk else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = services.shared_item_save(
                    by=request.user,
                    item=form.save(commit=False),
                    categories=form.cleaned_data["categories"],
                    named=form.cleaned_data["named_states"],
                )
                if form.cleaned_data.get("attachment"):
                    services.attachment_add(
                        by=request.user,
                        item=saved,
                        uploaded=form.cleaned_data["attachment"],
                        content_type=form.content_type,
                        safe_name=form.safe_name,
                    )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Saved. It is confidential to the DIEF."))
            return redirect(detail, saved.pk)
    return render(
        request,
        "forums/cases/form.html",
        {"kind": kind, "form": form, "item": item, "reminder": SECURITY_REMINDER},
    )


@admits_experts
def item_detail(request: HttpRequest, kind: str, pk: int, *, upload_form=None) -> HttpResponse:
    item = _item(request, kind, pk)
    user = request.user
    if request.method == "GET":
        services.access_record(person=user, item=item, kind=AccessKind.VIEW)
    may_change = access.can(user, Action.CHANGE, item)
    see_log = access.can(user, DiefAction.SEE_ACCESS_LOG, item)
    return render(
        request,
        "forums/cases/detail.html",
        {
            "kind": kind,
            "item": item,
            "categories": item.categories.all(),
            "release": item.release(),
            "attachments": selectors.attachments_of(user, item),
            "presentations": selectors.presentations_of(user, item) if kind == "case" else None,
            "named_states": services.named_states(item) if may_change else None,
            "may_change": may_change,
            "may_present": kind == "case" and access.can(user, DiefAction.PRESENT, item),
            "may_request_use": access.can(user, DiefAction.REQUEST_USE, item),
            "may_see_history": access.can(user, Action.VIEW_HISTORY, item),
            # Links to the forum's pages only for those its gate lets in (an admitted
            # expert opens this case, not the lists or the presentation's page).
            "may_open_list": opens(user, item_list),
            "may_open_presentations": opens(user, presentation_detail),
            # The admitted expert's invitation: the meeting's dates and venue, the
            # undertaking (ToR arts. 8, 9, 15).
            "invitations": expert_invitations(user, case=item) if kind == "case" else [],
            "access_log": (
                selectors.access_log_of(
                    user, item, include_provider=request.GET.get("openings") == "all"
                )
                if see_log
                else None
            ),
            "upload_form": upload_form or (AttachmentForm() if may_change else None),
        },
    )


@require_POST
def attachment_upload(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)
    access.require(request.user, Action.CHANGE, item)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return item_detail(request, kind, pk, upload_form=form)
    services.attachment_add(
        by=request.user,
        item=item,
        uploaded=form.cleaned_data["file"],
        content_type=form.content_type,
        safe_name=form.safe_name,
    )
    messages.success(request, _("The attachment is stored."))
    return redirect(KINDS[kind][2], pk)


@require_POST
def attachment_delete(request: HttpRequest, attachment_pk: int) -> HttpResponse:
    attachment = access.get_visible_or_404(
        request.user, Attachment.objects.select_related("case", "platform_item"), pk=attachment_pk
    )
    subject = attachment.subject
    services.attachment_delete(by=request.user, attachment=attachment)
    messages.success(request, _("The attachment is deleted."))
    return redirect(subject.get_absolute_url())


@admits_experts
def attachment_download(request: HttpRequest, attachment_pk: int) -> HttpResponse:
    """Attachments are served only here, after the permission layer, watermarked for the
    person downloading them: never from a media URL."""
    attachment = access.get_visible_or_404(
        request.user, Attachment.objects.select_related("case", "platform_item"), pk=attachment_pk
    )
    reference = f"attachment {attachment.pk}"
    if attachment.quarantined_at is not None:
        return stored_files.unavailable_response(request, attachment, reference=reference)
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    try:
        stamped = stamp(data, attachment.content_type, watermark_for(request.user))
    except UnstampableFile as error:  # never the file without its watermark
        return stored_files.unavailable_response(
            request, attachment, reference=reference, reason=str(error)
        )
    services.access_record(person=request.user, item=attachment.subject, kind=AccessKind.DOWNLOAD)
    return FileResponse(
        io.BytesIO(stamped),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@admits_experts
def item_pdf(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)
    language = (
        get_language() if get_language() in ("ar", "zh-hans", "en", "fr", "ru", "es") else "en"
    )
    with translation.override(language):  # the States by their names in the PDF's language
        states = services.restricted_to(item)
        if states is None:
            restricted = ""
        elif access.can(request.user, Action.CHANGE, item):
            # Translators: between the names of a list ("Austria, Mexico"): "、" in Chinese.
            restricted = pgettext("list separator", ", ").join(str(state) for state in states)
        else:
            # As on the item's page: the named States are the provider's to know, not each
            # other's.
            restricted = _("the States its provider named")
    pdf = render_pdf(
        "pdf/dief_item.html",
        {
            "item": item,
            "kind": kind,
            "restricted_to": restricted,
            # The provider's own marking, where it says more than the forum's marking on
            # every page ("CONFIDENTIAL — DIEF").
            "own_marking": (
                item.get_marking_display() if item.marking != Marking.CONFIDENTIAL else ""
            ),
            "categories": item.categories.all(),
            "issued_on": timezone.localdate(),
            "body_heading": _("Diversion Information Exchange Forum"),
        },
        language=language,
        viewer=request.user,
        confidential_forum=item.confidential_forum,
    )
    services.access_record(person=request.user, item=item, kind=AccessKind.PDF)
    return pdf_response(pdf, f"dief-{kind}-{item.pk}.pdf")


@admits_experts
@require_http_methods(["GET", "POST"])
def undertaking(request: HttpRequest, pk: int) -> HttpResponse:
    """An admitted non-state expert accepts the confidentiality undertaking (art. 15)
    before the case opens to them."""
    admission = access.get_visible_or_404(
        request.user,
        selectors.admissions_of(request.user),
        pk=pk,
    )
    form = UndertakingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.undertaking_accept(by=request.user, admission=admission)
        return redirect("dief:case_detail", admission.presentation.case_id)
    invitation = next(
        (i for i in expert_invitations(request.user) if i.admission_id == admission.pk), None
    )
    return render(
        request,
        "forums/cases/undertaking.html",
        {"admission": admission, "invitation": invitation, "form": form},
    )


urls = [
    path("cases/", item_list, {"kind": "case"}, name="case_list"),
    path("cases/new/", item_new, {"kind": "case"}, name="case_new"),
    path("cases/<id:pk>/", item_detail, {"kind": "case"}, name="case_detail"),
    path("cases/<id:pk>/edit/", item_edit, {"kind": "case"}, name="case_edit"),
    path("cases/<id:pk>/pdf/", item_pdf, {"kind": "case"}, name="case_pdf"),
    path(
        "cases/<id:pk>/attachments/",
        attachment_upload,
        {"kind": "case"},
        name="case_attachment_upload",
    ),
    path("platform/", item_list, {"kind": "item"}, name="item_list"),
    path("platform/new/", item_new, {"kind": "item"}, name="item_new"),
    path("platform/<id:pk>/", item_detail, {"kind": "item"}, name="item_detail"),
    path("platform/<id:pk>/edit/", item_edit, {"kind": "item"}, name="item_edit"),
    path("platform/<id:pk>/pdf/", item_pdf, {"kind": "item"}, name="item_pdf"),
    path(
        "platform/<id:pk>/attachments/",
        attachment_upload,
        {"kind": "item"},
        name="item_attachment_upload",
    ),
    path("attachments/<id:attachment_pk>/", attachment_download, name="attachment_download"),
    path("attachments/<id:attachment_pk>/delete/", attachment_delete, name="attachment_delete"),
    path("admissions/<id:pk>/undertaking/", undertaking, name="undertaking"),
]
