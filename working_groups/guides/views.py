"""Pages of the voluntary guides: a guide in any edition and UN language, proposed
revisions with their word-level diff and comments, the officers' decisions, the
Secretariat's incorporation into a new edition, and fact sheet PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access
from att_portal.access import Action
from att_portal.l10n.content import LANGUAGE_CODES, localized, normal_language
from att_portal.refusals import add_refusal

from . import selectors, services
from .diff import word_diff
from .enums import ChangeAction, RevisionState, Transition
from .forms import (
    ChangeForm,
    ChangeRemoveForm,
    CommentForm,
    FactSheetPublishForm,
    IncorporateForm,
    RevisionEditForm,
    RevisionProposeForm,
    TransitionForm,
)
from .models import FactSheet, Guide, ProposedRevision, RevisionChange
from .permissions import COMMENT, DECIDE, INCORPORATE, PROPOSE, PUBLISH


def _language(request: HttpRequest) -> str:
    """The language asked for (`?lang=`), else the reader's own."""
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else normal_language(None)


def guide_list(request: HttpRequest) -> HttpResponse:
    guides = selectors.guides_visible_to(request.user)
    return render(request, "guides/guide_list.html", {"guides": guides})


def guide_detail(request: HttpRequest, pk: int) -> HttpResponse:
    guide = access.get_visible_or_404(request.user, Guide, pk=pk)
    editions = selectors.published_editions(guide)
    edition = editions[-1] if editions else None
    wanted = request.GET.get("edition", "")
    if wanted:
        edition = next((e for e in editions if str(e.number) == wanted), None)
        if edition is None:
            raise Http404
    language = _language(request)
    return render(
        request,
        "guides/guide_detail.html",
        {
            "guide": guide,
            "editions": editions,
            "edition": edition,
            "is_current": edition is not None and edition == editions[-1],
            "outline": selectors.edition_outline(edition, language) if edition else [],
            "language": language,
            "fact_sheets": [
                (sheet, _publish_form(request.user, sheet))
                for sheet in selectors.fact_sheets_of(request.user, guide)
            ],
            "may_propose": access.can(request.user, PROPOSE, guide),
            "may_incorporate": access.can(request.user, INCORPORATE, guide),
        },
    )


def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    guide = access.get_visible_or_404(request.user, Guide, pk=pk)
    return render(
        request,
        "guides/revision_list.html",
        {
            "guide": guide,
            "revisions": selectors.revisions_visible_to(request.user, guide),
            "may_propose": access.can(request.user, PROPOSE, guide),
        },
    )


