"""The Chairs' letters and reports to the Conference, composed in the portal. Each view asks
the permission layer: someone who may not see the letter or report gets 404, someone who
may read it but not change it 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.directory.permissions import is_secretariat
from att_portal.l10n.content import translations_of
from att_portal.refusals import add_refusal, submitted

from . import chair_reports, letters, selectors
from .letter_forms import (
    ChairReportCreateForm,
    ChairReportForm,
    LetterAnnexForm,
    LetterComposeForm,
    LetterForm,
    ReportIssueForm,
    ReportSectionForm,
)
from .models import ChairReport, Letter
from .pdf import UN_LANGUAGES, pdf_response, render_pdf
from .permissions import bodies_chaired

COMPOSING = ("DIEF", "WGETI")


def _composable_bodies(user) -> list[str]:
    """The bodies whose letters and reports the person writes: their own as a Chair, every
    one for the Secretariat."""
    if is_secretariat(user):
        return list(COMPOSING)
    return [body for body in bodies_chaired(user) if body in COMPOSING]


def _post(request):
    return request.POST if request.method == "POST" else None


@login_required
def composed_list(request: HttpRequest) -> HttpResponse:
    """The letters and reports the person composes."""
    if not _composable_bodies(request.user):
        raise PermissionDenied
    letter_list = list(letters.letters_editable_by(request.user))
    report_list = list(chair_reports.reports_editable_by(request.user))
    marking.note(request, [letter.document for letter in letter_list], listing=True)
    return render(
        request,
        "documents/composed_list.html",
        {"letters": letter_list, "reports": report_list},
    )


# -- Letters ------------------------------------------------------------------------------


@login_required
def letter_compose(request: HttpRequest) -> HttpResponse:
    bodies = _composable_bodies(request.user)
    if not bodies:
        raise PermissionDenied
    form = LetterComposeForm(
        _post(request),
        bodies=bodies,
        secretariat=is_secretariat(request.user),
        initial={"dated_on": timezone.localdate(), "place": "Geneva"},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            letter = letters.letter_compose(by=request.user, **data)
        except ValidationError as exc:  # a refusal of the register or of the letter itself
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                _("The letter is registered as %(symbol)s; attach its annexes below.")
                % {"symbol": letter.document.symbol},
            )
            return redirect("documents:letter", pk=letter.pk)
    return render(request, "documents/letter_compose.html", {"form": form})


def _letter(request, pk: int) -> Letter:
    letter = access.get_visible_or_404(
        request.user, Letter.objects.select_related("document__cycle"), pk=pk
    )
    access.require(request.user, Action.CHANGE, letter)
    marking.note(request, letter.document)
    return letter


@login_required
def letter_edit(request: HttpRequest, pk: int, *, annex_form=None) -> HttpResponse:
    """The letter: its texts, its annexes in order, a new annex, its PDF per language."""
    letter = _letter(request, pk)
    document = letter.document
    form = LetterForm(
        request.POST if request.method == "POST" and annex_form is None else None,
        initial={"dated_on": letter.dated_on},
        initial_translations={
            "title": translations_of(document, "title"),
            "addressees": translations_of(letter, "addressees"),
            "place": translations_of(letter, "place"),
            "text": translations_of(letter, "body"),
            "signature": translations_of(letter, "signature"),
        },
    )
    if (
        annex_form is None
        and request.method == "POST"
        and submitted(form, letters.letter_update, by=request.user, letter=letter)
    ):
        messages.success(request, _("The letter is saved."))
        return redirect("documents:letter", pk=letter.pk)
    annexes = list(selectors.annexes_visible_to(request.user, document))
    marking.note(request, annexes, listing=True)
    return render(
        request,
        "documents/letter_edit.html",
        {
            "letter": letter,
            "document": document,
            "form": form,
            "annexes": annexes,
            "annex_form": annex_form or LetterAnnexForm(prefix="annex"),
        },
    )


@login_required
@require_POST
def letter_annex_add(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    form = LetterAnnexForm(request.POST, request.FILES, prefix="annex")
    if form.is_valid() and submitted(
        form,
        letters.letter_annex_add,
        by=request.user,
        letter=letter,
        content_type=form.content_type,
        safe_name=form.safe_name,
        uploaded=form.cleaned_data.pop("file"),
    ):
        messages.success(
            request,
            _("%(label)s is registered and attached.") % {"label": form.cleaned_data["label"]},
        )
        return redirect(reverse("documents:letter", args=[letter.pk]) + "#annexes")
    return letter_edit(request, pk, annex_form=form)


# -- Chair's reports ----------------------------------------------------------------------


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    bodies = _composable_bodies(request.user)
    if not bodies:
        raise PermissionDenied
    form = ChairReportCreateForm(_post(request), bodies=bodies)
    if request.method == "POST" and form.is_valid():
        report = chair_reports.chair_report_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("The draft report is created; write its sections."))
        return redirect("documents:report", pk=report.pk)
    return render(request, "documents/report_create.html", {"form": form})


def _report(request, pk: int) -> ChairReport:
    report = access.get_visible_or_404(
        request.user, ChairReport.objects.select_related("cycle", "document"), pk=pk
    )
    access.require(request.user, Action.CHANGE, report)
    marking.note(request, report)
    return report


@login_required
def report_edit(request: HttpRequest, pk: int, *, section_form=None) -> HttpResponse:
    report = _report(request, pk)
    draft = report.document_id is None
    form = ChairReportForm(
        request.POST if request.method == "POST" and section_form is None else None,
        initial={"distribution": report.distribution, "conclusion": report.conclusion},
        initial_translations={
            "title": translations_of(report, "title"),
            "recommendations": translations_of(report, "recommendations"),
        },
    )
    if (
        section_form is None
        and request.method == "POST"
        and submitted(form, chair_reports.chair_report_update, by=request.user, report=report)
    ):
        messages.success(request, _("The report is saved."))
        return redirect("documents:report", pk=report.pk)
    return render(
        request,
        "documents/report_edit.html",
        {
            "report": report,
            "draft": draft,
            "form": form,
            "sections": chair_reports.report_sections(report, "en"),
            "section_rows": list(report.sections.all()),
            "section_form": section_form or ReportSectionForm(prefix="section"),
            "issue_form": ReportIssueForm(
                prefix="issue", initial={"issued_on": timezone.localdate()}
            ),
        },
    )


@login_required
@require_POST
def report_section_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReportSectionForm(request.POST, prefix="section")
    if submitted(form, chair_reports.report_section_save, by=request.user, report=report):
        messages.success(request, _("The section is added."))
        return redirect(reverse("documents:report", args=[report.pk]) + "#sections")
    return report_edit(request, pk, section_form=form)


@login_required
def report_section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report = _report(request, pk)
    section = access.get_visible_or_404(request.user, report.sections.all(), pk=section_pk)
    if request.method == "POST" and "delete" in request.POST:
        chair_reports.report_section_delete(by=request.user, section=section)
        messages.success(request, _("The section is deleted."))
        return redirect(reverse("documents:report", args=[report.pk]) + "#sections")
    form = ReportSectionForm(
        _post(request),
        initial={"annex_label": section.annex_label},
        initial_translations={
            "heading": translations_of(section, "heading"),
            "text": translations_of(section, "text"),
        },
    )
    if request.method == "POST" and submitted(
        form, chair_reports.report_section_save, by=request.user, report=report, section=section
    ):
        messages.success(request, _("The section is saved."))
        return redirect(reverse("documents:report", args=[report.pk]) + "#sections")
    return render(
        request,
        "documents/report_section_edit.html",
        {"report": report, "section": section, "form": form},
    )


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as it will be issued, in one language."""
    report = _report(request, pk)
    language = request.GET.get("lang", "en")
    if language not in UN_LANGUAGES:
        raise Http404
    pdf = render_pdf(
        "pdf/chair_report.html",
        chair_reports.report_context(report, language),
        language=language,
        viewer=request.user,
        confidential_forum=report.confidential_forum,
    )
    return pdf_response(pdf, f"report-{report.pk}-{language}.pdf")


@login_required
@require_POST
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReportIssueForm(request.POST, prefix="issue")
    if form.is_valid():
        try:
            document = chair_reports.chair_report_issue(
                by=request.user, report=report, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The report is issued as %(symbol)s.") % {"symbol": document.symbol}
            )
            return redirect("documents:detail", pk=document.pk)
    else:
        messages.error(request, _("Give the date of issue and the languages."))
    return redirect("documents:report", pk=report.pk)
