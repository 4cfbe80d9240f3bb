from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.l10n.content import translations_of
from att_portal.meetings.enums import Body
from att_portal.refusals import submitted

from . import agenda as agenda_services
from . import selectors, services
from .agenda import agenda_items
from .enums import AgendaState, UnLanguage
from .forms import (
    AgendaItemForm,
    AgendaItemTextsForm,
    DocumentFilter,
    DocumentRegisterForm,
    LanguageVersionForm,
)
from .models import Agenda, AgendaItem, LanguageVersion
from .permissions import may_edit_agenda


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = DocumentFilter(request.GET, queryset=selectors.documents_visible_to(request.user))
    page = Paginator(documents.qs, 50).get_page(request.GET.get("page"))
    marking.note(request, page.object_list, listing=True)
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


def _agenda_context(request, meeting_pk: int):
    from att_portal.meetings.models import Meeting

    meeting = access.get_visible_or_404(
        request.user, Meeting.objects.select_related("cycle"), pk=meeting_pk
    )
    agenda = Agenda.objects.filter(meeting=meeting).select_related("document").first()
    may_edit = may_edit_agenda(request.user, meeting)
    if agenda is None or not access.can(request.user, Action.VIEW, agenda):
        if not may_edit:
            raise Http404
        agenda = agenda or Agenda(meeting=meeting)
    marking.note(request, meeting)
    return meeting, agenda, may_edit


@login_required
def agenda_page(request: HttpRequest, meeting_pk: int, *, form=None) -> HttpResponse:
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    items = agenda_items(agenda) if agenda.pk else []
    return render(
        request,
        "documents/agenda.html" if not request.htmx else "documents/_agenda_items.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "items": items,
            "may_edit": may_edit and agenda.state != AgendaState.ADOPTED,
            "form": form or (AgendaItemForm(agenda=agenda) if may_edit else None),
            "versions": agenda.versions.all() if agenda.pk else [],
        },
    )


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    if not may_edit:
        raise PermissionDenied
    form = AgendaItemForm(request.POST, agenda=agenda)
    if form.is_valid():
        try:
            agenda = agenda_services.agenda_open(by=request.user, meeting=meeting)
            agenda_services.agenda_item_add(by=request.user, agenda=agenda, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("documents:agenda", meeting_pk=meeting.pk)
    return agenda_page(request, meeting.pk, form=form)


@login_required
def agenda_item_edit(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """The texts of one item in the six UN languages (English required)."""
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    item = access.get_visible_or_404(request.user, AgendaItem, pk=item_pk, agenda__meeting=meeting)
    if not may_edit:
        raise PermissionDenied
    form = AgendaItemTextsForm(
        request.POST if request.method == "POST" else None,
        initial={"presenters": item.presenters},
        initial_translations={
            "title": translations_of(item, "title"),
            "annotation": translations_of(item, "annotation"),
        },
    )
    if request.method == "POST" and submitted(
        form, agenda_services.agenda_item_update_texts, by=request.user, item=item
    ):
        messages.success(request, _("The item is saved."))
        return redirect("documents:agenda", meeting_pk=meeting.pk)
    return render(
        request,
        "documents/agenda_item_edit.html",
        {"meeting": meeting, "agenda": agenda, "item": item, "form": form},
    )


@login_required
@require_POST
def agenda_item_action(
    request: HttpRequest, meeting_pk: int, item_pk: int, action: str
) -> HttpResponse:
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    item = access.get_visible_or_404(request.user, AgendaItem, pk=item_pk, agenda__meeting=meeting)
    try:
        if action in ("up", "down"):
            agenda_services.agenda_item_move(by=request.user, item=item, direction=action)
        elif action == "delete":
            agenda_services.agenda_item_delete(by=request.user, item=item)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        return agenda_page(request, meeting.pk)
    return redirect("documents:agenda", meeting_pk=meeting.pk)


@login_required
@require_POST
def agenda_transition(request: HttpRequest, meeting_pk: int, action: str) -> HttpResponse:
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    if not agenda.pk:
        raise Http404
    transition = {"issue": agenda_services.agenda_issue, "adopt": agenda_services.agenda_adopt}.get(
        action
    )
    if transition is None:
        raise Http404
    try:
        transition(by=request.user, agenda=agenda)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The agenda is issued.") if action == "issue" else _("The agenda is adopted."),
        )
    return redirect("documents:agenda", meeting_pk=meeting.pk)


@login_required
def agenda_pdf(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    from .pdf import UN_LANGUAGES, pdf_response, render_pdf

    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    language = request.GET.get("lang", "en")
    if not agenda.pk or language not in UN_LANGUAGES:
        raise Http404
    pdf = render_pdf(
        "pdf/agenda.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "items": agenda_items(agenda),
            "symbol": agenda.document.symbol if agenda.document else "",
            "issued_on": agenda.document.issued_on if agenda.document else meeting.starts_on,
            "body_heading": Body(meeting.body).label,
            "cycle_heading": meeting.cycle,  # worded in the PDF's language
        },
        language=language,
        viewer=request.user,
        confidential_forum=meeting.confidential_forum,
    )
    return pdf_response(pdf, f"agenda-{meeting.pk}-{language}.pdf")


@login_required
def cover_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A cover letter with the list of its annexes and appendices, in order."""
    from .pdf import UN_LANGUAGES, pdf_response, render_pdf

    document = access.get_visible_or_404(
        request.user, selectors.documents_visible_to(request.user), pk=pk
    )
    language = request.GET.get("lang", "en")
    if language not in UN_LANGUAGES:
        raise Http404
    marking.note(request, document)
    pdf = render_pdf(
        "pdf/cover_letter.html",
        {
            "document": document,
            "symbol": document.symbol,
            "issued_on": document.issued_on,
            "annexes": access.visible(request.user, document.annexes.order_by("position")),
            "body_heading": Body(document.body).label if document.body else "",
            "cycle_heading": document.cycle,  # its name, worded in the PDF's language
        },
        language=language,
        viewer=request.user,
        confidential_forum=document.confidential_forum,
    )
    return pdf_response(pdf, f"letter-{document.number}-{language}.pdf")


@login_required
def document_register(request: HttpRequest) -> HttpResponse:
    """The Secretariat registers a document; the register gives its number and symbol."""
    from .models import Document

    if not access.can(request.user, Action.CHANGE, Document(distribution="public")):
        raise PermissionDenied
    form = DocumentRegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["author_states"] = list(data["author_states"])
        try:
            document = services.document_register(by=request.user, **data)
        except ValidationError as exc:  # e.g. minutes of a DIEF meeting (ToR art. 17)
            form.add_error(None, exc)
        else:
            messages.success(request, _("Registered as %(symbol)s.") % {"symbol": document.symbol})
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/document_register.html", {"form": form})
