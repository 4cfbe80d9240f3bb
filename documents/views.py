from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from att_portal import access, marking, stored_files
from att_portal.access import Action
from att_portal.l10n.content import translations_of
from att_portal.meetings.enums import Body
from att_portal.refusals import add_refusal, submitted

from . import agenda as agenda_services
from . import selectors, services
from .agenda import agenda_items
from .enums import AgendaState, UnLanguage
from .forms import (
    AgendaItemForm,
    AnnexAttachForm,
    DocumentFilter,
    DocumentRegisterExistingForm,
    DocumentRegisterForm,
    DocumentReviseForm,
    LanguageVersionForm,
    WithdrawForm,
)
from .models import Agenda, AgendaItem, AgendaVersion, Document, LanguageVersion
from .pagination import ListPaginator
from .permissions import agenda_opens_to, may_compose_any, may_edit_agenda


def _document(request: HttpRequest, pk: int) -> Document:
    """The document, if the reader may see it (404 otherwise, its existence hidden)."""
    return access.get_visible_or_404(
        request.user, selectors.documents_visible_to(request.user), pk=pk
    )


def _language(language: str) -> str:
    if language not in UnLanguage.values:
        raise Http404
    return language


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    # Newest first, as the index document_list_order reads them (a symbol search puts the
    # exact match first).
    listed = selectors.documents_visible_to(request.user).order_by("-issued_on", "-number", "-pk")
    documents = DocumentFilter(request.GET, queryset=listed)
    page = ListPaginator(documents.qs, 50).get_page(request.GET.get("page"))
    marking.note(request, page.object_list, listing=True)
    return render(
        request,
        "documents/document_list.html",
        {"filter": documents, "page": page, "may_compose": may_compose_any(request.user)},
    )


@login_required
def document_detail(request: HttpRequest, pk: int, *, form=None, annex_form=None) -> HttpResponse:
    document = _document(request, pk)
    marking.note(request, document)
    may_change = access.can(request.user, Action.CHANGE, document)
    annexes = list(selectors.annexes_visible_to(request.user, document))
    marking.note(request, annexes, listing=True)  # a DIEF annex's title marks the page
    # The letter it is an annex of, and the document it revises, only where the reader
    # may see them (a public annex of a DIEF letter names nothing of the letter).
    parent, revised = selectors.related_visible_to(
        request.user, document.parent_id, document.revises_id
    )
    revisions = selectors.revisions_visible_to(request.user, document.revises_id or document.pk)
    newer = revisions[-1] if revisions else None
    if newer and (newer.pk == document.pk or (newer.revision or 0) <= (document.revision or 0)):
        newer = None
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "newer": newer,
            "parent": parent,
            "revised": revised,
            "revisions": revisions,
            "languages": selectors.language_files(request.user, document),
            "annexes": annexes,
            "authoring_states": list(document.author_states.all()),
            "may_change": may_change,
            "form": form or (LanguageVersionForm() if may_change else None),
            "annex_form": annex_form or (AnnexAttachForm() if may_change else None),
        },
    )


@login_required
@require_POST
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    access.require(request.user, Action.CHANGE, document)
    form = LanguageVersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return document_detail(request, pk, form=form)
    version = services.language_version_upload(
        by=request.user,
        document=document,
        language=form.cleaned_data["language"],
        uploaded=form.cleaned_data["file"],
        content_type=form.content_type,
        safe_name=form.safe_name,
    )
    if version.number > 1:
        messages.success(
            request, _("The file is stored; the previous one is kept in the language's history.")
        )
    else:
        messages.success(request, _("The file is stored."))
    return redirect("documents:detail", pk=pk)


def _serve(request: HttpRequest, version: LanguageVersion) -> HttpResponse:
    """Files are served only here, after the permission layer: never from a media URL."""
    marking.note(request, version)
    if version.quarantined_at is not None:
        return stored_files.unavailable_response(
            request, version, reference=f"file {version.pk} of {version.document.symbol}"
        )
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


