from __future__ import annotations

import csv
import io
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, marking, registry
from att_portal.access import Action
from att_portal.directory.un_names import sorted_by_name
from att_portal.l10n.dates import un_date
from att_portal.refusals import add_refusal, submitted

from . import selectors, services
from .calendar import calendar_for
from .deadlines import deadlines_of
from .enums import Body
from .forms import (
    AttendanceForm,
    AttendeeAddForm,
    DiefChairAppointmentForm,
    DiefConveningForm,
    InvitationsConfirmForm,
    MeetingCallForm,
    MeetingCancelForm,
    MeetingForm,
    MessageToInvitedForm,
    NominationForm,
    SessionForm,
    session_form_for,
)
from .models import (
    CANCELLED,
    CalendarFeed,
    DiefChairAppointment,
    DiefConvening,
    Meeting,
    MeetingCall,
    MeetingSession,
    Participation,
    nominations_closed,
)
from .permissions import MeetingAction

# The meeting's page holds the session form and the call form: the call form's fields are
# prefixed so that no two fields share an id.
CALL_FORM_PREFIX = "call"


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    body = request.GET.get("body")
    if body not in Body.values:
        body = None
    page = Paginator(selectors.meetings_visible_to(request.user, body=body), 50).get_page(
        request.GET.get("page")
    )
    marking.note(request, page.object_list, listing=True)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "bodies": Body.choices,
            "body": body,
            "may_create": access.can(request.user, MeetingAction.CREATE, Meeting()),
        },
    )


def visible_meeting(request: HttpRequest, pk: int):
    meeting = access.get_visible_or_404(
        request.user,
        selectors.with_deadline_data(selectors.meetings_visible_to(request.user)),
        pk=pk,
    )
    marking.note(request, meeting)
    return meeting


@login_required
def meeting_detail(
    request: HttpRequest, pk: int, *, nomination_form=None, session_form=None, call_form=None
) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    user = request.user
    state = user.state if user.state_id else None
    may_nominate = state is not None and access.can(user, Action.MANAGE_MEMBERS, state)
    nominations_open = timezone.localdate() <= meeting.ends_on
    invitations = selectors.invitations_visible_to(user, meeting)
    if may_nominate and nomination_form is None:
        nomination_form = NominationForm(members=selectors.delegation_members_to_nominate(user))
    may_change = access.can(user, Action.CHANGE, meeting) and not meeting.is_cancelled
    if may_change and session_form is None:
        session_form = SessionForm()
    if may_change and call_form is None:
        call_form = MeetingCallForm(prefix=CALL_FORM_PREFIX)
    may_see_all = access.can(user, MeetingAction.SEE_PARTICIPANTS, meeting)
    may_export = access.can(user, MeetingAction.EXPORT_PARTICIPANTS, meeting)
    invited_here = may_nominate and any(i.state_id == state.pk for i in invitations)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "deadlines": deadlines_of([meeting]),
            "sessions": selectors.timetable_for(request, meeting),
            "invitations": invitations,
            "participants": selectors.participants_visible_to(user, meeting),
            "state_rows": selectors.state_rows(meeting) if may_see_all else None,
            "organisation_rows": selectors.organisation_rows(meeting) if may_see_all else None,
            "may_invite": access.can(user, MeetingAction.INVITE, meeting)
            and not meeting.is_cancelled,
            "may_record": access.can(user, MeetingAction.RECORD_DEADLINE, meeting),
            "may_see_all_participants": may_see_all,
            "may_decide": access.can(user, MeetingAction.DECIDE_NOMINATIONS, meeting)
            and nominations_open
            and not meeting.is_cancelled,
            "may_record_attendance": access.can(user, MeetingAction.RECORD_ATTENDANCE, meeting)
            and not meeting.is_cancelled,
            "may_export": may_export,
            "may_message": access.can(user, MeetingAction.MESSAGE_INVITED, meeting)
            and not meeting.is_cancelled,
            "messages_to_invited": selectors.messages_visible_to(user, meeting),
            "participants_lists": access.visible(
                user, meeting.documents.filter(doc_type=services.PARTICIPANTS_LIST_TYPE)
            ).order_by("revision", "pk"),
            "may_nominate": invited_here and nominations_open and not meeting.is_cancelled,
            "nominations_closed": nominations_closed(meeting)
            if invited_here and not nominations_open
            else "",
            "may_change": may_change,
            "nomination_form": nomination_form,
            "session_form": session_form,
            "call_form": call_form,
            "may_view_history": access.can(user, Action.VIEW_HISTORY, meeting),
            "dief": selectors.dief_decisions(user, meeting),
            # What the apps offer from the meeting's page (the agenda …), where it opens.
            "links": registry.meeting_links(user, meeting),
            "may_record_convening": access.can(user, MeetingAction.RECORD_CONVENING, meeting)
            and not meeting.is_cancelled,
            "may_appoint_dief_chair": meeting.body == Body.DIEF
            and access.can(user, MeetingAction.APPOINT_DIEF_CHAIR, DiefChairAppointment()),
        },
    )


