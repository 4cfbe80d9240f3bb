"""Pages of the portal as a whole: dashboard, search, change history, errors."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from att_portal import access, marking
from att_portal.access import Action
from att_portal.directory import selectors as directory_selectors
from att_portal.directory.enums import Role
from att_portal.directory.models import Organisation, State, User
from att_portal.directory.permissions import (
    active_roles,
    is_delegate,
    is_dief_participant,
    is_secretariat,
)
from att_portal.l10n.bidi import strip_controls
from att_portal.l10n.content import LANGUAGE_CODES, field_name
from att_portal.meetings.models import CspCycle, Meeting
from att_portal.meetings.selectors import meetings_visible_to, upcoming_meetings_for
from forums import models as dief
from forums import selectors as dief_selectors
from forums.permissions import may_enter_dief
from working_groups.models import AdHocIssueProposal
from working_groups.models import PresentationOffer as WgetiPresentationOffer
from working_groups.models import WrittenSubmission as WgetiWrittenSubmission

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Area:
    title: str
    description: str
    url: str


def areas_for(user) -> list[Area]:
    """The parts of the portal this person may use, as the dashboard offers them."""
    areas = [
        Area(
            _("Meetings"), _("Meetings you are invited to or may follow."), reverse("meetings:list")
        ),
        Area(
            _("My deadlines"),
            _("What you or your delegation must do, and by when."),
            reverse("meetings:my_deadlines"),
        ),
        Area(
            _("Documents"),
            _("Official documents, their language versions and agendas."),
            reverse("documents:list"),
        ),
    ]
    if may_enter_dief(user):
        areas.append(
            Area(
                _("Diversion Information Exchange Forum"),
                _("Confidential exchanges among States Parties and signatories."),
                reverse("dief:home"),
            )
        )
    areas.append(
        Area(
            _("WGETI"),
            _("Working Group on Effective Treaty Implementation."),
            reverse("wgeti:home"),
        )
    )
    if is_delegate(user):
        state = user.state
        if access.can(user, Action.MANAGE_MEMBERS, state):
            areas.append(
                Area(
                    _("My delegation"),
                    _("Invite and deactivate the members of your delegation."),
                    state.get_absolute_url(),
                )
            )
        else:
            areas.append(
                Area(
                    _("My delegation"),
                    _("The members of your delegation."),
                    state.get_absolute_url(),
                )
            )
    areas.append(
        Area(
            _("States"),
            _("States and their status under the Treaty."),
            reverse("directory:state_list"),
        )
    )
    areas.append(
        Area(
            _("Organisations"),
            _("Organisations taking part in the ATT process."),
            reverse("directory:organisation_list"),
        )
    )
    areas.append(
        Area(
            _("Notices"),
            _("Invitations and reminders addressed to you."),
            reverse("notifications:list"),
        )
    )
    areas.append(
        Area(
            _("Calendar"),
            _("Your meetings and deadlines in your own calendar."),
            reverse("meetings:calendar_settings"),
        )
    )
    if is_secretariat(user):
        areas.append(
            Area(
                _("Administration"),
                _("Accounts, States, meetings and audit trail."),
                reverse("admin:index"),
            )
        )
    return areas


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    upcoming = list(upcoming_meetings_for(user)[:5])
    marking.note(request, upcoming, listing=True)
    return render(
        request,
        "dashboard.html",
        {
            "areas": areas_for(user),
            "roles": [Role(role).label for role in sorted(active_roles(user))],
            "upcoming": upcoming,
            "meeting_count": meetings_visible_to(user).count(),
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the portal"),
        min_length=2,
        max_length=100,
        strip=True,
        error_messages={"min_length": _("Type at least two characters.")},
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One search across the directory and meetings, through the permission layer only."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    results: dict[str, list] = {}
    counts: dict[str, int] = {}
    # A symbol or name pasted from an Arabic page carries invisible direction marks.
    query = strip_controls(form.cleaned_data["q"]).strip() if form.is_valid() else ""
    if query:
        user = request.user
        sources = {
            "meetings": meetings_visible_to(user).filter(
                in_any_language(("title", "venue"), query)
            ),
            "states": directory_selectors.states_visible_to(user).filter(
                country__in=directory_selectors.country_codes_matching(query)
            ),
            "organisations": directory_selectors.organisations_visible_to(user).filter(
                Q(name__icontains=query) | Q(acronym__icontains=query)
            ),
            "people": directory_selectors.people_visible_to(user).filter(
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(username__icontains=query)
            ),
        }
        if is_dief_participant(user) and not marking.lacks_second_factor(request):
            # DIEF material, for those the forum admits, through its own selectors.
            words = Q(title__icontains=query) | Q(summary__icontains=query)
            sources["cases"] = dief_selectors.cases_visible_to(user).filter(words)
            sources["platform"] = dief_selectors.platform_items_visible_to(user).filter(words)
        for name, queryset in sources.items():
            counts[name] = queryset.count()
            results[name] = list(queryset[:SEARCH_LIMIT])
        marking.note(request, results["meetings"], listing=True)
        marking.note(request, *results.get("cases", ()), *results.get("platform", ()))
    return render(
        request,
        "search.html",
        {
            "form": form,
            "query": request.GET.get("q", "")[:100].replace("\x00", ""),
            "results": results,
            "counts": counts,
        },
    )


def in_any_language(fields: tuple[str, ...], text: str) -> Q:
    """Texts written per UN language match in whichever language they contain `text`."""
    condition = Q()
    for field in fields:
        for language in LANGUAGE_CODES:
            condition |= Q(**{f"{field_name(field, language)}__icontains": text})
    return condition


HISTORY_MODELS: dict[str, type] = {
    "state": State,
    "organisation": Organisation,
    "person": User,
    "meeting": Meeting,
    "cycle": CspCycle,
    # DIEF: each policy keeps the history as narrow as the object (ToR arts. 14-16, 22).
    "case": dief.Case,
    "platform-item": dief.PlatformItem,
    "presentation": dief.CasePresentation,
    "concerned-state": dief.ConcernedState,
    "use-request": dief.OperationalUseRequest,
    "challenge": dief.DisclosureChallenge,
    "law-enforcement-contact": dief.LawEnforcementContact,
    "briefing": dief.Briefing,
    "briefing-position": dief.BriefingPosition,
    "expert-proposal": dief.ExpertProposal,
    "expert-objection": dief.ExpertObjection,
    "wgeti-ad-hoc-proposal": AdHocIssueProposal,
    "wgeti-offer": WgetiPresentationOffer,
    "wgeti-submission": WgetiWrittenSubmission,
}


@dataclass(frozen=True)
class FieldChange:
    """One changed field of a history record: its name, as the reader calls it, and its old
    and new raw values."""

    field: str
    label: str
    old: object
    new: object

    @classmethod
    def of(cls, model, change) -> FieldChange:
        try:
            label = capfirst(model._meta.get_field(change.field).verbose_name)
        except FieldDoesNotExist:  # a field the model no longer has
            label = change.field
        return cls(field=change.field, label=label, old=change.old, new=change.new)


@login_required
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Who changed what and when, for those the policy lets see the object's history."""
    model = HISTORY_MODELS.get(kind)
    if model is None:
        raise Http404
    obj = access.get_visible_or_404(request.user, model, pk=pk)
    access.require(request.user, Action.VIEW_HISTORY, obj)
    marking.note(request, obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-pk")[:200]
    )
    entries = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        changes = record.diff_against(older).changes if older is not None else []
        entries.append({"record": record, "changes": [FieldChange.of(model, c) for c in changes]})
    return render(request, "history.html", {"object": obj, "entries": entries})


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