@login_required
def version_download(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The current file of a language."""
    version = access.get_visible_or_404(
        request.user,
        LanguageVersion.objects.current().select_related("document"),
        document_id=pk,
        language=_language(language),
    )
    return _serve(request, version)


@login_required
def version_file(request: HttpRequest, pk: int, language: str, version_pk: int) -> HttpResponse:
    """One file of a language, current or earlier (from the language's history)."""
    version = access.get_visible_or_404(
        request.user,
        LanguageVersion.objects.select_related("document"),
        document_id=pk,
        language=_language(language),
        pk=version_pk,
    )
    return _serve(request, version)


@login_required
def version_history(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Every file a language has had, the current one first: who uploaded it and when,
    who replaced or withdrew it and why."""
    document = _document(request, pk)
    language = _language(language)
    marking.note(request, document)
    files = next(f for f in selectors.language_files(request.user, document) if f.code == language)
    return render(
        request,
        "documents/document_language_history.html",
        {
            "document": document,
            "files": files,
            "may_change": access.can(request.user, Action.CHANGE, document),
        },
    )


@login_required
def version_withdraw(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Withdraw the current file of a language, with the reason (a confirmation page)."""
    document = _document(request, pk)
    language = _language(language)
    access.require(request.user, Action.CHANGE, document)
    marking.note(request, document)
    version = LanguageVersion.objects.current().filter(document=document, language=language).first()
    if version is None:
        raise Http404
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submitted(
        form,
        services.language_version_withdraw,
        by=request.user,
        document=document,
        language=language,
    ):
        messages.success(
            request,
            _("The %(language)s file is withdrawn; it is kept in the language's history.")
            % {"language": version.get_language_display()},
        )
        return redirect("documents:detail", pk=pk)
    return render(
        request,
        "documents/document_withdraw.html",
        {"document": document, "version": version, "form": form},
    )


@login_required
def document_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a revision from the document's page, after a confirmation: the same number,
    the next ``.RevN``, superseding the document."""
    document = _document(request, pk)
    access.require(request.user, Action.CHANGE, document)
    marking.note(request, document)
    original = document.revises or document
    form = DocumentReviseForm(
        request.POST if request.method == "POST" else None,
        initial={"issued_on": timezone.localdate()},
        initial_translations={"title": translations_of(original, "title")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.document_revise(
                by=request.user, document=document, **form.cleaned_data
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                _("Revision %(symbol)s is issued; it supersedes %(original)s.")
                % {"symbol": revision.symbol, "original": document.symbol},
            )
            return redirect("documents:detail", pk=revision.pk)
    return render(
        request,
        "documents/document_revise.html",
        {
            "document": document,
            "original": original,
            "next_symbol": selectors.next_revision_symbol(original),
            "form": form,
        },
    )


@login_required
@require_POST
def annex_attach(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    access.require(request.user, Action.CHANGE, document)
    form = AnnexAttachForm(request.POST, documents=selectors.documents_visible_to(request.user))
    if form.is_valid():
        try:
            annex = services.document_attach(
                by=request.user,
                parent=document,
                annex=form.cleaned_data["annex"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                _("%(symbol)s is attached as %(label)s.")
                % {"symbol": annex.symbol, "label": annex.annex_label},
            )
            return redirect(reverse("documents:detail", args=[pk]) + "#annexes")
    return document_detail(request, pk, annex_form=form)


@login_required
@require_POST
def annex_action(request: HttpRequest, pk: int, annex_pk: int, action: str) -> HttpResponse:
    """Move an annex up or down, or detach it."""
    document = _document(request, pk)
    annex = access.get_visible_or_404(request.user, document.annexes.all(), pk=annex_pk)
    if action not in ("up", "down", "detach"):
        raise Http404
    access.require(request.user, Action.CHANGE, document)
    label = annex.annex_label
    try:
        if action == "detach":
            services.document_detach(by=request.user, annex=annex)
            messages.success(
                request,
                _("%(symbol)s is no longer %(label)s of this document.")
                % {"symbol": annex.symbol, "label": label},
            )
        else:
            services.document_annex_move(by=request.user, annex=annex, direction=action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    anchor = "#annexes" if action == "detach" else f"#annex-{annex.pk}"
    return redirect(reverse("documents:detail", args=[pk]) + anchor)


def _agenda_context(request, meeting_pk: int):
    from att_portal.meetings.models import Meeting

    meeting = access.get_visible_or_404(
        request.user, Meeting.objects.select_related("cycle"), pk=meeting_pk
    )
    agenda = Agenda.objects.filter(meeting=meeting).select_related("document").first()
    may_edit = may_edit_agenda(request.user, meeting)
    # Back in draft after an issue: its readers still have the issued versions.
    if not agenda_opens_to(request.user, meeting):
        raise Http404
    if agenda is None:
        agenda = Agenda(meeting=meeting)
    marking.note(request, meeting)
    return meeting, agenda, may_edit


def _sees_current(request: HttpRequest, agenda: Agenda, may_edit: bool) -> bool:
    """Whether the reader sees the agenda as it stands (its draft is its editors')."""
    return may_edit or (agenda.pk is not None and access.can(request.user, Action.VIEW, agenda))


@login_required
def agenda_page(
    request: HttpRequest,
    meeting_pk: int,
    *,
    form=None,
    status: str = "",
    status_error: bool = False,
    focus: str = "",
) -> HttpResponse:
    """The agenda builder. An HTMX request gets the list of items back, with `status`
    for the screen reader's live region and the id of the control to `focus`."""
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    current = _sees_current(request, agenda, may_edit)
    items = agenda_items(agenda) if agenda.pk and current else []
    return render(
        request,
        "documents/agenda.html" if not request.htmx else "documents/_agenda_items.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "items": items,
            "may_edit": may_edit and agenda.state != AgendaState.ADOPTED,
            "form": form or (AgendaItemForm(agenda=agenda) if may_edit else None),
            "versions": (
                agenda.versions.select_related("created_by", "document") if agenda.pk else []
            ),
            "current": current,
            "status": status,
            "status_error": status_error,
            "focus": focus,
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


def _agenda_item(request: HttpRequest, meeting, item_pk: int) -> AgendaItem:
    return access.get_visible_or_404(request.user, AgendaItem, pk=item_pk, agenda__meeting=meeting)


@login_required
def agenda_item_edit(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """One item changed in place: its texts in the six UN languages (English required), its
    presenters, session and parent. Inline on the agenda page with HTMX; a page of its own
    without JavaScript."""
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    item = _agenda_item(request, meeting, item_pk)
    if not may_edit:
        raise PermissionDenied
    form = AgendaItemForm(
        request.POST if request.method == "POST" else None,
        agenda=agenda,
        item=item,
        auto_id=f"item-{item.pk}-%s",  # unique ids beside the add form on the agenda page
        initial={
            "presenters": item.presenters,
            "session": item.session_id,
            "parent": item.parent_id,
        },
        initial_translations={
            "title": translations_of(item, "title"),
            "annotation": translations_of(item, "annotation"),
        },
    )
    if request.method == "POST" and submitted(
        form, agenda_services.agenda_item_update, by=request.user, item=item
    ):
        saved = _("The item is saved.")
        if request.htmx:
            response = agenda_page(request, meeting.pk, status=saved, focus=f"edit-{item.pk}")
            response["HX-Retarget"] = "#agenda-items"
            response["HX-Reswap"] = "outerHTML"
            return response
        messages.success(request, saved)
        return redirect("documents:agenda", meeting_pk=meeting.pk)
    if request.htmx:
        form.fields["title"].widget.attrs["autofocus"] = True
    return render(
        request,
        "documents/_agenda_item_form.html" if request.htmx else "documents/agenda_item_edit.html",
        {"meeting": meeting, "agenda": agenda, "item": item, "form": form},
    )


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """An item put at any position of its level: the keyboard's "Move to position" form
    and the drag and drop of static/js/agenda.js both post here."""
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    item = _agenda_item(request, meeting, item_pk)
    if not may_edit:
        raise PermissionDenied
    raw = request.POST.get("position", "")
    try:
        position = int(raw) if raw.strip().isdigit() and len(raw.strip()) < 6 else 0
        moved = agenda_services.agenda_item_move_to(by=request.user, item=item, position=position)
    except ValidationError as exc:
        status, error = " ".join(exc.messages), True
    else:
        number = next(n.number for n in agenda_items(agenda) if n.item.pk == moved.pk)
        status = _("“%(title)s” is now item %(number)s.") % {
            "title": moved.title,
            "number": number,
        }
        error = False
    if request.htmx:
        return agenda_page(
            request, meeting.pk, status=status, status_error=error, focus=f"move-{item.pk}"
        )
    (messages.error if error else messages.success)(request, status)
    return redirect(reverse("documents:agenda", args=[meeting.pk]) + f"#item-{item.pk}")


@login_required
@require_POST
def agenda_item_action(
    request: HttpRequest, meeting_pk: int, item_pk: int, action: str
) -> HttpResponse:
    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    item = _agenda_item(request, meeting, item_pk)
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
    if (
        action == "issue"
        and may_edit
        and request.POST.get("nobody_invited") != "confirmed"
        and not agenda_services.notified_state_ids(meeting)
    ):
        # Issuing tells the invited delegations (for the DIEF every State Party and
        # signatory): with none to tell, nobody hears of it.
        return render(
            request, "documents/agenda_issue_confirm.html", {"meeting": meeting, "agenda": agenda}
        )
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


def _agenda_pdf(
    request, meeting, agenda, *, items, document, language: str, filename: str
) -> HttpResponse:
    from .pdf import pdf_response, render_pdf

    pdf = render_pdf(
        "pdf/agenda.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "items": items,
            "symbol": document.symbol if document else "",
            "issued_on": document.issued_on if document else meeting.starts_on,
            "body_heading": Body(meeting.body).label,
            "cycle_heading": meeting.cycle,  # worded in the PDF's language
        },
        language=language,
        viewer=request.user,
        confidential_forum=meeting.confidential_forum,
    )
    return pdf_response(pdf, filename)


@login_required
def agenda_pdf(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    from .pdf import UN_LANGUAGES

    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    language = request.GET.get("lang", "en")
    if not _sees_current(request, agenda, may_edit) or language not in UN_LANGUAGES:
        raise Http404
    return _agenda_pdf(
        request,
        meeting,
        agenda,
        items=agenda_items(agenda),
        document=agenda.document,
        language=language,
        filename=f"agenda-{meeting.pk}-{language}.pdf",
    )


@login_required
def agenda_version_pdf(request: HttpRequest, meeting_pk: int, number: int) -> HttpResponse:
    """An issued (or adopted) version of the agenda as it was, in one UN language."""
    from .pdf import UN_LANGUAGES

    meeting, agenda, may_edit = _agenda_context(request, meeting_pk)
    language = request.GET.get("lang", "en")
    if not agenda.pk or language not in UN_LANGUAGES:
        raise Http404
    version = access.get_visible_or_404(
        request.user,
        AgendaVersion.objects.select_related("document"),
        agenda=agenda,
        number=number,
    )
    return _agenda_pdf(
        request,
        meeting,
        agenda,
        items=agenda_services.version_items(version),
        document=version.document,
        language=language,
        filename=f"agenda-{meeting.pk}-v{version.number}-{language}.pdf",
    )


@login_required
def cover_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter (as composed in the portal, else its title and list of annexes) followed by
    each annex the reader may see, in order, each from a page of its own: one PDF."""
    from .packages import letter_package_pdf
    from .pdf import UN_LANGUAGES, pdf_response

    document = _document(request, pk)
    language = request.GET.get("lang", "en")
    if language not in UN_LANGUAGES:
        raise Http404
    marking.note(request, document)
    marking.note(request, selectors.annexes_visible_to(request.user, document))
    pdf = letter_package_pdf(viewer=request.user, document=document, language=language)
    return pdf_response(pdf, f"letter-{document.number}-{language}.pdf")


@login_required
def document_register(request: HttpRequest) -> HttpResponse:
    """The Secretariat registers a new document; the register gives its number and symbol."""
    if not access.can(request.user, Action.CHANGE, Document(distribution="public")):
        raise PermissionDenied
    form = DocumentRegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["author_states"] = list(data["author_states"])
        try:
            document = services.document_register(by=request.user, **data)
        except ValidationError as exc:  # e.g. minutes of a DIEF meeting (ToR art. 17)
            add_refusal(form, exc)
        else:
            messages.success(request, _("Registered as %(symbol)s.") % {"symbol": document.symbol})
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/document_register.html", {"form": form})


@login_required
def document_register_existing(request: HttpRequest) -> HttpResponse:
    """The Secretariat registers a document under the symbol it already carries; "Check the
    symbol" shows what the register reads in it before anything is saved."""
    if not access.can(request.user, Action.CHANGE, Document(distribution="public")):
        raise PermissionDenied
    form = DocumentRegisterExistingForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            if "preview" in request.POST:
                preview = selectors.symbol_preview(form.parsed_symbol)
            else:
                document = services.document_register_existing(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            if preview is None:
                messages.success(
                    request, _("Registered as %(symbol)s.") % {"symbol": document.symbol}
                )
                return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/document_register_existing.html",
        {"form": form, "preview": preview},
    )