def _email_preview(meeting: Meeting) -> tuple[str, str]:
    """The invitation e-mail as a contact receives it (in the reader's language here)."""
    template = "dief-invitation" if meeting.body == Body.DIEF else "meeting-invitation"
    context = {
        "recipient": _("[name of the contact]"),
        "portal_url": settings.PORTAL_BASE_URL,
        "url": meeting.get_absolute_url(),
        "meeting": meeting,
    }
    subject = " ".join(render_to_string(f"emails/{template}-subject.txt", context).split())
    return subject, render_to_string(f"emails/{template}-body.txt", context).strip()


@login_required
@require_http_methods(["GET", "POST"])
def invitations_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of the invitations — the letter in each language, the e-mail, who will
    be invited and how many people written to — and, posted from it, their sending. A
    post that does not confirm the list previewed sends nothing."""
    meeting = visible_meeting(request, pk)
    access.require(request.user, MeetingAction.INVITE, meeting)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    preview = reverse("meetings:invitations_issue", args=[meeting.pk])
    if request.method == "POST":
        form = InvitationsConfirmForm(request.POST)
        if not form.is_valid():
            messages.warning(
                request, _("Nothing was sent: check the invitations below and confirm them.")
            )
            return redirect(preview)
        try:
            new = services.meeting_invitations_issue(
                by=request.user, meeting=meeting, confirmed=form.cleaned_data["confirmed"]
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return redirect(preview)
        messages.success(
            request,
            ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", len(new))
            % {"count": len(new)},
        )
        return redirect(meeting)
    planned = services.invitation_round(meeting)
    due = services.invitation_deadline(meeting)
    subject, body = _email_preview(meeting)
    return render(
        request,
        "meetings/invitations_preview.html",
        {
            "meeting": meeting,
            "states": sorted_by_name(planned.states),
            "organisations": sorted(planned.organisations, key=lambda o: o.name),
            "people": len(planned.recipients),
            "already_invited": meeting.invitations.count(),
            "late_since": due if due is not None and timezone.localdate() > due else None,
            "email_subject": subject,
            "email_body": body,
            "form": InvitationsConfirmForm(initial={"confirmed": planned.fingerprint}),
        },
    )


@login_required
@require_POST
def deadline_record(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    try:
        services.deadline_record_met(by=request.user, meeting=meeting, key=key)
    except ValidationError as exc:
        raise Http404 from exc
    messages.success(request, _("The deadline is recorded as met."))
    return redirect(meeting)


@login_required
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    user = request.user
    if not (user.state_id and access.can(user, Action.MANAGE_MEMBERS, user.state)):
        raise PermissionDenied
    form = NominationForm(request.POST, members=selectors.delegation_members_to_nominate(user))
    if form.is_valid():
        try:
            services.participant_nominate(
                by=user,
                meeting=meeting,
                person=form.cleaned_data["person"],
                sponsorship_requested=form.cleaned_data["sponsorship_requested"],
                sponsorship_note=form.cleaned_data["sponsorship_note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(name)s is nominated.") % {"name": form.cleaned_data["person"]}
            )
            return redirect(meeting)
    return meeting_detail(request, pk, nomination_form=form)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, participation_pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    participation = access.get_visible_or_404(
        request.user,
        Participation.objects.select_related("person__state"),
        pk=participation_pk,
        meeting=meeting,
    )
    try:
        services.participant_withdraw(by=request.user, participation=participation)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("The nomination is withdrawn."))
    return redirect(meeting)


NOMINATION_DECISIONS = {"accept": True, "decline": False}


@login_required
@require_POST
def nomination_decide(
    request: HttpRequest, pk: int, participation_pk: int, decision: str
) -> HttpResponse:
    """The Secretariat accepts or declines a nominated participant."""
    meeting = visible_meeting(request, pk)
    access.require(request.user, MeetingAction.DECIDE_NOMINATIONS, meeting)
    if decision not in NOMINATION_DECISIONS:
        raise Http404
    participation = get_object_or_404(
        Participation.objects.select_related("person", "nominated_by"),
        pk=participation_pk,
        meeting=meeting,
    )
    try:
        services.nomination_decide(
            by=request.user, participation=participation, accept=NOMINATION_DECISIONS[decision]
        )
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            (
                _("The nomination of %(name)s is accepted.")
                if NOMINATION_DECISIONS[decision]
                else _("The nomination of %(name)s is declined: the seat is free.")
            )
            % {"name": participation.person},
        )
    return redirect(meeting)


# -- Attendance, the participants list and its document --------------------------------------


def _attendance_page(
    request: HttpRequest, meeting: Meeting, *, form=None, add_form=None, status: int = 200
) -> HttpResponse:
    candidates = selectors.attendance_candidates(meeting)
    is_open = timezone.localdate() >= meeting.starts_on and not meeting.is_cancelled
    if is_open and add_form is None:
        add_form = AttendeeAddForm(people=selectors.people_who_may_attend(meeting))
    ticked = (
        {str(value) for value in form["attended"].value() or []}
        if form is not None and form.is_bound
        else {str(p.pk) for p in candidates if p.attended}
    )
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "candidates": candidates,
            "ticked": ticked,
            "is_open": is_open,
            "opens_on": meeting.starts_on,
            "form": form,
            "add_form": add_form if is_open else None,
        },
        status=status,
    )


def _attendance_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = visible_meeting(request, pk)
    access.require(request.user, MeetingAction.RECORD_ATTENDANCE, meeting)
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendance sheet: the Secretariat ticks who took part, during or after the
    meeting."""
    meeting = _attendance_meeting(request, pk)
    if request.method == "GET":
        return _attendance_page(request, meeting)
    form = AttendanceForm(
        request.POST, participants=meeting.participations.holding_seats().order_by("pk")
    )
    if submitted(form, services.attendance_record, by=request.user, meeting=meeting):
        messages.success(request, _("The attendance is recorded."))
        return redirect("meetings:attendance", pk=meeting.pk)
    return _attendance_page(request, meeting, form=form)