@require_http_methods(["GET", "POST"])
def revision_new(request: HttpRequest, pk: int) -> HttpResponse:
    guide = access.get_visible_or_404(request.user, Guide, pk=pk)
    access.require(request.user, PROPOSE, guide)
    officer = access.can(request.user, DECIDE, ProposedRevision(guide=guide))
    form = RevisionProposeForm(request.POST or None, officer=officer)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.revision_propose(by=request.user, guide=guide, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect(revision)
    return render(request, "guides/revision_new.html", {"guide": guide, "form": form})


def _change_rows(revision: ProposedRevision):
    current = selectors.current_edition(revision.guide)
    changes = list(selectors.revision_changes(revision))
    keys = {change.target.key for change in changes if change.target is not None}
    in_current = selectors.blocks_with_keys(current, keys) if current is not None else {}
    rows = []
    for change in changes:
        target = in_current.get(change.target.key) if change.target is not None else None
        old = target.text_en if target else (change.target.text_en if change.target else "")
        if change.action == ChangeAction.REPLACE:
            diff = word_diff(old, change.new_text_en, announced=True)
        elif change.action == ChangeAction.DELETE:
            diff = word_diff(old, "", announced=True)
        else:
            diff = word_diff("", change.new_text_en, announced=True)
        number = target.number if target else (change.target.number if change.target else "")
        rows.append(
            {
                "change": change,
                "heading": change.heading(number),
                "current_target": target,
                "missing": change.target is not None and target is None,
                "diff": diff,
                "steps": [p for p in change.new_text_en.split("\n\n") if p.strip()]
                if change.action == ChangeAction.NEW_ANNEX
                else [],
            }
        )
    return current, rows


def _revision_page(request: HttpRequest, revision: ProposedRevision, **forms) -> HttpResponse:
    user = request.user
    may_edit = access.can(user, Action.CHANGE, revision) and revision.state == (
        RevisionState.PROPOSED
    )
    may_comment = access.can(user, COMMENT, revision)
    may_decide = access.can(user, DECIDE, revision)
    current, rows = _change_rows(revision)
    comments_open = revision.state in services.OPEN_FOR_COMMENTS and not (
        timezone.localdate() > revision.comments_due_on
    )
    initial = {"version": revision.version}
    context = {
        "revision": revision,
        "guide": revision.guide,
        "current": current,
        "rows": rows,
        "comments": revision.comments.select_related("author"),
        "comments_open": comments_open,
        "may_edit": may_edit,
        "may_comment": may_comment,
        "may_decide": may_decide
        and revision.state
        in (
            RevisionState.PROPOSED,
            RevisionState.DISCUSSED,
        ),
        "edit_form": forms.get("edit_form")
        or RevisionEditForm(
            initial={"title": revision.title, "rationale": revision.rationale, **initial}
        ),
        "change_form": forms.get("change_form") or ChangeForm(initial=initial),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "transition_form": forms.get("transition_form")
        or TransitionForm(initial={"version": revision.version}),
        "errors": forms.get("errors", []),
    }
    return render(request, "guides/revision_detail.html", context)


def _revision(request: HttpRequest, pk: int) -> ProposedRevision:
    return access.get_visible_or_404(
        request.user, ProposedRevision.objects.select_related("guide", "base_edition"), pk=pk
    )


def revision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _revision_page(request, _revision(request, pk))


@require_http_methods(["GET", "POST"])
def revision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(request, pk)
    access.require(request.user, Action.CHANGE, revision)
    form = RevisionEditForm(
        request.POST or None,
        initial={
            "title": revision.title,
            "rationale": revision.rationale,
            "version": revision.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.revision_update(by=request.user, revision=revision, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect(revision)
    return render(request, "guides/revision_edit.html", {"revision": revision, "form": form})


@require_POST
def change_add(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(request, pk)
    access.require(request.user, Action.CHANGE, revision)
    form = ChangeForm(request.POST)
    if form.is_valid():
        try:
            services.revision_change_add(by=request.user, revision=revision, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect(revision)
    revision.refresh_from_db()
    return _revision_page(request, revision, change_form=form)


@require_POST
def change_remove(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(
        access.visible(request.user, RevisionChange).select_related("revision"), pk=pk
    )
    revision = _revision(request, change.revision_id)
    access.require(request.user, Action.CHANGE, revision)
    form = ChangeRemoveForm(request.POST)
    errors = []
    if form.is_valid():
        try:
            services.revision_change_remove(
                by=request.user, revision=revision, change=change, **form.cleaned_data
            )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect(revision)
    else:
        errors = [str(e) for e in form.errors.get("version", [])]
    revision.refresh_from_db()
    return _revision_page(request, revision, errors=errors)


@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(request, pk)
    access.require(request.user, COMMENT, revision)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.revision_comment_add(by=request.user, revision=revision, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect(revision)
    return _revision_page(request, revision, comment_form=form)


@require_POST
def revision_transition(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(request, pk)
    access.require(request.user, DECIDE, revision)
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            seen = {"by": request.user, "revision": revision, "version": data["version"]}
            if data["transition"] == Transition.DISCUSS:
                services.revision_discuss(**seen, on=data["on"])
            elif data["transition"] == Transition.ENDORSE:
                services.revision_endorse(**seen, cycle=data["cycle"], on=data["on"])
            else:
                services.revision_withdraw(**seen)
        except ValidationError as error:
            add_refusal(form, error)
            revision.refresh_from_db()
        else:
            return redirect(revision)
    return _revision_page(request, revision, transition_form=form)


@require_http_methods(["GET", "POST"])
def incorporate(request: HttpRequest, pk: int) -> HttpResponse:
    guide = access.get_visible_or_404(request.user, Guide, pk=pk)
    access.require(request.user, INCORPORATE, guide)
    form = IncorporateForm(request.POST or None, guide=guide)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.guide_edition_incorporate(
                by=request.user,
                guide=guide,
                revisions=list(form.cleaned_data["revisions"]),
                renumber=form.cleaned_data["renumber"],
                published_on=form.cleaned_data["published_on"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect(f"{guide.get_absolute_url()}?edition={edition.number}")
    return render(
        request,
        "guides/incorporate.html",
        {"guide": guide, "form": form, "current": selectors.current_edition(guide)},
    )


def fact_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The fact sheet as a PDF in one of the six UN languages, from the current edition
    (or `?edition=N`)."""
    from documents.pdf import pdf_response, render_pdf

    sheet = access.get_visible_or_404(
        request.user, FactSheet.objects.select_related("guide"), pk=pk
    )
    language = request.GET.get("lang") or normal_language(None)
    if language not in LANGUAGE_CODES:
        raise Http404
    editions = selectors.published_editions(sheet.guide)
    wanted = request.GET.get("edition", "")
    edition = (
        next((e for e in editions if str(e.number) == wanted), None)
        if wanted
        else (editions[-1] if editions else None)
    )
    if edition is None:
        raise Http404
    try:
        outline = selectors.fact_sheet_outline(sheet, edition, language)
    except ValueError as error:
        raise Http404 from error
    pdf = render_pdf(
        "pdf/guide_fact_sheet.html",
        {
            "sheet_title": localized(sheet, "title", language)[0],
            "guide_title": localized(sheet.guide, "title", language)[0],
            "edition": edition,
            "outline": outline,
            "symbol": "",
            "issued_on": edition.published_on,
            "body_heading": "",
            "cycle_heading": "",
        },
        language=language,
        viewer=request.user,
    )
    return pdf_response(pdf, f"fact-sheet-{sheet.pk}-{language}.pdf")


def _publish_form(user, sheet: FactSheet, data=None):
    if sheet.is_published or not access.can(user, PUBLISH, sheet):
        return None
    return FactSheetPublishForm(data, prefix=f"sheet-{sheet.pk}")


@require_POST
def fact_sheet_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The Secretariat records the CSP's decision, which publishes the fact sheet."""
    user = request.user
    sheet = access.get_visible_or_404(user, FactSheet.objects.select_related("guide"), pk=pk)
    access.require(user, PUBLISH, sheet)
    form = FactSheetPublishForm(request.POST, prefix=f"sheet-{sheet.pk}")
    if form.is_valid():
        try:
            services.fact_sheet_publish(by=user, fact_sheet=sheet, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The decision is recorded: the fact sheet is published."))
            return redirect(sheet.guide.get_absolute_url())
    return render(
        request,
        "guides/fact_sheet_publish.html",
        {"sheet": sheet, "guide": sheet.guide, "form": form},
    )


urls = [
    path("", guide_list, name="list"),
    path("<id:pk>/", guide_detail, name="detail"),
    path("<id:pk>/revisions/", revision_list, name="revision_list"),
    path("<id:pk>/revisions/new/", revision_new, name="revision_new"),
    path("<id:pk>/incorporate/", incorporate, name="incorporate"),
    path("revisions/<id:pk>/", revision_detail, name="revision_detail"),
    path("revisions/<id:pk>/edit/", revision_edit, name="revision_edit"),
    path("revisions/<id:pk>/changes/", change_add, name="change_add"),
    path("revisions/<id:pk>/comments/", comment_add, name="comment_add"),
    path("revisions/<id:pk>/decide/", revision_transition, name="revision_transition"),
    path("changes/<id:pk>/remove/", change_remove, name="change_remove"),
    path("fact-sheets/<id:pk>/", fact_sheet, name="fact_sheet"),
    path("fact-sheets/<id:pk>/publish/", fact_sheet_publish, name="fact_sheet_publish"),
]