@login_required
@require_POST
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _attendance_meeting(request, pk)
    form = AttendeeAddForm(request.POST, people=selectors.people_who_may_attend(meeting))
    if submitted(form, services.attendee_add, by=request.user, meeting=meeting):
        messages.success(
            request,
            _("%(name)s is recorded as having attended.") % {"name": form.cleaned_data["person"]},
        )
        return redirect("meetings:attendance", pk=meeting.pk)
    return _attendance_page(request, meeting, add_form=form)


def _yes_no(value: bool) -> str:
    return str(_("Yes")) if value else str(_("No"))


def _cell(value) -> str:
    """A cell of an export: text that a spreadsheet would take for a formula is quoted."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _export_rows(meeting: Meeting) -> list[list[str]]:
    rows = []
    if meeting.confidential_forum:
        rows.append([marking.marking_text(meeting.confidential_forum)])
    rows.append(
        [
            _("Delegation or organisation"),
            _("Name"),
            _("Job title"),
            _("E-mail"),
            _("Law-enforcement official"),
            _("Nomination"),
            _("Sponsorship requested"),
            _("Sponsorship note"),
            _("Attended"),
            _("Nominated by"),
            _("Nominated on"),
        ]
    )
    for participation in selectors.participants_for_export(meeting):
        person = participation.person
        if not participation.attendance_known:
            attended = _("Not recorded")
        else:
            attended = _yes_no(participation.attended)
        rows.append(
            [
                _cell(value)
                for value in (
                    person.affiliation_label,
                    person.get_full_name() or person.username,
                    person.job_title,
                    person.email,
                    _yes_no(person.is_law_enforcement),
                    participation.get_status_display(),
                    _yes_no(participation.sponsorship_requested),
                    participation.sponsorship_note,
                    attended,
                    participation.nominated_by,
                    un_date(timezone.localdate(participation.nominated_at)),
                )
            ]
        )
    return rows


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every participant of the meeting as CSV or XLSX, for the Secretariat."""
    meeting = visible_meeting(request, pk)
    access.require(request.user, MeetingAction.EXPORT_PARTICIPANTS, meeting)
    if fmt not in EXPORT_TYPES:
        raise Http404
    rows = _export_rows(meeting)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so that spreadsheets read it as UTF-8
        csv.writer(buffer).writerows(rows)
        content: bytes = buffer.getvalue().encode("utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(_("Participants")))
        for row in rows:
            sheet.append([str(value) for value in row])
        stream = io.BytesIO()
        workbook.save(stream)
        content = stream.getvalue()
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="participants-{meeting.pk}.{fmt}"'
    response["Cache-Control"] = "private, no-store"  # names and e-mail addresses
    return response


@login_required
@require_http_methods(["GET", "POST"])
def participants_document(request: HttpRequest, pk: int) -> HttpResponse:
    """Register the "List of participants" (a PDF per language), after a confirmation
    saying under which symbol series and for whom."""
    meeting = visible_meeting(request, pk)
    access.require(request.user, MeetingAction.EXPORT_PARTICIPANTS, meeting)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    if request.method == "POST":
        try:
            document = services.participants_list_issue(by=request.user, meeting=meeting)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return redirect("meetings:participants_document", pk=meeting.pk)
        messages.success(
            request,
            _("The list of participants is registered as %(symbol)s.")
            % {"symbol": document.symbol},
        )
        return redirect("documents:detail", pk=document.pk)
    groups, of_attendance = selectors.list_of_participants(meeting)
    original = services.participants_list_document(meeting)
    return render(
        request,
        "meetings/participants_document.html",
        {
            "meeting": meeting,
            "groups": sorted_by_name(
                [g for g in groups if g.state is not None], state=lambda g: g.state
            )
            + [g for g in groups if g.state is None],
            "people": sum(len(g.people) for g in groups),
            "of_attendance": of_attendance,
            "original": original,
            "series": (
                f"ATT/CSP{meeting.cycle.number}"
                f"{'.' + meeting.body if meeting.body != Body.CSP else ''}"
                f"/{timezone.localdate().year}/SEC/…/{services.PARTICIPANTS_LIST_TYPE}"
            ),
        },
    )


# -- A message to every invited delegation ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def message_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The Secretariat or the meeting's Chair writes to every invited delegation: the form,
    then a confirmation saying how many delegations and people receive it, then sending."""
    meeting = visible_meeting(request, pk)
    access.require(request.user, MeetingAction.MESSAGE_INVITED, meeting)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    form = MessageToInvitedForm(request.POST if request.method == "POST" else None)
    context = {
        "meeting": meeting,
        "form": form,
        "delegations": services.invited_delegations(meeting),
        "people": len(services.invited_people(meeting)),
    }
    step = request.POST.get("confirm")  # absent: the form; "send": confirmed; "edit": back
    if request.method == "POST" and form.is_valid() and step != "edit":
        if step != "send":
            return render(request, "meetings/message_confirm.html", context)
        try:
            message = services.message_to_invited_send(
                by=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message is sent to %(count)s person.",
                    "Your message is sent to %(count)s people.",
                    message.people,
                )
                % {"count": message.people},
            )
            return redirect(message)
    return render(request, "meetings/message_form.html", context)


@login_required
def message_detail(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    message = access.get_visible_or_404(
        request.user, selectors.messages_visible_to(request.user, meeting), pk=message_pk
    )
    return render(request, "meetings/message_detail.html", {"meeting": meeting, "message": message})


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(by=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The session is on the timetable."))
            return redirect(meeting)
    return meeting_detail(request, pk, session_form=form)


# -- The Secretariat sets up, changes and cancels meetings -----------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, MeetingAction.CREATE, Meeting()):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    meeting = Meeting()
    if request.method == "POST" and submitted(
        form, services.meeting_save, by=request.user, meeting=meeting
    ):
        messages.success(request, _("The meeting is created."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


def changeable_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, if the person may change it: 404 to those who may not see it, 403 to
    those who may see but not change it."""
    meeting = visible_meeting(request, pk)
    access.require(request.user, Action.CHANGE, meeting)
    return meeting


def refused_when_cancelled(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    if not meeting.is_cancelled:
        return None
    messages.error(request, str(CANCELLED))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    form = MeetingForm.for_meeting(meeting, request.POST or None)
    # The service changes a fresh copy: the page keeps showing the stored meeting.
    if request.method == "POST" and submitted(
        form, services.meeting_save, by=request.user, meeting=Meeting.objects.get(pk=meeting.pk)
    ):
        messages.success(request, _("The meeting is updated."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page saying who will be told, then the cancellation."""
    meeting = changeable_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and submitted(
        form, services.meeting_cancel, by=request.user, meeting=meeting
    ):
        messages.success(request, _("The meeting is cancelled."))
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_cancel.html",
        {
            "meeting": meeting,
            "form": form,
            "invited": meeting.invitations.count(),
            "ended": meeting.ends_on < timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    session = get_object_or_404(MeetingSession, pk=session_pk, meeting=meeting)
    form = session_form_for(session, request.POST or None)
    if request.method == "POST" and submitted(
        form, services.session_change, by=request.user, session=session
    ):
        messages.success(request, _("The session is changed."))
        return redirect(meeting)
    session.refresh_from_db()
    return render(
        request,
        "meetings/session_form.html",
        {"meeting": meeting, "session": session, "form": form},
    )


@login_required
@require_POST
def session_delete(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    session = get_object_or_404(MeetingSession, pk=session_pk, meeting=meeting)
    try:
        services.session_delete(by=request.user, session=session)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("The session is taken off the timetable."))
    return redirect(meeting)


@login_required
@require_POST
def call_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    form = MeetingCallForm(request.POST, prefix=CALL_FORM_PREFIX)
    if submitted(form, services.call_add, by=request.user, meeting=meeting):
        messages.success(request, _("The call is added."))
        return redirect(meeting)
    return meeting_detail(request, pk, call_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, pk: int, call_pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    call = get_object_or_404(MeetingCall, pk=call_pk, meeting=meeting)
    form = MeetingCallForm.for_call(call, request.POST or None)
    if request.method == "POST" and submitted(
        form, services.call_change, by=request.user, call=call
    ):
        messages.success(request, _("The call is changed."))
        return redirect(meeting)
    call.refresh_from_db()
    return render(
        request, "meetings/call_form.html", {"meeting": meeting, "call": call, "form": form}
    )


@login_required
@require_POST
def call_delete(request: HttpRequest, pk: int, call_pk: int) -> HttpResponse:
    meeting = changeable_meeting(request, pk)
    call = get_object_or_404(MeetingCall, pk=call_pk, meeting=meeting)
    try:
        services.call_delete(by=request.user, call=call)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("The call is deleted."))
    return redirect(meeting)


@login_required
def my_deadlines(request: HttpRequest) -> HttpResponse:
    deadlines = selectors.my_deadlines(request.user)
    marking.note(request, deadlines, listing=True)
    return render(request, "meetings/my_deadlines.html", {"deadlines": deadlines})


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.objects.filter(user=request.user).delete()
            messages.success(request, _("Your calendar address no longer works."))
        else:
            CalendarFeed.objects.update_or_create(
                user=request.user, defaults={"token": secrets.token_urlsafe(32)}
            )
            messages.success(
                request, _("Your new calendar address is ready; the old one no longer works.")
            )
        return redirect("meetings:calendar_settings")
    url = (
        request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
        if feed
        else None
    )
    return render(request, "meetings/calendar_settings.html", {"feed_url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal iCalendar feed: the secret token stands for the person, and what it
    shows goes through the permission layer as that person."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


PDF_KINDS = {"timetable": "pdf/timetable.html", "invitation": "pdf/invitation_letter.html"}
MINUTES_KINDS = ("minutes", "report")


@login_required
def meeting_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The timetable or the invitation letter as a PDF, in any of the six languages."""
    from documents.pdf import UN_LANGUAGES, pdf_response, render_pdf

    meeting = visible_meeting(request, pk)
    if kind in MINUTES_KINDS and meeting.body == Body.DIEF:
        from forums.minutes import minutes_refused_response

        return minutes_refused_response(request, meeting)  # ToR art. 17
    template = PDF_KINDS.get(kind)
    language = request.GET.get("lang", "en")
    if template is None or language not in UN_LANGUAGES:
        raise Http404
    pdf = render_pdf(
        template,
        {
            "meeting": meeting,
            # A PDF leaves the portal: a DIEF session of an open meeting is closed in it.
            "sessions": selectors.closed_sessions(meeting.sessions.all()),
            "issued_on": meeting.starts_on,
            "body_heading": Body(meeting.body).label,  # lazy: worded in the PDF's language
            "cycle_heading": meeting.cycle,  # its name, worded in the PDF's language
        },
        language=language,
        viewer=request.user,
        confidential_forum=meeting.confidential_forum,
    )
    return pdf_response(pdf, f"{kind}-{meeting.pk}-{language}.pdf")


# -- The CSP President's decisions on the DIEF (ToR arts. 3 and 4) ---------------------------


@login_required
@require_http_methods(["GET", "POST"])
def convening_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The Secretariat records the President's decision to convene a DIEF meeting, after
    consulting the DIEF Chair and the Secretariat (ToR art. 3)."""
    meeting = visible_meeting(request, pk)
    if meeting.body != Body.DIEF:
        raise Http404
    access.require(request.user, MeetingAction.RECORD_CONVENING, meeting)
    refused = refused_when_cancelled(request, meeting)
    if refused:
        return refused
    stored = DiefConvening.objects.filter(meeting=meeting).first()
    initial = (
        {
            "decided_by": stored.decided_by_id,
            "decided_on": stored.decided_on,
            "chair_consulted": stored.chair_consulted,
            "secretariat_consulted": stored.secretariat_consulted,
        }
        if stored
        else {"decided_by": meeting.cycle_id}
    )
    form = DiefConveningForm(request.POST or None, initial=initial)
    if request.method == "POST" and submitted(
        form, services.dief_convening_record, by=request.user, meeting=meeting
    ):
        messages.success(request, _("The President's decision to convene the meeting is recorded."))
        return redirect(meeting)
    return render(request, "meetings/convening_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def dief_chair_appoint(request: HttpRequest) -> HttpResponse:
    """The Secretariat records the President's appointment of the DIEF Chair, until the
    close of the next Conference (ToR art. 4), and sees the appointments recorded."""
    if not access.can(request.user, MeetingAction.APPOINT_DIEF_CHAIR, DiefChairAppointment()):
        raise PermissionDenied
    form = DiefChairAppointmentForm(request.POST or None, people=selectors.dief_chair_candidates())
    if request.method == "POST" and submitted(form, services.dief_chair_appoint, by=request.user):
        messages.success(
            request,
            _("%(name)s is recorded as DIEF Chair.") % {"name": form.cleaned_data["person"]},
        )
        return redirect("meetings:dief_chair")
    return render(
        request,
        "meetings/dief_chair.html",
        {"form": form, "appointments": selectors.dief_chair_appointments(request.user)},
    )
